package journal

import (
	"fmt"
	"maps"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/public"
)

// samePublicSite is a journal whose public posts link a contact with a
// public block, a private one under a label, a draft under a label and
// each other; a scheduled post, a page and an event besides.
var samePublicSite = map[string]string{
	"content/contacts/ana-lima.md": "---\nname: Ana Lima\npublic: {name: Ana L., url: \"https://ana.example/\"}\n---\n",
	"content/contacts/bo-chen.md":  "---\nname: Bo Chen\ncircle: core\n---\n",
	"content/contacts/cy-dee.md":   "---\nname: Cy Dee\npublic: {name: Cy, url: \"https://cy.example/\"}\n---\n",
	"content/contacts/di-ek.md":    "---\nname: Di Ek\n---\nOnly the wiki links [[Bo Chen]].\n",
	"content/events/lunch.md":      "---\ntitle: Lunch\ndate: 2026-11-01\nwith: [ana-lima, bo-chen]\n---\nTalked.\n",
	"content/posts/first.md":       "---\ntitle: First\ndate: 2026-10-01\n---\nWith [[Ana Lima]] and [[Bo Chen|a friend]], see [[second]] and [[draft|soon]].\n",
	"content/posts/second.md":      "---\ntitle: Second\ndate: 2026-10-02\n---\nBack to [[first]].\n",
	"content/posts/draft.md":       "---\ntitle: Draft\ndate: 2026-10-03\ndraft: true\n---\nNot yet.\n",
	"content/posts/later.md":       "---\ntitle: Later\ndate: 2026-11-25\n---\nSoon out.\n",
	"content/pages/about.md":       "---\ntitle: About\n---\nI work with [[Cy Dee]].\n",
}

// journalOf builds a journal of files with md, as a rebuild in one
// process does, and makes its public view.
func journalOf(t *testing.T, md *markdown.Renderer, cfg string, files map[string]string, opts Options) (*Journal, *public.Site, *content.Site) {
	t.Helper()
	s := loadSite(t, cfg, files)
	j, err := Build(s, md, opts)
	if err != nil {
		return j, nil, s
	}
	pub, err := j.Public()
	if err != nil {
		return j, nil, s
	}
	return j, pub, s
}

// with is files with these changed (an empty text removes the file).
func with(files map[string]string, changes map[string]string) map[string]string {
	out := maps.Clone(files)
	for name, src := range changes {
		if src == "" {
			delete(out, name)
		} else {
			out[name] = src
		}
	}
	return out
}

// TestSamePublic: a journal is found to have the last one's public view
// when it does (and then it is the same view, made again), and is never
// found to when its view is another.
func TestSamePublic(t *testing.T) {
	base := Options{Now: now}
	for _, tc := range []struct {
		name    string
		config  string
		changes map[string]string
		opts    Options
		same    bool // SamePublic must say so
		differs bool // the public views differ: SamePublic must not say the same
	}{
		{name: "nothing changed", same: true},
		{name: "an event added", changes: map[string]string{
			"content/events/coffee.md": "---\ntitle: Coffee\ndate: 2026-11-20\nwith: [ana-lima, bo-chen]\n---\nMet [[Di Ek]].\n"}, same: true},
		{name: "an event moved", changes: map[string]string{
			"content/events/lunch.md": "---\ntitle: Lunch\ndate: 2026-11-02\nwith: [ana-lima]\n---\nTalked.\n"}, same: true},
		{name: "a contact the wiki alone links renamed", changes: map[string]string{
			"content/contacts/di-ek.md": "---\nname: Di Eklund\n---\nOnly the wiki links [[Bo Chen]].\n"}, same: true},
		{name: "a private contact linked under a label, edited", changes: map[string]string{
			"content/contacts/bo-chen.md": "---\nname: Bo Chen\ncircle: core\nrole: Engineer\n---\n"}, same: true},
		{name: "the same day, later", opts: Options{Now: now.Add(3 * time.Hour)}, same: true},
		{name: "a linked contact's public name", changes: map[string]string{
			"content/contacts/ana-lima.md": "---\nname: Ana Lima\npublic: {name: Ana Lima, url: \"https://ana.example/\"}\n---\n"}, differs: true},
		{name: "a page's linked contact goes private", changes: map[string]string{
			"content/contacts/cy-dee.md": "---\nname: Cy Dee\n---\n"}, differs: true},
		{name: "a post edited", changes: map[string]string{
			"content/posts/second.md": "---\ntitle: Second\ndate: 2026-10-02\n---\nBack to [[first]], again.\n"}, differs: true},
		{name: "a post added", changes: map[string]string{
			"content/posts/third.md": "---\ntitle: Third\ndate: 2026-10-04\n---\nNew.\n"}, differs: true},
		{name: "a labelled draft published", changes: map[string]string{
			"content/posts/draft.md": "---\ntitle: Draft\ndate: 2026-10-03\n---\nNot yet.\n"}, differs: true},
		{name: "a page edited", changes: map[string]string{
			"content/pages/about.md": "---\ntitle: About me\n---\nI work with [[Cy Dee]].\n"}, differs: true},
		{name: "the day a scheduled post is out", opts: Options{Now: now.AddDate(0, 0, 5)}, differs: true},
		{name: "drafts built", opts: Options{Now: now, Drafts: true}, differs: true},
		{name: "the configuration", config: "description: Notes.\n", differs: true},
		{name: "a linked name taken by an event too", changes: map[string]string{
			"content/events/second.md": "---\ntitle: Second\ndate: 2026-11-03\n---\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			md := markdown.New()
			prev, prevPub, _ := journalOf(t, md, config, samePublicSite, base)
			if prevPub == nil {
				t.Fatal("the first journal has no public view")
			}
			opts := base
			if !tc.opts.Now.IsZero() {
				opts = tc.opts
			}
			j, pub, _ := journalOf(t, md, config+tc.config, with(samePublicSite, tc.changes), opts)
			got := j.SamePublic(prev)
			if got != tc.same {
				t.Errorf("SamePublic = %v, want %v", got, tc.same)
			}
			equal := pub != nil && reflect.DeepEqual(pub, prevPub)
			if got && !equal {
				t.Errorf("SamePublic, but the public view made again is another")
			}
			if tc.differs && equal {
				t.Errorf("the case does not change the public view")
			}
		})
	}
}

