package build

import (
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/netjournal/netjournal/internal/content"
)

// canarySite holds a unique canary in every private field of every kind of
// private document. Slugs are canaries too. Only the public post "open" and
// the opted-in public name may reach public/.
var canarySite = map[string]string{
	"netjournal.yaml": `title: Canary Site
base_url: https://example.com/
circles:
  canary-circle-xq:
    cadence: 2w
    description: CANARY-circle-description
`,
	"content/contacts/canary-contact-slug.md": `---
name: CANARY-contact-name
aliases: [CANARY-contact-alias]
company: CANARY-company
role: CANARY-role
location: CANARY-location
email: [canary-email@example.org, CANARY-email-type: canary-work@example.org]
phone: "+351 999 000 111"
links:
  linkedin: https://canary-linkedin.example/in/x
tags: [canary-contact-tag]
circle: canary-circle-xq
cadence: 3w
snooze_until: 2031-01-13
met:
  date: 2011-11-11
  at: CANARY-met-at-text
  introduced_by: canary-introducer
birthday: --07-19
reviewed: 2012-12-12
uid: CANARY-uid
photo: CANARY-photo.jpg
---
CANARY-contact-notes with [[open]] and [[canary-event-slug]].
`,
	// The photo's bytes: a JPEG's first bytes, then a canary.
	"content/contacts/CANARY-photo.jpg": "\xff\xd8\xff\xe0CANARY-photo-bytes",
	"content/contacts/canary-introducer.md": `---
name: CANARY-introducer-name
---
`,
	"content/contacts/opted-in.md": `---
name: CANARY-optin-real-name
company: CANARY-optin-company
public:
  name: Public Person
  url: https://public-person.example/
---
CANARY-optin-notes
`,
	"content/events/canary-event-slug.md": `---
title: CANARY-event-title
date: 2013-03-13
end: 2013-03-14
kind: canary-kind
location: CANARY-event-location
with: [canary-contact-slug, opted-in]
initiated_by: canary-contact-slug
gave:
  - to: canary-contact-slug
    what: CANARY-gave-what
received:
  - from: canary-introducer
    what: CANARY-received-what
followups:
  - who: canary-contact-slug
    due: 2014-04-14
    what: CANARY-followup-what
    done: false
shared:
  - with: [canary-contact-slug]
    link: open
    note: CANARY-shared-note
  - with: opted-in
    link: https://canary-shared.example/article
    note: CANARY-shared-note-2
---
CANARY-event-notes linking [[open]].
`,
	"content/posts/canary-private-slug.md": `---
title: CANARY-private-title
date: 2015-05-15
updated: 2015-05-16
tags: [canary-private-tag]
summary: CANARY-private-summary
slug: canary-private-slug-2
private: true
link: https://canary-private-link.example/
shared_with: [canary-contact-slug]
aliases: [/canary-private-alias/]
feed_id: canary-private-feed-id
toc: true
---
CANARY-private-body linking [[open]].
`,
	"content/posts/canary-draft-slug.md": `---
title: CANARY-draft-title
date: 2016-06-16
tags: [canary-draft-tag]
summary: CANARY-draft-summary
draft: true
link: https://canary-draft-link.example/
aliases: [/canary-draft-alias/]
feed_id: canary-draft-feed-id
---
CANARY-draft-body linking [[open]].
`,
	"content/posts/open.md": `---
title: Open post
date: 2020-01-01
tags: [public-tag]
summary: A public summary.
shared_with: [canary-contact-slug, canary-introducer]
---
Thanks to [[canary-contact-slug|a friend]], [[opted-in]] and
[[canary-event-slug|a meetup]].

<!-- CANARY-html-comment: an aside for me alone -->
Inline <span>kept</span><!-- CANARY-inline-comment --> text.
`,
	"content/pages/canary-private-page.md": `---
title: CANARY-private-page-title
description: CANARY-private-page-description
date: 2017-07-17
updated: 2017-07-18
private: true
menu: {weight: 1, title: CANARY-private-menu}
toc: true
aliases: [/canary-private-page-alias/]
---
## CANARY-private-page-heading

CANARY-private-page-body with [[canary-contact-slug]].
`,
	"content/pages/canary-draft-dir/index.md": `---
title: CANARY-draft-page-title
draft: true
menu: true
---
CANARY-draft-page-body
`,
	// A public page: its wikilinks follow the rules of public posts.
	"content/pages/about.md": `---
title: About
menu: true
---
With thanks to [[canary-contact-slug|a mentor]] and [[opted-in]].
`,
	// No summary: the blog takes the first paragraph, after its wikilinks
	// are resolved; the heading's id comes from its text as shown.
	"content/posts/plain.md": `---
title: Plain post
date: 2020-02-02
---
Advice from [[canary-contact-slug|a colleague]].

## Working with [[canary-contact-slug|a colleague]]

| who | what |
|---|---|
| [[canary-contact-slug|a colleague]] | lunch |
`,
}

