package content

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/fileid"
	"github.com/netjournal/netjournal/internal/par"
	"github.com/netjournal/netjournal/internal/source"
	"golang.org/x/text/unicode/norm"

	"gopkg.in/yaml.v3"
)

// Site is everything read from a site folder.
type Site struct {
	Config *Config
	// ConfigSum is the SHA-256 of netjournal.yaml, which Config is read
	// from: two sites of the same sum have the same configuration.
	ConfigSum [sha256.Size]byte
	Contacts  []*Contact
	Events    []*Event
	Posts     []*Post
	Pages     []*Page
	// Warnings name the documents that are not read where they are
	// (a post in a folder named like a backup, say).
	Warnings ErrorList
}

// The content folders, relative to the site root.
const (
	ContactsDir = "content/contacts"
	EventsDir   = "content/events"
	PostsDir    = "content/posts"
	ContentDir  = "content"
)

// contentDirs are the folders of content/ that netjournal reads.
var contentDirs = []string{ContactsDir, EventsDir, PostsDir, PagesDir}

// Load reads netjournal.yaml and every document under content/. It returns
// every problem it finds as an ErrorList, never just the first. The site is
// returned with the problems, holding every document that could be read.
func Load(fsys fs.FS) (*Site, error) { return new(Cache).Load(fsys) }

// Cache remembers parsed documents between loads, so that a rebuild parses
// only the files that changed. Documents are never modified after parsing,
// so one may be shared by successive sites.
type Cache struct {
	// Disk, when set, keeps each document's front matter, decoded, from
	// one run to the next (frontcache.go).
	Disk *diskcache.Cache

	// Known, when set, is what the last build (in another process) read
	// of each document's file: a Load takes the document of a file whose
	// size, times and inode are the same (and which it has not read
	// itself) from the front matter the disk keeps for those bytes,
	// without reading the file, its body unread (Doc.UnreadBody), for
	// the renderer to take from the disk as well or read again. Only
	// what the last build read more than a file system's tick after the
	// file's last change is to be given (fileid.ID.ChangedSince).
	Known map[string]Known

	// Stats, when set, are the files' sizes and times as they were asked
	// just before this Load (by the build's sum of its inputs, taken
	// before anything is read): a Load takes a file's from there instead
	// of asking again. A file changed since is then taken as it was, or
	// read as it is now, and its document and what Files says of it
	// hold no newer time than its bytes: the next build, seeing the file
	// changed, reads it again.
	Stats map[string]fs.FileInfo

	// Watched says that every change to the site's files from the
	// first Load on is named to Forget before the next Load, or to
	// ForgetAll where some were lost: serve and build --watch start
	// their watcher before they load. A Load after one that ran watched
	// then reads the files named and no other, and walks a content
	// folder again only where what was named in it may have changed its
	// list of files, instead of asking every file its size and time
	// (most of a rebuild's load at 10,000 posts).
	Watched bool

	mu        sync.Mutex
	config    []byte
	files     map[string]*cached
	forgotten map[string]bool
	// walks are the last watched Load's walks of the content folders;
	// trusted says that Load ran watched.
	walks   map[string]*walked
	trusted bool
	// slugs are each kind's slugs (contacts, events, posts) in the
	// order of the last Load, which found none of them twice: the same
	// slugs in the same order have none twice.
	slugs [3][]string
}

// walked is what a walk of one content folder found: its documents in
// lexical order, by path; the folders it went into and the other files
// it reported (visited), and the folders it skipped, whose documents it
// reported; and the problems the walk itself reported.
type walked struct {
	files          []fileEntry
	index          map[string]fs.DirEntry
	visited        map[string]bool
	skipped        map[string]bool
	errs, warnings ErrorList
}

type fileEntry struct {
	p string
	e fs.DirEntry
}

// Known is what a Load read of a file: what the file system said of it,
// and the SHA-256 of its bytes.
type Known struct {
	fileid.ID
	Sum [sha256.Size]byte
}

type cached struct {
	size int64
	mod  time.Time
	id   fileid.ID // what the file system said of the file when it was read
	// sum is the hash of the file's bytes, which are not kept: the
	// document holds its body, and a whole site's files held once more
	// were a tenth of a build's memory.
	sum  [sha256.Size]byte
	doc  any // *Contact, *Event or *Post; nil when the file has no front matter
	errs ErrorList
	// front is the key of its front matter on the disk (fronts.key).
	front diskcache.Key
}

// Forget drops what is known of the files at these slash paths, so the
// next Load reads them whatever their size and time say.
func (c *Cache) Forget(paths ...string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.forgotten == nil {
		c.forgotten = map[string]bool{}
	}
	for _, p := range paths {
		c.forgotten[p] = true
	}
}