// TestSamePublicKeptAcrossRebuilds: a journal that took the last one's
// public view (TakePublic) is compared as that one was, after a body of
// it was edited too (EditBodies), and the one it took the view from no
// longer is.
func TestSamePublicKeptAcrossRebuilds(t *testing.T) {
	md := markdown.New()
	first, pub, _ := journalOf(t, md, config, samePublicSite, Options{Now: now})
	event := with(samePublicSite, map[string]string{"content/events/coffee.md": "---\ntitle: Coffee\ndate: 2026-11-20\nwith: [cy-dee]\n---\n"})
	second, _, _ := journalOf(t, md, config, event, Options{Now: now})
	if !second.SamePublic(first) {
		t.Fatal("an event added: not the same public view")
	}
	second.TakePublic(first)
	if again, _, _ := journalOf(t, md, config, event, Options{Now: now}); again.SamePublic(first) {
		t.Error("the journal that gave its record away is still compared")
	}

	// The second post's body edited, its wikilinks as they were: the
	// journal and its public view edited in place, as a rebuild does.
	edited := with(event, map[string]string{"content/posts/second.md": "---\ntitle: Second\ndate: 2026-10-02\n---\nBack to [[first]].\n\nA paragraph more.\n"})
	site := loadSite(t, config, edited)
	if err := second.EditBodies(site, Options{Now: now}, map[string]bool{"content/posts/second.md": true}, pub); err != nil {
		t.Fatal(err)
	}

	// Another event: the same view, the edited one.
	more := with(edited, map[string]string{"content/events/tea.md": "---\ntitle: Tea\ndate: 2026-11-21\nwith: [bo-chen]\n---\n"})
	third, thirdPub, _ := journalOf(t, md, config, more, Options{Now: now})
	if !third.SamePublic(second) {
		t.Error("another event added after a body edit: not the same public view")
	}
	if !reflect.DeepEqual(thirdPub, pub) {
		t.Error("the public view edited in place is not the one made again")
	}
	// Cy Dee's public name changed: the page that links them, whose body
	// the first journal resolved, shows it.
	renamed := with(edited, map[string]string{"content/contacts/cy-dee.md": "---\nname: Cy Dee\npublic: {name: Cy D., url: \"https://cy.example/\"}\n---\n"})
	fourth, _, _ := journalOf(t, md, config, renamed, Options{Now: now})
	if fourth.SamePublic(second) {
		t.Error("the public name of a contact a page links changed: found the same public view")
	}
}

// TestSameNodeReferences: a document referred to from another is compared
// by its path, not followed (a backlink's document, a shared contact).
func TestSameNodeReferences(t *testing.T) {
	a := &Backlink{From: &Contact{Contact: &content.Contact{Doc: content.Doc{Path: "content/contacts/a.md"}, Name: "A"}}, Text: "x"}
	b := &Backlink{From: &Contact{Contact: &content.Contact{Doc: content.Doc{Path: "content/contacts/a.md"}, Name: "Another"}}, Text: "x"}
	c := &Backlink{From: &Event{Event: &content.Event{Doc: content.Doc{Path: "content/contacts/a.md"}}}, Text: "x"}
	if !same(reflect.ValueOf(a), reflect.ValueOf(b), 0) {
		t.Error("references to the document at one path are not the same")
	}
	if same(reflect.ValueOf(a), reflect.ValueOf(c), 0) {
		t.Error("a contact and an event at one path are the same")
	}
	b.Text = "y"
	if same(reflect.ValueOf(a), reflect.ValueOf(b), 0) {
		t.Error("backlinks of other texts are the same")
	}
}

