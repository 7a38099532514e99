package wiki

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/internal/par"
)

// searchIndex is the file the search box reads. It is a script that sets a
// global, not JSON: a page opened from file:// may not fetch() a file, but
// it may load a script.
const searchIndex = "search-index.js"

// notesLimit caps the notes of one document in the index, in runes.
const notesLimit = 4000

// SearchDoc is one contact, event or post in the search index. It holds
// only what the wiki shows on the document's page. The short JSON names
// keep the index small; search.js reads them.
type SearchDoc struct {
	Kind    string   `json:"k"`           // contact, event or post
	Title   string   `json:"t"`           // name or title
	URL     string   `json:"u"`           // wiki path from the wiki's root
	Sub     string   `json:"s,omitempty"` // the line under the title in results
	Aliases []string `json:"a,omitempty"`
	Company string   `json:"c,omitempty"`
	Tags    []string `json:"g,omitempty"`
	Other   string   `json:"o,omitempty"` // role, location, kind, people, summary
	Notes   string   `json:"n,omitempty"` // the body as plain text
	Hue     string   `json:"h,omitempty"` // a contact's circle colour class
}

// searchPartEvery is how many documents a part of the search index has,
// on average: a part starts at a document whose path's hash it divides.
const searchPartEvery = 256

// A searchPart is a part of the search index: the entries from, to of
// the index's order. The first is in searchIndex, with the names of the
// others; each other is a file of its own, named by its first document's
// path, so that an edit writes one part again, not the whole index (6 MB
// at 10,000 posts), and a document added or removed changes the part it
// is in alone.
type searchPart struct {
	file     string
	from, to int
	data     []byte // its bytes, kept by a render in memory for the next (again)
}

// searchParts divides the index of nodes into parts.
func searchParts(nodes []journal.Node) []searchPart {
	parts := []searchPart{{file: searchIndex}}
	named := map[string]bool{}
	for i := 1; i < len(nodes); i++ {
		h := fnv.New64a()
		io.WriteString(h, nodes[i].Doc().Path)
		sum := h.Sum64()
		if sum%searchPartEvery != 0 {
			continue
		}
		// Two paths of one hash (never seen) make one part, not two of
		// one name.
		if file := fmt.Sprintf("search/%016x.js", sum); !named[file] {
			named[file] = true
			parts[len(parts)-1].to = i
			parts = append(parts, searchPart{file: file, from: i})
		}
	}
	parts[len(parts)-1].to = len(nodes)
	return parts
}

// putSearch puts the search index: contacts by name, events newest
// first, posts newest first, in parts (searchPart). Entries are built on
// every core; each body's text comes from the Markdown renderer's memory
// when it did not change. A part is written entry by entry, never held
// whole in a render that keeps nothing: those kept on disk are read back
// a batch at a time, on every core. A render readied again from the last
// (Cache.again) writes again only the parts with an edited document.
func (r *renderer) putSearch(out *page.Site) error {
	again := r.entries != nil && r.bodiesEdited != nil
	nodes, entries, err := r.searchEntries(again)
	if err != nil {
		return err
	}
	if !again || r.parts == nil {
		r.parts = searchParts(nodes)
	}
	names := make([]string, 0, len(r.parts)-1)
	for _, p := range r.parts[1:] {
		names = append(names, p.file)
	}
	lastParts := r.partsWere(names)
	for k := range r.parts {
		p := &r.parts[k]
		if again && p.data != nil && !r.editedIn(p) {
			if err := out.Put(p.file, p.data); err != nil {
				return err
			}
			continue
		}
		if lp := lastParts[p.file]; lp.same(*p, entries) {
			p.data = lp.data
			if err := out.Put(p.file, p.data); err != nil {
				return err
			}
			continue
		}
		write := func(w io.Writer) error { return r.writePart(w, nodes, entries, *p, names) }
		if r.cache.pages.Once {
			p.data = nil
			// Known by the keys of its entries, a part that the output
			// has is neither read back nor written again (every part,
			// its entries read from the disk, written and hashed, was
			// about 100 ms of the CPU of a 1.1 s build after a post's
			// edit, at 10,000 posts).
			if err := out.PutKeyedFrom(p.file, partKey(*p, entries, names), write); err != nil {
				return err
			}
			continue
		}
		var b bytes.Buffer
		if err := write(&b); err != nil {
			return err
		}
		p.data = b.Bytes()
		if err := out.Put(p.file, p.data); err != nil {
			return err
		}
	}
	return nil
}

