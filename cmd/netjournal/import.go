package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing/fstest"
	"time"

	"github.com/netjournal/netjournal/internal/contactfile"
	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/linkedin"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/source"
	"github.com/netjournal/netjournal/internal/vcard"
)

// importCmd is `netjournal import vcard|linkedin FILE`: contacts from a
// phone, Google Contacts or LinkedIn, created or merged into the user's
// own files without changing a word the user wrote.
type importCmd struct{ *env }

const importUsage = "import vcard FILE.vcf [-C DIR] [--dry-run] [--charset NAME]\n" +
	"       netjournal import linkedin Connections.csv [-C DIR] [--dry-run] [--charset NAME]\n" +
	"       netjournal import hugo DIR [-C DIR] [--dry-run] [--base-url URL] [--section NAME]...\n" +
	"       netjournal import jekyll DIR [-C DIR] [--dry-run] [--base-url URL]"

// reader reads an export into people to import; charset is the
// character set of text whose file does not say (--charset).
type reader func(path string, data []byte, charset string) ([]contactfile.Person, content.ErrorList, error)

func (c *importCmd) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(c.stderr, "usage: netjournal %s\n", importUsage)
		return exitUsage
	}
	var read reader
	switch args[0] {
	case "hugo", "jekyll":
		return (&importBlogCmd{env: c.env, kind: args[0]}).Run(ctx, args[1:])
	case "vcard":
		read = vcard.Read
	case "linkedin":
		read = linkedin.Read
	case "-h", "-help", "--help":
		fmt.Fprintf(c.stderr, "usage: netjournal %s\n", importUsage)
		return exitOK
	default:
		fmt.Fprintf(c.stderr, "netjournal import: unknown format %q: want vcard, linkedin, hugo or jekyll\n", args[0])
		return exitUsage
	}
	name := "import " + args[0]
	fs := c.flags(name, name+" FILE [-C DIR] [--dry-run] [--charset NAME]")
	dryRun := false
	charset := ""
	fs.BoolVar(&dryRun, "dry-run", false, "print what would change, and write nothing")
	fs.StringVar(&charset, "charset", "", "read text that does not say its character set as `NAME` (windows-1252, shift_jis, …)")
	file, code, ok := argument(fs, args[1:], "the file to import")
	if !ok {
		return code
	}
	if charset != "" {
		if _, err := contactfile.Encoding(charset); err != nil {
			fmt.Fprintf(c.stderr, "netjournal %s: --charset: %v\n", name, err)
			return exitUsage
		}
	}

	data, err := os.ReadFile(c.path(file))
	if err != nil {
		fmt.Fprintf(c.stderr, "netjournal %s: %v\n", name, err)
		return exitContent
	}
	people, warnings, err := read(file, data, charset)
	if err != nil {
		return c.report(err)
	}
	site, code := c.contacts()
	if site == nil {
		return code
	}
	var circles []string
	for _, ci := range site.Config.Circles {
		circles = append(circles, ci.Name)
	}
	// What events and posts answer to is not for a nickname to take.
	var names []string
	for _, e := range site.Events {
		names = append(names, e.Slug, e.Title)
	}
	for _, p := range site.Posts {
		names = append(names, p.Slug, content.SlugOf(p.Path), p.Title)
	}
	res, err := contactfile.Plan(os.DirFS(c.dir), site.Contacts, people, contactfile.Options{Circles: circles, Names: names, Host: siteHost(site.Config)})
	if err != nil {
		fmt.Fprintf(c.stderr, "netjournal %s: %v\n", name, err)
		return exitContent
	}
	if code, ok := c.verify(res); !ok {
		return code
	}

	printWarnings(c.stderr, warnings)
	// A dry run checks what Write would refuse too, so that it never
	// promises an import that would fail.
	if dryRun {
		if err := res.Check(c.dir); err != nil {
			return c.unwritten(name, err)
		}
		c.print(res, dryRun)
		return exitOK
	}
	// Written first, reported after: the summary says what is on disk.
	written, err := res.Write(ctx, c.dir)
	if err != nil {
		if len(written) > 0 {
			fmt.Fprintf(c.stderr, "netjournal %s: %v\nnetjournal %s: only %d of %d files were written: %s\n",
				name, err, name, len(written), len(res.Files), strings.Join(written, ", "))
			return exitContent
		}
		return c.unwritten(name, err)
	}
	c.print(res, dryRun)
	return exitOK
}