// Load is the package's Load, reusing what the cache knows.
func (c *Cache) Load(fsys fs.FS) (*Site, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var errs ErrorList
	site := &Site{}
	data, err := fs.ReadFile(fsys, ConfigFile)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, ErrorList{Errorf(Position{Path: ConfigFile}, "not found: this folder is not a netjournal site (run netjournal new site DIR to create one, or pass -C DIR)")}
	case err != nil:
		return nil, ErrorList{Errorf(Position{Path: ConfigFile}, "%v", err)}
	}
	site.Config, err = ParseConfig(data)
	site.ConfigSum = sha256.Sum256(data)
	errs.Append(err)
	if site.Config == nil {
		// The documents are still checked, against the default circles.
		site.Config = &Config{Circles: DefaultCircles}
	}
	if c.files == nil || !bytes.Equal(c.config, data) {
		// Contacts are validated against the config's circles.
		c.files = map[string]*cached{}
	}
	c.config = data
	fr := fronts{disk: c.Disk, config: site.ConfigSum}
	trusted := c.Watched && c.trusted
	if !c.Watched || c.walks == nil {
		c.walks = map[string]*walked{}
	}
	var walks []*walked
	reused := true // every folder's list of files is the last Load's
	for _, dir := range contentDirs {
		w, again := c.walk(fsys, dir, site.Config, fr, trusted, &errs, &site.Warnings, func(doc any) {
			switch d := doc.(type) {
			case *Contact:
				site.Contacts = append(site.Contacts, d)
			case *Event:
				site.Events = append(site.Events, d)
			case *Post:
				site.Posts = append(site.Posts, d)
			case *Page:
				site.Pages = append(site.Pages, d)
			}
		})
		walks, reused = append(walks, w), reused && again
	}
	unread(fsys, &site.Warnings)
	// The files gone are forgotten; when every folder's list is the last
	// Load's, so are the files, and none is gone (a rebuild under serve:
	// 10,000 files gone through twice, for nothing).
	if !reused {
		seen := map[string]bool{}
		for _, w := range walks {
			for _, f := range w.files {
				seen[f.p] = true
			}
		}
		for p := range c.files {
			if !seen[p] {
				delete(c.files, p)
			}
		}
	}
	c.forgotten = nil
	c.trusted = c.Watched
	// A contact's photo is read, by the build: it is no stray file.
	photos := map[string]bool{}
	for _, ct := range site.Contacts {
		photos[ct.PhotoPath()] = true
	}
	site.Warnings = slices.DeleteFunc(site.Warnings, func(e *Error) bool { return photos[e.Pos.Path] })
	site.Warnings.Sort()
	// A file that is no document stands for none where a document has
	// its slug: it would make that slug twice, and every reference to it
	// ambiguous (its own error is said).
	site.Contacts = withoutShadowed(site.Contacts, func(c *Contact) *Doc { return &c.Doc })
	site.Events = withoutShadowed(site.Events, func(e *Event) *Doc { return &e.Doc })
	site.Posts = withoutShadowed(site.Posts, func(p *Post) *Doc { return &p.Doc })
	c.slugs[0] = distinct(&errs, c.slugs[0], site.Contacts, func(c *Contact) *Doc { return &c.Doc })
	c.slugs[1] = distinct(&errs, c.slugs[1], site.Events, func(e *Event) *Doc { return &e.Doc })
	c.slugs[2] = distinct(&errs, c.slugs[2], site.Posts, func(p *Post) *Doc { return &p.Doc })
	samePath(&errs, site.Pages)
	if err := errs.Err(); err != nil {
		return site, err
	}
	return site, nil
}

// Files returns what the last Load read, or took as read before (Known),
// of the files of the documents it found: for the next build, which may
// then take them without reading them.
func (c *Cache) Files() map[string]Known {
	c.mu.Lock()
	defer c.mu.Unlock()
	files := make(map[string]Known, len(c.files))
	for p, f := range c.files {
		if f.doc != nil && len(f.errs) == 0 {
			files[p] = Known{ID: f.id, Sum: f.sum}
		}
	}
	return files
}

// ReadBody reads the body of the document at path in fsys again, as Load
// read it: for a build that let it go (journal.Options.Reread).
func ReadBody(fsys fs.FS, path string) (string, error) {
	d, err := ReadDoc(fsys, path)
	return d.Body, err
}

// ReadDoc reads the document at path in fsys as Load splits it, without
// decoding its front matter: its body and the line the body starts on,
// and the hashes of the file and of its front matter as written (Head),
// which say whether its front matter is the one a Load read.
func ReadDoc(fsys fs.FS, path string) (Doc, error) {
	data, err := fs.ReadFile(fsys, path)
	if err != nil {
		return Doc{}, err
	}
	d, _, serr := split(path, data)
	if serr != nil {
		return Doc{}, serr
	}
	return d, nil
}

