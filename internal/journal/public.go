package journal

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/content"
	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/par"
	"github.com/netjournal/netjournal/internal/public"
)

// Public returns the public view of the journal: published posts only,
// rendered by the spec's privacy rules. A public post that links a private
// contact, an event or an unpublished post without a label is an error.
//
// This, PreviewPost and EditBodies, through publicPost, are the only
// functions that copy journal data into public types; a reviewer checks
// the privacy boundary here and in package public.
func (j *Journal) Public() (*public.Site, error) {
	cfg := j.Config
	site := &public.Site{
		Title:       cfg.Title,
		Description: cfg.Description,
		Author:      public.Author{Name: cfg.Author.Name, Email: cfg.Author.Email},
		BaseURL:     cfg.BaseURL,
		BasePath:    cfg.BasePath(),
		Language:    cfg.Language,
		PageSize:    cfg.PageSize,
		FeedLength:  cfg.FeedLength,
	}
	var errs content.ErrorList
	byPost := map[*Post]*public.Post{}
	var published []*Post
	for _, p := range j.Posts {
		if p.Published(j.Opts) {
			published = append(published, p)
		}
	}
	// Render the bodies on every core: on a large site this is most of
	// the work of a clean build.
	// Each post's view is made there too, with its problems, gathered
	// in order after.
	posts := make([]*public.Post, len(published))
	problems := make([]content.ErrorList, len(published))
	opts, first, lazy := j.postOptions()
	par.Each(len(published), func(i int) {
		p := published[i]
		body := j.md.Render(p.Source(), first)
		j.md.Drop(p.Source()) // the wiki reads it back, and the blog's pages
		posts[i] = j.publicPost(p, body, opts, lazy, &problems[i])
	})
	for i, p := range published {
		pp := posts[i]
		errs = append(errs, problems[i]...)
		if u := pp.Date; u.After(site.Updated) {
			site.Updated = u
		}
		if u := pp.Updated; u.After(site.Updated) {
			site.Updated = u
		}
		byPost[p] = pp
		site.Posts = append(site.Posts, pp)
	}
	// Backlinks between public posts only: a link from anything private
	// never shows on the public site.
	for p, pp := range byPost {
		for _, b := range p.Backlinks {
			if from, ok := b.From.(*Post); ok && byPost[from] != nil {
				pp.Backlinks = append(pp.Backlinks, byPost[from])
			}
		}
		sort.SliceStable(pp.Backlinks, func(a, b int) bool { return pp.Backlinks[a].Date.After(pp.Backlinks[b].Date) })
	}
	// Tags are case-insensitive, as in Hugo: "Go" and "go" are one tag, on
	// one page, named as the newest post writes it. Different tags always
	// get pages of their own (see tagSlugs).
	tags := map[string]*public.Tag{}
	var names []string
	for _, pp := range site.Posts {
		for _, name := range pp.Tags {
			t := tags[normalize(name)]
			if t == nil {
				t = &public.Tag{Name: name}
				tags[normalize(name)] = t
				site.Tags = append(site.Tags, t)
				names = append(names, name)
			}
			t.Posts = append(t.Posts, pp)
		}
	}
	slugs := tagSlugs(names)
	for _, t := range site.Tags {
		t.Slug = slugs[t.Name]
	}
	sort.Slice(site.Tags, func(a, b int) bool { return site.Tags[a].Slug < site.Tags[b].Slug })
	site.Pages = j.publicPages(&errs)
	site.Menu = j.menu(site)
	j.linksToPrivate(site, &errs)
	if err := errs.Err(); err != nil {
		return nil, err
	}
	// Every public body was resolved, and what they named recorded: but
	// where their HTML is made later, for each page (lazy).
	j.named.mu.Lock()
	j.named.kept = !lazy
	j.named.mu.Unlock()
	return site, nil
}

// postOptions are how public posts' bodies render: opts for their HTML,
// and first for what Public renders at once, which is all of it but for
// a build that renders once (lazy): it makes each body's HTML when a page
// asks for it (publicPost), and at once only what lists and checks need.
func (j *Journal) postOptions() (opts, first markdown.Options, lazy bool) {
	opts = j.publicOptions("post")
	lazy = j.md.Drops()
	first = opts
	if lazy {
		first.Parts = markdown.PartSummary | markdown.PartWords
	}
	return opts, first, lazy
}

