package content

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"unicode"

	"gopkg.in/yaml.v3"
)

// Contact is one person of the network: content/contacts/<slug>.md.
type Contact struct {
	Doc `yaml:"-"`

	Name     string     `yaml:"name"`
	Aliases  StringList `yaml:"aliases"`
	Company  string     `yaml:"company"`
	Role     string     `yaml:"role"`
	Location string     `yaml:"location"`
	// Emails and Phones are as the file writes them, each with its type
	// when it has one; Email and Phone are their values alone.
	Emails      TypedList       `yaml:"email"`
	Phones      TypedList       `yaml:"phone"`
	Email       StringList      `yaml:"-"`
	Phone       StringList      `yaml:"-"`
	Links       Links           `yaml:"links"`
	Tags        TagList         `yaml:"tags"`
	Circle      string          `yaml:"circle"`
	Cadence     Duration        `yaml:"cadence"`
	SnoozeUntil Date            `yaml:"snooze_until"`
	Met         *Met            `yaml:"met"`
	Birthday    Birthday        `yaml:"birthday"`
	Reviewed    Date            `yaml:"reviewed"`
	Public      *PublicIdentity `yaml:"public"`
	// UID is the contact's identifier in address books (a vCard's UID):
	// the same person for an import, and the UID of an export.
	UID string `yaml:"uid"`
	// Photo is the file name of the contact's photo, relative to the
	// contact's file: ana-lima.jpg beside ana-lima.md.
	Photo string `yaml:"photo"`
}

// Met records how the user met a contact.
type Met struct {
	Date         Date   `yaml:"date"`
	At           string `yaml:"at"`            // an event ref, or free text
	IntroducedBy string `yaml:"introduced_by"` // a contact ref
}

// PublicIdentity is a contact's opt-in to appear on the public site.
type PublicIdentity struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"`
}

// Typed is an email address or a phone number with its type, when the
// file gives one: work, home, cell, fax, or any word.
type Typed struct {
	Type  string // "" when none is given
	Value string
}

// TypedList is a contact's emails or phones: one value, or a list of
// them, each with its type before a colon if it has one:
//
//	email: ana@example.com
//	email: [ana@example.com, work: ana@tidewater.example]
//	phone:
//	  - cell: +351 910 000 101
//	  - "+351 213 000 000"
type TypedList []Typed

// Values returns the values without their types.
func (l TypedList) Values() StringList {
	if len(l) == 0 {
		return nil
	}
	out := make(StringList, len(l))
	for i, t := range l {
		out[i] = t.Value
	}
	return out
}

func (l *TypedList) UnmarshalYAML(n *yaml.Node) error {
	const want = "a text, or type: text (work: …)"
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			*l = nil
			return nil
		}
		*l = TypedList{{Value: n.Value}}
		return nil
	case yaml.SequenceNode:
	default:
		return typeError(n, "expected %s, or a list of them, got a %s", want, kindName(n))
	}
	var out TypedList
	var errs []string
	bad := func(n *yaml.Node, format string, args ...any) {
		errs = append(errs, fmt.Sprintf("line %d: ", n.Line)+fmt.Sprintf(format, args...))
	}
	for _, c := range n.Content {
		switch {
		case c.Kind == yaml.ScalarNode && c.Tag != "!!null":
			out = append(out, Typed{Value: c.Value})
		case c.Kind != yaml.MappingNode:
			bad(c, "expected %s in the list, got a %s", want, kindName(c))
		case len(c.Content) != 2:
			bad(c, "expected %s in the list, got a map of %d keys", want, len(c.Content)/2)
		case c.Content[0].Kind != yaml.ScalarNode || strings.TrimSpace(c.Content[0].Value) == "":
			bad(c, "expected a type such as work or cell before the colon")
		case c.Content[1].Kind != yaml.ScalarNode || c.Content[1].Tag == "!!null":
			bad(c.Content[1], "expected a text after %s:, got a %s", c.Content[0].Value, kindName(c.Content[1]))
		default:
			out = append(out, Typed{Type: strings.TrimSpace(c.Content[0].Value), Value: c.Content[1].Value})
		}
	}
	if len(errs) > 0 {
		return &yaml.TypeError{Errors: errs}
	}
	*l = out
	return nil
}

