package content

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/netjournal/netjournal/internal/webaddress"
	"gopkg.in/yaml.v3"
)

// typeError reports a value problem at the node's line and lets the YAML
// decoder go on collecting the others.
func typeError(n *yaml.Node, format string, args ...any) error {
	return &yaml.TypeError{Errors: []string{fmt.Sprintf("line %d: ", n.Line) + fmt.Sprintf(format, args...)}}
}

// Date is a calendar date (YYYY-MM-DD, taken as UTC midnight) or an RFC 3339
// instant. The zero Date means "not given".
type Date struct {
	time.Time
	// Clock is true when the source gave a time of day.
	Clock bool
}

// ParseDate reads YYYY-MM-DD or RFC 3339.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return Date{Time: t}, nil
	}
	// The ways blogs write a time: RFC 3339, and the forms Hugo and Jekyll
	// accept. A time without a zone is UTC.
	for _, layout := range clockLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{Time: t, Clock: true}, nil
		}
	}
	if m := dayPattern.FindStringSubmatch(s); m != nil {
		// A date of the right shape that the calendar does not have.
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if why := notInCalendar(y, mo, d); why != "" {
			return Date{}, fmt.Errorf("invalid date %q: %s", s, why)
		}
	}
	return Date{}, fmt.Errorf("invalid date %q: want YYYY-MM-DD or RFC 3339", s)
}

// notInCalendar says why the year y (0: any year) has no day d of the
// month mo, or "" when it has.
func notInCalendar(y, mo, d int) string {
	if mo < 1 || mo > 12 {
		return fmt.Sprintf("there is no month %d", mo)
	}
	if y == 0 {
		if last := time.Date(2000, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC); d < 1 || d > last.Day() { // 2000: a leap year
			if mo == 2 {
				return "February has at most 29 days"
			}
			return fmt.Sprintf("%s has %d days", last.Month(), last.Day())
		}
		return ""
	}
	if last := time.Date(y, time.Month(mo)+1, 0, 0, 0, 0, 0, time.UTC); d < 1 || d > last.Day() {
		return fmt.Sprintf("%s %d has %d days", last.Month(), y, last.Day())
	}
	return ""
}

// monthDay is a birthday's --MM-DD, read as numbers.
var monthDay = regexp.MustCompile(`^--(\d{2})-(\d{2})$`)

// clockLayouts are the forms of a date with a time that ParseDate reads.
var clockLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
}

// dayPattern is a date's shape, YYYY-MM-DD, with or without a time after.
var dayPattern = regexp.MustCompile(`^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])`)

// IsSet reports whether the date was given.
func (d Date) IsSet() bool { return !d.Time.IsZero() }

// Day returns the calendar day as UTC midnight.
func (d Date) Day() time.Time { return Day(d.Time) }

// Day returns t's calendar day (in t's own zone) as UTC midnight, so dates
// from YYYY-MM-DD and from RFC 3339 compare by day.
func Day(t time.Time) time.Time {
	y, m, dd := t.Date()
	return time.Date(y, m, dd, 0, 0, 0, 0, time.UTC)
}

func (d Date) String() string {
	if !d.IsSet() {
		return ""
	}
	if d.Clock {
		return d.Time.Format(time.RFC3339)
	}
	return d.Time.Format(time.DateOnly)
}

func (d *Date) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return typeError(n, "expected a date (YYYY-MM-DD), got a %s", kindName(n))
	}
	v, err := ParseDate(n.Value)
	if err != nil {
		return typeError(n, "%v", err)
	}
	if v.Time.IsZero() {
		// Time's zero, which a Date takes for no date at all: the key
		// would be missing.
		return typeError(n, "invalid date %q: the first day of the year 1 reads as no date: give the real one", strings.TrimSpace(n.Value))
	}
	*d = v
	return nil
}

// Duration is a calendar span such as 14d, 6w, 3m or 1y.
type Duration struct {
	N    int
	Unit byte // 'd', 'w', 'm' or 'y'
}