// TestSameFuncIsSame: the comparison built for a type (sameOf) answers
// as same's walk through reflect does, for every document and the
// configuration of two journals, the second made again with one change.
func TestSameFuncIsSame(t *testing.T) {
	base := Options{Now: now}
	changes := []map[string]string{
		nil,
		{"content/events/coffee.md": "---\ntitle: Coffee\ndate: 2026-11-20\nwith: [ana-lima, bo-chen]\n---\nMet [[Di Ek]] about [[first]].\n"},
		{"content/events/lunch.md": "---\ntitle: Lunch\ndate: 2026-11-02\nwith: [ana-lima]\nfollowups: [{what: Send notes, due: 2026-11-09}]\n---\nTalked.\n"},
		{"content/contacts/di-ek.md": "---\nname: Di Eklund\naliases: [DE]\n---\nOnly the wiki links [[Bo Chen]].\n"},
		{"content/contacts/bo-chen.md": "---\nname: Bo Chen\ncircle: core\nrole: Engineer\ntags: [go]\n---\n"},
		{"content/contacts/ana-lima.md": "---\nname: Ana Lima\npublic: {name: Ana Lima, url: \"https://ana.example/\"}\n---\n"},
		{"content/posts/second.md": "---\ntitle: Second\ndate: 2026-10-02\ntags: [go, notes]\nshared_with: [bo-chen]\n---\nBack to [[first]], again.\n"},
		{"content/posts/third.md": "---\ntitle: Third\ndate: 2026-10-04\n---\nNew, after [[second]].\n"},
		{"content/posts/draft.md": ""},
	}
	md := markdown.New()
	prev, _, _ := journalOf(t, md, config, samePublicSite, base)
	var compared, differ int
	check := func(what string, a, b any) {
		t.Helper()
		va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
		want := same(va.Elem(), vb.Elem(), 0)
		got := sameOf(va.Type().Elem())(va.UnsafePointer(), vb.UnsafePointer(), 0)
		if got != want {
			t.Errorf("%s: the built comparison says %v, same says %v", what, got, want)
		}
		compared++
		if !want {
			differ++
		}
	}
	for i, change := range changes {
		j, _, _ := journalOf(t, md, config, with(samePublicSite, change), base)
		for n := range j.Nodes() {
			old := prev.NodeAt(n.Doc().Path)
			if old == nil {
				continue
			}
			switch n := n.(type) {
			case *Contact:
				check(fmt.Sprintf("%d, %s", i, n.Path), n, old.(*Contact))
			case *Event:
				check(fmt.Sprintf("%d, %s", i, n.Path), n, old.(*Event))
			case *Post:
				check(fmt.Sprintf("%d, %s", i, n.Path), n, old.(*Post))
			}
		}
		check(fmt.Sprintf("%d, the configuration", i), j.Config, prev.Config)
		if got, want := j.SamePosts(prev), i == 0 || len(j.Posts) == len(prev.Posts) && j.postsAreByReflect(prev); got != want {
			t.Errorf("%d: SamePosts = %v, want %v", i, got, want)
		}
	}
	// A backlink's source, by itself: the same document in another
	// journal, another one, another kind, none.
	first, second := prev.Post("first"), prev.Post("second")
	again, _, _ := journalOf(t, md, config, samePublicSite, base)
	for i, from := range []Node{again.Post("first"), second, prev.Contact("ana-lima"), nil, first} {
		check(fmt.Sprintf("a backlink from %d", i), &Backlink{From: from}, &Backlink{From: first})
	}
	if differ == 0 || differ == compared {
		t.Errorf("%d of %d comparisons differ: the test proves nothing", differ, compared)
	}
}

// postsAreByReflect is postsAre through same's walk.
func (j *Journal) postsAreByReflect(prev *Journal) bool {
	for i, p := range j.Posts {
		if !same(reflect.ValueOf(p).Elem(), reflect.ValueOf(prev.Posts[i]).Elem(), 0) {
			return false
		}
	}
	return true
}

// TestEditBodiesWebLinkToPrivate: a body edited under serve or --watch
// (EditBodies) that now links to a private post by the site's whole URL
// is refused, as a full build refuses it (webLinksToPrivate).
func TestEditBodiesWebLinkToPrivate(t *testing.T) {
	md := markdown.New()
	files := map[string]string{
		"content/posts/secret.md": "---\ntitle: Secret\ndate: 2026-01-01\nprivate: true\n---\nMine.\n",
		"content/posts/open.md":   "---\ntitle: Open\ndate: 2026-01-02\n---\nHello.\n",
	}
	j, pub, _ := journalOf(t, md, config, files, Options{Now: now})
	edited := with(files, map[string]string{"content/posts/open.md": "---\ntitle: Open\ndate: 2026-01-02\n---\nHello, [then](https://example.com/blog/posts/secret/).\n"})
	site := loadSite(t, config, edited)
	err := j.EditBodies(site, Options{Now: now}, map[string]bool{"content/posts/open.md": true}, pub)
	if err == nil || !strings.Contains(err.Error(), `content/posts/open.md:5: public post links to private post "secret"`) {
		t.Errorf("err %v", err)
	}
}