// publicOptions are how the body of a public post or page (what) renders.
func (j *Journal) publicOptions(what string) markdown.Options {
	key := "public " + j.Config.BasePath()
	if what == "page" {
		key = "public page " + j.Config.BasePath()
	}
	return markdown.Options{
		Resolve: j.publicResolver(what),
		Rewrite: func(dest string) string { return sitePath(j.Config, dest) },
		Key:     key,
		// Text is not shown on the blog: not made, not kept.
		Parts: markdown.PartHTML | markdown.PartSummary | markdown.PartWords,
	}
}

// publicPost is the public view of the published post p, whose body
// rendered with opts as res: with its HTML, or, when lazy, with only its
// summary and words, its HTML made when a page asks for it. The body's
// problems go to errs. Its backlinks are the caller's to find.
func (j *Journal) publicPost(p *Post, res markdown.Result, opts markdown.Options, lazy bool, errs *content.ErrorList) *public.Post {
	pp := &public.Post{
		Slug:   p.Slug(),
		Title:  printable(p.Title()),
		Date:   p.Date.Time,
		Tags:   printableAll(p.Tags),
		Link:   p.Link,
		Draft:  p.Draft,
		FeedID: p.FeedID,
		Source: p.Path,
	}
	for i, a := range p.Aliases {
		pp.Aliases = append(pp.Aliases, public.Alias{Path: strings.Trim(a, "/") + trailingSlash(a), Line: p.Pos(fmt.Sprintf("aliases[%d]", i)).Line})
	}
	if p.Updated.IsSet() {
		pp.Updated = p.Updated.Time
	}
	publicBody("post", p.Doc(), res, []struct{ key, value string }{{"title", p.Title()}, {"summary", p.Summary}, {"tags", strings.Join(p.Tags, " ")}}, errs)
	wantsTOC := j.wantsTOC(p.TOC, res.Words)
	content := func(res markdown.Result) (template.HTML, []public.Heading) {
		html := printableHTML(res)
		if wantsTOC {
			return html, toc(string(html))
		}
		return html, nil
	}
	if lazy {
		// Filled for each page and feed that shows it (the same
		// HTML: Resolve is pure), rather than held from here to the
		// end.
		// A page that shows it is keyed on what it is made from, and
		// makes it only if the page is made (page.Later).
		body, doc, opts := p.Source(), p.Doc(), opts
		opts.Parts = markdown.PartHTML
		pp.Body = public.LazyBody(func() (string, func() (template.HTML, []public.Heading)) {
			later := j.md.Later(body, opts)
			j.md.Drop(body)
			make := func() (template.HTML, []public.Heading) {
				defer j.md.Drop(body) // read back to be made
				res := later.Make()
				j.lost(doc, res.Errors)
				return content(res)
			}
			if later.Key == "" {
				return "", make
			}
			return fmt.Sprintf("public body %t ", wantsTOC) + later.Key, make
		})
	} else {
		pp.Body = public.HTMLBody(content(res))
	}
	pp.Words = res.Words // counted once, with the memoised render
	pp.Summary = printable(p.Summary)
	if pp.Summary == "" {
		pp.Summary = printable(bodySummary(res))
	}
	if len(res.Links) > 0 {
		pp.Links = make([]public.Link, len(res.Links)) // kept to the end: grown once
		for i, l := range res.Links {
			pp.Links[i] = public.Link{Dest: l.Dest, Line: p.BodyLine + l.Line}
		}
	}
	return pp
}

// BodyEdit returns the body of n's file as doc reads it
// (content.ReadDoc), when the edit of the file since the journal was
// built changed n's body alone: its front matter as written is the same,
// and each of its wikilinks names one document or none (an ambiguous name
// fails a rebuild). What the journal made of n is then what a rebuild
// makes again, but its body and its warnings: a body gives a journal
// nothing but its wikilinks, and they make backlinks on the pages of the
// documents they link to, never on n's own (journal.bodies).
func (j *Journal) BodyEdit(n Node, doc content.Doc) (body markdown.Source, ok bool) {
	// The same bytes before the body: the same front matter, and the body
	// on the same line.
	if doc.Head != n.Doc().Head {
		return markdown.Source{}, false
	}
	body = markdown.Text(doc.Body)
	for _, l := range j.md.Wikilinks(body) {
		if l.Target == "" {
			continue // [[#heading]]
		}
		if _, err := j.Resolve(l.Target); err != nil {
			if _, none := err.(*NotFoundError); !none {
				return markdown.Source{}, false
			}
		}
	}
	return body, true
}

