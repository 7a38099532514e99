// Package source decides, once, which files of a site folder are its
// sources, for the content loader, the static and theme files and the
// watcher alike: a file that a build reads is a file whose change the
// watcher reports. It imports nothing of the project, so the packages on
// the public side of the privacy boundary (themes) may use it too.
package source

import (
	"regexp"
	"strings"
)

// sedTemp is the name of GNU sed -i's temporary file.
var sedTemp = regexp.MustCompile(`^sed[A-Za-z0-9]{6}$`)

// Ignored reports whether a file or folder with this name is never a site
// source and is passed over in silence: hidden names (.git, .DS_Store,
// .#lock, .x.swp) and, for files, the temporaries and backups that editors
// write beside the file they save (vim's 4913 probe and x~ backups, Emacs'
// #x# autosaves, JetBrains' safe-write files, .swp, .tmp, .bak, .crswap).
// A folder named like a backup is not ignored: it is skipped, with a
// warning for the documents in it, since someone may have put them there.
// .well-known/ (RFC 8615) is a site's, for static files such as
// security.txt.
func Ignored(name string, dir bool) bool {
	if strings.HasPrefix(name, ".") {
		return !(dir && name == ".well-known")
	}
	return !dir && Temporary(name)
}

// Temporary reports whether a name is one that editors give to backups and
// temporary files.
func Temporary(name string) bool {
	switch {
	case name == "4913", strings.HasSuffix(name, "~"),
		len(name) > 1 && strings.HasPrefix(name, "#") && strings.HasSuffix(name, "#"),
		sedTemp.MatchString(name): // sed -i writes sedXXXXXX and renames it
		return true
	}
	for _, suffix := range []string{".swp", ".swx", ".swo", ".tmp", ".bak", "___jb_tmp___", "___jb_old___", ".crswap"} {
		if strings.HasSuffix(name, suffix) {
			return true
		}
	}
	return false
}
