package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing/fstest"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/scaffold"
)

// newCmd is `netjournal new contact|event|post "Title"` and `netjournal
// new site DIR`: a correctly named file with its front-matter skeleton,
// never over an existing one.
type newCmd struct{ *env }

const newUsage = `new contact "Name" [--circle C] [--company X] [--role R] [--email E]... [--tag T]... [--met DATE] [--edit]
       netjournal new event "Title" [--date DATE] [--with SLUG]... [--kind K] [--edit]
       netjournal new post "Title" [--date DATE] [--tag T]... [--link URL] [--edit]
       netjournal new page "Title" [--menu] [--edit]
       netjournal new site DIR [--title T] [--author NAME]`

func (c *newCmd) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(c.stderr, "usage: netjournal %s\n", newUsage)
		return exitUsage
	}
	switch args[0] {
	case "contact", "event", "post", "page":
		return c.doc(ctx, args[0], args[1:])
	case "site":
		return c.site(args[1:])
	case "-h", "-help", "--help":
		fmt.Fprintf(c.stderr, "usage: netjournal %s\n", newUsage)
		return exitOK
	}
	fmt.Fprintf(c.stderr, "netjournal new: unknown kind %q: want contact, event, post, page or site\n", args[0])
	return exitUsage
}

// doc writes a new contact, event or post.
func (c *newCmd) doc(ctx context.Context, kind string, args []string) int {
	name := "new " + kind
	fs := c.flags(name, map[string]string{
		"contact": `new contact "Name" [-C DIR] [--circle C] [--company X] [--role R] [--email E]... [--tag T]... [--met DATE] [--edit]`,
		"event":   `new event "Title" [-C DIR] [--date DATE] [--with SLUG]... [--kind K] [--edit]`,
		"post":    `new post "Title" [-C DIR] [--date DATE] [--tag T]... [--link URL] [--edit]`,
		"page":    `new page "Title" [-C DIR] [--menu] [--edit]`,
	}[kind])
	var (
		date, now                          nowFlag
		circle, company, role, kindOf, url string
		emails, tags, with                 listFlag
		edit, menu                         bool
	)
	fs.BoolVar(&edit, "edit", false, "open the new file in $VISUAL or $EDITOR")
	fs.Var(&now, "now", "act as if today were `DATE` (YYYY-MM-DD or RFC 3339)")
	switch kind {
	case "contact":
		fs.StringVar(&circle, "circle", "", "the contact's `circle`")
		fs.StringVar(&company, "company", "", "the contact's `company`")
		fs.StringVar(&role, "role", "", "the contact's `role`")
		fs.Var(&emails, "email", "an `address` (repeat for several)")
		fs.Var(&tags, "tag", "a `tag` (repeat for several)")
		fs.Var(&date, "met", "the `DATE` you met (default: left out)")
	case "event":
		fs.Var(&date, "date", "the event's `DATE` (default today)")
		fs.Var(&with, "with", "a contact met, by `SLUG` or name (repeat, or separate with commas)")
		fs.StringVar(&kindOf, "kind", "", "the event's `KIND`: coffee, call, meeting, conference, … (default: from the title)")
	case "post":
		fs.Var(&date, "date", "the post's `DATE` (default today)")
		fs.Var(&tags, "tag", "a `tag` (repeat for several)")
		fs.StringVar(&url, "link", "", "make it a link post sharing `URL`")
	case "page":
		fs.BoolVar(&menu, "menu", false, "put the page in the header navigation")
	}
	title, code, ok := argument(fs, args, map[string]string{"contact": "the name", "event": "the title", "post": "the title", "page": "the title"}[kind]+", in quotes")
	if !ok {
		return code
	}
	title = strings.TrimSpace(title)
	met := date.t // a contact's: only when given
	if date.t.IsZero() {
		date.t = now.time()
	}
	day := content.Day(date.t)

	site, err := content.Load(os.DirFS(c.dir))
	if site == nil {
		return c.report(err)
	}
	valid := err == nil // the site loads: check what the new file names against it
	var rel string
	var data []byte
	switch kind {
	case "contact":
		if circle != "" && site.Config.Circle(circle) == nil {
			fmt.Fprintf(c.stderr, "netjournal new contact: unknown circle %q: use one of %s\n", circle, site.Config.CircleNames())
			return exitUsage
		}
		var names []string
		for _, ci := range site.Config.Circles {
			names = append(names, ci.Name)
		}
		ct := scaffold.Contact{Name: title, Company: company, Role: role, Email: emails, Tags: tags, Circle: circle, Reviewed: content.Day(now.time()), Circles: names}
		if !met.IsZero() {
			ct.Met = content.Day(met)
		}
		rel, data = ct.Path(), ct.File()
	case "event":
		if valid {
			if code, ok := c.checkRefs(site, now, with); !ok {
				return code
			}
		}
		ev := scaffold.Event{Title: title, Date: day, Kind: kindOf, With: with}
		rel, data = ev.Path(), ev.File()
	case "post":
		if url != "" && !content.IsURL(url) {
			fmt.Fprintf(c.stderr, "netjournal new post: --link: expected an absolute URL (https://…), got %q\n", url)
			return exitUsage
		}
		p := scaffold.Post{Title: title, Date: day, Tags: tags, Link: url}
		rel, data = p.Path(), p.File()
	case "page":
		p := scaffold.Page{Title: title, Menu: menu}
		rel, data = p.Path(), p.File()
	}
	if rel == "" {
		fmt.Fprintf(c.stderr, "netjournal %s: %q has no letter or digit to name a file after\n", name, title)
		return exitUsage
	}
	if other := slugTaken(site, kind, content.SlugOf(rel)); other != "" {
		fmt.Fprintf(c.stderr, "netjournal %s: %s already exists with the slug %q: not overwriting it\n", name, other, content.SlugOf(rel))
		return exitContent
	}
	if code, ok := c.clash(kind, title, rel, data, now); !ok {
		return code
	}
	path := c.path(filepath.FromSlash(rel))
	if err := createFile(path, data); err != nil {
		fmt.Fprintf(c.stderr, "netjournal %s: %v\n", name, err)
		return exitContent
	}
	fmt.Fprintln(c.stdout, path)
	if edit {
		return c.edit(ctx, path)
	}
	return exitOK
}