// canaries lists the distinct private strings planted in canarySite.
func canaries() []string {
	seen := map[string]bool{}
	re := regexp.MustCompile(`(?i)canary[-a-z0-9]*`)
	for _, src := range canarySite {
		for _, m := range re.FindAllString(src, -1) {
			seen[strings.ToLower(m)] = true
		}
	}
	delete(seen, "canary")
	// The distinctive dates and numbers of private documents.
	for _, s := range []string{"2011-11-11", "2012-12-12", "2013-03-13", "2014-04-14", "2015-05-15", "2016-06-16", "2017-07-17", "2017-07-18", "2031-01-13", "999 000 111", "07-19"} {
		seen[s] = true
	}
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// TestCanariesAreComplete proves the fixture covers every front-matter key
// of contacts, events and posts, so a new field cannot skip this test.
func TestCanariesAreComplete(t *testing.T) {
	all := strings.Join(mapValues(canarySite), "\n")
	for _, v := range []any{content.Contact{}, content.Event{}, content.Post{}, content.Page{}} {
		for _, key := range yamlKeys(reflect.TypeOf(v)) {
			if !strings.Contains(all, key+":") {
				t.Errorf("the canary site has no %q field for %T: add one", key, v)
			}
		}
	}
}

func TestNothingPrivateReachesPublic(t *testing.T) {
	fsys := fstest.MapFS{}
	for name, src := range canarySite {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	res, err := Render(fsys, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := res.Public["posts/open/index.html"]; !ok {
		t.Fatal("the public post is missing: the test would prove nothing")
	}
	if !strings.Contains(string(res.Public["about/index.html"]), "a mentor") {
		t.Fatal("the public page is missing: the test would prove nothing")
	}
	publicText := strings.ToLower(dump(res.Public))
	privateText := strings.ToLower(dump(res.Private))
	for _, c := range canaries() {
		if strings.Contains(publicText, c) {
			t.Errorf("private %q reached public/: %s", c, where(res.Public, c))
		}
	}
	// The canaries are real: the wiki shows them, so a public/ without them
	// means the boundary held, not that the fixture is inert.
	for _, c := range []string{"canary-contact-name", "canary-contact-notes", "canary-event-title", "canary-followup-what",
		"canary-gave-what", "canary-received-what", "canary-shared-note", "canary-private-body", "canary-draft-body",
		"canary-optin-notes", "canary-introducer-name", "canary-photo-bytes"} {
		if !strings.Contains(privateText, c) {
			t.Errorf("%q is missing from private/: the wiki should show it", c)
		}
	}
	// The calendar of follow-ups is in private/ and nowhere in public/.
	ics := strings.ReplaceAll(string(res.Private["followups.ics"]), "\r\n ", "") // unfolded
	if !strings.Contains(ics, "CANARY-followup-what") {
		t.Error("private/followups.ics is missing, or lacks the open follow-up")
	}
	for p := range res.Public {
		if strings.HasSuffix(p, ".ics") || strings.HasSuffix(p, ".vcf") || strings.Contains(p, "search") || strings.Contains(p, "network") {
			t.Errorf("a wiki-only file reached public/: %s", p)
		}
	}
	for _, p := range []string{"search-index.js", "network.html"} {
		if !strings.Contains(string(res.Private[p]), "CANARY-contact-name") {
			t.Errorf("private/%s does not show the contact: the check above would prove nothing", p)
		}
	}
	for _, want := range []string{"Public Person", "a friend", "a meetup", "public-tag", "Advice from a colleague", `id="working-with-a-colleague"`, "<td>a colleague</td>"} {
		if !strings.Contains(dump(res.Public), want) {
			t.Errorf("public/ should show %q", want)
		}
	}

	// A site that trusts its own HTML keeps it, but never its comments:
	// writers use them for asides.
	trusting := fstest.MapFS{}
	for name, f := range fsys {
		trusting[name] = f
	}
	trusting["netjournal.yaml"] = &fstest.MapFile{Data: []byte(canarySite["netjournal.yaml"] + "trust_html: true\n")}
	res, err = Render(trusting, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(strings.ToLower(dump(res.Public)), "canary-html-comment") || strings.Contains(strings.ToLower(dump(res.Public)), "canary-inline-comment") {
		t.Error("with trust_html, an HTML comment reached public/")
	}
	if !strings.Contains(dump(res.Public), "Inline <span>kept</span> text.") {
		t.Error("with trust_html, the post's own HTML is not as written")
	}

	// With --drafts, the draft is public; nothing else private is.
	res, err = Render(fsys, Options{Now: now, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	publicText = strings.ToLower(dump(res.Public))
	for _, c := range canaries() {
		if strings.Contains(c, "draft") || c == "2016-06-16" {
			continue
		}
		if strings.Contains(publicText, c) {
			t.Errorf("with --drafts, private %q reached public/: %s", c, where(res.Public, c))
		}
	}
}

// dump joins every path and file of a site.
func dump(files map[string][]byte) string {
	var b strings.Builder
	for _, p := range sortedKeys(files) {
		b.WriteString(p + "\n")
		b.Write(files[p])
		b.WriteByte('\n')
	}
	return b.String()
}

func where(files map[string][]byte, c string) string {
	var out []string
	for _, p := range sortedKeys(files) {
		if strings.Contains(strings.ToLower(p+"\n"+string(files[p])), c) {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

func mapValues(m map[string]string) []string {
	var out []string
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func yamlKeys(t reflect.Type) []string {
	var out []string
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "" || name == "-" {
			continue
		}
		out = append(out, name)
		out = append(out, yamlKeys(f.Type)...)
	}
	return out
}

// TestSlipsNeverPublish: wikilink slips in a public post — a link that
// resolves to nothing, wikilink syntax in a link's title or destination,
// in an image's title, or in a link reference definition — stop the build
// at the slip's line, so the private name they hold is never published.
func TestSlipsNeverPublish(t *testing.T) {
	cases := []struct{ name, body, want string }{
		{"triple brackets", "Met [[[canary-contact-slug]]] today.", `slip.md:6: public post links to "[canary-contact-slug", which matches nothing (did you mean "canary-contact-slug"?)`},
		{"possessive", "[[CANARY-contact-name's]] advice.", `slip.md:6: public post links to "CANARY-contact-name's", which matches nothing (did you mean "CANARY-contact-name"?)`},
		{"typo", "As [[CANARY-contact-nmae]] said.", `slip.md:6: public post links to "CANARY-contact-nmae", which matches nothing (did you mean "CANARY-contact-name"?)`},
		{"typo with a label", "As [[CANARY-contact-nmae|a friend]] said.", `slip.md:6: public post links to "CANARY-contact-nmae", which matches nothing`},
		{"link title", `See [this](https://example.org/ "[[CANARY-contact-name]]").`, "slip.md:6: public post has wikilink syntax in a link's title"},
		{"link destination", `See [this]([[canary-contact-slug]]).`, "slip.md:6: public post has wikilink syntax in a link's destination"},
		{"image title", `![a chart](/chart.png "[[CANARY-contact-name|x]]")`, "slip.md:6: public post has wikilink syntax in an image's title"},
		{"reference definition", "See [this][r].\n\n[r]: https://example.org/ \"[[CANARY-contact-name]]\"", "slip.md:8: public post has wikilink syntax in a link reference definition"},
		{"unused reference definition", "Nothing here.\n\n[r]: https://example.org/ \"[[CANARY-contact-name]]\"", "slip.md:8: public post has wikilink syntax in a link reference definition"},
	}
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, src := range canarySite {
				fsys[name] = &fstest.MapFile{Data: []byte(src)}
			}
			fsys["content/posts/slip.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Slip\ndate: 2021-01-01\nsummary: A slip.\n---\n" + tc.body + "\n")}
			res, err := Render(fsys, Options{Now: now})
			if err == nil {
				leaked := ""
				for _, c := range canaries() {
					if strings.Contains(strings.ToLower(dump(res.Public)), c) {
						leaked += " " + c
					}
				}
				t.Fatalf("the build succeeded; private strings in public/:%s", leaked)
			}
			if !strings.Contains(err.Error(), "content/posts/"+tc.want) {
				t.Errorf("error = %v\nwant it to contain content/posts/%s", err, tc.want)
			}
		})
	}
	// In the wiki, where nothing is published, an unresolved link stays a
	// warning: the same typo in a contact's notes builds.
	fsys := fstest.MapFS{}
	for name, src := range canarySite {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	fsys["content/contacts/other.md"] = &fstest.MapFile{Data: []byte("---\nname: Other\n---\nAs [[CANARY-contact-nmae]] said.\n")}
	res, err := Render(fsys, Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Warnings.Error(), "content/contacts/other.md:4: unresolved wikilink [[CANARY-contact-nmae]]") {
		t.Errorf("warnings = %v, want the unresolved link in the notes", res.Warnings)
	}
}
