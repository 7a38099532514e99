// Package gensite generates a netjournal site of any size, and the same
// blog as a Hugo site, for measuring netjournal against Hugo (issue #8:
// internal/cmd/gensite writes them, bench/compare-hugo.sh runs it) and in
// benchmarks. The same arguments give the same bytes.
//
// Posts are about 600 words of paragraphs, headings, a list, a code block,
// links to other posts (Markdown links and wikilinks) and to the web; a
// tenth are link posts. Contacts have companies, circles, how you met and
// notes; events are spread over the three years before 2026-11-22 and a few
// months after, with favours, follow-ups and shared links. Everything
// resolves, so `netjournal build --now 2026-11-22` has nothing to report.
//
// With -hugo, DIR2 gets the public posts (the same slugs, titles, dates,
// tags and bodies, with wikilinks written as Markdown links or plain text)
// and a small theme doing what netjournal's default theme does: a page per
// post, a home page of 10 posts a page, tag pages, an archive, RSS.
//
// Each document draws from a random source of its own, seeded with the
// seed, its kind and its number: a post's text does not depend on how many
// contacts or events the site has, only whether it names a contact does.
package gensite

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// Write writes files (slash paths → text) into dir, which must be
// empty or absent: a bigger site generated there before would otherwise
// leave its extra documents behind.
func Write(dir string, files map[string]string) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	} else if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Now is the date the site is generated for: build it with --now 2026-11-22.
var Now = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

// Site is a generated site.
type Site struct {
	posts    []*post
	contacts []*contact
	events   []*event
}

type post struct {
	slug, title, topic, summary, link string
	date, updated                     time.Time
	tags                              []string
	draft, private                    bool
	sharedWith                        []*contact
	named                             string // a sentence naming a contact, or ""
	body                              string // Markdown with wikilinks
}

func (p *post) public() bool { return !p.draft && !p.private }

type contact struct {
	slug, name               string
	company, role, location  string
	emails                   []string
	phone, linkedin, website string
	tags                     []string
	circle, cadence          string
	snoozeUntil, reviewed    time.Time
	birthday                 string
	metDate                  time.Time
	metAt                    string // an event slug or a place
	introducedBy             *contact
	publicName, publicURL    string // the public block, when publicName is set
	notes                    string
}

type event struct {
	slug, title, kind, location string
	date, end                   time.Time
	with                        []*contact
	initiatedBy                 string
	gave, received              []favour
	followups                   []followup
	shared                      []share
	body                        string
}

type favour struct {
	who  *contact
	what string
}

type followup struct {
	who  *contact // nil: everyone in with
	due  time.Time
	what string
	done string // "", "true" or a date
}

type share struct {
	with       *contact
	link, note string
}

// The kinds of random stream: each document draws from its own.
const (
	streamContact = iota + 1
	streamPostHead
	streamPostBody
	streamMention
	streamEvent
	streamMet
)

func source(seed uint64, stream, i int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(stream)<<40|uint64(i)))
}

// Generate generates a site of nPosts posts, nContacts contacts and
// nEvents events from seed. It panics on events without contacts (whom
// would they be with?) and past MaxContacts contacts, whose names could
// not all differ.
func Generate(seed uint64, nPosts, nContacts, nEvents int) *Site {
	if nEvents > 0 && nContacts == 0 {
		panic("gensite: events need contacts")
	}
	if nContacts > MaxContacts() {
		panic(fmt.Sprintf("gensite: at most %d contacts", MaxContacts()))
	}
	s := &Site{}
	s.contacts = genContacts(seed, nContacts)
	s.posts = genPosts(seed, nPosts)
	var public []*post
	for _, p := range s.posts {
		if p.public() {
			public = append(public, p)
		}
	}
	for i, p := range s.posts {
		genContactMention(source(seed, streamMention, i), p, s.contacts)
		genPostBody(source(seed, streamPostBody, i), p, public)
	}
	conferences := map[string]bool{}
	for i := range nEvents {
		s.events = append(s.events, genEvent(source(seed, streamEvent, i), s.contacts, public, conferences))
	}
	uniqueSlugs(s.events)
	for i, c := range s.contacts {
		genMet(source(seed, streamMet, i), c, s.contacts, s.events)
	}
	return s
}

