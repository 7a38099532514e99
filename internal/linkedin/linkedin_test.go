package linkedin

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/netjournal/netjournal/internal/contactfile"
	"github.com/netjournal/netjournal/internal/content"
)

// summary prints a person on one line for comparing.
func summary(p contactfile.Person) string {
	s := fmt.Sprintf("%d %s", p.Source.Line, p.Name)
	if p.Skip != "" {
		return s + " (skip: " + p.Skip + ")"
	}
	s += fmt.Sprintf(" | %s | %s | %s", p.Company, p.Role, strings.Join(content.TypedList(p.Emails).Values(), ","))
	for _, l := range p.Links {
		s += " | " + l.Name + "=" + l.URL
	}
	if !p.Met.IsZero() {
		s += " | met " + p.Met.Format("2006-01-02")
	}
	return s
}

func read(t *testing.T, file string) ([]string, []string) {
	t.Helper()
	data, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	people, warnings, err := Read(file, data, "")
	if err != nil {
		t.Fatalf("Read: %v", err)
	}
	var got, warn []string
	for _, p := range people {
		got = append(got, summary(p))
	}
	for _, w := range warnings {
		warn = append(warn, w.Error())
	}
	return got, warn
}

func TestRead(t *testing.T) {
	got, warn := read(t, "Connections.csv")
	want := []string{
		"5 Ana Lima | Tidewater Payments | Principal Engineer |  | linkedin=https://www.linkedin.com/in/ana-lima-example | met 2024-03-15",
		"6 Tomás Ferreira | Lumen Freight, Lda. | VP Engineering | tomas@example.org | linkedin=https://www.linkedin.com/in/tomas-ferreira-example | met 2023-01-02",
		"8 Mei Chen |  |  |  | linkedin=https://www.linkedin.com/in/meichen-example | met 2025-02-03",
		"10  (skip: no name)",
		`11 Priya Raman | Stateful "Conf" | Programme chair |  | linkedin=https://www.linkedin.com/in/priya-example`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	wantWarn := `Connections.csv:11: Connected On "sometime" is not a date like 15 Mar 2024: imported without met.date`
	if strings.Join(warn, "\n") != wantWarn {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warn, "\n"), wantWarn)
	}
}

// TestReadOldExport: exports before 2020 have no preamble and no URL column.
func TestReadOldExport(t *testing.T) {
	got, _ := read(t, "Connections-2019.csv")
	want := "2 Rafael Costa | Sunroute | CTO | rafael@example.com | met 2019-06-05"
	if strings.Join(got, "\n") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"not a LinkedIn export", "name,email\nAna,a@x\n",
			"x.csv:1: no header row with First Name and Last Name: is this LinkedIn's Connections.csv?"},
		{"empty file", "", "x.csv:1: no header row with First Name and Last Name: is this LinkedIn's Connections.csv?"},
		{"a comma without quotes", "Notes:\n\nFirst Name,Last Name,Company,Position\nAna,Lima,Acme\nBo,Chen,Acme, Inc.,CTO\nCy,Dee,X,Y\nDi,Eve,A,B,C\n",
			"x.csv:5: 5 fields, but the header has 4: is a comma missing its quotes?\nx.csv:7: 5 fields, but the header has 4: is a comma missing its quotes?"},
		{"a quote never closed", "First Name,Last Name,Company\nAna,Lima,\"Acme\nBo,Chen,X\n",
			`x.csv:2: extraneous or missing " in quoted-field`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := Read("x.csv", []byte(tt.src), "")
			var list content.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("got %v, want a content.ErrorList", err)
			}
			if err.Error() != tt.want {
				t.Errorf("got:\n%v\nwant:\n%s", err, tt.want)
			}
		})
	}
}

// excel is Connections.csv as a spreadsheet on Windows saves it again:
// in Windows-1252.
const excel = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n" +
	"Tom\xe1s,Ferreira,https://www.linkedin.com/in/tomas-ferreira-example,,Caf\xe9 Lda.,CTO,02 Jan 2023\r\n"