// parse reads one document of the kind its folder says.
func parse(dir, p string, data []byte, cfg *Config) (any, ErrorList) {
	return fronts{}.parse(dir, p, data, sha256.Sum256(data), diskcache.Key{}, cfg)
}

// parse is the package's parse, for data whose hash is sum, reading and
// keeping the front matter of the file under key (fronts.key) where f
// does.
func (f fronts) parse(dir, p string, data []byte, sum [sha256.Size]byte, key diskcache.Key, cfg *Config) (any, ErrorList) {
	rec, where, d, block, serr := f.split(key, p, data, sum)
	if serr != nil && dir == PagesDir {
		return nil, ErrorList{serr} // no page is named
	}
	if serr != nil {
		return f.stub(dir, p, sum, cfg), ErrorList{serr}
	}
	return f.typed(dir, p, d, cfg, func(d *Doc, v any, errs *ErrorList, validate func(*ErrorList)) {
		f.decodeDoc(key, rec, where, d, block, v, errs, validate)
	})
}

// stub is the document the file at p in the folder dir (not the pages')
// stands for when it is no document (empty, in UTF-16, without front
// matter) or cannot be read: the one its name says, named by its slug,
// so that a reference to it is no error of its own (one for each, with
// "unknown contact"), only the file's is.
func (f fronts) stub(dir, p string, sum [sha256.Size]byte, cfg *Config) any {
	doc, _ := f.typed(dir, p, Doc{Path: p, Hash: sum, stub: true}, cfg, func(d *Doc, v any, _ *ErrorList, _ func(*ErrorList)) {
		switch v := v.(type) {
		case *Contact:
			v.Name = d.Slug
		case *Event:
			v.Title = d.Slug
		case *Post:
			v.Title = d.Slug
		}
	})
	return doc
}

// typed is the document of the file at p in the folder dir, of the kind
// the folder says, made of d and its front matter, which decode decodes
// into v (embedding d) and validates.
func (f fronts) typed(dir, p string, d Doc, cfg *Config, decode func(d *Doc, v any, errs *ErrorList, validate func(*ErrorList))) (any, ErrorList) {
	var errs ErrorList
	d.Slug = SlugOf(p)
	noSlug := func(d *Doc) {
		switch {
		case d.Slug == "":
			errs.Add(Position{d.Path, 1}, "the file name %q gives no slug for a URL: rename the file with letters or digits", path.Base(d.Path))
		case d.Slug == "index":
			// Hugo's page bundle (posts/my-trip/index.md) or section
			// (_index.md): its page would be the list's, index.html.
			dir := path.Dir(d.Path)
			rename := path.Join(dir, "its-title.md")
			if path.Dir(dir) != ContentDir && path.Dir(dir) != "." {
				rename = path.Join(path.Dir(dir), Slugify(path.Base(dir))+".md") // the bundle's folder
			}
			errs.Add(Position{d.Path, 1}, "a document named %s has no name of its own, and its page would be the list's (index.html): name the file for its slug, as %s", path.Base(d.Path), rename)
		}
	}
	switch dir {
	case ContactsDir:
		c := &Contact{Doc: d}
		decode(&c.Doc, c, &errs, func(errs *ErrorList) { c.validate(errs, cfg) })
		noSlug(&c.Doc)
		return c, errs
	case EventsDir:
		e := &Event{Doc: d}
		decode(&e.Doc, e, &errs, e.validate)
		noSlug(&e.Doc)
		return e, errs
	case PagesDir:
		pg := &Page{Doc: d, SitePath: pageSitePath(p)}
		decode(&pg.Doc, pg, &errs, pg.validate)
		switch {
		case p == PagesDir+"/index.md" || pg.SitePath == "" && strings.EqualFold(path.Base(p), "index.md"):
			errs.Add(Position{p, 1}, "content/pages/index.md would be the home page, which lists the posts: name the page for its address (about.md is /about/)")
		case pg.SitePath == "":
			errs.Add(Position{p, 1}, "the path %q gives no address: rename its folders and file with letters or digits", strings.TrimPrefix(p, PagesDir+"/"))
		}
		return pg, errs
	default:
		p := &Post{Doc: d}
		decode(&p.Doc, p, &errs, p.validate)
		if p.SlugKey != "" && slugPattern.MatchString(p.SlugKey) {
			p.Slug = p.SlugKey
		}
		noSlug(&p.Doc) // unless slug: gives one
		return p, errs
	}
}