// ParseDuration reads 14d, 6w, 3m or 1y.
func ParseDuration(s string) (Duration, error) {
	s = strings.TrimSpace(s)
	if len(s) < 2 {
		return Duration{}, fmt.Errorf("invalid duration %q: want a number and a unit: 14d, 6w, 3m or 1y", s)
	}
	n, err := strconv.Atoi(s[:len(s)-1])
	unit := s[len(s)-1]
	if err == nil && n <= 0 && strings.ContainsRune("dwmy", rune(unit)) {
		return Duration{}, fmt.Errorf("invalid duration %q: give at least 1 (14d, 6w, 3m or 1y)", s)
	}
	if err != nil || !strings.ContainsRune("dwmy", rune(unit)) {
		return Duration{}, fmt.Errorf("invalid duration %q: want a number and a unit: 14d, 6w, 3m or 1y", s)
	}
	// A count past ten thousand years would wrap round as days are added
	// (1537228672809129302y was eight months).
	if max := map[byte]int{'d': 3_660_000, 'w': 523_000, 'm': 120_000, 'y': 10_000}[unit]; n > max {
		return Duration{}, fmt.Errorf("invalid duration %q: it is %w: give at most %d%c", s, ErrTooLong, max, unit)
	}
	return Duration{N: n, Unit: unit}, nil
}

// ErrTooLong is the error of a duration past ten thousand years.
var ErrTooLong = errors.New("too long")

// IsSet reports whether the duration was given.
func (d Duration) IsSet() bool { return d.N > 0 }

// After returns t plus the duration, by the calendar. Months and years keep
// the day of the month, or take the last day of a shorter month: a month
// after January 31 is February 28 (29 in a leap year), not March 3, and a
// year after February 29 is February 28.
func (d Duration) After(t time.Time) time.Time {
	switch d.Unit {
	case 'd':
		return t.AddDate(0, 0, d.N)
	case 'w':
		return t.AddDate(0, 0, 7*d.N)
	case 'm':
		return addMonths(t, d.N)
	case 'y':
		return addMonths(t, 12*d.N)
	}
	return t
}

// addMonths moves t by n months, clamping the day to the target month's
// last day.
func addMonths(t time.Time, n int) time.Time {
	y, m, day := t.Date()
	// Day 0 of the month after the target is the target's last day.
	last := time.Date(y, m+time.Month(n)+1, 0, 0, 0, 0, 0, time.UTC).Day()
	return time.Date(y, m+time.Month(n), min(day, last), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}

// Before returns t minus the duration.
func (d Duration) Before(t time.Time) time.Time {
	return Duration{N: -d.N, Unit: d.Unit}.After(t)
}

func (d Duration) String() string {
	if !d.IsSet() {
		return ""
	}
	return strconv.Itoa(d.N) + string(d.Unit)
}

// Words spells the duration for people: "2 weeks", "1 month".
func (d Duration) Words() string {
	name := map[byte]string{'d': "day", 'w': "week", 'm': "month", 'y': "year"}[d.Unit]
	if d.N != 1 {
		name += "s"
	}
	return fmt.Sprintf("%d %s", d.N, name)
}

func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return typeError(n, "expected a duration such as 14d, 6w, 3m or 1y, got a %s", kindName(n))
	}
	v, err := ParseDuration(n.Value)
	if err != nil {
		return typeError(n, "%v", err)
	}
	*d = v
	return nil
}

// StringList is a list of strings that may also be written as one string.
type StringList []string

func (l *StringList) UnmarshalYAML(n *yaml.Node) error {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			*l = nil
			return nil
		}
		*l = StringList{n.Value}
		return nil
	case yaml.SequenceNode:
		out := make(StringList, 0, len(n.Content))
		for _, c := range n.Content {
			if c.Kind != yaml.ScalarNode || c.Tag == "!!null" {
				return typeError(c, "expected a text item in the list, got a %s", kindName(c))
			}
			out = append(out, c.Value)
		}
		*l = out
		return nil
	}
	return typeError(n, "expected a text or a list of texts, got a %s", kindName(n))
}

// TagList is a list of tags, which may also be written as one string:
// "go, api-design" is two tags, as a writer who wrote it meant (it was
// one, "go-api-design", on no tag page of the two). No tag holds a comma.
type TagList []string

func (l *TagList) UnmarshalYAML(n *yaml.Node) error {
	var list StringList
	if err := list.UnmarshalYAML(n); err != nil {
		return err
	}
	if n.Kind != yaml.ScalarNode || len(list) != 1 || !strings.Contains(list[0], ",") {
		*l = TagList(list)
		l.intern()
		return nil
	}
	*l = nil
	for _, t := range strings.Split(list[0], ",") {
		if t = strings.TrimSpace(t); t != "" {
			*l = append(*l, t)
		}
	}
	l.intern()
	return nil
}