// checkRefs proves every --with names one contact.
func (c *newCmd) checkRefs(site *content.Site, now nowFlag, refs []string) (int, bool) {
	j, err := journal.Build(site, markdown.New(), journal.Options{Now: now.time()})
	if err != nil {
		return exitOK, true // the site has problems of its own: the build will report them
	}
	for _, ref := range refs {
		if _, err := j.Resolve(ref, journal.KindContact); err != nil {
			fmt.Fprintf(c.stderr, "netjournal new event: --with: %v\n", err)
			return exitUsage, false
		}
	}
	return exitOK, true
}

// slugTaken returns the path of a document of the kind with the slug, if any:
// two documents of a kind may not share one, in any folder.
func slugTaken(site *content.Site, kind, slug string) string {
	var docs []*content.Doc
	switch kind {
	case "contact":
		for _, d := range site.Contacts {
			docs = append(docs, &d.Doc)
		}
	case "event":
		for _, d := range site.Events {
			docs = append(docs, &d.Doc)
		}
	case "post":
		for _, d := range site.Posts {
			docs = append(docs, &d.Doc)
		}
	case "page":
		// A page's address is its slug: /about/.
		for _, d := range site.Pages {
			if d.SitePath == slug+"/" {
				return d.Path
			}
		}
	}
	for _, d := range docs {
		if d.Slug == slug || content.SlugOf(d.Path) == slug {
			return d.Path
		}
	}
	return ""
}

// clash proves a new document answers to no name that another already
// answers to, as import's verify does for what it writes: a slug, name,
// title or alias shared across documents makes every link by it
// ambiguous, and the next build fails. Events alone may share a title (a
// coffee every month), unless a link already names one by it. It reports
// the documents the new one would clash with, and the problems the build
// would gain, and returns false.
func (c *newCmd) clash(kind, title, rel string, data []byte, now nowFlag) (int, bool) {
	return c.clashFor("new "+kind, kind, title, rel, data, now)
}