// TestReadCharsets: a file saved again in UTF-16 is read by its byte order
// mark; one saved in Windows-1252 is refused with a hint, and read with
// the character set named.
func TestReadCharsets(t *testing.T) {
	want := "2 Tomás Ferreira | Café Lda. | CTO |  | linkedin=https://www.linkedin.com/in/tomas-ferreira-example | met 2023-01-02"
	_, _, err := Read("excel.csv", []byte(excel), "")
	if got, want := fmt.Sprint(err), `excel.csv:2: not UTF-8, and the file does not say which character set it is in: "Tom\xe1s,Ferreira,https://www.linkedin.com/in/tomas-ferreira-ex"…: read it with --charset NAME, such as --charset windows-1252 (Outlook and Windows) or --charset shift_jis (Japanese phones)`; got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// UTF-8 but for one byte: --charset would misread the rest.
	slip := strings.Replace(strings.Replace(excel, "\xe1", "á", 1), "Caf\xe9", "Caf\x80", 1) +
		"Zoë,Lima,,,Café,CEO,03 Jan 2023\r\nJoão,Reis,,,,CTO,04 Jan 2023\r\n"
	_, _, err = Read("slip.csv", []byte(slip), "")
	if got, want := fmt.Sprint(err), `slip.csv:2: not UTF-8, though the rest of the file is: "Tomás,Ferreira,https://www.linkedin.com/in/tomas-ferreira-e"…: correct it in a text editor (--charset would read all of the file in another character set)`; got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	var utf16 []byte
	for _, r := range strings.ReplaceAll(strings.ReplaceAll(excel, "\xe1", "á"), "\xe9", "é") {
		utf16 = append(utf16, byte(r), byte(r>>8))
	}
	for _, tt := range []struct {
		name, charset string
		data          []byte
	}{
		{"windows-1252", "windows-1252", []byte(excel)},
		{"UTF-16 with a byte order mark", "", append([]byte("\xff\xfe"), utf16...)},
	} {
		people, _, err := Read("excel.csv", tt.data, tt.charset)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := summary(people[0]); got != want {
			t.Errorf("%s:\n got %s\nwant %s", tt.name, got, want)
		}
	}
}

// FuzzRead: any bytes in any character set, and no panic; every problem
// and every person points at a line of the file, and every value is text.
func FuzzRead(f *testing.F) {
	for _, name := range []string{"Connections.csv", "Connections-2019.csv"} {
		data, err := os.ReadFile("testdata/" + name)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, uint8(0))
	}
	f.Add([]byte("First Name,Last Name\n\"a\"\"b,\"c\n"), uint8(0))
	f.Add([]byte("Notes:\n\"x\n\nFirst Name,Last Name,Connected On\nA,B,1 Jan 2020\r\n,,\n"), uint8(0))
	f.Add([]byte(excel), uint8(1))
	f.Add([]byte("\xff\xfeF\x00i\x00\n\x00\x00\xdc"), uint8(0))
	charsets := []string{"", "windows-1252", "shift_jis", "utf-16le", "gb18030"}
	f.Fuzz(func(t *testing.T, data []byte, cs uint8) {
		lines := strings.Count(string(data), "\n") + 1
		inFile := func(pos content.Position) {
			if pos.Path != "f.csv" || pos.Line < 1 || pos.Line > lines {
				t.Fatalf("position %v outside the file's %d lines", pos, lines)
			}
		}
		people, warnings, err := Read("f.csv", data, charsets[int(cs)%len(charsets)])
		if err != nil {
			var list content.ErrorList
			if !errors.As(err, &list) {
				t.Fatalf("not an ErrorList: %v", err)
			}
			for _, e := range list {
				inFile(e.Pos)
			}
			return
		}
		for _, w := range warnings {
			inFile(w.Pos)
		}
		for _, p := range people {
			inFile(p.Source)
			if p.Name == "" && p.Skip == "" {
				t.Fatalf("a person without a name is not skipped: %+v", p)
			}
			if text := fmt.Sprint(p.Name, p.Company, p.Role, p.Emails); !utf8.ValidString(text) {
				t.Fatalf("not UTF-8: %q", text)
			}
			for _, l := range p.Links {
				if !content.IsURL(l.URL) {
					t.Fatalf("invalid link %q", l.URL)
				}
			}
		}
	})
}

