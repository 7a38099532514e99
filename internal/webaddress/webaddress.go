// Package webaddress tells a web address written without its scheme
// (c9.io, github.com/a/b) from a path or a file's name: the link check,
// the wiki and the front matter's messages say what to write for one.
package webaddress

import "strings"

// Schemeless reports whether a link destination is a web
// address written without its scheme ([c9](c9.io), [repo](github.com/a/b)),
// which a browser reads as a path of the site: its first part is a host
// name, www. and a name, or names that end in one of webDomains, which
// leaves out the extensions of files a page links to (a.png, setup.py,
// notes.md).
func Schemeless(dest string) bool {
	host := dest
	if i := strings.IndexAny(dest, "/?#"); i >= 0 {
		host = dest[:i]
	}
	labels := strings.Split(strings.ToLower(host), ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' ||
			strings.ContainsFunc(l, func(r rune) bool { return !('a' <= r && r <= 'z' || '0' <= r && r <= '9' || r == '-') }) {
			return false
		}
	}
	return labels[0] == "www" || webDomains[labels[len(labels)-1]]
}

// webDomains are the top-level domains of most web addresses, less those
// that are often the extension of a file a page links to (.ai, .pl, .sh,
// .md, .py). .org is kept, though Emacs's notes end so: such a link is
// taken for a web address (the link check's hint, the wiki's copy).
var webDomains = map[string]bool{
	"com": true, "org": true, "net": true, "edu": true, "gov": true, "io": true,
	"dev": true, "app": true, "co": true, "me": true, "info": true, "xyz": true,
	"blog": true, "tech": true, "uk": true, "de": true, "fr": true, "nl": true,
	"eu": true, "ca": true, "au": true, "us": true, "jp": true, "ch": true,
	"se": true, "no": true, "dk": true, "fi": true, "es": true, "be": true,
	"at": true, "cz": true, "ru": true, "br": true, "ie": true, "nz": true,
	"tv": true, "fm": true, "ly": true, "gg": true,
}

// ScriptFragment reports whether a link's fragment (what follows its #)
// is one a page's script reads, not an element's id: a web address
// (/go.html#https://x.example/) or a route of the page's own (#/inbox,
// #!/inbox).
func ScriptFragment(frag string) bool {
	return strings.HasPrefix(frag, "/") || strings.HasPrefix(frag, "!") || strings.Contains(frag, "://")
}