// salvageNames decodes into v, each alone, the lines of block that give
// a title, a name or aliases on one line (aliases: [A, B]), as far as
// each parses: what a document that did not decode answers to.
func salvageNames(block []byte, v any) {
	lines := bytes.Split(block, []byte("\n"))
	for i, line := range lines {
		for _, key := range []string{"title:", "name:", "aliases:"} {
			if bytes.HasPrefix(line, []byte(key)) {
				_ = yaml.Unmarshal(line, v) // a line that does not parse gives nothing
			}
		}
		// A contact's public block, with the lines indented under it: a
		// public post that links to the contact by it is no error of its
		// own ("links to private contact") while the YAML's is fixed.
		if _, ok := v.(*Contact); ok && bytes.HasPrefix(line, []byte("public:")) {
			end := i + 1
			for end < len(lines) && (len(lines[end]) == 0 || lines[end][0] == ' ' || lines[end][0] == '\t') {
				end++
			}
			var c struct {
				Public *PublicIdentity `yaml:"public"`
			}
			if yaml.Unmarshal(bytes.Join(lines[i:end], []byte("\n")), &c) == nil && c.Public != nil {
				v.(*Contact).Public = c.Public
			}
		}
	}
}

// decodeDoc decodes the front matter into v (which embeds d) and
// validates what decoded, so that a file's every problem is reported in
// one pass: an unknown key does not hide a bad value further down. A
// validation problem on a line that already has a decoding problem is
// its consequence (a value of the wrong type reads as missing), and is
// left out; YAML that does not parse is not validated at all.
func decodeDoc(d *Doc, block []byte, v any, errs *ErrorList, validate func(*ErrorList)) {
	saved := *d
	lines, derrs := decode(d.Path, d.start, block, v)
	if len(derrs) > 0 && lines == nil {
		// YAML that does not parse: its names are read line by line, so
		// that a reference to the document by its title, name or an alias
		// is no error of its own (one for each document that links to it,
		// each with a wrong "did you mean"). The document's one error is
		// its YAML's.
		salvageNames(block, v)
	}
	// Decoding may have zeroed the embedded Doc: restore it.
	*d = saved
	d.lines = lines
	*errs = append(*errs, derrs...)
	if len(derrs) > 0 && lines == nil {
		return
	}
	var verrs ErrorList
	emptyFlags(d, block, v, &verrs)
	validate(&verrs)
	if len(derrs) > 0 {
		verrs = notConsequences(derrs, verrs, lines.get())
	}
	*errs = append(*errs, verrs...)
}

// emptyFlags reports a post's or a page's private: or draft: given no
// value (private:, private: ~, private: # yes), which YAML reads as
// false: the document would be published.
func emptyFlags(d *Doc, block []byte, v any, errs *ErrorList) {
	what := "post"
	switch v.(type) {
	case *Post:
	case *Page:
		what = "page"
	default:
		return
	}
	if !bytes.Contains(block, []byte("private:")) && !bytes.Contains(block, []byte("draft:")) {
		return
	}
	var top *yaml.Node // the front matter's map, parsed if a line looks empty
	for i, line := range bytes.Split(block, []byte("\n")) {
		m := emptyFlag.FindSubmatch(bytes.TrimRight(line, "\r"))
		if m == nil {
			continue
		}
		if top == nil {
			var root yaml.Node
			if yaml.Unmarshal(block, &root) != nil || len(root.Content) == 0 || root.Content[0].Kind != yaml.MappingNode {
				return // its YAML's problems are said
			}
			top = root.Content[0]
		}
		// The key's own, at that line, whose value is nothing: not one on
		// the next line (private:\n  true), nor a line of a text.
		for k := 0; k+1 < len(top.Content); k += 2 {
			if key, v := top.Content[k], top.Content[k+1]; key.Value == string(m[1]) && key.Line == i+1 && v.Tag == "!!null" {
				errs.Add(Position{d.Path, d.start + i + 1}, "%s: give true or false: with no value it reads as false, and the %s would be published", m[1], what)
			}
		}
	}
}

// emptyFlag is a top-level private: or draft: line with no value.
var emptyFlag = regexp.MustCompile(`^(private|draft):[ \t]*(?:(?:~|null|Null|NULL)[ \t]*)?(?:#.*)?$`)

