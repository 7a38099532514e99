package vcard

import (
	"fmt"
	"io"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	govcard "github.com/emersion/go-vcard"

	"github.com/netjournal/netjournal/internal/contactfile"
	"github.com/netjournal/netjournal/internal/content"
)

// Read reads every card of a .vcf file as a person to import: vCard 2.1
// (quoted-printable included), 3.0 and 4.0, as phones, Google Contacts,
// Apple Contacts, Outlook and CardDAV servers export them, in any
// character set they name (see charset.go). charset is the character set
// of the values that name none (--charset); "" is UTF-8.
//
// A file that is not a run of BEGIN:VCARD … END:VCARD cards is an error,
// and so is text that is not what its character set says, with every
// such problem returned at once as a content.ErrorList. A value that
// cannot be used, such as a birthday that is not a date, is left out of
// the person and reported in warnings; what a contact file does not keep
// is listed in the person's Dropped. A card for a company or a group
// comes back with Skip set.
func Read(path string, data []byte, charset string) (people []contactfile.Person, warnings content.ErrorList, err error) {
	cs, data, err := newCharsets(path, data, charset)
	if err != nil {
		return nil, nil, err
	}
	cards, warnings, errs := split(path, string(data), cs)
	warnings = append(warnings, cs.warnings()...)
	if cerrs := cs.err(); len(cerrs) > 0 {
		// What a card says is not known when its text is not.
		errs = append(errs, cerrs...)
		errs.Sort()
		return nil, nil, errs.Err()
	}
	decoded := make([]govcard.Card, len(cards))
	// The names of the file's cards by their UIDs: a card's RELATED may
	// name another by its urn:uuid.
	names := map[string]string{}
	for i, c := range cards {
		card, err := govcard.NewDecoder(strings.NewReader(c.text())).Decode()
		if err != nil {
			errs.Add(content.Position{Path: path, Line: c.start}, "%v", strings.TrimPrefix(err.Error(), "vcard: "))
			continue
		}
		decoded[i] = card
		if uid, fn := uidKey(card.Value(govcard.FieldUID)), strings.TrimSpace(unescape(card.PreferredValue(govcard.FieldFormattedName))); uid != "" && fn != "" {
			if _, twice := names[uid]; twice {
				fn = "" // two cards of one UID: neither name is the one
			}
			names[uid] = fn
		}
	}
	for i, c := range cards {
		if decoded[i] != nil {
			c.names = names
			people = append(people, c.person(path, decoded[i], &warnings))
		}
	}
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	warnings.Sort()
	return people, warnings, nil
}

// line is one logical line of a card: folded lines joined, with the file
// line it starts on.
type line struct {
	text string
	n    int
}

type rawCard struct {
	start int
	lines []line
	notes []string          // what the contact's notes keep that it has no key for (accounts)
	names map[string]string // the file's cards' names by their UIDs (uidKey)
}

// uidKey is a UID as the cards of a file name one another by it: without
// urn:uuid:, in lower case.
func uidKey(uid string) string {
	uid = strings.ToLower(strings.TrimSpace(uid))
	return strings.TrimPrefix(uid, "urn:uuid:")
}

func (c *rawCard) text() string {
	var b strings.Builder
	for _, l := range c.lines {
		b.WriteString(paramLists(l.text) + "\r\n")
	}
	return b.String()
}

// paramLists returns a content line with each parameter whose list of
// values holds a quoted one (TYPE="work",PREF, RFC 6350's grammar) written
// once for each value (TYPE="work";TYPE=PREF): go-vcard refuses a quoted
// value followed by a comma, and the property was lost without a word.
func paramLists(s string) string {
	if !strings.Contains(s, `",`) {
		return s
	}
	colon := valueColon(s)
	if colon < 0 {
		return s
	}
	parts := splitOutsideQuotes(s[:colon], ';')
	changed := false
	for i := 1; i < len(parts); i++ {
		k, v, ok := strings.Cut(parts[i], "=")
		if !ok {
			continue
		}
		values := splitOutsideQuotes(v, ',')
		if len(values) < 2 || !slices.ContainsFunc(values, func(v string) bool { return strings.HasPrefix(v, `"`) }) {
			continue
		}
		for j, v := range values {
			values[j] = k + "=" + v
		}
		parts[i], changed = strings.Join(values, ";"), true
	}
	if !changed {
		return s
	}
	return strings.Join(parts, ";") + s[colon:]
}

