// Package themes embeds the default theme and overlays a site's own theme
// on it: a site theme replaces the default's files of the same name and
// keeps the rest.
package themes

import (
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"sort"
	"strings"
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

// FS returns the theme's files for one template set ("blog" or "wiki"),
// the site's own layer first.
func (t *Theme) files(set string) (map[string][]byte, error) {
	out := map[string][]byte{}
	for i := len(t.layers) - 1; i >= 0; i-- {
		layer := t.layers[i]
		err := fs.WalkDir(layer, set, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == set {
					return fs.SkipDir
				}
				return err
			}
			if d.IsDir() {
				return nil
			}
			b, err := fs.ReadFile(layer, p)
			if err != nil {
				return err
			}
			out[strings.TrimPrefix(p, set+"/")] = b
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("theme %s: %w", t.Name, err)
		}
	}
	return out, nil
}

// Templates parses the *.html files of a set ("blog" or "wiki"), each as a
// template named by its file name. Files outside static/ are templates.
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
	sort.Strings(names)
	root := template.New(set).Funcs(funcs)
	for _, name := range names {
		if _, err := root.New(name).Parse(string(files[name])); err != nil {
			return nil, fmt.Errorf("theme %s: %s/%s: %w", t.Name, set, name, err)
		}
	}
	return root, nil
}

// Static returns the set's static/ files, keyed by their path below static/.
func (t *Theme) Static(set string) (map[string][]byte, error) {
	files, err := t.files(set)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{}
	for name, b := range files {
		if rest, ok := strings.CutPrefix(name, "static/"); ok {
			out[rest] = b
		}
	}
	return out, nil
}