// PreviewPost is old, the public view's post of the published post p, as
// a rebuild makes it once p's body alone is edited to body (BodyEdit):
// every part of it made from the body made again, and the rest, which
// such an edit leaves as it was (its backlinks, from other documents; a
// link of a post to itself makes none), kept. ok is false for a body the
// rebuild would report a problem in: the rebuild alone says what it
// makes of that.
func (j *Journal) PreviewPost(old *public.Post, p *Post, body markdown.Source) (pp *public.Post, ok bool) {
	edited := *p
	edited.setSource(body)
	opts := j.publicOptions("post")
	var errs content.ErrorList
	pp = j.publicPost(&edited, j.md.Render(edited.Source(), opts), opts, false, &errs)
	if len(errs) > 0 {
		return nil, false
	}
	pp.Backlinks = old.Backlinks
	return pp, true
}

// tagSlugs gives each of these tag names (one per tag) a slug of its own
// for its page. A slug is Slugify's, so different tags may fold to one:
// "C++", "C#" and "C" all to "c", "node.js" and "node js" to "node-js".
// Rather than let one tag's page overwrite the other's, or pile their posts
// on one page under one name, each keeps its own page, whatever the order
// of the posts. A tag that folds to no other keeps its slug, and so does a
// name that is its slug already ("C", "node js"); the others spell their
// symbols out ("c-plus-plus", "c-sharp", "node-dot-js") or, when that is
// taken too, take a number ("a-b-2"), in the order of their names.
func tagSlugs(names []string) map[string]string {
	sorted := append([]string(nil), names...)
	sort.Slice(sorted, func(a, b int) bool { return normalize(sorted[a]) < normalize(sorted[b]) })
	folded := map[string]int{}
	for _, name := range sorted {
		folded[Slugify(name)]++
	}
	out := map[string]string{}
	taken := map[string]bool{}
	for _, name := range sorted {
		if s := Slugify(name); folded[s] == 1 || s == normalize(name) {
			out[name] = s
			taken[s] = true
		}
	}
	for _, name := range sorted {
		if out[name] != "" {
			continue
		}
		s := Slugify(spell.Replace(name))
		for i := 2; taken[s]; i++ {
			s = fmt.Sprintf("%s-%d", Slugify(name), i)
		}
		out[name] = s
		taken[s] = true
	}
	return out
}

// spell writes out the symbols that set tags such as "C++" and "C#" apart.
var spell = strings.NewReplacer("+", " plus ", "#", " sharp ", ".", " dot ", "&", " and ", "@", " at ", "/", " slash ")

// printableAll is a list of strings without control characters.
func printableAll(ss []string) []string {
	var out []string
	for i, s := range ss {
		if p := printable(s); p != s && out == nil {
			out = slices.Clone(ss) // a list with a control character, rare
			out[i] = p
		} else if out != nil {
			out[i] = p
		}
	}
	if out == nil {
		return ss // shared, as every list of the journal's, never changed
	}
	return out
}

// trailingSlash is "/" when an alias path names a folder (ends with one).
func trailingSlash(a string) string {
	if strings.HasSuffix(a, "/") {
		return "/"
	}
	return ""
}

// bodySummary is the summary a body makes: the text before its
// <!--more--> line, whole, as the writer divided it; else its first
// paragraph, cut to 240 characters.
func bodySummary(res markdown.Result) string {
	if res.Divided {
		return res.Summary
	}
	return markdown.Truncate(res.Summary, 240)
}

// sitePath puts a root-relative Markdown destination under the base path;
// other destinations stay as written.
func sitePath(cfg *content.Config, dest string) string {
	if markdown.RootPath(dest) {
		return cfg.SitePath(dest)
	}
	return dest
}

