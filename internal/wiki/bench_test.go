package wiki

import (
	"sync"
	"testing"

	"github.com/netjournal/netjournal/internal/benchsite"
	"github.com/netjournal/netjournal/internal/journal"
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

var benchJournal = sync.OnceValues(func() (*journal.Journal, error) { return benchsite.Journal(1000, 200, 2000) })

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

// BenchmarkJournalWikiData makes every page's data, bodies filled in, and
// executes no template (it parses them, as a render does): what
// BenchmarkJournalWiki spends besides is keys, templates and the search
// index.
func BenchmarkJournalWikiData(b *testing.B) {
	j := journalOf(b)
	b.ReportAllocs()
	for range b.N {
		var c Cache
		r, _, _, err := c.plan(nil, j, themes.Default(), Options{}, page.NewSite(page.Into(map[string][]byte{})))
		if err != nil {
			b.Fatal(err)
		}
		for _, job := range r.jobs {
			benchsite.Made(job)
		}
	}
}

// BenchmarkJournalWikiTemplates executes each template on the data of
// all its pages, made before; ns/page is the cost of one page.
func BenchmarkJournalWikiTemplates(b *testing.B) {
	var c Cache
	r, exec, _, err := c.plan(nil, journalOf(b), themes.Default(), Options{}, page.NewSite(page.Into(map[string][]byte{})))
	if err != nil {
		b.Fatal(err)
	}
	benchsite.Templates(b, exec, benchsite.Data(r.jobs))
}