// splitOutsideQuotes splits s at each sep outside double quotes.
func splitOutsideQuotes(s string, sep byte) []string {
	var out []string
	quoted, last := false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case sep:
			if !quoted {
				out = append(out, s[last:i])
				last = i + 1
			}
		}
	}
	return append(out, s[last:])
}

// at returns the file line of the i-th property called key.
func (c *rawCard) at(key string, i int) int {
	for _, l := range c.lines {
		if k, _, _ := property(l.text); k == key {
			if i == 0 {
				return l.n
			}
			i--
		}
	}
	return c.start
}

// raw returns the values of the properties called key as written,
// escapes and all.
func (c *rawCard) raw(key string) []string {
	var out []string
	for _, l := range c.lines {
		if k, _, v := property(l.text); k == key {
			out = append(out, v)
		}
	}
	return out
}

// valueColon returns where a content line's value begins, after its
// first colon outside quotes (property), or -1 without a colon.
func valueColon(s string) int {
	colon, quoted := -1, false
	for i := 0; i < len(s) && colon < 0; i++ {
		switch s[i] {
		case '"':
			// A quote opens a parameter's value (after = or ,), and the
			// next closes it: one within a value is its text (O"Brien).
			if quoted || i > 0 && (s[i-1] == '=' || s[i-1] == ',') {
				quoted = !quoted
			}
		case ':':
			if !quoted {
				colon = i
			}
		}
	}
	if colon < 0 {
		colon = strings.IndexByte(s, ':')
	}
	return colon
}

// property splits a content line into its name (upper case, without a
// group), its parameters and its value, which begins at the first colon
// outside quotes: a parameter's quoted value may hold one (RFC 6350's
// ADR;GEO="geo:…"). A quote never closed leaves the first colon.
func property(s string) (name, params, value string) {
	colon := valueColon(s)
	if colon < 0 {
		return "", "", ""
	}
	head := s[:colon]
	if dot := strings.IndexByte(head, '.'); dot >= 0 && !strings.ContainsAny(head[:dot], ";") {
		head = head[dot+1:]
	}
	name, params, _ = strings.Cut(head, ";")
	return strings.ToUpper(name), params, s[colon+1:]
}