func genContacts(seed uint64, n int) []*contact {
	if n == 0 {
		return nil
	}
	r := source(seed, streamContact, 0)
	// Distinct names: the first n of a shuffle of every combination.
	names := r.Perm(len(firstNames) * len(lastNames))[:n]
	out := make([]*contact, n)
	for i, k := range names {
		r := source(seed, streamContact, i+1)
		first, last := firstNames[k%len(firstNames)], lastNames[k/len(firstNames)]
		c := &contact{name: first + " " + last, slug: slugify(first + " " + last)}
		c.company = pick(r, companies)
		c.role = pick(r, roles)
		c.location = pick(r, cities)
		domain := slugify(c.company) + ".example.com"
		c.emails = []string{strings.ToLower(first+"."+last) + "@" + domain}
		if r.IntN(3) == 0 {
			c.emails = append(c.emails, strings.ToLower(first+last)+"@mail.example.org")
		}
		if r.IntN(2) == 0 {
			c.phone = fmt.Sprintf("+%d %03d %03d %03d", 1+r.IntN(98), r.IntN(1000), r.IntN(1000), r.IntN(1000))
		}
		if r.IntN(5) < 3 {
			c.linkedin = "https://www.linkedin.com/in/" + c.slug + "-example"
		}
		if r.IntN(5) == 0 {
			c.website = "https://" + c.slug + ".example.net/"
		}
		c.tags = pickN(r, contactTags, r.IntN(4))
		switch k := r.IntN(20); {
		case k < 2:
			c.circle = "core"
		case k < 9:
			c.circle = "active"
		default:
			c.circle = "dormant"
		}
		if r.IntN(7) == 0 {
			c.cadence = pick(r, []string{"6w", "2m", "4m", "6m", "2y"})
		}
		if r.IntN(30) == 0 {
			c.snoozeUntil = Now.AddDate(0, 0, 10+r.IntN(90))
		}
		if r.IntN(5) == 0 {
			c.birthday = fmt.Sprintf("--%02d-%02d", 1+r.IntN(12), 1+r.IntN(28))
		}
		if r.IntN(2) == 0 {
			c.reviewed = Now.AddDate(0, 0, -r.IntN(2*365))
		}
		if r.IntN(10) == 0 {
			c.publicName = c.name
			if r.IntN(10) < 7 {
				c.publicURL = "https://" + c.slug + ".example.net/"
			}
		}
		out[i] = c
	}
	// Notes name other contacts, so they wait until all are named.
	for i, c := range out {
		r := source(seed, streamContact, n+1+i)
		var b strings.Builder
		for k := range 1 + r.IntN(3) {
			if k > 0 {
				b.WriteString("\n\n")
			}
			b.WriteString(paragraph(r, 2+r.IntN(3)))
			if o := out[r.IntN(n)]; o != c && r.IntN(2) == 0 {
				fmt.Fprintf(&b, " %s", mention(r, o))
			}
		}
		c.notes = b.String()
	}
	return out
}

// mention is a sentence with a wikilink to a contact, for private bodies.
func mention(r *rand.Rand, c *contact) string {
	target := c.slug
	if r.IntN(2) == 0 {
		target = c.name
	}
	return fmt.Sprintf(pick(r, []string{
		"Ask [[%s]] about it.",
		"[[%s]] knows the details.",
		"We met again through [[%s]].",
		"Worth an intro to [[%s]].",
	}), target)
}

func genMet(r *rand.Rand, c *contact, contacts []*contact, events []*event) {
	if r.IntN(5) >= 2 {
		return
	}
	c.metDate = Now.AddDate(-3-r.IntN(7), 0, -r.IntN(365))
	if len(events) > 0 && r.IntN(2) == 0 {
		e := events[r.IntN(len(events))]
		if !e.date.After(Now) {
			c.metAt, c.metDate = e.slug, e.date
		}
	}
	if c.metAt == "" && r.IntN(2) == 0 {
		c.metAt = pick(r, conferenceNames) + " in " + pick(r, cities)
	}
	if o := contacts[r.IntN(len(contacts))]; o != c && r.IntN(5) < 2 {
		c.introducedBy = o
	}
}

func genPosts(seed uint64, n int) []*post {
	out := make([]*post, n)
	taken := map[string]bool{}
	tags := make([]string, len(topics)) // 50
	for i, t := range topics {
		tags[i] = slugify(t)
	}
	start := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Sub(start).Hours() / 24)
	for i := range out {
		r := source(seed, streamPostHead, i)
		topic := pick(r, topics)
		title := fmt.Sprintf(pick(r, titles), topic)
		if q := pick(r, qualifiers); q != "" {
			title += " " + q
		}
		title = titleCase(title)
		// Titles are wikilink targets: each must name one post. A title
		// of letters, digits, spaces and hyphens is its slug, folded.
		for k := 2; taken[slugify(title)]; k++ {
			title = strings.TrimSuffix(title, fmt.Sprintf(" part %d", k-1)) + fmt.Sprintf(" part %d", k)
		}
		p := &post{title: title, slug: slugify(title), topic: topic}
		taken[p.slug] = true
		p.date = start.AddDate(0, 0, r.IntN(days))
		if r.IntN(20) == 0 {
			p.updated = p.date.AddDate(0, 0, 1+r.IntN(60))
			if p.updated.After(Now) {
				p.updated = time.Time{}
			}
		}
		p.tags = pickN(r, tags, 3)
		p.summary = sentence(r, topic)
		if r.IntN(10) == 0 {
			p.link = fmt.Sprintf("%s%d/%s/", pick(r, sites).url, p.date.Year(), slugify(topic))
		}
		switch r.IntN(100) {
		case 0, 1:
			p.draft = true
		case 2:
			p.private = true
		}
		out[i] = p
	}
	return out
}

// genContactMention makes one post in five name a contact, and one in
// twenty shared with some. It draws from a stream of its own, so that the
// text of the post is the same with contacts or without.
func genContactMention(r *rand.Rand, p *post, contacts []*contact) {
	if len(contacts) == 0 {
		return
	}
	if r.IntN(5) == 0 {
		c := contacts[r.IntN(len(contacts))]
		p.named = publicMention(r, c)
		if !p.public() && r.IntN(2) == 0 {
			p.named = mention(r, c)
		}
	}
	if r.IntN(20) == 0 {
		p.sharedWith = pickN(r, contacts, 1+r.IntN(3))
	}
}

