package build

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	searchHead = regexp.MustCompile(`(?s)^// [^\n]*\nwindow\.netjournalSearch = (\[.*?\]);\n(?:window\.netjournalSearchParts = (\[.*?\]);\n)?$`)
	searchPart = regexp.MustCompile(`(?s)^// [^\n]*\n\(window\.netjournalSearchPart = window\.netjournalSearchPart \|\| \{\}\)\[("[^"]*")\] = (\[.*\]);\n$`)
)

// searchTitles returns the titles of the search index of a wiki's files,
// in its order, read as search.js reads them (search-index.js, then each
// part it names), and the parts' names.
func searchTitles(t *testing.T, private map[string][]byte) (titles, parts []string) {
	t.Helper()
	m := searchHead.FindSubmatch(private["search-index.js"])
	if m == nil {
		t.Fatalf("search-index.js is %.300s", private["search-index.js"])
	}
	var docs []struct{ T string }
	if err := json.Unmarshal(m[1], &docs); err != nil {
		t.Fatal(err)
	}
	if m[2] != nil {
		if err := json.Unmarshal(m[2], &parts); err != nil {
			t.Fatal(err)
		}
	}
	for _, p := range parts {
		pm := searchPart.FindSubmatch(private[p])
		if pm == nil {
			t.Fatalf("the part %s is %.300s", p, private[p])
		}
		var name string
		var more []struct{ T string }
		if err := json.Unmarshal(pm[1], &name); err != nil || name != p {
			t.Fatalf("the part %s sets %s (%v)", p, pm[1], err)
		}
		if err := json.Unmarshal(pm[2], &more); err != nil {
			t.Fatal(err)
		}
		docs = append(docs, more...)
	}
	for _, d := range docs {
		titles = append(titles, d.T)
	}
	return titles, parts
}

// TestSearchIndexInParts: the search index of a wiki of more documents
// than a part holds comes in parts that search-index.js names: together
// every document once, in the index's order. A body edited writes one
// part again, and the index is a full build's, in memory and streamed.
func TestSearchIndexInParts(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "netjournal.yaml", "title: Parts\nbase_url: https://example.com/\n")
	const n = 1500
	for i := range n {
		write(t, dir, fmt.Sprintf("content/contacts/c-%04d.md", i), fmt.Sprintf("---\nname: Contact %04d\n---\nNotes on %d.\n", i, i))
	}
	opts := Options{Now: time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)}
	b := NewBuilder(os.DirFS(dir))
	b.Watched()
	first, err := b.Render(opts)
	if err != nil {
		t.Fatal(err)
	}
	titles, parts := searchTitles(t, first.Private)
	if len(parts) < 2 {
		t.Fatalf("%d parts for %d documents: the test proves nothing", len(parts)+1, n)
	}
	if len(titles) != n || !slices.IsSorted(titles) || len(slices.Compact(slices.Clone(titles))) != n {
		t.Fatalf("%d entries in %d parts, want the %d contacts by name", len(titles), len(parts)+1, n)
	}

	const rel = "content/contacts/c-0700.md"
	write(t, dir, rel, "---\nname: Contact 0700\n---\nNotes on 700, and a zeugma.\n")
	b.Forget(rel)
	got, err := b.Render(opts)
	if err != nil {
		t.Fatal(err)
	}
	var index []string
	for name, data := range got.Private {
		if (name == "search-index.js" || strings.HasPrefix(name, "search/")) && string(data) != string(first.Private[name]) {
			index = append(index, name)
		}
	}
	if len(index) != 1 || !strings.Contains(string(got.Private[index[0]]), "zeugma") {
		t.Errorf("an edit of one body wrote again %v of the index", index)
	}
	want, err := Render(os.DirFS(dir), opts)
	if err != nil {
		t.Fatal(err)
	}
	if diff := compare(got.Private, want.Private); diff != "" {
		t.Fatalf("after an edit, the wiki differs from a full build's:\n%s", diff)
	}
	sb, closeCache := cachedBuilder(t, dir)
	_, err = streamed(t, dir, sb, opts)
	closeCache()
	if err != nil {
		t.Fatal(err)
	}
	if diff := writtenDiff(t, dir, want); diff != "" {
		t.Fatalf("streamed, %s", diff)
	}

	// In a new process (a new builder, the cache on disk), a part is
	// known by its entries' keys, and one the output has is kept unread:
	// after an edit of a body, and after a new document that begins a
	// part of its own (which the first part then names), every part is
	// as a full build writes it.
	boundary := ""
	for i := 0; boundary == ""; i++ {
		// A part begins at a document whose path's FNV-1a hash 256
		// divides (wiki.searchParts).
		if p := fmt.Sprintf("content/contacts/c-0800-%d.md", i); fnvOf(p)%256 == 0 {
			boundary = p
		}
	}
	for _, edit := range []struct{ rel, data string }{
		{"content/contacts/c-1200.md", "---\nname: Contact 1200\n---\nNotes on 1200, and a zebra.\n"},
		{boundary, "---\nname: Contact 0800 and a half\n---\nA part of its own.\n"},
	} {
		write(t, dir, edit.rel, edit.data)
		sb, closeCache := cachedBuilder(t, dir)
		_, err := streamed(t, dir, sb, opts)
		closeCache()
		if err != nil {
			t.Fatal(err)
		}
		want, err := Render(os.DirFS(dir), opts)
		if err != nil {
			t.Fatal(err)
		}
		if diff := writtenDiff(t, dir, want); diff != "" {
			t.Fatalf("streamed after writing %s, %s", edit.rel, diff)
		}
	}
	if _, parts := searchTitles(t, readTree(t, filepath.Join(dir, "private"))); !slices.Contains(parts, "search/"+fmt.Sprintf("%016x", fnvOf(boundary))+".js") {
		t.Errorf("no part begins at %s: the test proves less than it says (parts %v)", boundary, parts)
	}
}

func fnvOf(s string) uint64 {
	h := fnv.New64a()
	io.WriteString(h, s)
	return h.Sum64()
}