// split cuts the file into cards, unfolding lines (RFC 6350 folding, and
// vCard 2.1's quoted-printable soft line breaks). A card ends at its
// first END line, as go-vcard ends it, so that no line after an END is
// read into a card or left out of one in silence.
func split(path, data string, cs *charsets) (cards []*rawCard, warnings, errs content.ErrorList) {
	if !strings.Contains(data, "\n") {
		// Lines that end in CR alone (classic Mac OS's).
		data = strings.ReplaceAll(data, "\r", "\n")
	}
	phys := strings.Split(strings.ReplaceAll(data, "\r\n", "\n"), "\n")
	var logical []line
	said := map[int]bool{} // the lines of photos whose next lines were said
	for i := 0; i < len(phys); i++ {
		l := line{text: strings.TrimRight(phys[i], "\r"), n: i + 1}
		for i+1 < len(phys) {
			next := strings.TrimRight(phys[i+1], "\r")
			// A quoted-printable value's soft line break (a final =)
			// joins the next line as it is: a space it begins with is
			// the text's ("Land=", " Firma"), not a fold's.
			if _, params, _ := property(l.text); strings.Contains(strings.ToUpper(params), "QUOTED-PRINTABLE") && strings.HasSuffix(l.text, "=") {
				if propertyLine.MatchString(next) && !qpContinues(next) {
					// Android 4.4's backup ends a name in "=" and writes
					// the next property (a phone) on the next line: read
					// into the name, it was lost.
					warnings.Add(content.Position{Path: path, Line: i + 1}, "a quoted-printable value ends in = (a soft line break) before the property on line %d: read as its end", i+2)
					l.text = strings.TrimSuffix(l.text, "=")
					break
				}
				soft := strings.TrimSuffix(l.text, "=") + next
				if (strings.HasPrefix(next, " ") || strings.HasPrefix(next, "\t")) && foldsEscape(params, soft, l.text+next[1:]) {
					// RFC 6350's fold, within an escape (Caf=, " C3=A9").
					l.text += next[1:]
				} else {
					l.text = soft
				}
			} else if next != "" && (next[0] == ' ' || next[0] == '\t') {
				l.text += next[1:]
			} else {
				break
			}
			i++
		}
		// A line without a property name after a note or an address is
		// the value's next line, written without the space that folds it
		// or the \n of a newline (a note written out as it was typed, a
		// web address on a line of its own); after a photo, a line of its
		// base64, said once.
		if prev := len(logical) - 1; prev >= 0 && strings.TrimSpace(l.text) != "" && !isProperty(l.text) {
			name, params, _ := property(logical[prev].text)
			joined := false
			switch {
			case name == "NOTE" || name == "LABEL" || name == "ADR":
				newline := `\n`
				if strings.Contains(strings.ToUpper(params), "QUOTED-PRINTABLE") {
					newline = "=0D=0A"
				}
				logical[prev].text += newline + l.text
				joined = true
			case (name == "PHOTO" || name == "LOGO" || name == "SOUND" || name == "KEY") && base64Line.MatchString(l.text):
				joined = !said[logical[prev].n]
				logical[prev].text += strings.TrimSpace(l.text)
				if !joined {
					continue
				}
			}
			if joined {
				said[logical[prev].n] = true
				warnings.Add(content.Position{Path: path, Line: l.n}, "a line without a property name: read as the next line of %s on line %d", name, logical[prev].n)
				continue
			}
		}
		logical = append(logical, l)
	}

	cs.prove(logical)
	// The lines that begin and end a card go to go-vcard as they are
	// meant, without the spaces around them that it refuses.
	var cur *rawCard
	begin := func(n int) {
		cur = &rawCard{start: n, lines: []line{{text: "BEGIN:VCARD", n: n}}}
	}
	end := func(n int) {
		cur.lines = append(cur.lines, line{text: "END:VCARD", n: n})
		cards = append(cards, cur)
		cur = nil
	}
	stray := false
	for _, l := range logical {
		word := strings.ToUpper(strings.TrimSpace(l.text))
		name, _, value := property(l.text)
		switch {
		case word == "BEGIN:VCARD":
			if cur != nil {
				errs.Add(content.Position{Path: path, Line: cur.start}, "card has no END:VCARD before the next BEGIN:VCARD on line %d", l.n)
			}
			begin(l.n)
			stray = false
		case cur == nil:
			if word != "" && !stray {
				errs.Add(content.Position{Path: path, Line: l.n}, "expected BEGIN:VCARD, got %s: is this a vCard file?", quoted(short(l.text)))
				stray = true
			}
		case name == "END" && strings.EqualFold(strings.TrimSpace(value), "VCARD"):
			// END:VCARD, or an END with a group or parameters, where
			// go-vcard would end the card too.
			end(l.n)
		case joined(word):
			// cat a.vcf b.vcf, when a.vcf ends without a newline (as
			// Gmail's export does). Nothing else is on the line, so it
			// is exactly one card's end and the next one's beginning:
			// two people, never one with the other's details.
			warnings.Add(content.Position{Path: path, Line: l.n}, "END:VCARD and BEGIN:VCARD on one line, as when a file without a final newline is joined to another: read as two cards")
			end(l.n)
			begin(l.n)
		case name == "END":
			errs.Add(content.Position{Path: path, Line: l.n}, "invalid END value %s: expected END:VCARD", quoted(short(value)))
			cur = nil
		case word != "" && !strings.Contains(l.text, ":"):
			last := cur.lines[len(cur.lines)-1]
			name, _, _ := property(last.text)
			warnings.Add(content.Position{Path: path, Line: l.n}, "a line without a property name after %s on line %d: left out: %s", name, last.n, quoted(short(cs.decode(l))))
		case word != "":
			cur.lines = append(cur.lines, line{text: typeParams(cs.decode(l)), n: l.n})
		}
	}
	if cur != nil {
		errs.Add(content.Position{Path: path, Line: cur.start}, "card has no END:VCARD")
	}
	if len(cards) == 0 && len(errs) == 0 {
		errs.Add(content.Position{Path: path, Line: 1}, "no cards: expected BEGIN:VCARD")
	}
	return cards, warnings, errs
}

