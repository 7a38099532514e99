package wiki

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
	"github.com/netjournal/netjournal/themes"
)

// The wiki of a full journal, where a build of one spends what it spends
// beyond the blog: contact pages (timelines, the month strip, the
// neighbourhood drawn twice), event pages, lists. The site is generated
// (package gensite) in the proportions bench/compare-hugo.sh's full
// journal has, at a tenth of its size: 1,000 posts, 200 contacts and
// 2,000 events.
//
//	go test -run '^$' -bench Journal -benchmem ./internal/wiki

var benchJournal = sync.OnceValues(func() (*journal.Journal, error) {
	fsys := fstest.MapFS{}
	for name, text := range gensite.Generate(8, 1000, 200, 2000).Netjournal() {
		fsys[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
	}
	site, err := content.Load(fsys)
	if err != nil {
		return nil, err
	}
	return journal.Build(site, markdown.New(), journal.Options{Now: gensite.Now})
})

func journalOf(b *testing.B) *journal.Journal {
	b.Helper()
	j, err := benchJournal()
	if err != nil {
		b.Fatal(err)
	}
	return j
}

// BenchmarkJournalWiki renders the whole wiki with no cache: every page's
// data, its key and its template, the search index.
func BenchmarkJournalWiki(b *testing.B) {
	j := journalOf(b)
	b.ReportAllocs()
	for range b.N {
		if _, err := Render(j, themes.Default()); err != nil {
			b.Fatal(err)
		}
	}
}

// planned is every page of the wiki with its data made (bodies filled),
// by template, and what executes them.
type planned struct {
	exec  page.Executor
	names []string
	data  map[string][]any
}

func plannedWiki(b *testing.B, j *journal.Journal) planned {
	b.Helper()
	var c Cache
	r, exec, _, err := c.plan(j, themes.Default(), Options{}, page.NewSite(page.Into(map[string][]byte{})))
	if err != nil {
		b.Fatal(err)
	}
	p := planned{exec: exec, data: map[string][]any{}}
	for _, job := range r.jobs {
		p.data[job.Template] = append(p.data[job.Template], made(job))
	}
	p.names = slices.Sorted(maps.Keys(p.data))
	return p
}

// made is the data of job's page, its parts filled.
func made(job page.Job) any {
	d := job.Data
	if job.Make != nil {
		d = job.Make()
	}
	return page.Filled(d)
}

// BenchmarkJournalWikiData makes every page's data, bodies filled in, and
// executes no template (it parses them, as a render does): what
// BenchmarkJournalWiki spends besides is keys, templates and the search
// index.
func BenchmarkJournalWikiData(b *testing.B) {
	j := journalOf(b)
	b.ReportAllocs()
	for range b.N {
		var c Cache
		r, _, _, err := c.plan(j, themes.Default(), Options{}, page.NewSite(page.Into(map[string][]byte{})))
		if err != nil {
			b.Fatal(err)
		}
		for _, job := range r.jobs {
			made(job)
		}
	}
}

// BenchmarkJournalWikiTemplates executes each template on the data of
// all its pages, made before; ns/page is the cost of one page.
func BenchmarkJournalWikiTemplates(b *testing.B) {
	p := plannedWiki(b, journalOf(b))
	for _, name := range p.names {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				for _, d := range p.data[name] {
					if err := p.exec(io.Discard, name, d); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(p.data[name])), "ns/page")
		})
	}
}
