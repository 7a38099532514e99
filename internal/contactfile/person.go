// Package contactfile writes contact files for the importers: a new file
// for a person not yet in the network, and a careful merge into a file the
// user wrote, which adds what is missing and never changes or removes a
// value, a comment or a word of the notes. Plan matches a list of imported
// people against the site's contacts and says what each one changes.
package contactfile

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/netjournal/netjournal/internal/content"
)

// Person is one person as an importer read them from another program's
// export: a vCard, a row of LinkedIn's Connections.csv. Who they are is
// their emails, their profile links and their UID: see identity.go.
type Person struct {
	Source   content.Position // where the record starts: Connections.csv:7
	Name     string
	Aliases  []string // nicknames
	Company  string
	Role     string
	Location string          // where they are: "Lisbon, Portugal", a city and a country
	Emails   []content.Typed // each with its type when the record gives one: work, home
	Phones   []content.Typed // cell, work, fax, …
	Links    []Link
	UID      string   // a vCard's UID: kept as uid, it is who the person is
	Tags     []string // a tag naming one of the site's circles sets the circle instead
	Circle   string
	Birthday content.Birthday
	Met      time.Time // met.date; zero when unknown
	Photo    *Photo    // nil without one
	Notes    string    // the body of a new contact; never merged into an existing one
	Skip     string    // why the record cannot be imported, if it cannot
	// Dropped lists what the record holds that no contact file keeps, for
	// the import to say: `ANNIVERSARY "2015-06-01"`.
	Dropped []string
}

// Photo is a person's photo: an image saved beside their contact file.
type Photo struct {
	Data []byte
	Ext  string // ".jpg", ".png", ".gif" or ".webp": what Data is
	// Name is the file the photo is saved as, beside the contact's file;
	// Plan sets it.
	Name  string
	saved bool // the file Name is there already, holding Data
}

// NewPhoto returns the photo in data, or an error when it is not an image
// the wiki can show.
func NewPhoto(data []byte) (*Photo, error) {
	ext := content.PhotoExt(data)
	switch {
	case ext == "":
		return nil, errors.New("not a JPEG, PNG, GIF or WebP image")
	case len(data) > content.MaxPhoto:
		return nil, fmt.Errorf("larger than %d MB", content.MaxPhoto>>20)
	}
	return &Photo{Data: data, Ext: ext}, nil
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
		{"medium.com", "medium"}, {"youtube.com", "youtube"}, {"t.me", "telegram"},
	} {
		if host == site.host || strings.HasSuffix(host, "."+site.host) {
			return site.name
		}
	}
	return "website"
}

// NameKey folds a person's name for matching: case, accents and runs of
// spaces, hyphens and underscores are ignored ("José  Silva" = "jose silva").
func NameKey(name string) string { return nameKey(name, false) }

// aliasKey folds a name as NameKey does, but keeps its accents: "Joao
// Santos" is another way to write João Santos, which a reference may use,
// and an alias to keep.
func aliasKey(name string) string { return nameKey(name, true) }