// intern makes each tag the one string of its bytes: a site has a few
// dozen tags and each post a few of them, and a string of each for each
// post was three of the sixty-odd objects a post keeps live through a
// build, which the collector marks again at every cycle.
func (l TagList) intern() {
	for i, t := range l {
		l[i] = tagNames.get(t)
	}
}

// tagNames holds a string of each tag read, kept for the process (a
// site's tags are few; unique.Make's let theirs go at each collection,
// and the posts read after it had copies again).
var tagNames = &names{m: map[string]string{}}

type names struct {
	mu sync.RWMutex
	m  map[string]string
}

func (n *names) get(s string) string {
	n.mu.RLock()
	kept, ok := n.m[s]
	n.mu.RUnlock()
	if ok {
		return kept
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if kept, ok := n.m[s]; ok {
		return kept
	}
	s = strings.Clone(s) // not the rest of the YAML text it was cut from
	n.m[s] = s
	return s
}

// Birthday is a full date or a month and day (--MM-DD) with the year unknown.
type Birthday struct {
	Year  int // 0 when unknown
	Month time.Month
	Day   int
}

// IsSet reports whether a birthday was given.
func (b Birthday) IsSet() bool { return b.Month != 0 }

func (b Birthday) String() string {
	if !b.IsSet() {
		return ""
	}
	if b.Year == 0 {
		return fmt.Sprintf("--%02d-%02d", b.Month, b.Day)
	}
	return fmt.Sprintf("%04d-%02d-%02d", b.Year, b.Month, b.Day)
}

// Words spells the birthday: "14 March" or "14 March 1987".
func (b Birthday) Words() string {
	if !b.IsSet() {
		return ""
	}
	s := fmt.Sprintf("%d %s", b.Day, b.Month)
	if b.Year != 0 {
		s += fmt.Sprintf(" %d", b.Year)
	}
	return s
}

// Next returns the first birthday on or after day (UTC midnight).
func (b Birthday) Next(day time.Time) time.Time {
	t := time.Date(day.Year(), b.Month, b.Day, 0, 0, 0, 0, time.UTC)
	if t.Before(day) {
		t = time.Date(day.Year()+1, b.Month, b.Day, 0, 0, 0, 0, time.UTC)
	}
	return t
}

func (b *Birthday) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return typeError(n, "expected a birthday (YYYY-MM-DD or --MM-DD), got a %s", kindName(n))
	}
	s := strings.TrimSpace(n.Value)
	if m := monthDay.FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[1])
		d, _ := strconv.Atoi(m[2])
		if why := notInCalendar(0, mo, d); why != "" {
			return typeError(n, "invalid birthday %q: %s", s, why)
		}
	}
	if m := dayPattern.FindStringSubmatch(s + " "); m != nil && len(s) == len(time.DateOnly) {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		if why := notInCalendar(y, mo, d); why != "" {
			return typeError(n, "invalid birthday %q: %s", s, why)
		}
	}
	if rest, ok := strings.CutPrefix(s, "--"); ok {
		t, err := time.Parse("01-02", rest)
		if err != nil || len(rest) != 5 {
			return typeError(n, "invalid birthday %q: want YYYY-MM-DD or --MM-DD", s)
		}
		*b = Birthday{Month: t.Month(), Day: t.Day()}
		return nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return typeError(n, "invalid birthday %q: want YYYY-MM-DD or --MM-DD", s)
	}
	*b = Birthday{Year: t.Year(), Month: t.Month(), Day: t.Day()}
	return nil
}

// Done is a follow-up's state: false, true, or the date it was done.
type Done struct {
	Done bool
	On   Date
}

func (d *Done) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind == yaml.ScalarNode {
		switch strings.ToLower(n.Value) {
		case "true", "yes":
			*d = Done{Done: true}
			return nil
		case "false", "no", "":
			*d = Done{}
			return nil
		}
		v, err := ParseDate(n.Value)
		if err == nil {
			*d = Done{Done: true, On: v}
			return nil
		}
		if dayPattern.MatchString(strings.TrimSpace(n.Value)) {
			return typeError(n, "done: %v", err) // a date the calendar does not have
		}
	}
	if n.Kind != yaml.ScalarNode {
		return typeError(n, "done: expected true, false or a date, got a %s", kindName(n))
	}
	return typeError(n, "done: expected true, false or a date, got %q", n.Value)
}