// lastPart is a part of the last render's index in memory: its bytes,
// and its entries.
type lastPart struct {
	data    []byte
	entries []searchEntry
}

// partsWere returns the parts of the last render's index in memory, by
// file, but its first when the others' names are not names, and leaves
// that index to be collected.
func (r *renderer) partsWere(names []string) map[string]lastPart {
	entries, parts := r.lastEntries, r.lastParts
	r.lastEntries, r.lastParts = nil, nil
	if len(parts) == 0 || r.cache.pages.Once {
		return nil
	}
	lastNames := make([]string, 0, len(parts)-1)
	for _, p := range parts[1:] {
		lastNames = append(lastNames, p.file)
	}
	out := make(map[string]lastPart, len(parts))
	for _, p := range parts {
		if p.data == nil || p.to > len(entries) || p.file == searchIndex && !slices.Equal(names, lastNames) {
			continue
		}
		out[p.file] = lastPart{p.data, entries[p.from:p.to]}
	}
	return out
}

// same reports whether the part p of an index of entries is the last
// render's part lp: a part is made of its file, the names of the
// others (the first, which partsWere compared) and its entries' JSON
// (writePart). An event added wrote every part of the index again (6 MB
// at 10,000 posts) for the one that holds its entry.
func (lp lastPart) same(p searchPart, entries []searchEntry) bool {
	if lp.data == nil || p.to-p.from != len(lp.entries) {
		return false
	}
	for k, e := range entries[p.from:p.to] {
		was := lp.entries[k]
		// The JSON in memory, most of it the very same bytes.
		if e.onDisk != nil || was.onDisk != nil || !bytes.Equal(e.json, was.json) {
			return false
		}
	}
	return true
}

// partKey is what part p of an index of entries, whose parts other than
// the first are names, is made from (writePart): the part's file, the
// names when it is the first, and each entry: its key on the disk, the
// hash of its JSON (keep) or of what its JSON is made from (keepLater);
// or, for a document without a body, whose entry is made with its page
// and kept in memory, the JSON itself. The text around the entries is the
// program's, whose version the output's keys add (build's keyFor).
func partKey(p searchPart, entries []searchEntry, names []string) page.Key {
	h := sha256.New()
	io.WriteString(h, "netjournal search part 1\x00")
	io.WriteString(h, strconv.Quote(p.file))
	if p.file == searchIndex {
		for _, name := range names {
			io.WriteString(h, strconv.Quote(name))
		}
	}
	h.Write([]byte{0})
	for _, e := range entries[p.from:p.to] {
		if e.onDisk != nil {
			h.Write([]byte{'k'})
			h.Write(e.onDisk[:])
			continue
		}
		h.Write([]byte{'j'})
		h.Write(binary.AppendUvarint(nil, uint64(len(e.json))))
		h.Write(e.json)
	}
	var k page.Key
	h.Sum(k[:0])
	return k
}

// editedIn reports whether part p has a document whose body was edited.
func (r *renderer) editedIn(p *searchPart) bool {
	for path := range r.bodiesEdited {
		if i, ok := r.entryAt[path]; ok && i >= p.from && i < p.to {
			return true
		}
	}
	return false
}

// searchBatch is how many entries of a part are read back at once, each
// into a buffer of a batch of searchBuffers.
const searchBatch = 512

var searchBuffers = sync.Pool{New: func() any { b := make([][]byte, searchBatch); return &b }}

