// Package contactfile writes contact files for the importers: a new file
// for a person not yet in the network, and a careful merge into a file the
// user wrote, which adds what is missing and never changes or removes a
// value, a comment or a word of the notes. Plan matches a list of imported
// people against the site's contacts and says what each one changes.
package contactfile

import (
	"net/url"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/netjournal/netjournal/internal/content"
)

// Person is one person as an importer read them from another program's
// export: a vCard, a row of LinkedIn's Connections.csv. Who they are is
// their emails, their profile links and their UID: see identity.go.
type Person struct {
	Source   content.Position // where the record starts: Connections.csv:7
	Name     string
	Company  string
	Role     string
	Emails   []string
	Phones   []string
	Links    []Link
	UID      string   // a vCard's UID: the same person within one import; not kept in the file
	Tags     []string // a tag naming one of the site's circles sets the circle instead
	Circle   string
	Birthday content.Birthday
	Met      time.Time // met.date; zero when unknown
	Notes    string    // the body of a new contact; never merged into an existing one
	Skip     string    // why the record cannot be imported, if it cannot
}

// Link is a named profile link. Name may be empty: it is then named after
// the site (linkedin, github, …) or "website".
type Link struct {
	Name string
	URL  string
}

// linkName names a link that came without one, after its host.
func linkName(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "website"
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	for _, site := range []struct{ host, name string }{
		{"linkedin.com", "linkedin"}, {"github.com", "github"}, {"gitlab.com", "gitlab"},
		{"twitter.com", "twitter"}, {"x.com", "x"}, {"mastodon.social", "mastodon"},
		{"bsky.app", "bluesky"}, {"facebook.com", "facebook"}, {"instagram.com", "instagram"},
		{"medium.com", "medium"}, {"youtube.com", "youtube"},
	} {
		if host == site.host || strings.HasSuffix(host, "."+site.host) {
			return site.name
		}
	}
	return "website"
}

// NameKey folds a person's name for matching: case, accents and runs of
// spaces, hyphens and underscores are ignored ("José  Silva" = "jose silva").
func NameKey(name string) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.TrimSpace(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case unicode.IsSpace(r) || r == '-' || r == '_' || r == '.':
			space = true
		default:
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// EmailKey folds an address for matching: case and a mailto: are ignored.
func EmailKey(email string) string {
	e := strings.ToLower(strings.TrimSpace(email))
	return strings.TrimPrefix(e, "mailto:")
}

// PhoneKey keeps a number's digits and a leading +, so that
// "+351 910 000 101" and "+351910000101" are one number.
func PhoneKey(phone string) string {
	var b strings.Builder
	for i, r := range strings.TrimPrefix(strings.TrimSpace(phone), "tel:") {
		if r >= '0' && r <= '9' || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// URLKey folds a URL for matching: scheme, "www.", case of the host and a
// final slash are ignored.
func URLKey(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(raw)), "/")
	}
	host := strings.TrimPrefix(strings.ToLower(u.Host), "www.")
	p := strings.TrimSuffix(u.EscapedPath(), "/")
	if strings.HasSuffix(host, "linkedin.com") {
		p = strings.ToLower(p) // LinkedIn profile paths are case-insensitive
	}
	key := host + p
	if u.RawQuery != "" {
		key += "?" + u.RawQuery
	}
	return key
}

// textKey folds a value for comparing: case and spacing are ignored.
func textKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}