// walk hands every Markdown document below dir to fn, in lexical order,
// parsing only files the cache does not know as they are, on every core.
// A missing folder is an empty one. trusted, the files not forgotten are
// the ones the last Load read (Watched), and so is the folder's list of
// files where nothing forgotten in it says otherwise (listed).
func (c *Cache) walk(fsys fs.FS, dir string, cfg *Config, fr fronts, trusted bool, errs, warnings *ErrorList, fn func(any)) (w *walked, reused bool) {
	type found struct {
		p    string
		e    fs.DirEntry
		info fs.FileInfo
		f    *cached // nil until read
		err  error
	}
	// A folder that is a link, or in one, is read through; the watcher
	// watches no folder through a link, and names no change in it.
	trusted = trusted && !linked(fsys, ContentDir) && !linked(fsys, dir)
	w = c.walks[dir]
	reused = true
	if !trusted || w == nil || len(w.errs) > 0 || !c.listed(fsys, dir, w) {
		// A walk that failed somewhere is walked again: a folder it
		// could not read may be readable now (chmod is no change).
		w, reused = walkDir(fsys, dir), false
	}
	if c.Watched {
		c.walks[dir] = w
	}
	*errs = append(*errs, w.errs...)
	*warnings = append(*warnings, w.warnings...)
	files := make([]found, len(w.files))
	for i, f := range w.files {
		files[i] = found{p: f.p, e: f.e}
	}
	// Reading and parsing the files that changed (every file, on a first
	// load) is most of a load, and asking each file's size and time the
	// rest of a load that reads nothing (a rebuild under serve): both run
	// on every core.
	par.Each(len(files), func(i int) {
		fd := &files[i]
		if f := c.files[fd.p]; f != nil && trusted && !c.forgotten[fd.p] {
			fd.f = f
			c.Disk.Note(f.front)
			return
		}
		if info, ok := c.Stats[fd.p]; ok {
			fd.info = info
		} else {
			fd.info, fd.err = fd.e.Info()
		}
		if fd.err == nil && fd.info.Mode()&fs.ModeSymlink != 0 {
			// A link is read through: its file's size and time say
			// whether it changed, not the link's.
			fd.info, fd.err = fs.Stat(fsys, fd.p)
			if errors.Is(fd.err, fs.ErrNotExist) {
				// "stat x.md: no such file", of a file ls shows: the link's
				// target is what is missing.
				target, _ := fs.ReadLink(fsys, fd.p)
				fd.err = fmt.Errorf("a symbolic link to %s, which does not exist: point it at a document, or remove it", target)
			}
		}
		if fd.err != nil {
			return
		}
		if f := c.files[fd.p]; f != nil && !c.forgotten[fd.p] && f.size == fd.info.Size() && f.mod.Equal(fd.info.ModTime()) {
			fd.f = f
			c.Disk.Note(f.front) // for the next run, as if read again
			return
		}
		id := fileid.Of(fd.info)
		if k, ok := c.Known[fd.p]; ok && k.ID == id && c.files[fd.p] == nil {
			// As the last build read it: its document is the one made of
			// those bytes, which the disk keeps (restore).
			if doc, perrs, key, ok := fr.restore(dir, fd.p, k.Sum, cfg); ok {
				fd.f = &cached{sum: k.Sum, doc: doc, errs: perrs, front: key, size: fd.info.Size(), mod: fd.info.ModTime(), id: id}
				return
			}
		}
		data, err := fs.ReadFile(fsys, fd.p)
		if err != nil {
			fd.err = err
			return
		}
		f, sum := c.files[fd.p], sha256.Sum256(data)
		key := fr.key(dir, fd.p, sum)
		if f == nil || f.sum != sum {
			doc, perrs := fr.parse(dir, fd.p, data, sum, key, cfg)
			f = &cached{sum: sum, doc: doc, errs: perrs, front: key}
		} else {
			c.Disk.Note(key)
			f = &cached{sum: sum, doc: f.doc, errs: f.errs, front: key}
		}
		f.size, f.mod, f.id = fd.info.Size(), fd.info.ModTime(), id
		fd.f = f
	})
	for _, fd := range files {
		if fd.err != nil {
			var pe *fs.PathError
			if errors.As(fd.err, &pe) && pe.Path == fd.p {
				errs.Add(Position{Path: fd.p}, "cannot be read: %v", pe.Err)
			} else {
				errs.Add(Position{Path: fd.p}, "%v", fd.err)
			}
			if dir != PagesDir {
				fn(fr.stub(dir, fd.p, [sha256.Size]byte{}, cfg))
			}
			continue
		}
		c.files[fd.p] = fd.f
		*errs = append(*errs, fd.f.errs...)
		if fd.f.doc != nil {
			fn(fd.f.doc)
		}
	}
	return w, reused
}

// linked reports whether the file at name in fsys is a symbolic link.
func linked(fsys fs.FS, name string) bool {
	info, err := fs.Lstat(fsys, name)
	return err == nil && info.Mode()&fs.ModeSymlink != 0
}