// writePart writes part p of the index of nodes, whose entries are
// entries; the first part names the others (names).
func (r *renderer) writePart(w io.Writer, nodes []journal.Node, entries []searchEntry, p searchPart, names []string) error {
	head := "// The search index of the private wiki, generated by netjournal. Private: do not publish.\n" +
		"window.netjournalSearch = ["
	if p.file != searchIndex {
		// A part sets its own entry in a table, whichever loads first.
		head = "// A part of the search index of the private wiki (see search-index.js), generated by netjournal. Private: do not publish.\n" +
			"(window.netjournalSearchPart = window.netjournalSearchPart || {})[" + strconv.Quote(p.file) + "] = ["
	}
	if _, err := io.WriteString(w, head); err != nil {
		return err
	}
	// Entries kept on disk are read into a buffer of each place of a
	// batch, used again by the next batches and the next parts: at
	// 100,000 posts the index is 368 MB, all of it read back, and
	// allocated while the wiki's pages were made it raised the heap.
	jsons := make([][]byte, searchBatch)
	bp := searchBuffers.Get().(*[][]byte)
	bufs := *bp
	defer func() {
		for k := range bufs {
			if cap(bufs[k]) > maxEntryBuffer {
				bufs[k] = nil
			}
		}
		searchBuffers.Put(bp)
	}()
	for from := p.from; from < p.to; from += searchBatch {
		n := min(searchBatch, p.to-from)
		errs := make([]error, n)
		par.Each(n, func(k int) {
			i := from + k
			jsons[k], errs[k] = r.json(nodes[i], entries[i], &bufs[k])
		})
		if err := errors.Join(errs...); err != nil {
			return err
		}
		for k, b := range jsons[:n] {
			if from+k > p.from {
				if _, err := io.WriteString(w, ","); err != nil {
					return err
				}
			}
			if _, err := w.Write(b); err != nil {
				return err
			}
			jsons[k] = nil
		}
	}
	tail := "];\n"
	if p.file == searchIndex && len(names) > 0 {
		// The names are hexadecimal digits: quoted as they are, they are
		// JSON, and safe in a script.
		quoted := make([]string, len(names))
		for i, name := range names {
			quoted[i] = strconv.Quote(name)
		}
		tail += "window.netjournalSearchParts = [" + strings.Join(quoted, ",") + "];\n"
	}
	_, err := io.WriteString(w, tail)
	return err
}

// searchEntries returns the documents of the index, in its order, and
// their entries; again, those of a renderer readied again (putSearch).
func (r *renderer) searchEntries(again bool) ([]journal.Node, []searchEntry, error) {
	if again {
		// A renderer readied again (Cache.again): the same journal, its
		// documents in the same order, edited in their bodies alone.
		// Going through every document to find them the same was a
		// tenth of an edit's rebuild at 10,000 posts.
		for path := range r.bodiesEdited {
			i, ok := r.entryAt[path]
			if !ok {
				continue
			}
			e, err := r.entry(r.nodes[i])
			if err != nil {
				return nil, nil, err
			}
			r.entries[i] = e
			r.cache.search[path] = e
		}
		return r.nodes, r.entries, nil
	}
	var nodes []journal.Node
	for _, c := range r.j.Contacts {
		nodes = append(nodes, c)
	}
	for _, e := range r.j.Events {
		nodes = append(nodes, e)
	}
	for _, p := range r.j.Posts {
		nodes = append(nodes, p)
	}
	entries := make([]searchEntry, len(nodes))
	errs := make([]error, len(nodes))
	var taken atomic.Int64
	// The posts being the last render's, in its order (postsKept), their
	// entries are the last index's last ones, where they are: not each
	// looked up by its path.
	postsAt, lastPosts := len(nodes)-len(r.j.Posts), []searchEntry(nil)
	if r.postsKept && len(r.lastEntries) == r.lastPostsAt+len(r.j.Posts) {
		lastPosts = r.lastEntries[r.lastPostsAt:]
	}
	par.Each(len(nodes), func(i int) {
		if made, ok := r.made.LoadAndDelete(nodes[i]); ok {
			entries[i] = made.(searchEntry) // with its page (Once)
			return
		}
		if i >= postsAt && lastPosts != nil {
			entries[i] = lastPosts[i-postsAt]
			taken.Add(1)
			return
		}
		if _, post := nodes[i].(*journal.Post); post && r.postsKept {
			// As the last render made it (frameAsIn).
			if prev, ok := r.cache.search[nodes[i].Doc().Path]; ok {
				entries[i] = prev
				taken.Add(1)
				return
			}
		}
		if path := nodes[i].Doc().Path; r.bodiesEdited != nil && !r.bodiesEdited[path] {
			// Its document is as it was, and so is the journal around
			// it (Options.Edited): so is its entry.
			if prev, ok := r.cache.search[path]; ok {
				entries[i] = prev
				taken.Add(1)
				return
			}
		}
		if r.cache.pages.Once && r.cache.pages.Disk != nil && !nodes[i].Source().Blank() {
			// Its page was taken as it was (Options.Edited, in a new
			// process): its entry is on the disk by what it is made
			// from, as if made with the page.
			if errs[i] = r.keepLater(nodes[i]); errs[i] == nil {
				made, _ := r.made.LoadAndDelete(nodes[i])
				entries[i] = made.(searchEntry)
			}
			return
		}
		entries[i], errs[i] = r.entry(nodes[i])
	})
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	r.cache.taken = int(taken.Load())
	if r.bodiesEdited == nil && !r.keptAny {
		r.cache.notes.Sweep() // as the render's other memos (plan)
	}
	r.cache.search, r.cache.entries = nil, nil
	if r.cache.pages.Once && r.cache.pages.Keys {
		r.cache.entries = make(map[string]page.Key, len(nodes))
		for i, e := range entries {
			if e.onDisk != nil {
				r.cache.entries[nodes[i].Doc().Path] = page.Key(*e.onDisk)
			}
		}
	}
	if !r.cache.pages.Once {
		r.cache.search = make(map[string]searchEntry, len(nodes))
		r.entryAt = make(map[string]int, len(nodes))
		for i, e := range entries {
			path := nodes[i].Doc().Path
			r.cache.search[path] = e
			r.entryAt[path] = i
		}
		r.nodes, r.entries = nodes, entries // for a render readied again
	}
	return nodes, entries, nil
}

