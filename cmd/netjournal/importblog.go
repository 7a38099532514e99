package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/blogimport"
	"github.com/netjournal/netjournal/internal/content"
)

// importBlogCmd is `netjournal import hugo|jekyll DIR`: a Hugo or Jekyll
// blog's posts, pages and static files brought into the site, each post's
// old address kept as a redirect and as its feed id, each page's kept or
// redirected.
type importBlogCmd struct {
	*env
	kind string // "hugo" or "jekyll"
}

// sections is a repeatable --section flag.
type sections []string

func (s *sections) String() string { return strings.Join(*s, ",") }
func (s *sections) Set(v string) error {
	*s = append(*s, v)
	return nil
}

func (c *importBlogCmd) Run(ctx context.Context, args []string) int {
	name := "import " + c.kind
	usage := name + " DIR [-C DIR] [--dry-run] [--base-url URL]"
	if c.kind == "hugo" {
		usage += " [--section NAME]..."
	}
	fs := c.flags(name, usage)
	dryRun := false
	fs.BoolVar(&dryRun, "dry-run", false, "print what the import would write, and write nothing")
	var baseURL string
	fs.StringVar(&baseURL, "base-url", "", "the old blog's address, when its configuration lacks it: `URL` of its feed ids")
	var secs sections
	if c.kind == "hugo" {
		fs.Var(&secs, "section", "a `NAME`d section whose pages are posts (repeat for several; default: mainSections, or the largest)")
	}
	dir, code, ok := argument(fs, args, "the folder of the "+map[string]string{"hugo": "Hugo", "jekyll": "Jekyll"}[c.kind]+" site")
	if !ok {
		return code
	}
	if baseURL != "" && !strings.HasPrefix(baseURL, "http://") && !strings.HasPrefix(baseURL, "https://") {
		fmt.Fprintf(c.stderr, "netjournal %s: --base-url %q: want the address of the old blog, https://…\n", name, baseURL)
		return exitUsage
	}
	blogDir := c.path(dir)
	if info, err := os.Stat(blogDir); err != nil || !info.IsDir() {
		where := ""
		if filepath.Clean(blogDir) != filepath.Clean(dir) {
			// -C names the folder a relative one is found from: say
			// which was looked at.
			where = " (looked for " + blogDir + ": a relative path is read from -C's folder)"
		}
		fmt.Fprintf(c.stderr, "netjournal %s: %s is not a folder%s\n", name, dir, where)
		return exitContent
	}

	if _, err := os.Stat(c.path(content.ConfigFile)); err != nil {
		fmt.Fprintf(c.stderr, "netjournal %s: %s has no %s: import into a site (netjournal new site DIR makes one)\n", name, c.dir, content.ConfigFile)
		return exitContent
	}
	site, err := content.Load(os.DirFS(c.dir))
	if site == nil || site.Config == nil {
		return c.report(err)
	}
	taken := map[string]string{}
	for _, p := range site.Posts {
		slug := p.Slug
		if p.SlugKey != "" {
			slug = p.SlugKey
		}
		taken[slug] = p.Path
	}
	pages := map[string]string{}
	for _, p := range site.Pages {
		if p.SitePath != "" {
			pages[p.SitePath] = p.Path
		}
	}
	old := os.DirFS(blogDir)
	opts := blogimport.Options{Root: dir, BaseURL: baseURL, Sections: secs, NewBase: site.Config.BaseURL, Taken: taken, Pages: pages, Now: time.Now()}
	read := blogimport.Jekyll
	if c.kind == "hugo" {
		read = blogimport.Hugo
	}
	plan, err := read(old, opts)
	if err != nil {
		return c.report(err)
	}
	if len(plan.Posts) == 0 && len(plan.Pages) == 0 {
		c.warnings(plan)
		fmt.Fprintf(c.stderr, "netjournal %s: no posts or pages found in %s; nothing was written\n", name, dir)
		return exitContent
	}
	if err := plan.Verify(os.DirFS(c.dir), time.Now()); err != nil {
		c.warnings(plan)
		fmt.Fprintf(c.stderr, "netjournal %s: the imported posts and pages would break the site, so nothing was written:\n", name)
		return c.report(err)
	}
	if err := plan.Check(c.dir, old); err != nil {
		c.warnings(plan)
		return c.unwritten(name, err)
	}
	if !dryRun {
		if written, err := plan.Write(ctx, c.dir, old); err != nil {
			if len(written) > 0 {
				fmt.Fprintf(c.stderr, "netjournal %s: %v\nnetjournal %s: only %d files were written: %s\n", name, err, name, len(written), strings.Join(written, ", "))
				return exitContent
			}
			c.warnings(plan)
			return c.unwritten(name, err)
		}
	}
	c.warnings(plan)
	if l := plan.Language; l != "" && !strings.EqualFold(primaryLanguage(l), primaryLanguage(site.Config.Language)) {
		// netjournal.yaml is the user's: the import suggests, as it does
		// the old menu. (en-us and en are one language: no note.)
		plan.Notes = append(plan.Notes, fmt.Sprintf("the old site's language is %s, this site's %s: add language: %s to %s for its pages to say so", l, site.Config.Language, l, content.ConfigFile))
	}
	c.print(plan, dryRun)
	return exitOK
}

