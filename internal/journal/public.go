package journal

import (
	"errors"
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/par"
	"github.com/netjournal/netjournal/internal/public"
)

// Public returns the public view of the journal: published posts only,
// rendered by the spec's privacy rules. A public post that links a private
// contact, an event or an unpublished post without a label is an error.
//
// This is the only function that copies journal data into public types; a
// reviewer checks the privacy boundary here and in package public.
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
	bodies := make([]markdown.Result, len(published))
	par.Each(len(published), func(i int) {
		p := published[i]
		bodies[i] = j.md.Render(p.Body, markdown.Options{
			Resolve: j.publicResolver(p),
			Rewrite: func(dest string) string { return sitePath(j.Config, dest) },
			Key:     "public " + site.BasePath,
		})
	})
	for i, p := range published {
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
		res := bodies[i]
		for _, e := range res.Errors {
			errs.Add(p.BodyPos(e.Line), "%v", e.Err)
		}
		// What is not a link would be published as written, target and all.
		for _, line := range res.Unrendered {
			errs.Add(p.BodyPos(line), "public post has [[ that is not a link (such as [[slug|]]): write [[target|label]], or put it in `code`")
		}
		for _, s := range res.Slips {
			errs.Add(p.BodyPos(s.Line), "public post has wikilink syntax in %s, where it is not rendered and would be published as written: write the text", s.Where)
		}
		for _, f := range []struct{ key, value string }{{"title", p.Title()}, {"summary", p.Summary}, {"tags", strings.Join(p.Tags, " ")}} {
			if strings.Contains(f.value, "[[") {
				errs.Add(p.Pos(f.key), "%s: wikilinks are not rendered in front matter and would be published as written: write the text", f.key)
			}
		}
		pp.HTML, pp.HTMLSum = template.HTML(res.HTML), res.Sum
		if html := printable(res.HTML); html != res.HTML {
			pp.HTML, pp.HTMLSum = template.HTML(html), "" // the sum was of other bytes
		}
		pp.Words = res.Words // counted once, with the memoised render
		pp.Summary = printable(p.Summary)
		if pp.Summary == "" {
			pp.Summary = printable(markdown.Truncate(res.Summary, 240))
		}
		for _, l := range res.Links {
			pp.Links = append(pp.Links, public.Link{Dest: l.Dest, Line: p.BodyLine + l.Line})
		}
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
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return site, nil
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
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = printable(s)
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

// sitePath puts a root-relative Markdown destination under the base path;
// other destinations stay as written.
func sitePath(cfg *content.Config, dest string) string {
	if strings.HasPrefix(dest, "/") && !strings.HasPrefix(dest, "//") {
		return cfg.SitePath(dest)
	}
	return dest
}

// publicResolver renders wikilinks of a public post by the spec's rules.
func (j *Journal) publicResolver(from *Post) markdown.Resolver {
	base := j.Config.BasePath()
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
		n, err := j.Resolve(l.Target)
		var nf *NotFoundError
		if errors.As(err, &nf) {
			// In the wiki an unknown target is a warning; here its text
			// would be published, and a typo of a private name is exactly
			// the slip this rule is for.
			msg := fmt.Sprintf("public post links to %q, which matches nothing", l.Target)
			if h := nf.Hint(); h != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", h)
			}
			return markdown.Resolution{}, errors.New(msg + ": fix the link, or write plain text")
		}
		if err != nil {
			// The journal reports an ambiguous target already, at the
			// link; it needs no saying twice.
			return markdown.Resolution{}, nil
		}
		switch n := n.(type) {
		case *Post:
			if n.Published(j.Opts) {
				r := markdown.Resolution{Dest: base + "posts/" + n.Slug() + "/" + frag}
				if !l.Labeled {
					r.Text = n.Title()
				}
				return r, nil
			}
			if l.Labeled {
				return markdown.Resolution{}, nil
			}
			return markdown.Resolution{}, fmt.Errorf("public post links to unpublished post %q: add a label ([[%s|…]]) or publish it", l.Target, l.Target)
		case *Contact:
			if p := n.Public; p != nil {
				return markdown.Resolution{Dest: p.URL, Text: p.Name}, nil
			}
			if l.Labeled {
				return markdown.Resolution{}, nil
			}
			return markdown.Resolution{}, fmt.Errorf("public post links to private contact %q: add a label or a public block", l.Target)
		default:
			if l.Labeled {
				return markdown.Resolution{}, nil
			}
			return markdown.Resolution{}, fmt.Errorf("public post links to private %s %q: add a label ([[%s|…]])", n.NodeKind(), l.Target, l.Target)
		}
	}
}