// genPostBody writes a post's body: about 600 words for an essay, 150 for
// a link post's commentary.
func genPostBody(r *rand.Rand, p *post, public []*post) {
	var b strings.Builder
	para := func(n int, extra ...string) {
		b.WriteString(paragraph(r, n))
		for _, e := range extra {
			if e != "" {
				b.WriteString(" " + e)
			}
		}
		b.WriteString("\n\n")
	}
	other := func() *post {
		if len(public) < 2 {
			return nil
		}
		for {
			if o := public[r.IntN(len(public))]; o != p {
				return o
			}
		}
	}
	if p.link != "" {
		para(3+r.IntN(3), wikilink(r, other()))
		para(3+r.IntN(3), p.named)
		para(2, markdownLink(r, other()))
		p.body = strings.TrimSuffix(b.String(), "\n")
		return
	}
	heads := pickN(r, headings, 3)
	para(6, markdownLink(r, other()))
	fmt.Fprintf(&b, "## %s\n\n", heads[0])
	para(7, wikilink(r, other()))
	for range 5 {
		fmt.Fprintf(&b, "- %s\n", listItem(r))
	}
	b.WriteString("\n")
	para(5, externalLink(r, p.topic))
	fmt.Fprintf(&b, "## %s\n\n", heads[1])
	para(6)
	b.WriteString(codeBlock(r))
	para(5, wikilink(r, other()), p.named)
	fmt.Fprintf(&b, "## %s\n\n", heads[2])
	para(7, markdownLink(r, other()))
	para(4)
	p.body = strings.TrimSuffix(b.String(), "\n")
}

// publicMention names a contact in a public post: by name when the
// contact has a public block, else with a label, for a public post must
// not publish a private name.
func publicMention(r *rand.Rand, c *contact) string {
	if c.publicName != "" {
		return fmt.Sprintf("[[%s]] made the same point in a talk last year.", c.name)
	}
	return fmt.Sprintf("I talked this through with [[%s|%s]].", c.slug, pick(r, []string{
		"a former colleague", "a friend who runs an SRE team", "my mentor", "an engineer I admire",
	}))
}

func wikilink(r *rand.Rand, p *post) string {
	if p == nil {
		return ""
	}
	switch r.IntN(3) {
	case 0:
		return fmt.Sprintf("I wrote more about this in [[%s]].", p.slug)
	case 1:
		return fmt.Sprintf("See also [[%s]].", p.title)
	}
	return fmt.Sprintf("This builds on [[%s|an earlier post]].", p.slug)
}

func markdownLink(r *rand.Rand, p *post) string {
	if p == nil {
		return ""
	}
	return fmt.Sprintf(pick(r, []string{
		"I covered the background in [%s](/posts/%s/).",
		"Compare [%s](/posts/%s/), which argues the opposite.",
	}), p.title, p.slug)
}

func externalLink(r *rand.Rand, topic string) string {
	s := pick(r, sites)
	return fmt.Sprintf("[%s](%s%s/) has a good piece on %s.", s.name, s.url, slugify(topic), strings.ToLower(topic))
}

// genEvent makes an event; conferences records the conferences already
// attended, each once a year: a second becomes a meetup.
func genEvent(r *rand.Rand, contacts []*contact, public []*post, conferences map[string]bool) *event {
	e := &event{kind: pick(r, kinds)}
	if r.IntN(20) == 0 {
		e.date = Now.AddDate(0, 0, 1+r.IntN(120))
	} else {
		e.date = Now.AddDate(0, 0, -r.IntN(3*365))
	}
	n := 1
	conf := pick(r, conferenceNames)
	if e.kind == "conference" {
		if conferences[fmt.Sprint(conf, e.date.Year())] {
			e.kind = "meetup"
		}
		conferences[fmt.Sprint(conf, e.date.Year())] = true
	}
	switch e.kind {
	case "conference", "meetup":
		n = 2 + r.IntN(3)
	case "intro":
		n = 2
	case "meeting", "dinner":
		n = 1 + r.IntN(3)
	}
	// Some people come up far more often than others.
	seen := map[*contact]bool{}
	for len(e.with) < min(n, len(contacts)) {
		u := r.Float64()
		c := contacts[int(u*u*float64(len(contacts)))]
		if !seen[c] {
			seen[c] = true
			e.with = append(e.with, c)
		}
	}
	who := e.with[0]
	switch e.kind {
	case "conference":
		e.title = fmt.Sprintf("%s %d", conf, e.date.Year())
		e.slug = slugify(e.title)
		e.location = pick(r, cities)
		e.end = e.date.AddDate(0, 0, 1+r.IntN(2))
	case "meetup":
		e.location = pick(r, cities)
		e.title = fmt.Sprintf("%s %s meetup", e.location, pick(r, topics))
		e.slug = fmt.Sprintf("%s-meetup-%s", e.date.Format("2006-01-02"), slugify(e.location))
	case "intro":
		e.title = fmt.Sprintf("Intro: %s and %s", who.name, e.with[1].name)
		e.slug = fmt.Sprintf("%s-intro-%s-%s", e.date.Format("2006-01-02"), who.slug, e.with[1].slug)
	default:
		e.title = fmt.Sprintf("%s with %s", titleCase(e.kind), who.name)
		if len(e.with) > 1 {
			e.title += fmt.Sprintf(" and %d more", len(e.with)-1)
		}
		e.slug = fmt.Sprintf("%s-%s-%s", e.date.Format("2006-01-02"), e.kind, who.slug)
		if e.kind == "coffee" || e.kind == "lunch" || e.kind == "dinner" {
			e.location = pick(r, places) + ", " + who.location
		}
	}
	switch r.IntN(4) {
	case 0, 1:
		e.initiatedBy = "me"
	case 2:
		e.initiatedBy = who.slug
	}
	if r.IntN(7) == 0 {
		e.gave = append(e.gave, favour{pick(r, e.with), pick(r, favours)})
	}
	if r.IntN(10) == 0 {
		e.received = append(e.received, favour{pick(r, e.with), pick(r, favours)})
	}
	if r.IntN(4) == 0 {
		f := followup{due: e.date.AddDate(0, 0, 3+r.IntN(28)), what: pick(r, promises)}
		if r.IntN(5) > 0 {
			f.who = pick(r, e.with)
		}
		if f.due.Before(Now.AddDate(0, 0, -14)) && r.IntN(5) > 0 {
			f.done = "true"
			if r.IntN(2) == 0 {
				f.done = f.due.AddDate(0, 0, -r.IntN(3)).Format("2006-01-02")
			}
		}
		e.followups = append(e.followups, f)
	}
	if r.IntN(10) == 0 {
		sh := share{with: pick(r, e.with), note: pick(r, []string{"for their team's retry work", "they asked about this", "a job that fits them", "for the reading group"})}
		if len(public) > 0 && r.IntN(2) == 0 {
			sh.link = public[r.IntN(len(public))].slug
		} else {
			s := pick(r, sites)
			sh.link = s.url + slugify(pick(r, topics)) + "/"
		}
		e.shared = append(e.shared, sh)
	}
	var b strings.Builder
	for k := range 1 + r.IntN(3) {
		if k > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(paragraph(r, 2+r.IntN(3)))
		if k == 0 {
			b.WriteString(" " + mention(r, pick(r, e.with)))
		}
	}
	e.body = b.String()
	return e
}