// walkDir walks the content folder dir.
func walkDir(fsys fs.FS, dir string) *walked {
	w := &walked{index: map[string]fs.DirEntry{}, visited: map[string]bool{}, skipped: map[string]bool{}}
	err := fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			w.errs.Add(Position{Path: p}, "%v", err)
			return nil
		}
		name := e.Name()
		if p != dir && source.Ignored(name, e.IsDir()) {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			w.visited[p] = true
		}
		if why := skipped(name, e.IsDir()); p != dir && why != "" {
			if e.IsDir() {
				w.skipped[p] = true
				warnSkipped(fsys, p, why, &w.warnings)
				return fs.SkipDir
			}
			if isDocument(name) {
				w.visited[p] = true
				w.warnings.Add(Position{Path: p}, "not read: files whose names start with _ are skipped: rename it to use it")
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		if !isDocument(name) {
			w.visited[p] = true
			if e.Type()&fs.ModeSymlink != 0 && isDir(fsys, p) { // a stat for a link alone
				// Not "only Markdown files are read": it is a folder.
				w.warnings.Add(Position{Path: p}, "not read: a symbolic link to a folder is not followed inside %s: link the folder itself (%s), or move the folder here", dir, dir)
				return nil
			}
			if ext := strings.ToLower(path.Ext(name)); ext == ".markdown" || ext == ".mdown" || ext == ".mkd" || ext == ".mkdn" {
				w.warnings.Add(Position{Path: p}, "not read: only Markdown files named .md are read under content/: rename it %s", strings.TrimSuffix(name, path.Ext(name))+".md")
				return nil
			}
			if dir == ContactsDir || dir == EventsDir {
				// Not "put it in static/": what is here is private.
				w.warnings.Add(Position{Path: p}, "not read: only Markdown files (.md) are read under content/: a note is a .md file here, in the private wiki; static/ is published as it is: keep private files out of it")
				return nil
			}
			w.warnings.Add(Position{Path: p}, "not read: only Markdown files (.md) are read under content/: put images and other files in static/, which is published as it is")
			return nil
		}
		w.files = append(w.files, fileEntry{p, e})
		w.index[p] = e
		return nil
	})
	if err != nil {
		w.errs.Add(Position{Path: dir}, "%v", err)
	}
	return w
}

// listed reports whether the walk w of the content folder dir still
// holds, as far as the paths forgotten since say: each is a document it
// listed that is still a file of the same kind, or something new that
// is not there, or something that a walk passes by (hidden, or an
// editor's temporary file). The folder itself, a folder it went into or
// skipped, a file it reported and anything new need a new walk.
func (c *Cache) listed(fsys fs.FS, dir string, w *walked) bool {
	for p := range c.forgotten {
		if p == dir || strings.HasPrefix(dir, p+"/") {
			return false
		}
		rel, ok := strings.CutPrefix(p, dir+"/")
		if !ok {
			continue
		}
		if w.visited[p] || w.skipped[p] {
			return false
		}
		for a := path.Dir(p); a != dir && a != "."; a = path.Dir(a) {
			if w.skipped[a] {
				return false
			}
		}
		info, err := fs.Lstat(fsys, p)
		if e, ok := w.index[p]; ok {
			if err != nil || info.Mode().Type() != e.Type() {
				return false
			}
			continue
		}
		switch {
		case errors.Is(err, fs.ErrNotExist):
			// Nothing the walk found went: a file it passed by, or one
			// made and removed since.
		case err != nil || !passedBy(rel, info.IsDir()):
			return false
		}
	}
	return true
}

// passedBy reports whether a walk passes by the file or folder at rel,
// below the folder walked, by the one rule of package source.
func passedBy(rel string, isDir bool) bool {
	parts := strings.Split(rel, "/")
	for i, part := range parts {
		if source.Ignored(part, isDir || i < len(parts)-1) {
			return true
		}
	}
	return false
}

// SlugOf returns the slug of a document path: its file name without .md,
// lower-cased and made safe for a URL, as Hugo's urlize does with
// removePathAccents. A name of lower-case letters, digits, '-', '_' and
// '.' is kept as it is, so existing URLs do not move; any other name is
// slugified (Slugify): accents are dropped ("café" → "cafe"), letters of
// other scripts kept ("AC自动机.md" → "ac自动机"), and spaces, '_' and
// every other character fold to single hyphens ("My Post?" → "my-post").
// It returns "" when nothing is left.
func SlugOf(p string) string {
	name := path.Base(p)
	name = strings.ToLower(name[:len(name)-len(path.Ext(name))])
	if safeName(name) {
		return name
	}
	return Slugify(name)
}