func (c *Contact) validate(errs *ErrorList, cfg *Config) {
	c.Email, c.Phone = c.Emails.Values(), c.Phones.Values()
	if c.Name == "" {
		errs.Add(c.Pos("name"), "missing required key \"name\"")
	}
	if c.Circle != "" && cfg != nil && cfg.Circle(c.Circle) == nil {
		hint := ""
		if s := suggest(strings.ToLower(c.Circle), cfg.circleNames()); s != "" {
			hint = fmt.Sprintf(" (did you mean %q?)", s)
		}
		errs.Add(c.Pos("circle"), "unknown circle %q%s: use one of %s, or declare it under circles in netjournal.yaml", c.Circle, hint, cfg.CircleNames())
	}
	if p := c.Public; p != nil {
		if p.Name == "" {
			errs.Add(c.Pos("public"), "public: missing required key \"name\" (how this person may appear on the public site)")
		}
		if p.URL != "" && !isURL(p.URL) {
			errs.Add(c.Pos("public.url"), "public.url: expected an absolute URL (https://…), got %q%s", p.URL, schemeHint(p.URL))
		}
	}
	for i, e := range c.Emails {
		why := EmailProblem(e.Value)
		if e.Type == "" && typeInQuotes.MatchString(e.Value) {
			why = fmt.Sprintf("expected an email address, got %q: a type goes before its colon outside quotes (- work: ana@example.com)", e.Value)
		}
		if why != "" {
			errs.Add(c.Pos(key("email", i)), "email: %s", why)
		}
	}
	for i, p := range c.Phones {
		if len(PhoneNumbers(p.Value)) > 1 || strings.ContainsAny(p.Value, "\r\n") {
			errs.Add(c.Pos(key("phone", i)), "phone: expected one phone number, got %q: give each its own line of the list", p.Value)
		}
	}
	if strings.ContainsAny(c.UID, "\r\n") {
		errs.Add(c.Pos("uid"), "uid: expected one line, got %q", c.UID)
	}
	if c.Photo != "" {
		if err := photoName(c.Photo); err != nil {
			errs.Add(c.Pos("photo"), "photo: %v", err)
		}
	}
}

// EmailProblem says what is wrong with an email address of a contact's,
// or "": an address is a name (or a quoted one, "john doe"), an @ and a
// host, with no space (the wiki links it, export writes it). Two of them,
// a list's item indented too far and folded into the one before it
// ("a@b.com - c@d.com"), or a word without an @, were taken as one
// address. The importers keep only addresses it takes.
func EmailProblem(v string) string {
	local, host, _ := strings.Cut(v, "@")
	quoted := false
	if m := quotedLocal.FindStringSubmatch(v); m != nil {
		local, host, quoted = m[1], m[2], true // a quoted name holds what it likes
	}
	switch {
	case strings.HasPrefix(strings.ToLower(v), "mailto:"):
		return fmt.Sprintf("expected the address alone, without mailto:, got %q", v)
	case !quoted && strings.Contains(local, `"`) && !strings.ContainsFunc(v, unicode.IsSpace) && !strings.ContainsAny(v, ",;<>"):
		return fmt.Sprintf("expected an email address, got %q: quotes go around the whole name alone (\"ana lima\"@example.com)", v)
	case strings.ContainsFunc(host, unicode.IsSpace) || strings.ContainsAny(host, ",;<>@\"") ||
		!quoted && (strings.ContainsFunc(local, unicode.IsSpace) || strings.ContainsAny(local, ",;<>\"")):
		return fmt.Sprintf("expected one email address (name@host), got %q: give each its own line of the list", v)
	case local == "" || host == "":
		return fmt.Sprintf("expected an email address (name@host), got %q", v)
	}
	return ""
}

// quotedLocal is an address whose name is quoted, whole: "john doe"@host.
var quotedLocal = regexp.MustCompile(`^("(?:[^"\\]|\\.)+")@(.*)$`)

// PhoneNumbers returns the numbers a phone value holds: itself, or each
// of the numbers some exports join in one ("+1 555 0100 / +1 555 0101",
// "+351 910 000 101,+351 910 000 102"), and that YAML makes of a list's
// item indented too far ("+1 555 0100 +1 555 0101"). A + after a space
// or a separator begins another number only where what comes before it
// is a number, beginning with +, ( or a digit, an extension or a note
// after it: "Reception: +44 20 7946 0000", "Line 2: +44 …" and "+49 151
// 1234567 (+49 171 7654321 privat)" are one; "+1 555 0100 x12 / +1 555
// 0101" two.
func PhoneNumbers(v string) []string {
	var out []string
	start := 0
	for i := 1; i < len(v); i++ {
		if v[i] != '+' || !strings.ContainsRune(" \t\n/,;", rune(v[i-1])) {
			continue
		}
		before := strings.Trim(v[start:i], " \t\n/,;")
		if !strings.ContainsFunc(before, unicode.IsDigit) || !strings.ContainsAny(before[:1], "+(0123456789") {
			continue // a label before the number ("Line 2: +44 …")
		}
		out = append(out, before)
		start = i
	}
	if n := strings.Trim(v[start:], " \t\n/,;"); n != "" || len(out) == 0 {
		out = append(out, n)
	}
	return out
}