// clashFor is clash for the command named command ("new event", "log"),
// which its messages begin with.
func (c *newCmd) clashFor(command, kind, title, rel string, data []byte, now nowFlag) (int, bool) {
	before, err := siteFiles(os.DirFS(c.dir))
	if err != nil {
		fmt.Fprintf(c.stderr, "netjournal %s: %v\n", command, err)
		return exitContent, false
	}
	after := fstest.MapFS{}
	for p, f := range before {
		after[p] = f
	}
	after[rel] = &fstest.MapFile{Data: data}
	old := map[string]bool{}
	for _, e := range siteProblems(before) {
		old[e.Error()] = true
	}
	var added content.ErrorList
	for _, e := range siteProblems(after) {
		if !old[e.Error()] || e.Pos.Path == rel {
			added = append(added, e)
		}
	}

	// Which documents the new one shares a name with: the ones an
	// ambiguous ref by its title or slug matches beside it.
	var clashes []string
	if site, _ := content.Load(after); site != nil {
		j, _ := journal.Build(site, markdown.New(), journal.Options{Now: now.time()})
		names := []string{title, content.SlugOf(rel)}
		if kind == "event" && len(added) == 0 {
			names = names[1:]
		}
		seen := map[string]bool{}
		if key := content.Slugify(title); kind == "contact" && key != "" {
			// A name another contact has but for its accents and
			// punctuation ("Daniel O’Connor", a phone's apostrophe),
			// by which log and done find that one (FindContact).
			for _, ct := range j.Contacts {
				if ct.Doc().Path == rel {
					continue
				}
				for _, n := range append([]string{ct.Name}, ct.Aliases...) {
					if content.Slugify(n) == key && n != title {
						seen[ct.Doc().Path] = true
						clashes = append(clashes, fmt.Sprintf("%q is contact %s's name %q (%s) but for its accents and punctuation", title, ct.Slug(), n, ct.Doc().Path))
						break
					}
				}
			}
		}
		for _, name := range names {
			_, err := j.Resolve(name)
			var amb *journal.AmbiguousError
			if !errors.As(err, &amb) {
				continue
			}
			var others []string
			for _, n := range amb.Candidates {
				if p := n.Doc().Path; p != rel && !seen[p] {
					seen[p] = true
					others = append(others, fmt.Sprintf("%s %s (%s)", n.NodeKind(), n.Slug(), p))
				}
			}
			if len(others) > 0 {
				clashes = append(clashes, fmt.Sprintf("%q is already a name of %s", name, strings.Join(others, ", ")))
			}
		}
	}
	if len(clashes) == 0 && len(added) == 0 {
		return exitOK, true
	}
	if len(clashes) > 0 {
		what := map[string]string{"contact": "name", "event": "title", "post": "title", "page": "title"}[kind]
		fmt.Fprintf(c.stderr, "netjournal %s: %s, so links by it would be ambiguous: nothing was written; "+
			"choose another %s, or tell them apart first with a distinguishing alias, slug or file name\n",
			command, strings.Join(clashes, "; "), what)
	}
	if len(added) == 0 {
		return exitContent, false
	}
	if len(clashes) > 0 {
		fmt.Fprintf(c.stderr, "netjournal %s: with it, the build would fail:\n", command)
	} else {
		fmt.Fprintf(c.stderr, "netjournal %s: the new file would break the site, so nothing was written:\n", command)
	}
	return c.report(added), false
}