// propertyLine is a line that begins a property of a card, as a line that
// continues a quoted-printable value does not: a name vCard defines (or
// an X- one), in capitals as the phones that write such values write
// them (a note's "tel: 123" continues it), in any group, then its
// parameters or its value, which no space begins ("TEL: 123 after six"
// is a note's).
var propertyLine = regexp.MustCompile(`^(?:[A-Za-z0-9-]+\.)?(?:X-[A-Z0-9-]+|BEGIN|END|VERSION|FN|N|NICKNAME|PHOTO|BDAY|ANNIVERSARY|GENDER|ADR|LABEL|TEL|EMAIL|MAILER|IMPP|LANG|TZ|GEO|TITLE|ROLE|LOGO|AGENT|ORG|MEMBER|RELATED|CATEGORIES|NOTE|PRODID|REV|SORT-STRING|SOUND|UID|CLIENTPIDMAP|URL|CLASS|KEY|FBURL|CALADRURI|CALURI|SOURCE|NAME|KIND|XML)(?:;|:[^ ]|:$)`)

// qpContinues reports whether a line that begins as a property would is
// the next line of a quoted-printable value: no quoted-printable value
// of its own, it ends as Outlook's and Android's lines of a note of
// several lines end, in quoted-printable's line break and a soft one
// (=0A=, =0D=0A=: one of them "EMAIL:old@example.com=0D=0A=").
func qpContinues(line string) bool {
	_, params, _ := property(line)
	return !strings.Contains(strings.ToUpper(params), "QUOTED-PRINTABLE") && strings.HasSuffix(strings.ToUpper(line), "=0A=")
}

// isProperty reports whether a line of a card begins a property: a name
// vCard has (propertyLine, in any case), or one in capitals, before its
// parameters or its value. "see https://…", "https://…" and "Note: call"
// do not: a note's lines written without the fold's space.
func isProperty(line string) bool {
	return propertyLineAnyCase.MatchString(line) || capitalsProperty.MatchString(line)
}

var (
	propertyLineAnyCase = regexp.MustCompile(`(?i)` + propertyLine.String())
	capitalsProperty    = regexp.MustCompile(`^(?:[A-Za-z0-9-]+\.)?[A-Z][A-Z0-9-]*[;:]`)
	base64Line          = regexp.MustCompile(`^[A-Za-z0-9+/]+=*\s*$`)
)

// foldsEscape reports whether a quoted-printable line that ends in = is
// continued by a fold of RFC 6350's (a space that the next line begins
// with, which goes) rather than a soft line break (the = goes, and the
// space is the text's): where the fold's reading, fold, of the value in
// UTF-8 (its CHARSET, or none) is valid and the soft break's, soft, is
// not. "Caf=" and " C3=A9" are Café; "Meet on=" and " 12 May" text.
func foldsEscape(params, soft, fold string) bool {
	if label := charsetParam(params); label != "" && !contactfile.IsUTF8(label) || soft == fold {
		return false
	}
	valid := func(line string) bool {
		_, _, value := property(line)
		b, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(strings.TrimSuffix(value, "="))))
		if err != nil {
			return false
		}
		// A character the next lines end is no fault of this one.
		start := len(b)
		for k := 0; k < utf8.UTFMax && start > 0; k++ {
			start--
			if utf8.RuneStart(b[start]) {
				break
			}
		}
		if start < len(b) && !utf8.FullRune(b[start:]) {
			b = b[:start]
		}
		return utf8.Valid(b)
	}
	return !valid(soft) && valid(fold)
}