// Slugify makes a slug of a name or title, for a file name or a URL:
// "Tomás Ferreira" → "tomas-ferreira", "Coffee with Ana!" →
// "coffee-with-ana", "Go语言 小组" → "go语言-小组". Latin letters lose
// their accents; the letters and digits of other scripts are kept as they
// are, marks and all ("陈美", "ゆうじ"), beside ASCII ones; everything
// else folds to single hyphens. It returns "" when nothing is left.
//
// (It kept only the ASCII letters and digits of a name that had any: "AC
// 算法" and "AC自动机" were both "ac", two posts of one slug, and a
// command's "ABC-MART 渋谷店" found the contact ABC-MART 池袋パルコ店.)
func Slugify(name string) string {
	var b strings.Builder
	dash := false
	latin := false // the last letter written is a Latin one: its accents go
	// Folded once taken apart: ǿ is ø and an accent.
	for _, r := range fold.Replace(norm.NFD.String(strings.ToLower(name))) {
		switch {
		case unicode.IsMark(r):
			// An accent of a Latin letter goes; a mark of another script's
			// letter is part of it: a kana's voicing mark (ゆうじ), a
			// Devanagari vowel sign.
			if !latin && !dash && b.Len() > 0 {
				b.WriteRune(r)
			}
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9',
			r > unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			latin = r <= unicode.MaxASCII || unicode.Is(unicode.Latin, r)
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return norm.NFC.String(b.String())
}

// LegacySlugOf returns the slug that netjournal gave the document at p
// before a slug kept the letters of every script (SlugOf), when it was
// another: the ASCII letters and digits alone of a file name that had
// them and letters of another script ("AC算法.md" was "ac"). It is ""
// for every other file name, whose slug is the one it was. A document
// answers to it still (a wikilink written [[ac]] before), and a post's
// old address leads to its new one.
func LegacySlugOf(p string) string {
	name := path.Base(p)
	name = strings.ToLower(name[:len(name)-len(path.Ext(name))])
	if safeName(name) {
		return ""
	}
	old := asciiSlug(name)
	if old == "" || old == SlugOf(p) {
		return ""
	}
	return old
}

// ASCIISlug is the ASCII letters and digits of a name, in lower case,
// without accents, and single hyphens between them ("陈美 (Mei Chen)" →
// "mei-chen"): the slug Slugify made of a name that had any until a slug
// kept every script, and what a command typed in Latin letters may mean.
func ASCIISlug(s string) string { return asciiSlug(s) }

func asciiSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(fold.Replace(strings.ToLower(s))) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsMark(r):
			if !dash && b.Len() > 0 {
				b.WriteRune(r)
			}
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return norm.NFC.String(b.String())
}

// MaxSlug bounds the slug of a file netjournal names, in bytes. A file
// name may have at most 255 bytes on most file systems (ext4, APFS,
// btrfs), and a name or a title can be longer, in a script of three bytes
// a letter more so; a hundred bytes keep the file name well within it,
// beside a hidden temporary name a write stages it under, and keep the
// page's URL readable. The document keeps its whole name or title.
const MaxSlug = 100

// CutSlug shortens s to at most limit bytes (no limit when limit <= 0) at
// a character boundary, and drops the '-' that cutting a slug between two
// words would leave at its end.
func CutSlug(s string, limit int) string {
	if limit <= 0 || len(s) <= limit {
		return s
	}
	n := limit
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.TrimRight(s[:n], "-")
}

// safeName reports whether a file name is a URL path segment as it
// stands: [a-z0-9_-][a-z0-9_.-]*. (Byte by byte: every post's file is
// asked on every build, and a regexp took a tenth of a serve rebuild's
// journal.)
func safeName(name string) bool {
	for i := range len(name) {
		switch c := name[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', c == '_', c == '-':
		case c == '.' && i > 0:
		default:
			return false
		}
	}
	return name != ""
}

// fold spells letters that do not decompose into a base letter and accents.
var fold = strings.NewReplacer("ß", "ss", "æ", "ae", "ø", "o", "œ", "oe", "ł", "l", "đ", "d", "ð", "d", "þ", "th", "ı", "i")

// withoutShadowed returns docs without the stubs (Doc.stub) whose slug a
// document that is not one has.
func withoutShadowed[T any](docs []T, doc func(T) *Doc) []T {
	var real map[string]bool
	for _, x := range docs {
		if d := doc(x); d.stub {
			if real == nil {
				real = map[string]bool{}
				for _, y := range docs {
					if e := doc(y); !e.stub {
						real[e.Slug] = true
					}
				}
			}
			if real[d.Slug] {
				return slices.DeleteFunc(slices.Clone(docs), func(y T) bool { e := doc(y); return e.stub && real[e.Slug] })
			}
		}
	}
	return docs
}

// distinct reports the slugs that docs have twice (duplicates) and
// returns their slugs in order when none is: last are those of a Load
// before, which had none twice, and docs with the same slugs in the same
// order (a rebuild under serve after an edit) have none twice either.
func distinct[T any](errs *ErrorList, last []string, docs []T, doc func(T) *Doc) []string {
	same := len(last) == len(docs)
	for i := 0; same && i < len(docs); i++ {
		same = doc(docs[i]).Slug == last[i]
	}
	if same {
		return last
	}
	n := len(*errs)
	duplicates(errs, docs, doc)
	if len(*errs) > n || slices.ContainsFunc(docs, func(x T) bool { return doc(x).stub }) {
		// Not remembered with a stub, which the check passes by: filled,
		// its slug may be another's.
		return nil
	}
	slugs := make([]string, len(docs))
	for i, x := range docs {
		slugs[i] = doc(x).Slug
	}
	return slugs
}

func duplicates[T any](errs *ErrorList, docs []T, doc func(T) *Doc) {
	first := make(map[string]*Doc, len(docs))
	var bySlug map[string][]*Doc // the slugs of more than one
	for _, x := range docs {
		d := doc(x)
		if d.Slug == "" || d.stub {
			continue // reported by parse
		}
		f, ok := first[d.Slug]
		if !ok {
			first[d.Slug] = d
			continue
		}
		if bySlug == nil {
			bySlug = map[string][]*Doc{}
		}
		if bySlug[d.Slug] == nil {
			bySlug[d.Slug] = []*Doc{f}
		}
		bySlug[d.Slug] = append(bySlug[d.Slug], d)
	}
	for slug, ds := range bySlug {
		sort.Slice(ds, func(i, j int) bool { return ds[i].Path < ds[j].Path })
		for i, d := range ds {
			var others []string
			for j, o := range ds {
				if j != i {
					others = append(others, o.Path)
				}
			}
			errs.Add(d.Pos("slug"), "duplicate slug %q: also used by %s", slug, strings.Join(others, ", "))
		}
	}
}

// samePath reports pages that would be published at one address
// (about.md and about/index.md, or "About.md" and "about.md").
func samePath(errs *ErrorList, pages []*Page) {
	byPath := map[string][]*Page{}
	for _, p := range pages {
		if p.SitePath != "" {
			byPath[p.SitePath] = append(byPath[p.SitePath], p)
		}
	}
	for at, ps := range byPath {
		for _, p := range ps {
			for _, o := range ps {
				if o != p {
					errs.Add(Position{p.Path, 1}, "page /%s is also %s: rename one of them", at, o.Path)
				}
			}
		}
	}
}

// unread warns of every file under content/ outside the folders netjournal
// reads: content/about.md is not a page until it is in content/pages/,
// and would otherwise vanish from the site in silence.
func unread(fsys fs.FS, warnings *ErrorList) {
	known := map[string]bool{}
	for _, d := range contentDirs {
		known[d] = true
	}
	_ = fs.WalkDir(fsys, ContentDir, func(p string, e fs.DirEntry, err error) error {
		if err != nil || p == ContentDir {
			return nil
		}
		if known[p] || source.Ignored(e.Name(), e.IsDir()) {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if e.IsDir() {
			return nil
		}
		msg := "not read: netjournal reads content/contacts, content/events, content/posts and content/pages"
		switch top := nearFolder(p); {
		case top != "" && isDocument(e.Name()):
			msg += fmt.Sprintf(": move it to %s/", top) // content/event/x.md
		case isDocument(e.Name()):
			// Not "publish it" alone: a folder of notes may be private.
			msg += ": move it to content/contacts/ or content/events/ to keep it in the private wiki, or to content/pages/ or content/posts/ to publish it"
		default:
			msg += ": put images and other files in static/, which is published as it is"
		}
		warnings.Add(Position{Path: p}, "%s", msg)
		return nil
	})
}

// nearFolder is the folder netjournal reads that the folder p is in
// under content/ misspells, by case or a plural (content/Event,
// content/contact), or "".
func nearFolder(p string) string {
	top, _, ok := strings.Cut(strings.TrimPrefix(p, ContentDir+"/"), "/")
	if !ok {
		return ""
	}
	top = strings.TrimSuffix(strings.ToLower(top), "s")
	for _, d := range contentDirs {
		if strings.TrimSuffix(path.Base(d), "s") == top {
			return d
		}
	}
	return ""
}

// isDir reports whether p in fsys is a folder, through a link.
func isDir(fsys fs.FS, p string) bool {
	info, err := fs.Stat(fsys, p)
	return err == nil && info.IsDir()
}
