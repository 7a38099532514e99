// Package themes embeds the default theme and overlays a site's own theme
// on it: a site theme replaces the default's files of the same name and
// keeps the rest.
package themes

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"text/template/parse"

	template "github.com/netjournal/netjournal/internal/gotemplate/html"
	texttemplate "github.com/netjournal/netjournal/internal/gotemplate/text"

	"github.com/netjournal/netjournal/internal/source"
)

//go:embed all:default
var embedded embed.FS

// Theme is a layered set of template and static files.
type Theme struct {
	Name   string
	layers []fs.FS // first wins
}

// Default returns the embedded default theme.
func Default() *Theme {
	sub, _ := fs.Sub(embedded, "default")
	return &Theme{Name: "default", layers: []fs.FS{sub}}
}

// Load returns the theme called name from site's themes/ folder, laid over
// the default theme. An empty name or "default" without a folder of that
// name is the default theme.
func Load(site fs.FS, name string) (*Theme, error) {
	t := Default()
	if name == "" {
		return t, nil
	}
	dir := path.Join("themes", name)
	info, err := fs.Stat(site, dir)
	if err != nil || !info.IsDir() {
		if name == "default" {
			return t, nil
		}
		return nil, fmt.Errorf("theme %q: folder %s not found", name, dir)
	}
	sub, err := fs.Sub(site, dir)
	if err != nil {
		return nil, err
	}
	t.Name = name
	t.layers = append([]fs.FS{sub}, t.layers...)
	return t, nil
}

// file is a theme file and the layer it comes from (0: the site's own).
type file struct {
	data  []byte
	layer int
}

// files returns the theme's files for one template set ("blog" or "wiki"),
// each from the first layer that has it.
func (t *Theme) files(set string) (map[string]file, error) {
	out := map[string]file{}
	for i := len(t.layers) - 1; i >= 0; i-- {
		layer := t.layers[i]
		err := fs.WalkDir(layer, set, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == set {
					return fs.SkipDir
				}
				return err
			}
			// Editors' temporaries and hidden files are no theme files,
			// by the rule that decides what the watcher reports.
			if p != set && source.Ignored(d.Name(), d.IsDir()) {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			b, err := fs.ReadFile(layer, p)
			if err != nil {
				return err
			}
			out[strings.TrimPrefix(p, set+"/")] = file{b, i}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("theme %s: %w", t.Name, err)
		}
	}
	return out, nil
}

// Templates parses the *.html files of a set ("blog" or "wiki") outside
// static/, each as a template named by its file name. The default theme's
// files are parsed first, so a site theme's {{define}} of a partial wins
// whichever file it is in.
func (t *Theme) Templates(set string, funcs template.FuncMap) (*template.Template, error) {
	files, err := t.files(set)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		if strings.HasSuffix(name, ".html") && !strings.HasPrefix(name, "static/") {
			names = append(names, name)
		}
	}
	sort.Slice(names, func(a, b int) bool {
		la, lb := files[names[a]].layer, files[names[b]].layer
		if la != lb {
			return la > lb
		}
		return names[a] < names[b]
	})
	root := template.New(set).Funcs(funcs)
	for _, name := range names {
		if _, err := root.New(name).Parse(string(files[name].data)); err != nil {
			return nil, t.parseError(set, name, files[name].layer, err, files[name].data)
		}
	}
	return root, nil
}