// uniqueSlugs numbers the events that would share a slug: two coffees with
// one person on one day, a conference every year.
func uniqueSlugs(events []*event) {
	seen := map[string]int{}
	for _, e := range events {
		seen[e.slug]++
		if n := seen[e.slug]; n > 1 {
			e.slug = fmt.Sprintf("%s-%d", e.slug, n)
			seen[e.slug]++
		}
	}
}

// Text.

func paragraph(r *rand.Rand, sentences int) string {
	topic := pick(r, topics)
	s := make([]string, sentences)
	for i := range s {
		s[i] = sentence(r, topic)
	}
	return strings.Join(s, " ")
}

func sentence(r *rand.Rand, topic string) string {
	object := pick(r, objects)
	switch r.IntN(8) {
	case 0:
		object = strings.ToLower(topic)
	case 1:
		object = "*" + object + "*"
	case 2:
		object = "`" + pick(r, identifiers) + "`"
	}
	return titleCase(pick(r, openers) + pick(r, subjects) + " " + pick(r, verbs) + " " + object + pick(r, endings))
}

func listItem(r *rand.Rand) string {
	return pick(r, imperatives) + " " + pick(r, objects) + pick(r, []string{"", " first", " early", ", always", " before the review"})
}

func codeBlock(r *rand.Rand) string {
	name, n := pick(r, identifiers), 2+r.IntN(8)
	if r.IntN(2) == 0 {
		return fmt.Sprintf("```go\n// %s retries f with capped, jittered backoff.\nfunc %s(ctx context.Context, f func() error) error {\n"+
			"\tdelay := %d * time.Millisecond\n\tfor attempt := 0; ; attempt++ {\n\t\terr := f()\n\t\tif err == nil || attempt == %d {\n\t\t\treturn err\n\t\t}\n"+
			"\t\tselect {\n\t\tcase <-time.After(delay/2 + rand.N(delay/2)):\n\t\tcase <-ctx.Done():\n\t\t\treturn ctx.Err()\n\t\t}\n\t\tdelay = min(2*delay, time.Second)\n\t}\n}\n```\n\n",
			name, name, 10*n, n)
	}
	return fmt.Sprintf("```python\ndef %s(items, limit=%d):\n    \"\"\"Group items into batches of at most limit.\"\"\"\n    batch = []\n"+
		"    for item in items:\n        batch.append(item)\n        if len(batch) == limit:\n            yield batch\n            batch = []\n    if batch:\n        yield batch\n```\n\n",
		strings.ToLower(name), 10*n)
}

// Output.

// Netjournal renders the site as netjournal reads it.
func (s *Site) Netjournal() map[string]string {
	files := map[string]string{"netjournal.yaml": configYAML}
	for _, p := range s.posts {
		var b strings.Builder
		p.frontMatter(&b, "updated")
		if p.private {
			b.WriteString("private: true\n")
		}
		if len(p.sharedWith) > 0 {
			fmt.Fprintf(&b, "shared_with: [%s]\n", slugs(p.sharedWith))
		}
		fmt.Fprintf(&b, "---\n%s", p.body)
		files["content/posts/"+p.slug+".md"] = b.String()
	}
	for _, c := range s.contacts {
		files["content/contacts/"+c.slug+".md"] = c.markdown()
	}
	for _, e := range s.events {
		files["content/events/"+e.date.Format("2006")+"/"+e.slug+".md"] = e.markdown()
	}
	return files
}