// publicResolver renders wikilinks of a public post or page (what) by the
// spec's rules. An ambiguous target of a page's is an error here: the
// journal reports those of posts already, not of pages.
func (j *Journal) publicResolver(what string) markdown.Resolver {
	reportAmbiguous := what == "page"
	base := j.Config.BasePath()
	// What each target names is recorded, for the next journal to be
	// compared with this one's (SamePublic); not by a journal whose
	// bodies render later, for each page.
	record := !j.md.Drops()
	return func(l markdown.Wikilink) (markdown.Resolution, error) {
		frag := ""
		if l.Fragment != "" {
			frag = "#" + markdown.HeadingID(l.Fragment)
		}
		if l.Target == "" {
			rs := markdown.Resolution{Dest: frag}
			if !l.Labeled {
				rs.Text = l.Fragment
			}
			return rs, nil
		}
		if record {
			j.named.Add(l.Target)
		}
		// Made of the target's publicTarget alone: two journals that
		// give the same one make the same link.
		t := j.publicTarget(l.Target)
		if nf := t.notFound; nf != nil {
			// In the wiki an unknown target is a warning; here its text
			// would be published, and a typo of a private name is exactly
			// the slip this rule is for.
			msg := fmt.Sprintf("public %s links to %q, which matches nothing", what, l.Target)
			if h := nf.Hint(); h != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", h)
			}
			return markdown.Resolution{}, errors.New(msg + ": fix the link, or write plain text")
		}
		if t.ambiguous != "" {
			if reportAmbiguous {
				return markdown.Resolution{}, errors.New(t.ambiguous)
			}
			// The journal reports an ambiguous target already, at the
			// link; it needs no saying twice.
			return markdown.Resolution{}, nil
		}
		switch t.kind {
		case KindPost:
			if t.published {
				r := markdown.Resolution{Dest: base + "posts/" + t.slug + "/" + frag}
				if !l.Labeled {
					r.Text = t.title
				}
				return r, nil
			}
			if l.Labeled {
				return markdown.Resolution{}, nil
			}
			return markdown.Resolution{}, fmt.Errorf("public %s links to unpublished post %q: add a label ([[%s|…]]) or publish it", what, l.Target, l.Target)
		case KindContact:
			if t.public {
				return markdown.Resolution{Dest: t.url, Text: t.name}, nil
			}
			if l.Labeled {
				return markdown.Resolution{}, nil
			}
			return markdown.Resolution{}, fmt.Errorf("public %s links to private contact %q: add a label or a public block", what, l.Target)
		default:
			if l.Labeled {
				return markdown.Resolution{}, nil
			}
			return markdown.Resolution{}, fmt.Errorf("public %s links to private %s %q: add a label ([[%s|…]])", what, t.kind, l.Target, l.Target)
		}
	}
}

// publicBody reports what of a rendered public body would publish
// something else than the writer means: wikilinks that resolve to
// nothing public, [[ left as written, and wikilink syntax in front matter
// (fields) or where Markdown never renders it.
func publicBody(what string, d *content.Doc, res markdown.Result, fields []struct{ key, value string }, errs *content.ErrorList) {
	for _, e := range res.Errors {
		errs.Add(d.BodyPos(e.Line), "%v", e.Err)
	}
	// What is not a link would be published as written, target and all.
	for _, line := range res.Unrendered {
		errs.Add(d.BodyPos(line), "public %s has [[ that is not a link (such as [[slug|]]): write [[target|label]], or put it in `code`", what)
	}
	for _, s := range res.Slips {
		errs.Add(d.BodyPos(s.Line), "public %s has wikilink syntax in %s, where it is not rendered and would be published as written: write the text", what, s.Where)
	}
	for _, f := range fields {
		if strings.Contains(f.value, "[[") {
			errs.Add(d.Pos(f.key), "%s: wikilinks are not rendered in front matter and would be published as written: write the text", f.key)
		}
	}
}

