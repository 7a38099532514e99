// Package linkedin reads the Connections.csv of LinkedIn's data export
// ("Get a copy of your data" → Connections) into people to import.
//
// The file starts with a "Notes:" preamble before its header row; columns
// are found by name, not position (older exports have no URL column);
// dates are written like "15 Mar 2024"; blank rows are ignored.
package linkedin

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/contactfile"
	"github.com/netjournal/netjournal/internal/content"
)

// The columns netjournal reads, as LinkedIn names them.
const (
	colFirst     = "first name"
	colLast      = "last name"
	colURL       = "url"
	colEmail     = "email address"
	colCompany   = "company"
	colPosition  = "position"
	colConnected = "connected on"
)

// Read reads a Connections.csv. A row it cannot read at all — broken
// quoting, more fields than the header — is an error, and so is a file
// without the header row; every such problem is returned at once as a
// content.ErrorList. A value it cannot use, such as a date it does not
// understand, is left out of the person and reported in warnings.
//
// LinkedIn writes UTF-8; a spreadsheet that saved the file again may have
// written UTF-16 with a byte order mark, which is read as such, or its
// own character set, which charset names (--charset): a file that is not
// UTF-8 and says nothing is refused at its first line that is not.
func Read(path string, data []byte, charset string) (people []contactfile.Person, warnings content.ErrorList, err error) {
	text, err := contactfile.Text(path, data, charset)
	if err != nil {
		return nil, nil, err
	}
	data = []byte(text)
	header, cols, start := findHeader(data)
	if header == 0 {
		return nil, nil, content.ErrorList{content.Errorf(content.Position{Path: path, Line: 1},
			"no header row with First Name and Last Name: is this LinkedIn's Connections.csv?")}
	}
	if index(cols, colConnected) < 0 && (index(cols, "phone numbers") >= 0 || index(cols, "companies") >= 0) {
		// Read as connections, its people lost their phones, and two of
		// one name (but their phones) were one.
		return nil, nil, content.ErrorList{content.Errorf(content.Position{Path: path, Line: header},
			"LinkedIn's Imported Contacts (an address book it was given, with phone numbers), not Connections.csv: import the address book itself, from a vCard export")}
	}
	r := csv.NewReader(bytes.NewReader(data[start:]))
	r.FieldsPerRecord = -1
	var errs content.ErrorList
	memberIDs := 0 // rows whose Email Address is a member id
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		var perr *csv.ParseError
		if errors.As(err, &perr) {
			errs.Add(content.Position{Path: path, Line: header + perr.StartLine}, "%v", perr.Err)
			if errors.Is(perr.Err, csv.ErrQuote) || errors.Is(perr.Err, csv.ErrBareQuote) {
				break // the rest of the file is misread after a broken quote
			}
			continue
		}
		if err != nil {
			return nil, nil, err
		}
		line, _ := r.FieldPos(0)
		pos := content.Position{Path: path, Line: header + line}
		if blank(rec) {
			continue
		}
		if len(rec) == 1 && len(cols) > 2 && strings.Count(rec[0], ",") >= 2 {
			// A row a spreadsheet saved whole in quotes: the row it holds
			// (a name with a comma, "Lima, Dee", is no row).
			inner := csv.NewReader(strings.NewReader(rec[0]))
			// A field quoted after the comma's space (, "Digital
			// Products, Working Student") is one field.
			inner.LazyQuotes, inner.TrimLeadingSpace = true, true
			fields, err := inner.Read()
			switch {
			case err == nil && len(fields) >= 3 && len(fields) <= len(cols):
				rec = fields
			case err == nil && len(fields) > len(cols):
				// Not a name: a row whose fields do not read.
				errs.Add(pos, "a row in quotes of %d fields, but the header has %d: is a comma missing its quotes?", len(fields), len(cols))
				continue
			}
		}
		if len(rec) > len(cols) {
			errs.Add(pos, "%d fields, but the header has %d: is a comma missing its quotes?", len(rec), len(cols))
			continue
		}
		people = append(people, person(pos, rec, cols, &warnings, &memberIDs))
	}
	if memberIDs > 0 {
		warnings.Add(content.Position{Path: path, Line: header}, "Email Address holds LinkedIn's member ids (urn:li:member:…), not email addresses, in %d rows: imported without them", memberIDs)
	}
	if err := errs.Err(); err != nil {
		return nil, nil, err
	}
	warnings.Sort()
	return people, warnings, nil
}

// findHeader returns the line of the header row (0 if there is none), the
// column names, lower-cased, and the offset of the line after it.
func findHeader(data []byte) (line int, cols []string, next int) {
	off := 0
	for n := 1; off < len(data); n++ {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			end = len(data) - off
		}
		text := data[off : off+end]
		off += end + 1
		rec, err := csv.NewReader(bytes.NewReader(text)).Read()
		if err != nil {
			continue
		}
		for i := range rec {
			rec[i] = strings.ToLower(strings.TrimSpace(rec[i]))
		}
		if index(rec, colFirst) >= 0 && index(rec, colLast) >= 0 {
			return n, rec, min(off, len(data))
		}
	}
	return 0, nil, 0
}

func index(cols []string, name string) int {
	for i, c := range cols {
		if c == name {
			return i
		}
	}
	return -1
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

func person(pos content.Position, rec, cols []string, warnings *content.ErrorList, memberIDs *int) contactfile.Person {
	get := func(col string) string {
		if i := index(cols, col); i >= 0 && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	p := contactfile.Person{
		Source:  pos,
		Name:    strings.Join(strings.Fields(get(colFirst)+" "+get(colLast)), " "),
		Company: get(colCompany),
		Role:    get(colPosition),
	}
	if p.Name == "" {
		p.Skip = "no name"
		return p
	}
	if e := get(colEmail); e != "" {
		switch {
		case strings.Contains(e, "@") && content.EmailProblem(e) == "":
			p.Emails = []content.Typed{{Value: e}}
		case strings.HasPrefix(strings.ToLower(e), "urn:li:member:"):
			// The 2018 export's urn:li:member:664293716, in every row:
			// kept as an email, it was no address, and export vcard
			// left it out. Said once for the file.
			*memberIDs++
		default:
			warnings.Add(pos, "Email Address %q is not an email address: imported without it", e)
		}
	}
	if u := get(colURL); u != "" {
		if content.IsURL(u) {
			p.Links = []contactfile.Link{{Name: "linkedin", URL: u}}
		} else {
			warnings.Add(pos, "URL %q is not a web address: imported without it", u)
		}
	}
	if d := get(colConnected); d != "" {
		if t, err := parseDate(d); err == nil {
			p.Met = t
		} else {
			warnings.Add(pos, "Connected On %q is not a date like 15 Mar 2024: imported without met.date", d)
		}
	}
	return p
}

// parseDate reads LinkedIn's "15 Mar 2024" (and an ISO date), and its
// export of 2018's "1/8/18, 6:14 PM" (month first), the day alone.
func parseDate(s string) (time.Time, error) {
	// The month-first dates only with their time, as LinkedIn wrote them:
	// a spreadsheet's 8/1/18 may be either.
	for _, layout := range []string{"2 Jan 2006", "02 Jan 2006", "2 January 2006", time.DateOnly, "1/2/06, 3:04 PM", "1/2/2006, 3:04 PM"} {
		if t, err := time.Parse(layout, s); err == nil {
			return content.Day(t), nil
		}
	}
	return time.Time{}, fmt.Errorf("invalid date %q", s)
}