func (c *contact) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\nname: %q\ncompany: %q\nrole: %q\nlocation: %q\n", c.name, c.company, c.role, c.location)
	fmt.Fprintf(&b, "email: [%s]\n", strings.Join(c.emails, ", "))
	if c.phone != "" {
		fmt.Fprintf(&b, "phone: %q\n", c.phone)
	}
	if c.linkedin != "" || c.website != "" {
		b.WriteString("links:\n")
		if c.linkedin != "" {
			fmt.Fprintf(&b, "  linkedin: %s\n", c.linkedin)
		}
		if c.website != "" {
			fmt.Fprintf(&b, "  website: %s\n", c.website)
		}
	}
	if len(c.tags) > 0 {
		fmt.Fprintf(&b, "tags: [%s]\n", strings.Join(c.tags, ", "))
	}
	fmt.Fprintf(&b, "circle: %s\n", c.circle)
	if c.cadence != "" {
		fmt.Fprintf(&b, "cadence: %s\n", c.cadence)
	}
	if !c.snoozeUntil.IsZero() {
		fmt.Fprintf(&b, "snooze_until: %s\n", day(c.snoozeUntil))
	}
	if !c.metDate.IsZero() {
		fmt.Fprintf(&b, "met:\n  date: %s\n", day(c.metDate))
		if c.metAt != "" {
			fmt.Fprintf(&b, "  at: %q\n", c.metAt)
		}
		if c.introducedBy != nil {
			fmt.Fprintf(&b, "  introduced_by: %s\n", c.introducedBy.slug)
		}
	}
	if c.birthday != "" {
		fmt.Fprintf(&b, "birthday: %q\n", c.birthday)
	}
	if !c.reviewed.IsZero() {
		fmt.Fprintf(&b, "reviewed: %s\n", day(c.reviewed))
	}
	if c.publicName != "" {
		fmt.Fprintf(&b, "public:\n  name: %q\n", c.publicName)
		if c.publicURL != "" {
			fmt.Fprintf(&b, "  url: %s\n", c.publicURL)
		}
	}
	fmt.Fprintf(&b, "---\n%s\n", c.notes)
	return b.String()
}

func (e *event) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %q\ndate: %s\n", e.title, day(e.date))
	if !e.end.IsZero() {
		fmt.Fprintf(&b, "end: %s\n", day(e.end))
	}
	fmt.Fprintf(&b, "kind: %s\n", e.kind)
	if e.location != "" {
		fmt.Fprintf(&b, "location: %q\n", e.location)
	}
	fmt.Fprintf(&b, "with: [%s]\n", slugs(e.with))
	if e.initiatedBy != "" {
		fmt.Fprintf(&b, "initiated_by: %s\n", e.initiatedBy)
	}
	for _, list := range []struct {
		key, who string
		fs       []favour
	}{{"gave", "to", e.gave}, {"received", "from", e.received}} {
		if len(list.fs) > 0 {
			fmt.Fprintf(&b, "%s:\n", list.key)
		}
		for _, f := range list.fs {
			fmt.Fprintf(&b, "  - %s: %s\n    what: %q\n", list.who, f.who.slug, f.what)
		}
	}
	if len(e.followups) > 0 {
		b.WriteString("followups:\n")
	}
	for _, f := range e.followups {
		b.WriteString("  - ")
		if f.who != nil {
			fmt.Fprintf(&b, "who: %s\n    ", f.who.slug)
		}
		fmt.Fprintf(&b, "due: %s\n    what: %q\n", day(f.due), f.what)
		if f.done != "" {
			fmt.Fprintf(&b, "    done: %s\n", f.done)
		}
	}
	if len(e.shared) > 0 {
		b.WriteString("shared:\n")
	}
	for _, s := range e.shared {
		fmt.Fprintf(&b, "  - with: [%s]\n    link: %s\n    note: %q\n", s.with.slug, s.link, s.note)
	}
	fmt.Fprintf(&b, "---\n%s\n", e.body)
	return b.String()
}

// Hugo renders the public posts and drafts as a Hugo site. Wikilinks
// become what netjournal renders them as: a link to a post, a contact's
// public name, or the label.
func (s *Site) Hugo() map[string]string {
	files := map[string]string{}
	for name, text := range hugoTheme {
		files[name] = text
	}
	type target struct {
		text, url string
		fixed     bool // a contact's public name, which a label does not replace
	}
	targets := map[string]target{}
	for _, p := range s.posts {
		if p.public() {
			t := target{text: p.title, url: "/posts/" + p.slug + "/"}
			targets[p.slug], targets[slugify(p.title)] = t, t
		}
	}
	for _, c := range s.contacts {
		t := target{text: c.name}
		if c.publicName != "" {
			t = target{text: c.publicName, url: c.publicURL, fixed: true}
		}
		targets[c.slug], targets[slugify(c.name)] = t, t
	}
	// Keys are slugs: for the names gensite writes (letters, digits,
	// spaces, hyphens) that is how netjournal folds a wikilink's target.
	wikilinks := regexp.MustCompile(`\[\[([^\]|]+)(?:\|([^\]]+))?\]\]`)
	for _, p := range s.posts {
		if p.private {
			continue // netjournal publishes nothing of it; Hugo has no such key
		}
		body := wikilinks.ReplaceAllStringFunc(p.body, func(m string) string {
			sub := wikilinks.FindStringSubmatch(m)
			t := targets[slugify(sub[1])]
			if sub[2] != "" && !t.fixed {
				t.text = sub[2]
			}
			if t.url == "" {
				return t.text
			}
			return "[" + t.text + "](" + t.url + ")"
		})
		var b strings.Builder
		p.frontMatter(&b, "lastmod")
		fmt.Fprintf(&b, "---\n%s", body)
		files["content/posts/"+p.slug+".md"] = b.String()
	}
	return files
}

// frontMatter writes the front matter both sites' posts share, opened
// and left open: netjournal calls the date of an update "updated", Hugo
// "lastmod".
func (p *post) frontMatter(b *strings.Builder, updatedKey string) {
	fmt.Fprintf(b, "---\ntitle: %q\ndate: %s\n", p.title, day(p.date))
	if !p.updated.IsZero() {
		fmt.Fprintf(b, "%s: %s\n", updatedKey, day(p.updated))
	}
	fmt.Fprintf(b, "tags: [%s]\nsummary: %q\n", strings.Join(p.tags, ", "), p.summary)
	if p.link != "" {
		fmt.Fprintf(b, "link: %s\n", p.link)
	}
	if p.draft {
		b.WriteString("draft: true\n")
	}
}

