package build

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/netjournal/netjournal/internal/content"
)

// The "rich" edits of TestIncrementalEqualsFull write documents that use
// every front-matter key of their kind, in random subsets and values, and
// rename and delete them. They reference only the example site's own
// documents, which no edit removes, so every state is a valid site.

// stable are example-site documents that edits never remove.
var (
	stableContacts = []string{"mei-chen", "tomas-ferreira", "priya-raman", "kwame-mensah", "sofia-almeida"}
	stablePosts    = []string{"idempotency-is-a-contract", "retries-backoff-and-jitter", "staff-engineers-calendar"}
	richTags       = []string{"go", "c", "C++", "C#", "mentor", "Go", "hiring", "node.js", "node js"}
)

// some returns a random subset of s, in order.
func some(r *rand.Rand, s []string) []string {
	var out []string
	for _, x := range s {
		if r.IntN(3) == 0 {
			out = append(out, x)
		}
	}
	return out
}

func maybe(r *rand.Rand, line string) string {
	if r.IntN(2) == 0 {
		return ""
	}
	return line
}

func yamlList(items []string) string {
	q := make([]string, len(items))
	for i, s := range items {
		q[i] = fmt.Sprintf("%q", s)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func richContact(r *rand.Rand, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\nname: Rich Person %d\n", n)
	b.WriteString(maybe(r, fmt.Sprintf("aliases: [\"RP%d\"]\n", n)))
	b.WriteString(maybe(r, fmt.Sprintf("company: Company %d\n", r.IntN(5))))
	b.WriteString(maybe(r, "role: Engineer\n"))
	b.WriteString(maybe(r, "location: Porto\n"))
	b.WriteString(maybe(r, fmt.Sprintf("email: [\"rp%d@example.org\", work: \"rp%d@work.example\"]\n", n, n)))
	b.WriteString(maybe(r, "phone:\n  - cell: \"+351 912 000 000\"\n  - \"+351 213 000 000\"\n"))
	b.WriteString(maybe(r, fmt.Sprintf("links:\n  website: https://rp%d.example/\n  linkedin: https://www.linkedin.com/in/rp%d\n", n, n)))
	if tags := some(r, richTags); len(tags) > 0 {
		b.WriteString("tags: " + yamlList(tags) + "\n")
	}
	b.WriteString(maybe(r, "circle: "+pick(r, []string{"core", "active", "dormant"})+"\n"))
	b.WriteString(maybe(r, "cadence: "+pick(r, []string{"3w", "2m", "1y"})+"\n"))
	b.WriteString(maybe(r, fmt.Sprintf("snooze_until: 2026-12-%02d\n", 1+r.IntN(28))))
	if r.IntN(2) == 0 {
		fmt.Fprintf(&b, "met:\n  date: 2025-%02d-10\n", 1+r.IntN(12))
		b.WriteString(maybe(r, "  at: "+pick(r, []string{"a conference", "2026-03-23-kubecon-eu-2026"})+"\n"))
		b.WriteString(maybe(r, "  introduced_by: "+pick(r, stableContacts)+"\n"))
	}
	b.WriteString(maybe(r, "birthday: "+pick(r, []string{"\"--07-19\"", "1990-11-23"})+"\n"))
	b.WriteString(maybe(r, fmt.Sprintf("reviewed: 20%02d-06-01\n", 20+r.IntN(7))))
	b.WriteString(maybe(r, fmt.Sprintf("public:\n  name: Public %d\n  url: https://public%d.example/\n", n, n)))
	b.WriteString(maybe(r, fmt.Sprintf("uid: urn:uuid:rich-%d\n", n)))
	// A photo that is not there: the wiki shows the initials, with a
	// warning, once the build reads photos.
	b.WriteString(maybe(r, fmt.Sprintf("photo: rich-%d.jpg\n", n)))
	fmt.Fprintf(&b, "---\nNotes on [[%s]] and [[rich-contact-%d]].\n", pick(r, stableContacts), n%5)
	return b.String()
}

func richEvent(r *rand.Rand, n int) string {
	var b strings.Builder
	day := fmt.Sprintf("2026-%02d-%02d", 1+r.IntN(12), 1+r.IntN(27))
	fmt.Fprintf(&b, "---\ntitle: Rich event %d\ndate: %s\n", n, day)
	b.WriteString(maybe(r, "end: "+day[:8]+"28\n"))
	b.WriteString(maybe(r, "kind: "+pick(r, []string{"coffee", "call", "conference", "intro"})+"\n"))
	b.WriteString(maybe(r, "location: Lisbon\n"))
	with := some(r, stableContacts)
	if len(with) > 0 {
		b.WriteString("with: " + yamlList(with) + "\n")
		b.WriteString(maybe(r, "initiated_by: "+pick(r, append([]string{"me"}, with...))+"\n"))
		b.WriteString(maybe(r, fmt.Sprintf("gave:\n  - to: %s\n    what: an intro %d\n", pick(r, with), n)))
		b.WriteString(maybe(r, fmt.Sprintf("received:\n  - from: %s\n    what: a review %d\n", pick(r, with), n)))
		b.WriteString(maybe(r, fmt.Sprintf("followups:\n  - who: %s\n    due: 2026-12-%02d\n    what: send notes %d\n    done: %s\n",
			pick(r, with), 1+r.IntN(28), n, pick(r, []string{"false", "true", "2026-11-20"}))))
		b.WriteString(maybe(r, fmt.Sprintf("shared:\n  - with: [%s]\n    link: %s\n    note: worth reading %d\n",
			pick(r, with), pick(r, append([]string{"https://example.org/a"}, stablePosts...)), n)))
	}
	fmt.Fprintf(&b, "---\nMet, see [[%s]].\n", pick(r, stablePosts))
	return b.String()
}

func richPost(r *rand.Rand, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Rich post %d\ndate: 2026-%02d-%02d%s\n", n, 1+r.IntN(10), 1+r.IntN(27), pick(r, []string{"", " 10:30:00", "T08:09:26+02:00"}))
	b.WriteString(maybe(r, "updated: 2026-11-20\n"))
	if tags := some(r, richTags); len(tags) > 0 {
		b.WriteString("tags: " + yamlList(tags) + "\n")
	}
	b.WriteString(maybe(r, fmt.Sprintf("summary: A summary %d.\n", n)))
	b.WriteString(maybe(r, fmt.Sprintf("slug: rich-slug-%d\n", n)))
	switch r.IntN(4) {
	case 0:
		b.WriteString("draft: true\n")
	case 1:
		b.WriteString("private: true\n")
	}
	b.WriteString(maybe(r, "link: https://example.org/article\n"))
	b.WriteString(maybe(r, "shared_with: "+yamlList(some(r, stableContacts))+"\n"))
	b.WriteString(maybe(r, fmt.Sprintf("aliases: [/old/rich-%d/, /%d.html]\n", n, n)))
	b.WriteString(maybe(r, fmt.Sprintf("feed_id: https://old.example/%d\n", n)))
	b.WriteString(maybe(r, pick(r, []string{"toc: true\n", "toc: false\n"})))
	fmt.Fprintf(&b, "---\nOn [[%s|a colleague]] and [[%s]].\n\n## A heading\n\nMore.\n", pick(r, stableContacts), pick(r, stablePosts))
	// Raw HTML: its site paths follow the site like Markdown's, and its
	// comments never reach a page.
	b.WriteString(maybe(r, "\n<p>Also <a href=\"/tags/\">the tags</a> and <sup>1</sup>.</p>\n\n<!-- a private aside -->\n"))
	return b.String()
}

func richPage(r *rand.Rand, n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: Rich page %d\n", n)
	b.WriteString(maybe(r, fmt.Sprintf("description: A page %d.\n", n)))
	b.WriteString(maybe(r, "date: 2025-03-04\n"))
	b.WriteString(maybe(r, "updated: 2026-11-20\n"))
	switch r.IntN(5) {
	case 0:
		b.WriteString("draft: true\n")
	case 1:
		b.WriteString("private: true\n")
	}
	b.WriteString(maybe(r, pick(r, []string{"menu: true\n", fmt.Sprintf("menu: {weight: %d, title: Rich %d}\n", r.IntN(50), n), "menu: {main: {weight: 25}}\n"})))
	b.WriteString(maybe(r, pick(r, []string{"toc: true\n", "toc: false\n"})))
	b.WriteString(maybe(r, fmt.Sprintf("aliases: [/old/rich-page-%d/]\n", n)))
	fmt.Fprintf(&b, "---\nWith [[%s|a colleague]], about [[%s]].\n\n## A heading %d\n\n### Below it\n\nMore.\n", pick(r, stableContacts), pick(r, stablePosts), n)
	return b.String()
}

func init() {
	write := func(t *testing.T, dir, rel, body string) []string {
		if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, rel), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
		return []string{rel}
	}
	rich := func(t *testing.T, dir string, kind string) []string {
		var out []string
		for _, p := range mdFiles(t, dir, "content/"+kind) {
			if strings.Contains(p, "/rich-") {
				out = append(out, p)
			}
		}
		return out
	}
	edits["write a rich contact"] = func(t *testing.T, dir string, r *rand.Rand) []string {
		// Five files, rewritten again and again; each write's names are
		// its own, so that no two documents ever share one.
		return write(t, dir, fmt.Sprintf("content/contacts/rich-contact-%d.md", r.IntN(5)), richContact(r, r.IntN(1e9)))
	}
	edits["write a rich event"] = func(t *testing.T, dir string, r *rand.Rand) []string {
		// Five files, rewritten again and again; each write's names are
		// its own, so that no two documents ever share one.
		return write(t, dir, fmt.Sprintf("content/events/rich-event-%d.md", r.IntN(5)), richEvent(r, r.IntN(1e9)))
	}
	edits["write a rich post"] = func(t *testing.T, dir string, r *rand.Rand) []string {
		// Five files, rewritten again and again; each write's names are
		// its own, so that no two documents ever share one.
		return write(t, dir, fmt.Sprintf("content/posts/rich-post-%d.md", r.IntN(5)), richPost(r, r.IntN(1e9)))
	}
	edits["write a rich page"] = func(t *testing.T, dir string, r *rand.Rand) []string {
		// Five files, at the top or in a folder, rewritten again and again.
		return write(t, dir, fmt.Sprintf("content/pages/%srich-page-%d.md", pick(r, []string{"", "talks/"}), r.IntN(5)), richPage(r, r.IntN(1e9)))
	}
	edits["rename or delete a rich document"] = func(t *testing.T, dir string, r *rand.Rand) []string {
		docs := append(append(append(rich(t, dir, "contacts"), rich(t, dir, "events")...), rich(t, dir, "posts")...), rich(t, dir, "pages")...)
		if len(docs) == 0 {
			return nil
		}
		rel := pick(r, docs)
		if r.IntN(2) == 0 {
			os.Remove(filepath.Join(dir, rel))
			return []string{rel}
		}
		// A new slug: its links, and the pages that list it, change.
		to := filepath.ToSlash(filepath.Join(filepath.Dir(rel), fmt.Sprintf("rich-renamed-%d.md", r.IntN(1e6))))
		if err := os.Rename(filepath.Join(dir, rel), filepath.Join(dir, to)); err != nil {
			t.Fatal(err)
		}
		return []string{rel, to}
	}
}

// TestRichEditsAreComplete: the rich edits write every front-matter key of
// contacts, events, posts and pages, so a key added later cannot escape
// TestIncrementalEqualsFull.
func TestRichEditsAreComplete(t *testing.T) {
	src, err := os.ReadFile("rich_test.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []any{content.Contact{}, content.Event{}, content.Post{}, content.Page{}} {
		for _, key := range yamlKeys(reflect.TypeOf(v)) {
			if !strings.Contains(string(src), key+":") {
				t.Errorf("the rich edits never write %q of %T: add it", key, v)
			}
		}
	}
}