// warnings prints the plan's warnings, sorted, on stderr.
func (c *importBlogCmd) warnings(plan *blogimport.Plan) {
	plan.Warnings.Sort()
	printWarnings(c.stderr, plan.Warnings)
}

// print says what the import wrote, or would write: each post and page
// with its old address, the files copied, what was left out, and the
// counts.
func (c *importBlogCmd) print(plan *blogimport.Plan, dryRun bool) {
	verb, copied := "imported", "copied"
	if dryRun {
		verb, copied = "would import", "would copy"
	}
	drafts := 0
	for _, p := range plan.Posts {
		fmt.Fprintf(c.stdout, "%s %s from %s\n", verb, p.Path, p.Source)
		if p.Draft {
			drafts++
			fmt.Fprintln(c.stdout, "  a draft")
		}
		for _, a := range p.Aliases {
			fmt.Fprintf(c.stdout, "  redirects %s\n", a)
		}
		if p.FeedID != "" {
			fmt.Fprintf(c.stdout, "  feed id %s\n", p.FeedID)
		}
		for _, n := range p.Notes {
			fmt.Fprintf(c.stdout, "  %s\n", n)
		}
	}
	pageDrafts := 0
	for _, p := range plan.Pages {
		fmt.Fprintf(c.stdout, "%s %s from %s\n", verb, p.Path, p.Source)
		fmt.Fprintf(c.stdout, "  a page at /%s\n", p.SitePath)
		if p.Draft {
			pageDrafts++
			fmt.Fprintln(c.stdout, "  a draft")
		}
		if m := p.Menu; m != nil {
			in := "  in the menu"
			if m.Title != "" {
				in += fmt.Sprintf(" as %q", m.Title)
			}
			if m.Weight != 0 {
				in += fmt.Sprintf(", weight %d", m.Weight)
			}
			fmt.Fprintln(c.stdout, in)
		}
		for _, a := range p.Aliases {
			fmt.Fprintf(c.stdout, "  redirects %s\n", a)
		}
		for _, n := range p.Notes {
			fmt.Fprintf(c.stdout, "  %s\n", n)
		}
	}
	if n := len(plan.Files); n > 0 {
		fmt.Fprintf(c.stdout, "%s %d %s into static/\n", copied, n, plural(n, "file", "files"))
	}
	for _, s := range plan.Skipped {
		fmt.Fprintf(c.stdout, "skipped %s: %s\n", s.Source, s.Reason)
	}
	for _, n := range plan.Notes {
		fmt.Fprintf(c.stdout, "note: %s\n", n)
	}
	n := len(plan.Posts)
	fmt.Fprintf(c.stdout, "%s %d %s", verb, n, plural(n, "post", "posts"))
	if drafts > 0 {
		fmt.Fprintf(c.stdout, " (%d %s)", drafts, plural(drafts, "draft", "drafts"))
	}
	np := len(plan.Pages)
	fmt.Fprintf(c.stdout, ", %d %s", np, plural(np, "page", "pages"))
	if pageDrafts > 0 {
		fmt.Fprintf(c.stdout, " (%d %s)", pageDrafts, plural(pageDrafts, "draft", "drafts"))
	}
	r, w := plan.Redirects(), len(plan.Warnings)
	fmt.Fprintf(c.stdout, ", %d %s, %d static %s, %d %s, %d skipped",
		r, plural(r, "redirect", "redirects"), len(plan.Files), plural(len(plan.Files), "file", "files"), w, plural(w, "warning", "warnings"), len(plan.Skipped))
	if dryRun {
		fmt.Fprint(c.stdout, " (dry run: nothing written)")
	}
	fmt.Fprintln(c.stdout)
}

var _ flag.Value = (*sections)(nil)

// primaryLanguage is the language of a tag, without its region or script:
// en of en-US.
func primaryLanguage(tag string) string {
	p, _, _ := strings.Cut(tag, "-")
	return p
}
