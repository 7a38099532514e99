package content

import (
	"io/fs"
	"path"
	"strings"

	"github.com/netjournal/netjournal/internal/source"
)

// skipped says why a folder or file that is not Ignored is still not read
// as content, or "" when it is: names that start with _ (a common way to
// set files aside), and folders named like an editor's backup (2025.bak/,
// x~/), whose documents would otherwise be published twice.
func skipped(name string, dir bool) string {
	switch {
	case strings.HasPrefix(name, "_"):
		return "its name starts with _"
	case dir && source.Temporary(name):
		return "its name looks like an editor's backup or temporary file"
	}
	return ""
}

// isDocument reports whether a file name is a Markdown document's.
func isDocument(name string) bool { return strings.EqualFold(path.Ext(name), ".md") }

// warnSkipped names, in warnings, the documents under a skipped folder:
// a document moved there is not lost in silence.
func warnSkipped(fsys fs.FS, dir, why string, warnings *ErrorList) {
	_ = fs.WalkDir(fsys, dir, func(p string, e fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if p != dir && source.Ignored(e.Name(), e.IsDir()) {
			if e.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !e.IsDir() && isDocument(e.Name()) {
			warnings.Add(Position{Path: p}, "not read: the folder %s is skipped (%s): rename it to use this file", path.Base(dir), why)
		}
		return nil
	})
}