// Error is a problem in a theme file, at a line when one is known.
type Error struct {
	Path string // themes/NAME/blog/post.html
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// templateFile is the file of a template's error: "template: footer.html:2:…".
var templateFile = regexp.MustCompile(`^template: ([^:]+):\d+:`)

var templateError = regexp.MustCompile(`^template: [^:]+:(\d+):(?:\d+:)? ?(.*)$`)

func (t *Theme) parseError(set, name string, layer int, err error, src []byte) error {
	dir := "default"
	if layer == 0 && len(t.layers) > 1 {
		dir = t.Name
	}
	e := &Error{Path: path.Join("themes", dir, set, name), Msg: err.Error()}
	if m := templateError.FindStringSubmatch(err.Error()); m != nil {
		e.Line, _ = strconv.Atoi(m[1])
		e.Msg = m[2]
	}
	// The parser stops at the file's end: the action left open is where
	// the file wants its {{end}}.
	if e.Msg == "unexpected EOF" && src != nil {
		if word, line := unclosedAction(string(src)); line > 0 {
			e.Line = line
			e.Msg = fmt.Sprintf("unexpected EOF: the {{%s}} on this line is not closed with {{end}}", word)
		}
	}
	return e
}

// unclosedAction returns the keyword and line of the last block action of
// a template (if, range, with, define, block) that no {{end}} closes; ""
// when every one is closed.
func unclosedAction(src string) (word string, line int) {
	type open struct {
		word string
		line int
	}
	var stack []open
	for i := 0; i < len(src); {
		j := strings.Index(src[i:], "{{")
		if j < 0 {
			break
		}
		j += i
		body := src[j+2:]
		closer := "}}"
		if strings.HasPrefix(strings.TrimLeft(strings.TrimPrefix(body, "-"), " "), "/*") {
			closer = "*/" // a comment, which may hold {{ and }}
		}
		k := strings.Index(body, closer)
		if k < 0 {
			break
		}
		i = j + 2 + k + len(closer)
		fields := strings.Fields(strings.TrimPrefix(body[:k], "-"))
		if len(fields) == 0 || closer == "*/" {
			continue
		}
		switch fields[0] {
		case "if", "range", "with", "define", "block":
			stack = append(stack, open{fields[0], strings.Count(src[:j], "\n") + 1})
		case "end":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		}
	}
	if len(stack) == 0 {
		return "", 0
	}
	top := stack[len(stack)-1]
	return top.word, top.line
}

// ExecError is err, a page's failure to be made (a template's runtime
// error: a field its data does not have, a function's error), at the
// theme file and line of the template that failed, as a parse error is:
// "themes/mine/blog/post.html:6: executing …". An error of another
// kind, or of a template no file of the set is named, is err as it is.
func (t *Theme) ExecError(set string, err error) error {
	var ee texttemplate.ExecError
	if !errors.As(err, &ee) {
		// html/template's own: a template it cannot escape, or that names
		// none the set has ({{template "nope"}}), found as a page is made.
		var he *template.Error
		if !errors.As(err, &he) {
			return err
		}
		name, line := he.Name, he.Line
		if he.Node != nil {
			loc, _ := (*parse.Tree)(nil).ErrorContext(he.Node)
			parts := strings.Split(loc, ":")
			if len(parts) >= 2 {
				name = parts[0]
				line, _ = strconv.Atoi(parts[1])
			}
		}
		ee = texttemplate.ExecError{Name: name, Err: fmt.Errorf("template: %s:%d: %s", name, line, he.Description)}
	}
	files, ferr := t.files(set)
	name := ee.Name
	if m := templateFile.FindStringSubmatch(ee.Err.Error()); m != nil {
		// The file the failing action is in: a template a file defines
		// ({{define "footer"}}) is named otherwise.
		name = m[1]
	}
	f, ok := files[name]
	if ferr != nil || !ok {
		return err
	}
	e := t.parseError(set, name, f.layer, ee.Err, nil).(*Error)
	// The page it was making: "posts/x/index.html: template: …".
	for _, sep := range []string{": template: ", ": html/template:"} {
		if page, _, ok := strings.Cut(err.Error(), sep); ok && !strings.ContainsAny(page, " \n") {
			e.Msg += " (making " + page + ")"
			break
		}
	}
	return e
}

// Static returns the set's static/ files, keyed by their path below static/.
func (t *Theme) Static(set string) (map[string][]byte, error) {
	files, err := t.files(set)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for name, f := range files {
		if rest, ok := strings.CutPrefix(name, "static/"); ok {
			out[rest] = f.data
		}
	}
	return out, nil
}

// Fingerprint identifies the content of a template set ("blog" or "wiki"):
// it changes whenever any of its files does.
func (t *Theme) Fingerprint(set string) (string, error) {
	files, err := t.files(set)
	if err != nil {
		return "", err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	h := sha256.New()
	for _, name := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(files[name].data))
		h.Write(files[name].data)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