// Helpers.

func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// pickN picks n different items, in the list's order.
func pickN[T any](r *rand.Rand, list []T, n int) []T {
	var out []T
	for _, i := range r.Perm(len(list))[:min(n, len(list))] {
		out = append(out, list[i])
	}
	return out
}

func slugs(cs []*contact) string {
	s := make([]string, len(cs))
	for i, c := range cs {
		s[i] = c.slug
	}
	return strings.Join(s, ", ")
}

func day(t time.Time) string { return t.Format("2006-01-02") }

// slugify lower-cases s and joins its words of letters and digits with
// hyphens: "Notes on on-call" → "notes-on-on-call".
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// titleCase capitalises the first letter (an ASCII one) of s.
func titleCase(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// Word lists.

const configYAML = `title: "Field Notes"
description: "Essays on distributed systems, engineering leadership and careers."
author:
  name: "Maya Okafor"
  email: "maya@example.com"
base_url: "https://journal.example.com/"
language: "en"
circles:
  core:
    cadence: 1m
    description: "People I talk to every month"
  active:
    cadence: 3m
    description: "People I work with, learn from or help right now"
  dormant:
    cadence: 1y
    description: "Old colleagues and friends of the network"
`

var (
	firstNames = []string{"Ana", "Tomas", "Mei", "Kwame", "Lena", "Marcus", "Nadia", "Priya", "Rafael", "Sofia",
		"Daniel", "Carla", "Felix", "Joao", "Aisha", "Ben", "Chloe", "Diego", "Elif", "Farah", "George", "Hana",
		"Ivan", "Julia", "Kenji", "Laura", "Mateo", "Nora", "Omar", "Paula", "Quentin", "Rosa", "Sam", "Tara",
		"Umar", "Vera", "Wei", "Ximena", "Yusuf", "Zoe", "Amir", "Bianca", "Chen", "Dara", "Emil", "Freya",
		"Gabriel", "Helena", "Idris", "Jonas", "Katya", "Leo", "Maria", "Nikhil", "Olga", "Pedro", "Rania",
		"Stefan", "Thandi", "Viktor", "Yara", "Zain", "Alice", "Bruno", "Camille", "Dmitri", "Eva", "Fatima",
		"Hugo", "Ines", "Jakob", "Kofi", "Lucia", "Malik", "Noor", "Oscar", "Petra", "Ravi", "Sara", "Theo"}
	lastNames = []string{"Lima", "Ferreira", "Chen", "Mensah", "Hoffmann", "Webb", "Haddad", "Raman", "Costa",
		"Almeida", "Oconnor", "Duarte", "Brandt", "Silva", "Khan", "Novak", "Tanaka", "Okafor", "Garcia", "Muller",
		"Rossi", "Kowalski", "Nguyen", "Andersen", "Dubois", "Ibrahim", "Jensen", "Kim", "Larsen", "Moreau",
		"Nakamura", "Olsen", "Park", "Quinn", "Reyes", "Schmidt", "Tran", "Uddin", "Vasquez", "Wagner", "Yilmaz",
		"Zhang", "Abbott", "Bauer", "Carvalho", "Delgado", "Eriksen", "Fischer", "Gomez", "Hansen", "Ito",
		"Jovanovic", "Keller", "Lopez", "Martins", "Nielsen", "Ortiz", "Petrov", "Ramos", "Santos", "Torres",
		"Vogel", "Weber", "Young", "Zimmermann", "Baptiste", "Cruz", "Dias", "Evans", "Fontaine", "Gupta", "Horvat"}
	companies = []string{"Ledgerly", "Sunroute", "Northwind Labs", "Quarry Data", "Helix Systems", "Brightpath",
		"Cobalt Cloud", "Fernweh Travel", "Granite Bank", "Harbor Health", "Inkwell", "Juniper Retail", "Kestrel AI",
		"Lumen Energy", "Meridian Logistics", "Nimbus Storage", "Orbit Payments", "Pinecone Media", "Quanta Robotics",
		"Riverbed Games", "Saltmarsh Security", "Tidewater Insurance", "Umbra Networks", "Vantage Analytics"}
	roles = []string{"VP Engineering", "Staff Engineer", "Engineering Manager", "CTO", "Principal Engineer",
		"Site Reliability Engineer", "Product Manager", "Recruiter", "Founder", "Developer Advocate",
		"Data Engineer", "Security Engineer", "Director of Platform", "Senior Software Engineer", "Investor"}
	cities = []string{"Lisbon", "Porto", "Berlin", "London", "Amsterdam", "Dublin", "Paris", "Madrid", "Barcelona",
		"Stockholm", "Copenhagen", "Warsaw", "Prague", "Vienna", "Zurich", "New York", "Toronto", "Nairobi", "Accra", "Singapore"}
	places      = []string{"Cafe Tati", "The Roastery", "Hotel lobby", "Office kitchen", "Corner bakery", "Station cafe", "Bookshop cafe"}
	contactTags = []string{"mentor", "recruiter", "investor", "founder", "engineer", "manager", "speaker",
		"payments", "infra", "ml", "security", "open-source", "community", "former-colleague", "customer"}
	conferenceNames = []string{"KubeCon EU", "GopherCon", "PyCon US", "Strange Loop", "QCon London", "SREcon",
		"LeadDev London", "Monitorama", "RustConf", "FOSDEM", "Lisbon Systems Summit", "Stateful Conf"}
	kinds = []string{"coffee", "coffee", "call", "call", "call", "meeting", "email", "message", "message",
		"conference", "intro", "lunch", "dinner"}
	favours = []string{"introduced them to a payments lawyer", "reviewed their talk proposal", "wrote a reference",
		"shared a job opening", "read the design doc", "recommended them for a panel", "lent a book on consensus"}
	promises = []string{"send the design doc", "intro to the hiring manager", "share the slides",
		"review the CFP draft", "send the reading list", "check in after the launch", "book the next coffee"}
	topics = []string{"idempotency", "retries", "consensus", "observability", "on-call", "code review",
		"technical debt", "database migrations", "feature flags", "load shedding", "rate limiting", "caching",
		"queues", "schema design", "API versioning", "incident reviews", "hiring", "mentoring", "one-on-ones",
		"promotion packets", "design docs", "estimates", "testing", "fuzzing", "benchmarks", "profiling",
		"garbage collection", "concurrency", "backpressure", "timeouts", "Kubernetes", "Postgres", "SQLite",
		"event sourcing", "CRDTs", "time zones", "logging", "tracing", "alerting", "SLOs", "error budgets",
		"deploy pipelines", "monorepos", "build systems", "static sites", "public speaking", "open source",
		"career ladders", "remote teams", "documentation"}
	titles = []string{"Notes on %s", "What I learned about %s", "A field guide to %s", "The case for %s",
		"The case against %s", "%s in practice", "Rethinking %s", "Getting %s right", "Why %s is harder than it looks",
		"Ten years of %s", "%s for small teams", "A short history of %s", "Lessons from %s", "How we do %s",
		"%s without the ceremony", "The hidden cost of %s", "Teaching %s", "%s at scale", "Mistakes I made with %s",
		"Living with %s"}
	qualifiers = []string{"", "revisited", "for beginners", "in production", "after a year", "on a budget",
		"in Go", "in Python", "from first principles", "one more time", "in 2025"}
	headings = []string{"Where it goes wrong", "What I would do again", "The numbers", "A worked example",
		"Trade-offs", "What the literature says", "In practice", "Open questions", "The short version",
		"Why it matters", "How we got here", "What changed"}
	sites = []struct{ name, url string }{
		{"The Go blog", "https://go.dev/blog/"}, {"Jepsen", "https://jepsen.io/analyses/"},
		{"The SRE book", "https://sre.google/sre-book/"}, {"ACM Queue", "https://queue.acm.org/detail/"},
		{"Dan Luu", "https://danluu.com/"}, {"Marc Brooker", "https://brooker.co.za/blog/"},
		{"LWN", "https://lwn.net/Articles/"}, {"Martin Fowler", "https://martinfowler.com/articles/"},
		{"Julia Evans", "https://jvns.ca/blog/"}, {"The Morning Paper", "https://blog.acolyer.org/"},
	}
	openers = []string{"", "", "", "In my experience, ", "Most of the time, ", "On a good team, ", "Looking back, ",
		"In practice, ", "Surprisingly, ", "Every so often, ", "At scale, ", "For a small team, "}
	subjects = []string{"the hard part", "a good default", "the first version", "the on-call engineer",
		"the design review", "a careful reader", "the team", "the simplest fix", "every new hire", "the migration plan",
		"the error budget", "a well-placed metric", "the staff engineer", "our test suite", "the roadmap"}
	verbs = []string{"is rarely", "turns out to be", "depends on", "hides", "makes room for", "outlives",
		"pays for", "exposes", "starts with", "ends up as", "needs", "beats"}
	objects = []string{"the boring solution", "a clear owner", "a written decision", "a second opinion",
		"the slowest dependency", "a shared vocabulary", "the retry policy", "one more meeting", "the real deadline",
		"a small experiment", "the customer's point of view", "the rollback plan", "what we measured",
		"a patient explanation", "the default configuration"}
	endings = []string{".", ".", " more often than we admit.", " once the pager goes off.", ", and that is fine.",
		" in the long run.", " if nobody writes it down.", " when the load doubles.", " before anyone notices.",
		" for most of the year."}
	identifiers = []string{"retryWithBackoff", "Batched", "leaseTimeout", "maxInflight", "Dedupe", "shedLoad",
		"ctx.Done()", "applyMigration", "rateLimiter", "flushEvery"}
	imperatives = []string{"Write down", "Measure", "Ask for", "Agree on", "Budget for", "Question", "Automate",
		"Rehearse", "Delete", "Share"}
)

// hugoTheme is the Hugo site's configuration and a theme doing what
// netjournal's default theme does: a page per post with its date, reading
// time, tags and neighbours; a home page of 10 posts a page (netjournal's
// default page_size); a page per tag and a list of tags; an archive by year;
// an RSS feed of 20 items for the home page, the archive and each tag; a
// sitemap; code highlighted with CSS classes. The home page paginates
// site.RegularPages, which are all posts: paginating a `where` on the
// section, as themes often do, costs Hugo a filter of every page for each
// of the 1,000 home pages of 10,000 posts (45 s of 134 in a first try).
var hugoTheme = map[string]string{
	"hugo.toml": `baseURL = "https://journal.example.com/"
languageCode = "en"
title = "Field Notes"
paginate = 10
enableRobotsTXT = false
disableKinds = []

[author]
  name = "Maya Okafor"
  email = "maya@example.com"

[params]
  description = "Essays on distributed systems, engineering leadership and careers."

[taxonomies]
  tag = "tags"

[markup.highlight]
  noClasses = false

[services.rss]
  limit = 20
`,
	"layouts/_default/baseof.html": `<!doctype html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} · {{ site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Params.description }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
<link rel="stylesheet" href="{{ "css/style.css" | relURL }}">
{{- range .AlternativeOutputFormats }}
<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">
{{- end }}
</head>
<body>
<header class="site-header"><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "/posts/" | relURL }}">Archive</a> <a href="{{ "/tags/" | relURL }}">Tags</a></nav>
</header>
<main>
{{- block "main" . }}{{ end }}
</main>
<footer><a href="{{ "/index.xml" | relURL }}">RSS</a> · © {{ site.Author.name }}</footer>
</body>
</html>
`,
	"layouts/partials/entry.html": `<article class="entry">
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 Jan 2006" }}</time>
{{- if not .Params.link }} · {{ .ReadingTime }} min read{{ end }}</p>
<h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>
{{- with .Params.link }}
<p class="source"><a href="{{ . }}">{{ (urls.Parse .).Host }} ↗</a></p>
{{- end }}
{{- with .Params.summary }}
<p class="summary">{{ . }}</p>
{{- end }}
{{- partial "tags.html" . }}
</article>
`,
	"layouts/partials/tags.html": `{{- with .GetTerms "tags" }}
<ul class="tags">
{{- range . }}
<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{- end }}
</ul>
{{- end }}
`,
	"layouts/index.html": `{{ define "main" }}
{{- $pages := .Paginate site.RegularPages }}
{{- if eq $pages.PageNumber 1 }}
<h1>{{ site.Title }}</h1>
<p class="lead">{{ site.Params.description }}</p>
{{- else }}
<h1>Older posts</h1>
<p>Page {{ $pages.PageNumber }} of {{ $pages.TotalPages }}</p>
{{- end }}
<ol class="entries">
{{- range $pages.Pages }}
<li>{{ partial "entry.html" . }}</li>
{{- end }}
</ol>
<nav class="pagination">
{{- with $pages.Prev }}<a href="{{ .URL }}" rel="prev">← Newer posts</a>{{ end }}
{{- with $pages.Next }}<a href="{{ .URL }}" rel="next">Older posts →</a>{{ end }}
</nav>
{{ end }}
`,
	"layouts/_default/single.html": `{{ define "main" }}
<article class="post">
<header>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 Jan 2006" }}</time>
{{- if ne .Lastmod .Date }} · Updated <time datetime="{{ .Lastmod.Format "2006-01-02" }}">{{ .Lastmod.Format "2 Jan 2006" }}</time>{{ end }}
{{- if not .Params.link }} · {{ .ReadingTime }} min read{{ end }}</p>
{{- partial "tags.html" . }}
</header>
{{- with .Params.link }}
<p class="source-card"><a href="{{ . }}">Read the article: {{ (urls.Parse .).Host }} ↗</a></p>
{{- end }}
<div class="prose">
{{ .Content }}
</div>
</article>
<nav class="post-nav">
{{- with .NextInSection }}<a href="{{ .RelPermalink }}" rel="prev">← Older: {{ .Title }}</a>{{ end }}
{{- with .PrevInSection }}<a href="{{ .RelPermalink }}" rel="next">Newer: {{ .Title }} →</a>{{ end }}
</nav>
{{ end }}
`,
	"layouts/_default/list.html": `{{ define "main" }}
<h1>Archive</h1>
{{- range .Pages.GroupByDate "2006" }}
<h2>{{ .Key }}</h2>
<ul class="archive">
{{- range .Pages }}
<li><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 Jan" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{- end }}
</ul>
{{- end }}
{{ end }}
`,
	"layouts/_default/terms.html": `{{ define "main" }}
<h1>Tags</h1>
<ul class="tag-list">
{{- range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="count">{{ .Count }}</span></li>
{{- end }}
</ul>
{{ end }}
`,
	"layouts/_default/term.html": `{{ define "main" }}
<h1># {{ .Title }}</h1>
<p>{{ len .Pages }} posts</p>
<ol class="entries">
{{- range .Pages }}
<li>{{ partial "entry.html" . }}</li>
{{- end }}
</ol>
{{ end }}
`,
	"layouts/404.html": `{{ define "main" }}
<h1>Page not found</h1>
<p><a href="{{ "/" | relURL }}">Back to the home page</a></p>
{{ end }}
`,
	"static/css/style.css": `body { max-width: 42rem; margin: 0 auto; padding: 1rem; font: 1.05rem/1.6 system-ui, sans-serif; color: #222; }
a { color: #0b5cad; }
.meta, .count { color: #666; font-size: .9rem; }
.tags { list-style: none; padding: 0; display: flex; gap: .5rem; }
.entries { list-style: none; padding: 0; }
pre.chroma { padding: .75rem; overflow-x: auto; background: #f6f8fa; }
.chroma .k, .chroma .kd, .chroma .kn { color: #cf222e; }
.chroma .s, .chroma .s1, .chroma .s2, .chroma .sd { color: #0a3069; }
.chroma .c, .chroma .c1 { color: #6e7781; font-style: italic; }
.chroma .nf { color: #8250df; }
.chroma .mi { color: #0550ae; }
`,
}

// MaxContacts is the most contacts a site can have: their names differ.
func MaxContacts() int { return len(firstNames) * len(lastNames) }