// Link is one named profile link of a contact.
type Link struct {
	Name string
	URL  string
}

// Links keeps the order in which the user wrote them.
type Links []Link

func (l *Links) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return typeError(n, "links: expected a map of name: URL, got a %s", kindName(n))
	}
	var out Links
	var errs []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if v.Kind != yaml.ScalarNode {
			errs = append(errs, fmt.Sprintf("line %d: links: %s: expected an absolute URL (https://…), got a %s", v.Line, k.Value, kindName(v)))
			continue
		}
		if !isURL(v.Value) {
			errs = append(errs, fmt.Sprintf("line %d: links: %s: expected an absolute URL (https://…), got %q%s", v.Line, k.Value, v.Value, schemeHint(v.Value)))
			continue
		}
		out = append(out, Link{Name: k.Value, URL: v.Value})
	}
	if len(errs) > 0 {
		return &yaml.TypeError{Errors: errs}
	}
	*l = out
	return nil
}

func isURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && u.Scheme != "" && (u.Host != "" || u.Scheme == "mailto" || u.Scheme == "tel")
}

// schemeHint is what to add to a message that s is no absolute URL, when
// s is a web address without its scheme (example.com/a, ana-lima.pt,
// www.x.org:8080): how to write it. A file's name (cv.pdf) is none.
func schemeHint(s string) string {
	if strings.Contains(s, "://") || !webaddress.Schemeless(s) && !hostLike(s) {
		return ""
	}
	return ": write https://" + s
}

// hostLike reports whether s begins with a host name, with a port or
// not, that is a web address by the link check's rule or ends in a
// country's domain (ana-lima.pt), no file's extension: what a value wanted
// as an address is, written without its scheme (not john.smith).
func hostLike(s string) bool {
	host := s
	if i := strings.IndexAny(s, "/?#"); i >= 0 {
		host = s[:i]
	}
	if h, port, ok := strings.Cut(host, ":"); ok {
		if port == "" || strings.Trim(port, "0123456789") != "" {
			return false
		}
		host = h
	}
	if webaddress.Schemeless(host) {
		return true
	}
	labels := strings.Split(strings.ToLower(host), ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || l[0] == '-' || l[len(l)-1] == '-' || strings.ContainsFunc(l, func(r rune) bool {
			return !(r == '-' || unicode.IsLetter(r) || unicode.IsDigit(r))
		}) {
			return false
		}
	}
	last := labels[len(labels)-1]
	return len(last) == 2 && !strings.ContainsFunc(last, func(r rune) bool { return r < 'a' || r > 'z' }) && !fileExtensions[last]
}

// fileExtensions are the endings of files' names that a link's value may
// have, which are no country's or web's domain.
var fileExtensions = map[string]bool{
	"pdf": true, "png": true, "jpg": true, "jpeg": true, "gif": true, "svg": true, "webp": true,
	"md": true, "txt": true, "html": true, "htm": true, "doc": true, "docx": true, "odt": true,
	"xls": true, "xlsx": true, "ppt": true, "pptx": true, "key": true, "zip": true, "gz": true,
	"tar": true, "py": true, "js": true, "ts": true, "go": true, "rb": true, "sh": true,
	"json": true, "yaml": true, "yml": true, "toml": true, "csv": true, "mp3": true, "mp4": true,
	"mov": true, "epub": true, "vcf": true, "ics": true, "css": true, "xml": true, "php": true,
	"ai": true, "pl": true, "rs": true, "ps": true, "mk": true, "cc": true, "cs": true, "hs": true,
	"ml": true, "kt": true, "db": true, "so": true,
}

// IsURL reports whether s is an absolute URL such as https://example.com/.
func IsURL(s string) bool { return isURL(s) }

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "map"
	case yaml.SequenceNode:
		return "list"
	case yaml.AliasNode:
		return "YAML alias (*name), which netjournal does not follow"
	}
	if n.Tag == "!!null" {
		// An item left empty ("- " when a tag was deleted), ~ or null.
		return "blank (nothing, ~ or null)"
	}
	return "text"
}