// keep keeps the search entry of n, made with its page, for the index: in
// the cache on disk when there is one, by the hash of its JSON, so that
// the index's every entry is not held in memory until the last page is
// made.
func (r *renderer) keep(n journal.Node, e searchEntry) {
	if disk := r.cache.pages.Disk; disk != nil {
		key := diskcache.Key(sha256.Sum256(append([]byte("search entry\x00"), e.json...)))
		disk.Put(key, e.json)
		e = searchEntry{onDisk: &key}
	}
	r.made.Store(n, e)
}

// keepLater keeps the search entry of n, whose body is not blank, for
// the index, in a render that keeps nothing and a cache on disk: by the
// hash of what it is made from, its fields and what its notes are made
// from (markdown.Later), so that an entry the disk holds already is
// neither made nor encoded again. (Every entry made again for an edited
// build was a tenth of its CPU.)
func (r *renderer) keepLater(n journal.Node) error {
	disk := r.cache.pages.Disk
	doc := r.searchFields(n)
	notes := r.j.Markdown().Later(n.Source(), r.plainOptions())
	if notes.Key == "" {
		e, err := r.entry(n)
		if err == nil {
			r.keep(n, e)
		}
		return err
	}
	fields, err := page.KeyOf("", "search entry", doc)
	if err != nil {
		return err
	}
	h := sha256.New()
	h.Write([]byte("search entry of\x00"))
	h.Write(fields[:])
	h.Write([]byte(notes.Key))
	var key diskcache.Key
	h.Sum(key[:0])
	if !disk.Has(key) {
		doc.Notes = r.cache.truncated(notes.Make().Text)
		// Encoded in a buffer kept for the next entry: Put copies it.
		buf := entryBuffers.Get().(*bytes.Buffer)
		b, err := encodeEntry(buf, doc)
		if err == nil {
			disk.Put(key, b)
		}
		if buf.Cap() <= maxEntryBuffer {
			entryBuffers.Put(buf)
		}
		if err != nil {
			return err
		}
	}
	disk.Keep(key)
	r.made.Store(n, searchEntry{onDisk: &key})
	return nil
}

// encodeEntry encodes an entry that keepLater puts on disk, in buf, as
// json.Marshal does: <, > and & escaped, so that the index is safe in a
// script. (A test counts; every entry's own encoding, let go once it was
// put, was 0.4 GB of a 100,000-post build.)
var encodeEntry = func(buf *bytes.Buffer, doc SearchDoc) ([]byte, error) {
	buf.Reset()
	if err := json.NewEncoder(buf).Encode(doc); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil // Encode's line end
}

// entryBuffers are what keepLater encodes entries in; maxEntryBuffer is
// the largest kept.
var entryBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

const maxEntryBuffer = 1 << 16

// json returns the JSON of n's search entry e, read back from the disk
// into *buf if it was kept there (made again if it cannot be read).
func (r *renderer) json(n journal.Node, e searchEntry, buf *[]byte) ([]byte, error) {
	if e.onDisk == nil {
		return e.json, nil
	}
	if b, ok := r.cache.pages.Disk.Read(buf, *e.onDisk); ok {
		return b, nil
	}
	made, err := r.entry(n)
	return made.json, err
}