// unwritten reports an import (of contacts or of a blog) that wrote
// nothing: the files it could not write, one per line, or the error that
// stopped it.
func (e *env) unwritten(name string, err error) int {
	var list content.ErrorList
	if errors.As(err, &list) {
		fmt.Fprintf(e.stderr, "netjournal %s: the import cannot write these files, so nothing was written:\n", name)
		return e.report(list)
	}
	fmt.Fprintf(e.stderr, "netjournal %s: %v; nothing was written\n", name, err)
	return exitContent
}

// contacts loads the site for an import. A problem in a contact file or
// in netjournal.yaml stops the import, since a file that does not load
// cannot be matched or merged safely; problems elsewhere do not matter.
func (c *importCmd) contacts() (*content.Site, int) {
	site, err := content.Load(os.DirFS(c.dir))
	if site == nil {
		return nil, c.report(err)
	}
	var list, blocking content.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			if e.Pos.Path == content.ConfigFile || strings.HasPrefix(e.Pos.Path, content.ContactsDir+"/") {
				blocking = append(blocking, e)
			}
		}
	}
	if len(blocking) > 0 {
		fmt.Fprintln(c.stderr, "netjournal import: fix these contact files first; nothing was imported:")
		return nil, c.report(blocking)
	}
	return site, exitOK
}

// verify proves the site still loads and builds with the new files: no
// file of the import may have a problem, and the journal may not gain one
// (an imported name that makes a reference ambiguous, say). It reports
// what would break and returns false. A problem in a file the import
// writes is reported at the line of the export it comes from: the file
// is not there to look at.
func (c *importCmd) verify(res *contactfile.Result) (int, bool) {
	files := res.Files
	if len(files) == 0 {
		return exitOK, true
	}
	before, err := siteFiles(os.DirFS(c.dir))
	if err != nil {
		fmt.Fprintf(c.stderr, "netjournal import: %v\n", err)
		return exitContent, false
	}
	after := fstest.MapFS{}
	for p, f := range before {
		after[p] = f
	}
	for p, b := range files {
		after[p] = &fstest.MapFile{Data: b}
	}
	old := map[string]bool{}
	for _, e := range siteProblems(before) {
		old[e.Error()] = true
	}
	from := map[string]*contactfile.Change{}
	for _, ch := range res.Changes {
		if ch.Action == contactfile.Created || ch.Action == contactfile.Updated {
			from[ch.Path] = ch
		}
	}
	var added content.ErrorList
	for _, e := range siteProblems(after) {
		if ch := from[e.Pos.Path]; ch != nil {
			verb := map[contactfile.Action]string{contactfile.Created: "create", contactfile.Updated: "update"}[ch.Action]
			added.Add(ch.Person.Source, "the import would %s %s, and it would not load: line %d: %s", verb, e.Pos.Path, e.Pos.Line, e.Msg)
			continue
		}
		if !old[e.Error()] || files[e.Pos.Path] != nil {
			// A problem of a file that was there, which a created
			// contact makes (a reference it makes ambiguous), is said
			// at the line of the export the contact comes from as well:
			// the file it names is not there to look at.
			if ch := createdIn(e.Msg, res.Changes); ch != nil {
				added.Add(ch.Person.Source, "the import would create %s, and with it %s", ch.Path, e.Error())
				continue
			}
			added = append(added, e)
		}
	}
	added.Sort()
	if len(added) == 0 {
		return exitOK, true
	}
	fmt.Fprintln(c.stderr, "netjournal import: the import would break the site, so nothing was written:")
	return c.report(added), false
}

// createdIn returns the change that creates a file msg names, or nil.
func createdIn(msg string, changes []*contactfile.Change) *contactfile.Change {
	for _, ch := range changes {
		if ch.Action == contactfile.Created && strings.Contains(msg, ch.Path) {
			return ch
		}
	}
	return nil
}