// typeInQuotes is an email address written with its type in quotes
// ("work: ana@example.com"): all of it the value.
var typeInQuotes = regexp.MustCompile(`^[\pL][\pL ]*:\s`)

// PhotoTypes are the images a contact's photo may be, by the extension of
// their files, as browsers show them.
var photoTypes = map[string]string{".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".gif": "GIF", ".webp": "WebP"}

// photoName checks the photo key: a file of the contact's folder or one
// below it, named like an image.
func photoName(name string) error {
	ext := strings.ToLower(path.Ext(name))
	switch {
	case strings.HasPrefix(name, "/") || strings.Contains(name, `\`) || strings.Contains(name, "://"):
		return fmt.Errorf("expected the file name of an image beside the contact's file (ana-lima.jpg), got %q", name)
	case !fs.ValidPath(name) || name == ".":
		return fmt.Errorf("expected a file beside the contact's file or in a folder below it, got %q", name)
	case photoTypes[ext] == "":
		return fmt.Errorf("%q is not named like a JPEG, PNG, GIF or WebP image (.jpg, .png, .gif, .webp)", name)
	}
	return nil
}

// PhotoPath returns the slash path from the site root of the contact's
// photo, "" when it has none.
func (c *Contact) PhotoPath() string {
	if c.Photo == "" || photoName(c.Photo) != nil {
		return ""
	}
	return path.Join(path.Dir(c.Path), c.Photo)
}

// MaxPhoto is the largest photo the wiki shows, in bytes.
const MaxPhoto = 10 << 20

// PhotoExt returns the extension of an image's type, by its first bytes:
// ".jpg", ".png", ".gif" or ".webp"; "" for anything else.
func PhotoExt(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("\xff\xd8\xff")):
		return ".jpg"
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return ".png"
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return ".gif"
	case len(data) >= 12 && bytes.HasPrefix(data, []byte("RIFF")) && string(data[8:12]) == "WEBP":
		return ".webp"
	}
	return ""
}

// Photo is a contact's photo, read from the site.
type Photo struct {
	Data []byte
	Ext  string // its type: ".jpg", ".png", ".gif" or ".webp"
}

// ReadPhotos reads the photo of every contact that has one from fsys, by
// the contact's path. A photo that is missing, too large, or not a JPEG,
// PNG, GIF or WebP image is left out with a warning at the contact's
// photo line: the wiki shows the contact's initials instead.
func ReadPhotos(fsys fs.FS, contacts []*Contact) (map[string]Photo, ErrorList) {
	out := map[string]Photo{}
	var warnings ErrorList
	for _, c := range contacts {
		p := c.PhotoPath()
		if p == "" {
			continue
		}
		data, err := readPhoto(fsys, p)
		if err != nil {
			warnings.Add(c.Pos("photo"), "photo %q %v: the wiki shows initials instead", c.Photo, err)
			continue
		}
		out[c.Path] = Photo{Data: data, Ext: PhotoExt(data)}
	}
	warnings.Sort()
	return out, warnings
}

func readPhoto(fsys fs.FS, p string) ([]byte, error) {
	info, err := fs.Stat(fsys, p)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, errors.New("is not there")
	case err != nil:
		return nil, fmt.Errorf("cannot be read (%v)", pathless(err))
	case info.IsDir():
		return nil, errors.New("is a folder")
	case info.Size() > MaxPhoto:
		return nil, fmt.Errorf("is larger than %d MB", MaxPhoto>>20)
	}
	data, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, fmt.Errorf("cannot be read (%v)", pathless(err))
	}
	if PhotoExt(data) == "" {
		return nil, errors.New("is not a JPEG, PNG, GIF or WebP image")
	}
	return data, nil
}

// pathless drops the path an *fs.PathError repeats.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