// linksToPrivate refuses a Markdown link of a public post or page to the
// address of a post or a page the blog does not publish (a private one,
// a draft, a post dated after today), as a wikilink to it is refused: the
// link would publish the address (its slug may say what the post is
// about), broken.
func (j *Journal) linksToPrivate(site *public.Site, errs *content.ErrorList) {
	private := map[string]string{} // an unpublished post's or private page's site path → what it is
	for _, p := range j.Posts {
		switch {
		case p.Private:
			private["posts/"+p.Slug()+"/"] = fmt.Sprintf("private post %q", p.Slug())
		case p.Published(j.Opts):
		case p.Draft:
			private["posts/"+p.Slug()+"/"] = fmt.Sprintf("draft post %q", p.Slug())
		default:
			private["posts/"+p.Slug()+"/"] = fmt.Sprintf("post %q, dated %s", p.Slug(), p.Date.Day().Format(time.DateOnly))
		}
	}
	for _, p := range j.Pages {
		switch {
		case p.SitePath == "" || p.Public(j.Opts.Drafts):
		case p.Private:
			private[p.SitePath] = fmt.Sprintf("private page %q", strings.TrimSuffix(p.SitePath, "/"))
		default:
			private[p.SitePath] = fmt.Sprintf("draft page %q", strings.TrimSuffix(p.SitePath, "/"))
		}
	}
	if len(private) == 0 {
		return
	}
	// The last name of each address, which a link to it ends in: a link
	// whose last name is none of these is passed by without resolving it
	// (every link of every public body, on every build).
	last := map[string]bool{}
	for at := range private {
		last[path.Base(at)] = true
	}
	check := func(what, source, dir string, links []public.Link) {
		for _, l := range links {
			d := markdown.DecodeDest(l.Dest)
			if !last[markdown.LastName(d)] && !anySegment(d, last) && !anySegment(content.PathUnescape(d), last) {
				continue // (an escaped / in it, posts%2Fsecret, is one as sitePathOf reads it)
			}
			if at := privateAt(private, sitePathOf(l.Dest, dir, site.BasePath, true)); at != "" {
				errs.Add(content.Position{Path: source, Line: l.Line},
					"public %s links to %s (%s%s): its address would be published, and the link broken; link to it from a private document, or leave the link out",
					what, private[at], site.BasePath, at)
			}
		}
	}
	for _, pp := range site.Posts {
		check("post", pp.Source, pp.Path(), pp.Links)
	}
	for _, pg := range site.Pages {
		check("page", pg.Source, pg.Path, pg.Links)
	}
	j.menuToPrivate(site, private, errs)
	j.webLinksToPrivate(site, private, errs)
}

// menuToPrivate refuses a menu entry of netjournal.yaml that leads to an
// unpublished address (a private or a draft page, a private post): every
// page of the blog would publish it.
func (j *Journal) menuToPrivate(site *public.Site, private map[string]string, errs *content.ErrorList) {
	hosts := map[string]bool{}
	for _, base := range []string{j.Config.WrittenBaseURL(), j.Config.BaseURL} {
		if u, err := url.Parse(base); err == nil && u.Host != "" {
			hosts[siteHost(u)] = true
		}
	}
	for i, m := range j.Config.Menu {
		at := ""
		if strings.HasPrefix(m.URL, "/") && !strings.HasPrefix(m.URL, "//") {
			at = privateAt(private, sitePathOf(m.URL, "", site.BasePath, true))
		} else if u, err := url.Parse(m.URL); err == nil && hosts[siteHost(u)] {
			at = privateAt(private, sitePathOf(u.EscapedPath(), "", site.BasePath, false))
		}
		if at == "" {
			continue
		}
		errs.Add(j.Config.MenuPos(i),
			"menu links to %s (%s%s): every page would publish its address, and the link broken; take it out of the menu, or publish it", private[at], site.BasePath, at)
	}
}

// privateAt returns the private address that the site path at is, or is
// a file in the folder of (posts/secret/photo.png: a private post's
// image, which names the post as its page does), or "". A page's
// address is its own alone: a public page may be under a private one
// (projects/foo/ under projects/); nothing is under a post's but its
// files.
func privateAt(private map[string]string, at string) string {
	if private[at] != "" {
		return at
	}
	// posts/ in any case (a server blind to case serves /Posts/secret/).
	if len(at) > len("posts/") && strings.EqualFold(at[:len("posts/")], "posts/") {
		if slug, _, ok := strings.Cut(at[len("posts/"):], "/"); ok {
			for _, s := range []string{slug, strings.ToLower(slug)} {
				if private["posts/"+s+"/"] != "" {
					return "posts/" + s + "/"
				}
			}
		}
	}
	return ""
}