// createFile writes a new file, refusing to replace one.
func createFile(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s already exists: not overwriting it", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// edit opens path in $VISUAL or $EDITOR, which may hold arguments
// ("code --wait"). Without either it falls back, saying so, to the
// system's editor (Debian's editor, then vi, nano) when run on a
// terminal, else to xdg-open on a desktop. Finding none is no failure:
// the file is written, and the message says how to choose an editor.
func (c *newCmd) edit(ctx context.Context, path string) int {
	editor := os.Getenv("VISUAL")
	if editor == "" {
		editor = os.Getenv("EDITOR")
	}
	if editor == "" {
		editor = fallbackEditor(c.stdin)
		if editor == "" {
			fmt.Fprintln(c.stderr, "netjournal: --edit: no editor found: set $EDITOR (export EDITOR=nano, say) to open the file; it is written")
			return exitOK
		}
		fmt.Fprintf(c.stderr, "netjournal: --edit: $EDITOR is not set: opening the file with %s\n", editor)
	}
	words := strings.Fields(editor)
	cmd := exec.CommandContext(ctx, words[0], append(words[1:], path)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = c.stdin, c.stdout, c.stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(c.stderr, "netjournal: --edit: %s: %v (the file is written)\n", editor, err)
		return exitContent
	}
	return exitOK
}

// fallbackEditor is the editor to use when $VISUAL and $EDITOR say none:
// a terminal editor on a terminal, else the desktop's opener, or "".
func fallbackEditor(stdin io.Reader) string {
	if f, ok := stdin.(*os.File); ok {
		if info, err := f.Stat(); err == nil && info.Mode()&os.ModeCharDevice != 0 {
			for _, name := range []string{"editor", "vi", "nano"} {
				if _, err := exec.LookPath(name); err == nil {
					return name
				}
			}
		}
	}
	if os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" {
		if _, err := exec.LookPath("xdg-open"); err == nil {
			return "xdg-open"
		}
	}
	return ""
}

// site writes a new site into an empty or missing folder.
func (c *newCmd) site(args []string) int {
	fs := c.flags("new site", "new site DIR [--title T] [--author NAME]")
	title, author := "My network", ""
	var now nowFlag
	fs.StringVar(&title, "title", title, "the blog's `title`")
	fs.StringVar(&author, "author", "", "your `name`, as the blog's author")
	fs.Var(&now, "now", "date the example as if today were `DATE`")
	arg, code, ok := argument(fs, args, "the folder to create")
	if !ok {
		return code
	}
	dir := c.path(arg)
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		fmt.Fprintf(c.stderr, "netjournal new site: %s already exists and is not empty\n", dir)
		return exitContent
	}
	if author == "" {
		author = c.ask("Your name, as the blog's author (Enter to leave it out): ")
	}
	files := scaffold.Site(title, author, now.time())
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		if err := createFile(filepath.Join(dir, filepath.FromSlash(p)), files[p]); err != nil {
			fmt.Fprintf(c.stderr, "netjournal new site: %v\n", err)
			return exitContent
		}
	}
	fmt.Fprintf(c.stdout, "created a site in %s with an example contact, event and post\n", dir)
	fmt.Fprintf(c.stdout, "next: netjournal -C %s build, then open %s\n", dir, filepath.Join(dir, "private", "index.html"))
	return exitOK
}

// ask asks a question on a terminal and returns the answer, trimmed; with
// no terminal to ask on (a script, a pipe) it returns "".
func (c *newCmd) ask(question string) string {
	f, ok := c.stdin.(*os.File)
	if !ok {
		return ""
	}
	if info, err := f.Stat(); err != nil || info.Mode()&os.ModeCharDevice == 0 {
		return ""
	}
	fmt.Fprint(c.stdout, question)
	line, _ := bufio.NewReader(f).ReadString('\n')
	return strings.TrimSpace(line)
}

// argument parses a command line with one positional argument, whose
// flags may come before or after it (new event "Coffee" --date 2026-11-20).
// what names the argument for the message when it is missing.
func argument(fs *flag.FlagSet, args []string, what string) (string, int, bool) {
	out, code, ok := arguments(fs, args)
	if !ok {
		return "", code, false
	}
	switch {
	case len(out) == 0:
		fmt.Fprintf(fs.Output(), "netjournal %s: give %s\n", fs.Name(), what)
		return "", exitUsage, false
	case len(out) > 1:
		fmt.Fprintf(fs.Output(), "netjournal %s: unexpected argument %q\n", fs.Name(), out[1])
		return "", exitUsage, false
	}
	return out[0], exitOK, true
}

// arguments parses args, flags and arguments in any order, and returns
// the arguments.
func arguments(fs *flag.FlagSet, args []string) ([]string, int, bool) {
	var out []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, exitOK, false
			}
			return nil, exitUsage, false
		}
		if fs.NArg() == 0 {
			return out, exitOK, true
		}
		out = append(out, fs.Arg(0))
		args = fs.Args()[1:]
	}
}