// entry is the search entry of n: the one the last render made, when n's
// entry is the same, else made now. A render that keeps nothing keeps
// only the JSON.
func (r *renderer) entry(n journal.Node) (searchEntry, error) {
	doc := r.searchDoc(n)
	// Encoding is the costly part: an entry is kept while its
	// document's SearchDoc is the same, which comparing finds
	// sooner than hashing it (most strings are the very same).
	if prev, ok := r.cache.search[n.Doc().Path]; ok && page.Equal(prev.doc, doc) {
		return searchEntry{doc: doc, json: prev.json}, nil
	}
	// json.Marshal escapes <, > and &: the index is safe in a script.
	b, err := json.Marshal(doc)
	if r.cache.pages.Once {
		return searchEntry{json: b}, err
	}
	return searchEntry{doc: doc, json: b}, err
}

// searchEntry is a document's search entry and its JSON; or, kept on
// disk (keep), the key of its JSON there.
type searchEntry struct {
	doc    SearchDoc
	json   []byte
	onDisk *diskcache.Key
}

// searchDoc is the search entry of a contact, event or post.
func (r *renderer) searchDoc(n journal.Node) SearchDoc {
	doc := r.searchFields(n)
	doc.Notes = r.plain(n)
	return doc
}

// searchFields is the search entry of n but its Notes.
func (r *renderer) searchFields(n journal.Node) SearchDoc {
	switch n := n.(type) {
	case *journal.Contact:
		c := n
		sub := strings.Join(nonEmpty(c.Role, c.Company), " · ")
		if sub == "" {
			sub = c.Location
		}
		return SearchDoc{
			Kind: "contact", Title: c.Name, URL: escape(PagePath(c)), Sub: sub,
			Aliases: c.Aliases, Company: c.Company, Tags: c.Tags,
			Other: strings.Join(nonEmpty(c.Role, c.Location, r.circleOf(c)), " · "),
			Hue:   hueOf(r.j, c.Circle),
		}
	case *journal.Event:
		e := n
		var people []string
		for _, c := range e.With {
			people = append(people, c.Name)
		}
		sub := journal.Date(e.Date.Day())
		if e.Kind != "" {
			sub += " · " + e.Kind
		}
		if e.Planned(r.j.Today) {
			sub += " · plan"
		}
		// What was promised, given and passed on is what one searches
		// an event for: "what did I promise Ana?"
		details := []string{e.Kind, e.Location, strings.Join(people, ", ")}
		for _, f := range e.Followups {
			details = append(details, f.What)
		}
		for _, f := range append(append([]*journal.Favour(nil), e.Gave...), e.Received...) {
			details = append(details, f.What)
		}
		for _, s := range e.Shared {
			details = append(details, s.Title(), s.Note)
		}
		return SearchDoc{
			Kind: "event", Title: e.Title(), URL: escape(PagePath(e)), Sub: sub,
			Other: strings.Join(nonEmpty(details...), " · "),
		}
	}
	p := n.(*journal.Post)
	return SearchDoc{
		Kind: "post", Title: p.Title(), URL: escape(PagePath(p)),
		Sub:   journal.Date(p.Date.Day()) + " · " + p.Status(r.j.Opts),
		Tags:  p.Tags,
		Other: strings.Join(nonEmpty(p.Summary, host(p.Link)), " · "),
	}
}

// plain is the body of n as plain text on one line, wikilinks as the
// titles they show, cut to notesLimit.
func (r *renderer) plain(n journal.Node) string {
	body := n.Source()
	if body.Blank() {
		return ""
	}
	res := r.j.Markdown().Render(body, r.plainOptions())
	return r.cache.truncated(res.Text)
}

// plainOptions render a body as the search index shows it.
func (r *renderer) plainOptions() markdown.Options {
	return markdown.Options{
		// Errors in bodies are reported when the page is rendered.
		Resolve: func(l markdown.Wikilink) (markdown.Resolution, error) {
			if l.Labeled || l.Target == "" {
				return markdown.Resolution{}, nil
			}
			r.record(l.Target)
			if t := r.target(l.Target); t.missing == nil && t.err == nil {
				return markdown.Resolution{Text: t.ref.Title}, nil
			}
			return markdown.Resolution{}, nil
		},
		Key:   "wiki search", // the resolver is pure: a body's text is kept
		Parts: markdown.PartText,
	}
}

// truncated is text cut to notesLimit, remembered by the text itself
// while it is used: cutting every document's text again on every
// rebuild cost more than the rest of the index.
func (c *Cache) truncated(text string) string {
	if c.pages.Once {
		return markdown.Truncate(text, notesLimit)
	}
	if cut, ok := c.notes.Get(text); ok {
		return cut
	}
	cut := markdown.Truncate(text, notesLimit)
	c.notes.Put(text, cut)
	return cut
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