// charsetParam is the CHARSET a property's parameters name, or "".
func charsetParam(params string) string {
	for _, p := range strings.Split(params, ";") {
		if k, v, ok := strings.Cut(p, "="); ok && strings.EqualFold(strings.TrimSpace(k), "CHARSET") {
			return strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return ""
}

// joined reports whether a line, upper-cased and trimmed, is an
// END:VCARD with the next file's BEGIN:VCARD (and its byte order mark,
// if it has one) joined to it.
func joined(word string) bool {
	return word == "END:VCARDBEGIN:VCARD" || word == "END:VCARD\uFEFFBEGIN:VCARD"
}

// quoted is s in double quotes for a message, Go's escapes for what
// cannot be shown (a control character) but not for what can: an address
// of Japan keeps its ideographic space (日本　〒010-1413), which %q
// wrote \u3000.
func quoted(s string) string { return strconv.QuoteToGraphic(s) }

func short(s string) string {
	if r := []rune(s); len(r) > 30 {
		return string(r[:30]) + "…"
	}
	return s
}

// typeParams spells vCard 2.1's bare parameters as TYPE parameters:
// "TEL;CELL:…" → "TEL;TYPE=CELL:…", which go-vcard reads.
func typeParams(s string) string {
	_, params, value := property(s)
	if params == "" || strings.ContainsAny(params, `"`) {
		return s
	}
	list := strings.Split(params, ";")
	changed := false
	for i, p := range list {
		if p != "" && !strings.Contains(p, "=") {
			list[i], changed = "TYPE="+p, true
		}
	}
	if !changed {
		return s
	}
	head := s[:len(s)-len(value)-1]
	return head[:len(head)-len(params)] + strings.Join(list, ";") + ":" + value
}

// list splits a raw list value at its unescaped commas and unescapes each
// item: CATEGORIES:a\, b,c is "a, b" and "c".
func list(value string) []string {
	var out []string
	var b strings.Builder
	for i := 0; i < len(value); i++ {
		switch c := value[i]; {
		case c == '\\' && i+1 < len(value):
			i++
			switch value[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(value[i])
			}
		case c == ',':
			out = append(out, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(out, b.String())
}

// firstComponent returns a structured value up to its first unescaped
// semicolon: the company of ORG:Company;Unit, where "Smith\; Jones" is one
// company.
func firstComponent(value string) string {
	for i := 0; i < len(value); i++ {
		switch value[i] {
		case '\\':
			i++
		case ';':
			return value[:i]
		}
	}
	return value
}

// unescape undoes the escapes go-vcard leaves: \; \: (Google escapes the
// colon of URLs), \N, and \" (Gmail's and macOS's exports escape quotes).
var unescape = strings.NewReplacer(`\;`, ";", `\:`, ":", `\N`, "\n", `\"`, `"`).Replace

// emailAddresses returns the addresses an EMAIL value holds: the value,
// when it is a name, an @ and a host with no space (as written, even where
// RFC 5322 would refuse it: phones gave out addresses like
// a..b.@docomo.ne.jp), less the angle brackets around it; or the
// addresses of "Ana Lima <ana@example.com>" or of a list of them
// ("ana@example.com, bob@example.com"); none for any other (n/a, a name).
func emailAddresses(v string) []string {
	if a, ok := strings.CutPrefix(v, "<"); ok {
		if a, ok := strings.CutSuffix(a, ">"); ok {
			v = a
		}
	}
	if end := strings.LastIndex(v, `"@`); strings.HasPrefix(v, `"`) && end > 0 && content.EmailProblem(v) == "" && domain(v[end+2:]) {
		return []string{v} // a quoted name, "john doe"@example.com, as written
	}
	if local, host, ok := strings.Cut(v, "@"); ok && local != "" && host != "" && !strings.ContainsFunc(v, unicode.IsSpace) && !strings.ContainsAny(v, ",;<>") {
		if !domain(host) || content.EmailProblem(v) != "" {
			return nil // a"b@example.com: said, and left out
		}
		return []string{v}
	}
	list, err := mail.ParseAddressList(v)
	if err != nil {
		return nil
	}
	var out []string
	for _, a := range list {
		addr := a.Address
		at := strings.LastIndex(addr, "@")
		if at > 0 && content.EmailProblem(addr) != "" {
			// A quoted name, which the parser gives without its quotes.
			addr = strconv.Quote(addr[:at]) + addr[at:]
			at = strings.LastIndex(addr, "@")
		}
		if at < 0 || !domain(addr[at+1:]) || content.EmailProblem(addr) != "" {
			return nil
		}
		out = append(out, addr)
	}
	return out
}

// domain reports whether host can be an email address's domain: of
// ASCII, letters, digits, hyphens and dots alone; any other character of
// a script (an internationalized domain's: col·legi.cat, 例え。jp) but a
// space or a control character; or an address in brackets. What else
// one holds ("example.com=0D=0A", quoted-printable an exporter left in)
// is no address's.
func domain(host string) bool {
	if strings.HasPrefix(host, "[") && strings.HasSuffix(host, "]") {
		return true
	}
	return host != "" && !strings.ContainsFunc(host, func(r rune) bool {
		if r > unicode.MaxASCII {
			return unicode.IsSpace(r) || unicode.IsControl(r)
		}
		return !('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9' || r == '-' || r == '.')
	})
}

// webAddress returns an absolute http(s) URL for a value such as
// "https://ana.example/" or "www.ana.example", or "".
func webAddress(v string) string {
	v = strings.TrimSpace(v)
	if v != "" && !strings.Contains(v, "://") && strings.Contains(v, ".") && !strings.ContainsAny(v, " @") {
		v = "https://" + v
	}
	if !content.IsURL(v) || !(strings.HasPrefix(strings.ToLower(v), "http://") || strings.HasPrefix(strings.ToLower(v), "https://")) {
		return ""
	}
	return v
}

// appleLabel is an X-ABLabel as written, less the marks around Apple's
// built-in ones: _$!<Spouse>!$_ is Spouse.
func appleLabel(s string) string {
	// Written without its underscores too ($!<Email>!$, an export's).
	s = strings.TrimSpace(s)
	for _, p := range []string{"_$!<", "$!<"} {
		if t, ok := strings.CutPrefix(s, p); ok {
			s = t
			break
		}
	}
	for _, p := range []string{">!$_", ">!$"} {
		if t, ok := strings.CutSuffix(s, p); ok {
			s = t
			break
		}
	}
	return s
}

// labelWords is a label as a contact file keeps it: a word in lower case
// (Assistant is assistant, GitHub github), as types and link names are
// written; words that are more than a slug can say as written (Mum's
// phone, my blog, old), which a slug garbled (mum-s-phone).
func labelWords(s string) string {
	w := strings.Join(strings.Fields(s), " ")
	if slug := content.Slugify(w); slug == strings.ToLower(w) {
		return slug
	}
	return w
}

// label names a link after its X-ABLabel or its TYPE; "" when neither says
// more than home or work, so that the link is named after its site.
func label(ab string, types []string) string {
	for i, s := range append([]string{ab}, types...) {
		s = appleLabel(s)
		switch name := content.Slugify(s); name {
		case "", "home", "work", "other", "pref", "internet", "homepage", "home-page", "profile", "x-profile":
		default:
			if i == 0 {
				return labelWords(s) // the user's words
			}
			return name
		}
	}
	return ""
}

// birthday reads BDAY as phones write it: 1987-07-19, 19870719,
// 1987-07-19T00:00:00Z, --07-19, --0719, and Apple's year 1604 with
// X-APPLE-OMIT-YEAR for a birthday without a year.
func birthday(f *govcard.Field) (content.Birthday, error) {
	v := strings.TrimSpace(f.Value)
	if i := strings.IndexByte(v, 'T'); i > 0 {
		v = v[:i]
	}
	omitYear := f.Params.Get("X-APPLE-OMIT-YEAR") != "" || strings.HasPrefix(v, "1604")
	if rest, ok := strings.CutPrefix(v, "--"); ok {
		v, omitYear = "2000"+strings.TrimPrefix(rest, "-"), true // a leap year, for --02-29
		if len(rest) == 5 {
			v = "2000-" + rest
		}
	}
	for _, layout := range []string{time.DateOnly, "20060102"} {
		t, err := time.Parse(layout, v)
		if err != nil {
			continue
		}
		b := content.Birthday{Year: t.Year(), Month: t.Month(), Day: t.Day()}
		if omitYear {
			b.Year = 0
		}
		return b, nil
	}
	return content.Birthday{}, fmt.Errorf("invalid birthday %q", f.Value)
}