// anySegment reports whether a segment of the path p (but its last),
// unescaped as a browser reads it, is one of names.
func anySegment(p string, names map[string]bool) bool {
	p, _, _ = strings.Cut(p, "#")
	p, _, _ = strings.Cut(p, "?")
	for {
		seg, rest, ok := strings.Cut(p, "/")
		if !ok {
			return false
		}
		if names[seg] || names[content.PathUnescape(seg)] || names[strings.ToLower(seg)] {
			return true
		}
		p = rest
	}
}

// webLinksToPrivate refuses, as linksToPrivate does, a link of a public
// post or page (or a link post's link:) to a private one's address written as the site's whole URL
// (https://example.com/posts/secret/, as a post made private since may be
// linked from the others). A body is read again for its links only when
// one of its web addresses ends in the last name of a private address
// (markdown.Facts.WebNames): seldom, and never on a site whose URL no
// body names.
func (j *Journal) webLinksToPrivate(site *public.Site, private map[string]string, errs *content.ErrorList) {
	// The site's hosts: base_url's, and the server's that serve shows it
	// at (a link to it is none a reader follows, but as broken).
	hosts := map[string]bool{}
	for _, base := range []string{j.Config.WrittenBaseURL(), j.Config.BaseURL} {
		if u, err := url.Parse(base); err == nil && u.Host != "" {
			hosts[siteHost(u)] = true
		}
	}
	if len(hosts) == 0 {
		return
	}
	names := map[uint64]bool{}
	for at := range private {
		names[markdown.WebName(path.Base(at))] = true
	}
	check := func(what string, doc *content.Doc, src markdown.Source, webNames []uint64) {
		if !slices.ContainsFunc(webNames, func(h uint64) bool { return names[h] }) {
			return
		}
		for _, l := range j.md.WebLinks(src) {
			u, err := url.Parse(l.Dest) // read as the page's reader reads it
			if err != nil || !hosts[siteHost(u)] {
				continue
			}
			if at := privateAt(private, sitePathOf(u.EscapedPath(), "", site.BasePath, false)); at != "" {
				errs.Add(doc.BodyPos(l.Line),
					"public %s links to %s (%s): its address would be published, and the link broken; link to it from a private document, or leave the link out",
					what, private[at], l.Dest)
			}
		}
	}
	for _, p := range j.Posts {
		if !p.Published(j.Opts) {
			continue
		}
		if len(p.webNames) > 0 {
			check("post", p.Doc(), p.Source(), p.webNames)
		}
		// A link post's link: the home page, the list of shared links,
		// the post's page and the feeds publish it.
		if u, err := url.Parse(p.Link); p.Link != "" && err == nil && hosts[siteHost(u)] {
			if at := privateAt(private, sitePathOf(u.EscapedPath(), "", site.BasePath, false)); at != "" {
				errs.Add(p.Pos("link"),
					"public post links to %s (%s): its address would be published, and the link broken; link to it from a private document, or leave the link out",
					private[at], p.Link)
			}
		}
	}
	published := map[string]bool{}
	for _, pg := range site.Pages {
		published[pg.Source] = true
	}
	for _, pg := range j.Pages {
		if published[pg.Path] {
			src := markdown.Text(pg.Body)
			check("page", &pg.Doc, src, j.md.Facts(src).WebNames)
		}
	}
}

