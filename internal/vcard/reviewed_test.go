package vcard

import (
	"fmt"
	"strings"
	"testing"
)

// TestQPValueBeforeURLWithEscapeLikeTextReviewed: Android 4.4's name ending
// in "=" before the next property (the case split already handles), here
// a URL whose query holds "=0A" and ends in "=": qpContinues takes the URL
// for the name's next line. The web address is lost and the full name
// note reads "Ana Lima URL:https://…".
func TestQPValueBeforeURLWithEscapeLikeTextReviewed(t *testing.T) {
	card := "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:Lima;Ana;;;=\r\n" +
		"URL:https://example.com/track?id=0A7F&ref=\r\nTEL;CELL:+351910000101\r\nEND:VCARD\r\n"
	people, _, err := Read("x.vcf", []byte(card), "")
	if err != nil || len(people) != 1 {
		t.Fatal(people, err)
	}
	p := people[0]
	if got := fmt.Sprint(p.Links); !strings.Contains(got, "https://example.com/track?id=0A7F&ref=") || strings.Contains(p.Notes, "URL:") {
		t.Errorf("links %s, notes %q", got, p.Notes)
	}
}

// TestEmailIDNDomainsReviewed: addresses at IDNA2008 domains with
// characters domain() does not allow: U+00B7 (Catalan l·l, .cat), U+30FB
// (katakana middle dot), and U+3002 (ideographic full stop, a label
// separator to IDNA/UTS 46). All were accepted before 4efc8e1.
func TestEmailIDNDomainsReviewed(t *testing.T) {
	want := []string{"anna@col·legi.cat", "a@ジャパン・タイムズ.jp", "e@例え。jp"}
	card := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\n"
	for _, e := range want {
		card += "EMAIL:" + e + "\r\n"
	}
	people, warnings, err := Read("x.vcf", []byte(card+"END:VCARD\r\n"), "")
	if err != nil || len(people) != 1 {
		t.Fatal(people, err)
	}
	if got := fmt.Sprint(people[0].Emails); got != "[{ anna@col·legi.cat} { a@ジャパン・タイムズ.jp} { e@例え。jp}]" {
		t.Errorf("emails %s; warnings %v", got, warnings)
	}
}
