package blog

import (
	"io"
	"maps"
	"slices"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/gensite"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/internal/public"
	"github.com/netjournal/netjournal/themes"
)

// The blog of a generated site of 1,000 posts (package gensite, as
// bench/compare-hugo.sh builds them), page by page: where a cold build's
// template time goes (a post page is the most of it).
//
//	go test -run '^$' -bench Blog -benchmem ./internal/blog

var benchSite = sync.OnceValues(func() (*public.Site, error) {
	fsys := fstest.MapFS{}
	for name, text := range gensite.Generate(8, 1000, 0, 0).Netjournal() {
		fsys[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
	}
	site, err := content.Load(fsys)
	if err != nil {
		return nil, err
	}
	j, err := journal.Build(site, markdown.New(), journal.Options{Now: gensite.Now})
	if err != nil {
		return nil, err
	}
	return j.Public()
})

func siteOf(b *testing.B) *public.Site {
	b.Helper()
	s, err := benchSite()
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkBlog renders the whole blog with no cache: every page's data,
// its key and its template.
func BenchmarkBlog(b *testing.B) {
	s := siteOf(b)
	b.ReportAllocs()
	for range b.N {
		if _, err := Render(s, themes.Default()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBlogTemplates executes each template on the data of all its
// pages, made before; ns/page is the cost of one page. The list entries
// that templates make with cached are executed by the first iteration and
// remembered after, as in a build, where each is made once.
func BenchmarkBlogTemplates(b *testing.B) {
	var c Cache
	r, exec, _, err := c.plan(siteOf(b), themes.Default(), page.NewSite(page.Into(map[string][]byte{})))
	if err != nil {
		b.Fatal(err)
	}
	data := map[string][]any{}
	for _, job := range r.jobs {
		d := job.Data
		if job.Make != nil {
			d = job.Make()
		}
		data[job.Template] = append(data[job.Template], page.Filled(d))
	}
	for _, name := range slices.Sorted(maps.Keys(data)) {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				for _, d := range data[name] {
					if err := exec(io.Discard, name, d); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(data[name])), "ns/page")
		})
	}
}
