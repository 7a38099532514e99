package blog

import (
	"sync"
	"testing"

	"github.com/netjournal/netjournal/internal/benchsite"
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
	j, err := benchsite.Journal(1000, 0, 0)
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
	r, exec, _, err := c.plan(siteOf(b), themes.Default(), nil, page.NewSite(page.Into(map[string][]byte{})))
	if err != nil {
		b.Fatal(err)
	}
	benchsite.Templates(b, exec, benchsite.Data(r.jobs))
}