func nameKey(name string, accents bool) string {
	var b strings.Builder
	space := false
	for _, r := range norm.NFD.String(strings.TrimSpace(name)) {
		switch {
		case !accents && unicode.Is(unicode.Mn, r):
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

// PhoneKey keeps a number's digits and a + before them, so that
// "+351 910 000 101", "+351910000101" and "(+351) 910 000 101" are one
// number; an international number's "(0)", the trunk prefix dialled at
// home (+49 (0) 611 123456, +49 (0611) 123456), is not part of it.
func PhoneKey(phone string) string {
	phone = strings.TrimPrefix(strings.TrimSpace(phone), "tel:")
	if strings.Contains(phone, "+") {
		phone = strings.ReplaceAll(phone, "(0)", "")
		// +49 (0611): the trunk prefix inside the area code's parentheses
		// (but where the 0 is dialled from abroad too: Italy, San Marino,
		// the Vatican, Côte d'Ivoire, Gabon, the Republic of the Congo).
		if m := trunkInParens.FindStringSubmatchIndex(phone); m != nil {
			if cc := phone[m[2]:m[3]]; !slices.Contains([]string{"39", "378", "379", "225", "241", "242"}, cc) {
				phone = phone[:m[1]-1] + phone[m[1]:]
			}
		}
	}
	var b strings.Builder
	for _, r := range phone {
		if r >= '0' && r <= '9' || (r == '+' && b.Len() == 0) {
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

// trunkInParens is a country code and a 0 after a parenthesis: +49 (0.
var trunkInParens = regexp.MustCompile(`^\s*\+\s*(\d{1,3})[\s.-]*\(0`)

// textKey folds a value for comparing: case and spacing are ignored, and
// a hard break is the line break it shows, and a line's indentation the
// spaces it shows (asShown).
func textKey(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(asShown(s)), " "))
}

// asShown is s, Markdown, with each hard break (a backslash that ends a
// line) the line break it shows, and each line's indentation as
// markdown.EscapeText writes it (&nbsp;, &emsp;) the spaces and tabs it
// shows: a note imported with them is the one an earlier import wrote
// without them, and is quoted without them.
func asShown(s string) string {
	s = strings.ReplaceAll(s, "\\\n", "\n")
	return indentation.ReplaceAllStringFunc(s, indentSpaces.Replace)
}

var (
	indentation  = regexp.MustCompile(`(?m)^(?:&nbsp;|&emsp;)+`)
	indentSpaces = strings.NewReplacer("&nbsp;", " ", "&emsp;", "\t")
)

// clean leaves out of p every value that a contact file must not hold: a
// replacement character (U+FFFD), which means the text was lost before
// it reached the import, a control character, or bytes that are not
// UTF-8. A name with one makes p skipped; every other value is dropped
// and listed.
func clean(p Person) (Person, []string) {
	var dropped []string
	bad := func(s string) string {
		switch {
		case !utf8.ValidString(s):
			return "it is not UTF-8"
		case strings.ContainsRune(s, utf8.RuneError):
			return "it holds U+FFFD, a character that a program lost before this file"
		}
		for _, r := range s {
			if r != '\n' && r != '\t' && unicode.IsControl(r) {
				return "it holds a control character"
			}
		}
		return ""
	}
	if why := bad(p.Name); why != "" && p.Skip == "" {
		p.Skip = fmt.Sprintf("the name %q %s", strings.ToValidUTF8(p.Name, "\uFFFD"), strings.TrimPrefix(why, "it "))
		return p, nil
	}
	text := func(what string, v *string) {
		if why := bad(*v); why != "" {
			dropped = append(dropped, fmt.Sprintf("%s %q (%s)", what, strings.ToValidUTF8(*v, "\uFFFD"), why))
			*v = ""
		}
	}
	texts := func(what string, vs []string) []string {
		var out []string
		for _, v := range vs {
			if text(what, &v); v != "" {
				out = append(out, v)
			}
		}
		return out
	}
	typed := func(what string, vs []content.Typed) []content.Typed {
		var out []content.Typed
		for _, v := range vs {
			if text(what, &v.Value); v.Value != "" {
				if bad(v.Type) != "" {
					v.Type = ""
				}
				out = append(out, v)
			}
		}
		return out
	}
	p.Aliases = texts("nickname", p.Aliases)
	text("company", &p.Company)
	text("role", &p.Role)
	text("location", &p.Location)
	p.Emails = typed("email", p.Emails)
	p.Phones = typed("phone", p.Phones)
	var links []Link
	seen := map[string]int{} // an address's key → its link's index
	for _, l := range p.Links {
		if text("link", &l.URL); l.URL != "" {
			if bad(l.Name) != "" {
				l.Name = ""
			}
			// One address written twice (www.x.com and http://www.x.com,
			// as phones' exports do) is one link, as a merge finds it;
			// its fragment kept apart (#/people/eva and #/teams/sales of
			// one app are two), https: kept over http:.
			k := linkKey(l.URL)
			if i, ok := seen[k]; ok {
				if strings.HasPrefix(links[i].URL, "http:") && strings.HasPrefix(l.URL, "https:") {
					links[i].URL = l.URL
				}
				continue
			}
			seen[k] = len(links)
			links = append(links, l)
		}
	}
	p.Links = links
	text("uid", &p.UID)
	p.Tags = texts("tag", p.Tags)
	text("circle", &p.Circle)
	if why := bad(strings.ReplaceAll(p.Notes, "\r", "")); why != "" {
		dropped = append(dropped, fmt.Sprintf("notes (%s)", why))
		p.Notes = ""
	}
	return p, dropped
}

// linkKey is what tells two links apart: the address as URLKey folds it,
// with its fragment (#/people/eva and #/teams/sales of one app are two).
func linkKey(u string) string {
	k := URLKey(u)
	if _, frag, ok := strings.Cut(u, "#"); ok {
		k += "#" + frag
	}
	return k
}