// sitePathOf returns the site path a link's destination names (a root
// path under the base path, or one relative to dir, the page's site
// path), a folder with its "/" (posts/x/); "" for a path outside the base
// path. Result.Links holds links to site paths alone. A body's root path
// the renderer puts under the base path when it is not (/posts/x/ under
// /blog/: sitePath), and names that site path (rewritten); a web
// address's path outside it is the host's, no page of the site.
func sitePathOf(dest, dir, basePath string, rewritten bool) string {
	dest = markdown.DecodeDest(dest) // as the page's reader reads it
	dest, _, _ = strings.Cut(dest, "#")
	dest, _, _ = strings.Cut(dest, "?")
	dest = content.PathUnescape(dest) // /posts/s%65cret/ is /posts/secret/
	p := path.Join(dir, dest)
	if strings.HasPrefix(dest, "/") {
		rest, ok := content.CutBase(dest, content.PathUnescape(basePath)) // as written or as a browser shows it
		switch {
		case ok:
		case rewritten:
			rest = dest[1:] // as Config.SitePath puts it under the base path
		default:
			return ""
		}
		p = rest
	}
	p = strings.TrimPrefix(path.Clean("/"+p), "/")
	p = strings.TrimSuffix(p, "index.html")
	if p != "" && !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// siteHost is u's host as a site's: in lower case, without its scheme's
// own port, a final dot or www. (example.com for WWW.Example.com.:443 in
// https), so that one site is one host however a link writes it.
func siteHost(u *url.URL) string {
	host := strings.ToLower(u.Hostname())
	host = strings.TrimSuffix(host, ".")
	host = strings.TrimPrefix(host, "www.")
	if port := u.Port(); port != "" && !(port == "443" && strings.EqualFold(u.Scheme, "https") || port == "80" && strings.EqualFold(u.Scheme, "http")) {
		host += ":" + port
	}
	return host
}

// printableHTML is a rendered body's HTML without the control characters
// no page or feed may hold.
func printableHTML(res markdown.Result) template.HTML {
	if !res.HTMLControl {
		return template.HTML(res.HTML) // scanned once, when it was made
	}
	return template.HTML(printable(res.HTML))
}

// wantsTOC says whether a body of so many words gets a table of
// contents: as its front matter says, else by the site's toc_min_words.
func (j *Journal) wantsTOC(toc *bool, words int) bool {
	if toc != nil {
		return *toc
	}
	return j.Config.TOCMinWords > 0 && words >= j.Config.TOCMinWords
}

// toc is the table of contents of a rendered body, nil when it has no
// headings to list.
func toc(html string) []public.Heading {
	var conv func([]markdown.Heading) []public.Heading
	conv = func(hs []markdown.Heading) []public.Heading {
		if len(hs) == 0 {
			return nil
		}
		out := make([]public.Heading, len(hs))
		for i, h := range hs {
			out[i] = public.Heading{ID: h.ID, Text: h.Text, Children: conv(h.Children)}
		}
		return out
	}
	return conv(markdown.TOC(html))
}

// publicPages renders the standalone pages of the public site, by the
// rules of public posts.
func (j *Journal) publicPages(errs *content.ErrorList) []*public.Page {
	var pages []*content.Page
	for _, p := range j.Pages {
		if p.Public(j.Opts.Drafts) && p.SitePath != "" {
			pages = append(pages, p)
		}
	}
	bodies := make([]markdown.Result, len(pages))
	par.Each(len(pages), func(i int) {
		bodies[i] = j.md.Render(markdown.Text(pages[i].Body), j.publicOptions("page"))
	})
	out := make([]*public.Page, len(pages))
	for i, p := range pages {
		out[i] = j.publicPage(p, bodies[i], errs)
	}
	return out
}

// publicPage is the public view of the public page p, whose body rendered
// as res; the body's problems go to errs.
func (j *Journal) publicPage(p *content.Page, res markdown.Result, errs *content.ErrorList) *public.Page {
	publicBody("page", &p.Doc, res, []struct{ key, value string }{{"title", p.Title}, {"description", p.Description}}, errs)
	pp := &public.Page{
		Path:        p.SitePath,
		Title:       printable(p.Title),
		Description: printable(p.Description),
		Date:        p.Date.Time,
		Updated:     p.Updated.Time,
		Draft:       p.Draft,
		Words:       res.Words,
		Source:      p.Path,
	}
	if pp.Description == "" {
		pp.Description = printable(bodySummary(res))
	}
	pp.HTML = printableHTML(res)
	if j.wantsTOC(p.TOC, res.Words) {
		pp.TOC = toc(string(pp.HTML))
	}
	for k, a := range p.Aliases {
		pp.Aliases = append(pp.Aliases, public.Alias{Path: strings.Trim(a, "/") + trailingSlash(a), Line: p.Pos(fmt.Sprintf("aliases[%d]", k)).Line})
	}
	if len(res.Links) > 0 {
		pp.Links = make([]public.Link, len(res.Links)) // kept to the end: grown once
		for i, l := range res.Links {
			pp.Links[i] = public.Link{Dest: l.Dest, Line: p.BodyLine + l.Line}
		}
	}
	return pp
}

// PreviewPage is the public view's page of the public page p as a rebuild
// makes it now that p's file reads as doc (content.ReadDoc), when the edit
// changed its body alone: the same front matter as written. A page's body
// gives the journal nothing (it is no document wikilinks reach), and no
// other page shows what it makes of it. ok is false for any other edit,
// and for a body the rebuild would report a problem in.
func (j *Journal) PreviewPage(p *content.Page, doc content.Doc) (pp *public.Page, ok bool) {
	if doc.Head != p.Head {
		return nil, false
	}
	edited := *p
	edited.Body = doc.Body
	var errs content.ErrorList
	pp = j.publicPage(&edited, j.md.Render(markdown.Text(edited.Body), j.publicOptions("page")), &errs)
	if len(errs) > 0 {
		return nil, false
	}
	return pp, true
}

// The built-in items of the header navigation, when the site gives no
// menu of its own, with their weights: a page's menu weight puts it
// among them (15 between Home and Archive), and a page without a weight
// comes after them.
var builtinMenu = []struct {
	title, path string
	weight      int
}{
	{"Home", "", 10},
	{"Archive", "archive/", 20},
	{"Shared", "shared/", 30}, // while there are link posts
	{"Tags", "tags/", 40},
}

// menu is the header navigation: the site's menu, or the built-in items,
// with the published pages that ask to be in it. Items are sorted by
// weight, those without one last, each group in the order it is given:
// the site's list, then the pages by path.
func (j *Journal) menu(site *public.Site) []public.MenuItem {
	type item struct {
		public.MenuItem
		weight int
	}
	var items []item
	if j.Config.HasMenu() {
		for _, m := range j.Config.Menu {
			it := item{MenuItem: public.MenuItem{Title: m.Title}, weight: m.Weight}
			if p, ok := j.menuPath(m.URL); ok {
				it.Path = p
			} else {
				it.URL = m.URL
			}
			items = append(items, it)
		}
	} else {
		shared := len(site.LinkPosts()) > 0
		for _, b := range builtinMenu {
			if b.path != "shared/" || shared {
				items = append(items, item{MenuItem: public.MenuItem{Title: b.title, Path: b.path}, weight: b.weight})
			}
		}
	}
	published := map[string]*public.Page{}
	for _, p := range site.Pages {
		published[p.Path] = p
	}
	for _, p := range j.Pages {
		pp := published[p.SitePath]
		if !p.Menu.In || pp == nil {
			continue
		}
		title := p.Menu.Title
		if title == "" {
			title = pp.Title
		}
		items = append(items, item{MenuItem: public.MenuItem{Title: printable(title), Path: pp.Path}, weight: p.Menu.Weight})
	}
	sort.SliceStable(items, func(a, b int) bool {
		wa, wb := items[a].weight, items[b].weight
		if (wa == 0) != (wb == 0) {
			return wb == 0
		}
		return wa < wb
	})
	out := make([]public.MenuItem, len(items))
	for i, it := range items {
		out[i] = it.MenuItem
	}
	return out
}

// menuPath is the site path of a menu url that leads inside the site:
// /about/, /blog/about/ under the base path /blog/, or the site's own
// absolute URL.
func (j *Journal) menuPath(u string) (string, bool) {
	// A menu may spell the base path as a browser shows it (/café/about/
	// under /caf%C3%A9/); what follows it stays as written (%3F is no
	// query).
	if rest, ok := content.CutBase(u, content.PathUnescape(j.Config.BaseURL)); ok {
		return rest, true
	}
	if strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//") {
		return j.Config.SiteRel(u), true
	}
	return "", false
}

// TagSlugs gives each of these tag names (one per tag) the slug of its
// page, as the public view does: for an import, which points the old
// site's links to a tag at the page netjournal makes of it.
func TagSlugs(names []string) map[string]string { return tagSlugs(names) }