// siteProblems loads and builds a site and returns its problems.
func siteProblems(fsys fs.FS) content.ErrorList {
	var errs content.ErrorList
	site, err := content.Load(fsys)
	errs.Append(err)
	if site != nil {
		_, err = journal.Build(site, markdown.New(), journal.Options{Now: time.Now()})
		errs.Append(err)
	}
	return errs
}

// siteFiles copies what content.Load reads of a site into memory: the
// documents' text, the other files' names alone (it warns of them, and
// reads none), and nothing of what it leaves out, as every source folder's
// walk does (source.Ignored): an editor's lock file (Emacs's .#name.md, a
// link to nothing, while the contact is open in it) stopped log, new and
// import.
func siteFiles(fsys fs.FS) (fstest.MapFS, error) {
	out := fstest.MapFS{}
	if b, err := fs.ReadFile(fsys, content.ConfigFile); err == nil {
		out[content.ConfigFile] = &fstest.MapFile{Data: b}
	}
	err := fs.WalkDir(fsys, "content", func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == "content" {
			return fs.SkipDir
		}
		if err != nil {
			return err
		}
		if p != "content" && source.Ignored(d.Name(), d.IsDir()) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if !strings.EqualFold(path.Ext(p), ".md") {
			out[p] = &fstest.MapFile{}
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		out[p] = &fstest.MapFile{Data: b}
		return err
	})
	return out, err
}

// print reports every person: created, updated, skipped, and unchanged
// ones that disagree with the file; then the possible duplicates, each
// pair on a line of its own, and the counts.
func (c *importCmd) print(res *contactfile.Result, dryRun bool) {
	verb := map[contactfile.Action]string{contactfile.Created: "created", contactfile.Updated: "updated", contactfile.Unchanged: "unchanged"}
	if dryRun {
		verb[contactfile.Created], verb[contactfile.Updated] = "would create", "would update"
	}
	var dups []string
	for _, ch := range res.Changes {
		src := ch.Person.Source.String()
		switch ch.Action {
		case contactfile.Skipped:
			fmt.Fprintf(c.stdout, "skipped %s: %s\n", src, ch.Reason)
			continue
		case contactfile.Created:
			name := ch.Person.Name
			if ch.Name != "" {
				name += fmt.Sprintf(", as %q", ch.Name)
			}
			fmt.Fprintf(c.stdout, "%s %s: %s (%s)\n", verb[ch.Action], ch.Path, name, src)
			if dryRun {
				// The file it would write, values and all.
				for _, line := range strings.SplitAfter(string(res.Files[ch.Path]), "\n") {
					if line != "" {
						fmt.Fprintf(c.stdout, "    %s", line)
					}
				}
			}
		case contactfile.Updated:
			fmt.Fprintf(c.stdout, "%s %s: added %s (%s)\n", verb[ch.Action], ch.Path, strings.Join(ch.Added, ", "), src)
		case contactfile.Unchanged:
			// A record the contact holds already says nothing, but what
			// of it no contact file keeps: never dropped in silence.
			if len(ch.Conflicts) == 0 && len(ch.Dropped) == 0 {
				continue
			}
			fmt.Fprintf(c.stdout, "%s %s (%s)\n", verb[ch.Action], ch.Path, src)
		}
		for _, k := range ch.Conflicts {
			fmt.Fprintf(c.stdout, "  kept yours: %s\n", k)
		}
		for _, d := range ch.Dropped {
			fmt.Fprintf(c.stdout, "  dropped: %s\n", d)
		}
		for _, d := range ch.Duplicates {
			dups = append(dups, fmt.Sprintf("possible duplicate: %s (%s, %s) and %s: %s; merge them by hand if they are one person",
				ch.Path, ch.Person.Name, src, d.Path, d.Reason))
		}
	}
	for _, d := range dups {
		fmt.Fprintln(c.stdout, d)
	}
	fmt.Fprintf(c.stdout, "created %d, updated %d, unchanged %d, skipped %d",
		res.Count(contactfile.Created), res.Count(contactfile.Updated), res.Count(contactfile.Unchanged), res.Count(contactfile.Skipped))
	if dryRun {
		fmt.Fprint(c.stdout, " (dry run: nothing written)")
	}
	fmt.Fprintln(c.stdout)
}