// TestReadSpreadsheetQuirks: a row a spreadsheet saved whole in quotes is
// read as the row it holds (it was a contact named after the whole row);
// the 2018 export's "1/8/18, 6:14 PM" is a date; and LinkedIn's Imported
// Contacts.csv, an address book with its phones, is no Connections.csv:
// refused, not read without its phones (two people named "S" were one).
// A member id where the email goes is none (it was kept, and never
// exported).
func TestReadSpreadsheetQuirks(t *testing.T) {
	people, warnings, err := Read("x.csv", []byte("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"+
		"\"Dora,Eck,https://www.linkedin.com/in/dora,,Acme,Eng,01 Jan 2024\"\n"+
		"Claus,Bergh,,claus@example.com,ApproveIT,Owner,\"1/8/18, 6:14 PM\"\n"+
		"Rui,Sol,,urn:li:member:664293716,X,Y,01 Jan 2018\n"+
		"Ana,Lima,,URN:LI:MEMBER:12,X,Y,01 Jan 2018\n"+
		"Bo,Ek,,bo.example.com,X,Y,01 Jan 2018\n"), "")
	// The 2018 export's member ids are said once for the file (a warning
	// for each of its rows was hundreds of lines), a slip at its row.
	if err != nil || warnings.Error() != "x.csv:1: Email Address holds LinkedIn's member ids (urn:li:member:…), not email addresses, in 2 rows: imported without them\n"+
		`x.csv:6: Email Address "bo.example.com" is not an email address: imported without it` {
		t.Fatalf("%v %v", err, warnings)
	}
	if len(people[2].Emails) != 0 {
		t.Errorf("emails %v", people[2].Emails)
	}
	if p := people[0]; p.Name != "Dora Eck" || p.Company != "Acme" || p.Met.Format(time.DateOnly) != "2024-01-01" {
		t.Errorf("the row in quotes: %+v", p)
	}
	if p := people[1]; p.Met.Format(time.DateOnly) != "2018-01-08" {
		t.Errorf("the 2018 date: %v", p.Met)
	}
	_, _, err = Read("Imported Contacts.csv", []byte("First Name,Last Name,Companies,Title,Email Address,Phone Numbers,Created At,Addresses,Sites,Instant Message Handles,Full Name,Birthday,Location,Bookmarked At,Profiles\nS,,,,,9582728442,,,,,,,,,\n"), "")
	if err == nil || !strings.Contains(err.Error(), "Imported Contacts.csv:1: LinkedIn's Imported Contacts") {
		t.Errorf("Imported Contacts.csv: %v", err)
	}
}

// TestReadQuotedShortRow: a row saved whole in quotes without its last
// fields is read as its row too (the import was refused); a single field
// with a comma is a name, as before; and a month-first date without its
// time (8/1/18), which a spreadsheet may have written either way, is not
// read as one.
func TestReadQuotedShortRow(t *testing.T) {
	people, warnings, err := Read("x.csv", []byte("First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"+
		"\"Bo,Chen,https://www.linkedin.com/in/bo,,Beta,CTO\"\n"+
		"\"Lima, Dee\"\n"+
		"Cy,Dee,,,X,Y,8/1/18\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if people[0].Name != "Bo Chen" || people[0].Company != "Beta" || people[1].Name != "Lima, Dee" {
		t.Errorf("people %q %q", people[0].Name, people[1].Name)
	}
	if !people[2].Met.IsZero() || len(warnings) != 1 {
		t.Errorf("8/1/18: %v, warnings %v", people[2].Met, warnings)
	}
}

// TestReadQuotedRowInnerQuotes: a row saved whole in quotes whose field
// was quoted after a space (, ""Digital Products, Working Student"",
// MxKilian/LinkedInToContacts' Connections.csv) was the person's name,
// the whole row; it is its fields. A row in quotes that still does not
// read as the header's fields is an error at its line, not a name.
func TestReadQuotedRowInnerQuotes(t *testing.T) {
	people, _, err := Read("x.csv", []byte("First Name,Last Name,Email Address,Company,Position,Connected On\n"+
		"\"Laura,Herbst,,Interhyp, \"\"Digital Products, Working Student\"\",07 May 2021\"\n"), "")
	if err != nil || len(people) != 1 {
		t.Fatal(people, err)
	}
	if p := people[0]; p.Name != "Laura Herbst" || p.Company != "Interhyp" || p.Role != "Digital Products, Working Student" {
		t.Errorf("%+v", p)
	}
	_, _, err = Read("y.csv", []byte("First Name,Last Name,Email Address,Company,Position,Connected On\n"+
		"\"Ann,Lee,,A,B,C,D,E,01 Jan 2020\"\n"), "")
	if err == nil || !strings.Contains(err.Error(), "y.csv:2: ") {
		t.Errorf("a quoted row of too many fields: %v", err)
	}
}
