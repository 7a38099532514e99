// Package benchsite is what the blog's and the wiki's benchmarks share: the
// journal of a generated site (package gensite), and running each template
// of a site on the data of its pages.
package benchsite

import (
	"io"
	"maps"
	"slices"
	"testing"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/gensite"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/page"
)

// Journal is the journal of a site gensite generates from seed 8 with
// these numbers of posts, contacts and events, read from memory, as of
// gensite.Now.
func Journal(posts, contacts, events int) (*journal.Journal, error) {
	fsys := fstest.MapFS{}
	for name, text := range gensite.Generate(8, posts, contacts, events).Netjournal() {
		fsys[name] = &fstest.MapFile{Data: []byte(text), Mode: 0o644}
	}
	site, err := content.Load(fsys)
	if err != nil {
		return nil, err
	}
	return journal.Build(site, markdown.New(), journal.Options{Now: gensite.Now})
}

// Data is the data of each job's page, made and filled, by template.
func Data(jobs []page.Job) map[string][]any {
	data := map[string][]any{}
	for _, job := range jobs {
		data[job.Template] = append(data[job.Template], Made(job))
	}
	return data
}

// Made is the data of job's page, its parts filled.
func Made(job page.Job) any {
	d := job.Data
	if job.Make != nil {
		d = job.Make()
	}
	return page.Filled(d)
}

// Templates runs a sub-benchmark for each template of data, which
// executes it on the data of all its pages; ns/page is the cost of one
// page.
func Templates(b *testing.B, exec page.Executor, data map[string][]any) {
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
