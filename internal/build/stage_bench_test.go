package build

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strings"
	"testing"

	"github.com/netjournal/netjournal/internal/blog"
	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/wiki"
	"github.com/netjournal/netjournal/themes"
)

// The stages of a cold build of the generated 10,000-post site, one by one,
// each from the output of the stages before it, with allocations: where a
// build's time goes. go test -run '^$' -bench Stage -benchmem ./internal/build

func BenchmarkStageLoad(b *testing.B) {
	fsys := os.DirFS(benchSite(b, 10000))
	b.ReportAllocs()
	for range b.N {
		if _, err := content.Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStageLoadAgain is the load of a rebuild: one post saved,
// every other file known to the cache; watched, as serve and --watch
// load, told the file saved, else asking every file its size and time.
func BenchmarkStageLoadAgain(b *testing.B) {
	for _, watched := range []bool{false, true} {
		b.Run(fmt.Sprintf("watched=%v", watched), func(b *testing.B) {
			fsys := os.DirFS(benchSite(b, 10000))
			c := content.Cache{Watched: watched}
			if _, err := c.Load(fsys); err != nil {
				b.Fatal(err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				c.Forget("content/posts/post-5000.md")
				if _, err := c.Load(fsys); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// journalOf builds the journal of the bench site with a fresh renderer.
func journalOf(b *testing.B) (*content.Site, *journal.Journal) {
	site, err := content.Load(os.DirFS(benchSite(b, 10000)))
	if err != nil {
		b.Fatal(err)
	}
	j, err := journal.Build(site, markdown.New(), journal.Options{Now: benchOpts.Now})
	if err != nil {
		b.Fatal(err)
	}
	return site, j
}

// BenchmarkStageJournal resolves refs and wikilinks into the journal;
// finding each body's wikilinks parses and renders it, once for every
// audience (markdown.prepare).
func BenchmarkStageJournal(b *testing.B) {
	site, err := content.Load(os.DirFS(benchSite(b, 10000)))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for range b.N {
		if _, err := journal.Build(site, markdown.New(), journal.Options{Now: benchOpts.Now}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStageJournalAgain is the journal of a rebuild: the same site
// and renderer, every body's facts known, as a watched build's after an
// edit.
func BenchmarkStageJournalAgain(b *testing.B) {
	site, err := content.Load(os.DirFS(benchSite(b, 10000)))
	if err != nil {
		b.Fatal(err)
	}
	md := markdown.New()
	if _, err := journal.Build(site, md, journal.Options{Now: benchOpts.Now}); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := journal.Build(site, md, journal.Options{Now: benchOpts.Now}); err != nil {
			b.Fatal(err)
		}
		md.Sweep()
	}
}

// BenchmarkStagePublic makes the public view of a built journal: every
// published body's holes filled for the blog.
func BenchmarkStagePublic(b *testing.B) {
	b.StopTimer()
	site, _ := journalOf(b)
	b.ReportAllocs()
	for range b.N {
		j, err := journal.Build(site, markdown.New(), journal.Options{Now: benchOpts.Now})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := j.Public(); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
	}
}

// BenchmarkStageBlog computes every blog page's data and executes its
// template, with no cache.
func BenchmarkStageBlog(b *testing.B) {
	_, j := journalOf(b)
	pub, err := j.Public()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := blog.Render(pub, themes.Default()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStageWiki computes every wiki page's data (pictures and search
// index included) and executes its template, with no cache; the bodies'
// Markdown is rendered once, before.
func BenchmarkStageWiki(b *testing.B) {
	_, j := journalOf(b)
	if _, err := wiki.Render(j, themes.Default()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := wiki.Render(j, themes.Default()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStageLinks checks every internal link of both sites, from
// scratch.
func BenchmarkStageLinks(b *testing.B) {
	res, err := Render(os.DirFS(benchSite(b, 10000)), benchOpts)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		new(linkCache).check(res.Journal, res, false, nil)
	}
}

// BenchmarkStageWrite writes both sites into a new pair of folders.
func BenchmarkStageWrite(b *testing.B) {
	res, err := Render(os.DirFS(benchSite(b, 10000)), benchOpts)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		site := b.TempDir()
		b.StartTimer()
		if err := Write(context.Background(), site, Output{Dir: filepath.Join(site, "public"), Files: res.Public},
			Output{Dir: filepath.Join(site, "private"), Files: res.Private, Private: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// The edits of a session, each timed from the save to the new result in
// memory, on the bench site: a body, a new event, a renamed contact (every
// page that names them), a new tag.
func BenchmarkEdit(b *testing.B) {
	for _, tc := range []struct {
		name string
		edit func(dir string, i int) []string
	}{
		{"body", func(dir string, i int) []string {
			return appendTo(b, dir, "content/posts/post-5000.md", fmt.Sprintf("\nEdit number %d.\n", i))
		}},
		{"add a wikilink", func(dir string, i int) []string {
			return appendTo(b, dir, "content/posts/post-5000.md", fmt.Sprintf("\nSee [[post-%d]].\n", i%10000))
		}},
		// Two bodies' edits, which render what they changed alone, then a
		// wikilink's, which renders everything that changed since: it
		// finds what the others did not use kept (nothing to make again).
		{"two bodies then a wikilink", nil},
		{"add an event", func(dir string, i int) []string {
			rel := fmt.Sprintf("content/events/bench-new-%d.md", i)
			writeBench(b, dir, rel, fmt.Sprintf("---\ntitle: New %d\ndate: 2026-11-20\nwith: [c-1, c-2]\n---\nMet.\n", i))
			return []string{rel}
		}},
		{"rename a contact", func(dir string, i int) []string {
			rel := "content/contacts/c-7.md"
			p := filepath.Join(dir, rel)
			src, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			lines := strings.SplitN(string(src), "\n", 3)
			lines[1] = fmt.Sprintf("name: Renamed Contact %d", i)
			writeBench(b, dir, rel, strings.Join(lines, "\n"))
			return []string{rel}
		}},
		{"add a tag", func(dir string, i int) []string {
			rel := "content/posts/post-4000.md"
			p := filepath.Join(dir, rel)
			src, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			writeBench(b, dir, rel, strings.Replace(string(src), "tags: [", fmt.Sprintf("tags: [new-tag-%d, ", i), 1))
			return []string{rel}
		}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			dir := b.TempDir()
			if err := os.CopyFS(dir, os.DirFS(benchSite(b, 10000))); err != nil {
				b.Fatal(err)
			}
			bl := NewBuilder(os.DirFS(dir))
			bl.Watched() // as serve's: the files saved are named to Forget
			if _, err := bl.Render(benchOpts); err != nil {
				b.Fatal(err)
			}
			rendered := 0
			b.ResetTimer()
			render := func(touched ...string) {
				bl.Forget(touched...)
				// Labelled, with the goroutines it starts, so that a CPU
				// profile shows the edits apart from the site's setup:
				// go tool pprof -tagfocus phase=edit.
				pprof.Do(context.Background(), pprof.Labels("phase", "edit"), func(context.Context) {
					res, err := bl.Render(benchOpts)
					if err != nil {
						b.Fatal(err)
					}
					rendered += res.Rendered
				})
			}
			for i := range b.N {
				if tc.edit != nil {
					render(tc.edit(dir, i)...)
					continue
				}
				render(appendTo(b, dir, "content/posts/post-5000.md", fmt.Sprintf("\nEdit number %d.\n", i))...)
				render(appendTo(b, dir, "content/contacts/c-5.md", fmt.Sprintf("\nEdit number %d.\n", i))...)
				render(appendTo(b, dir, "content/posts/post-6000.md", fmt.Sprintf("\nSee [[post-%d]].\n", i%10000))...)
			}
			b.ReportMetric(float64(rendered)/float64(b.N), "pages/op")
		})
	}
}

func appendTo(b *testing.B, dir, rel, text string) []string {
	f, err := os.OpenFile(filepath.Join(dir, rel), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text); err != nil {
		b.Fatal(err)
	}
	return []string{rel}
}

func writeBench(b *testing.B, dir, rel, data string) {
	if err := os.WriteFile(filepath.Join(dir, rel), []byte(data), 0o644); err != nil {
		b.Fatal(err)
	}
}
