package calendar

import (
	"bytes"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
)

const config = `title: Test Site
base_url: https://example.com/blog/
circles:
  core: {cadence: 1m}
  active: {cadence: 3m}
`

var network = map[string]string{
	"content/contacts/ana-lima.md":   "---\nname: Ana Lima\ncircle: core\n---\n",
	"content/contacts/bo-chen.md":    "---\nname: Bo Chen\ncircle: active\nmet: {date: 2026-10-01}\n---\n",
	"content/contacts/cy-okafor.md":  "---\nname: Cy Okafor\n---\nNo cadence: never due.\n",
	"content/contacts/di-snoozed.md": "---\nname: Di Snoozed\ncircle: core\nsnooze_until: 2027-02-01\n---\n",
	"content/events/coffee.md": `---
title: Coffee with Ana, and notes
date: 2026-11-01
with: [ana-lima, di-snoozed]
followups:
  - who: ana-lima
    due: 2026-11-15
    what: send the design doc; ask about "retries"
  - due: 2026-12-01
    what: book the next coffee
  - who: ana-lima
    due: 2026-11-10
    what: already sent
    done: 2026-11-09
  - who: ana-lima
    what: someday, no date
---
`,
}

func build(t *testing.T, files map[string]string, now time.Time) *journal.Journal {
	t.Helper()
	fsys := fstest.MapFS{content.ConfigFile: {Data: []byte(config)}}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	site, err := content.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	j, err := journal.Build(site, markdown.New(), journal.Options{Now: now})
	if err != nil {
		t.Fatal(err)
	}
	return j
}

// event is a VEVENT read back by golang-ical.
type event struct {
	day                  string
	end                  string
	summary, description string
}

func parse(t *testing.T, b []byte) map[string]event {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("golang-ical cannot read the feed back: %v\n%s", err, b)
	}
	out := map[string]event{}
	for _, ev := range cal.Events() {
		uid := ev.Id()
		if _, dup := out[uid]; dup {
			t.Errorf("UID %s appears twice", uid)
		}
		start, err := ev.GetAllDayStartAt()
		if err != nil {
			t.Fatalf("%s: DTSTART: %v", uid, err)
		}
		end, err := ev.GetAllDayEndAt()
		if err != nil {
			t.Fatalf("%s: DTEND: %v", uid, err)
		}
		if p := ev.GetProperty(ics.ComponentPropertyDtStart); p.ICalParameters["VALUE"][0] != "DATE" {
			t.Errorf("%s: DTSTART is not an all-day date: %v", uid, p.ICalParameters)
		}
		if ev.GetProperty(ics.ComponentPropertyDtstamp) == nil {
			t.Errorf("%s: no DTSTAMP (required by RFC 5545)", uid)
		}
		out[uid] = event{
			day:         start.Format(time.DateOnly),
			end:         end.Format(time.DateOnly),
			summary:     ics.FromText(ev.GetProperty(ics.ComponentPropertySummary).Value),
			description: ics.FromText(ev.GetProperty(ics.ComponentPropertyDescription).Value),
		}
	}
	return out
}

func TestICS(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC)
	got := parse(t, ICS(build(t, network, now)))
	want := map[string]struct{ day, summary string }{
		"followup-coffee-ea6422c9@example.com": {"2026-11-15", `Follow up with Ana Lima: send the design doc; ask about "retries"`},
		"followup-coffee-25df4472@example.com": {"2026-12-01", "Follow up with Ana Lima, Di Snoozed: book the next coffee"},
		"cadence-ana-lima@example.com":         {"2026-12-01", "Get in touch with Ana Lima"},
		"cadence-bo-chen@example.com":          {"2027-01-01", "Get in touch with Bo Chen"},
		// Snoozed: due on the day the snooze ends, not before.
		"cadence-di-snoozed@example.com": {"2027-02-01", "Get in touch with Di Snoozed"},
	}
	for uid, w := range want {
		g, ok := got[uid]
		if !ok {
			t.Errorf("missing %s", uid)
			continue
		}
		if g.day != w.day || g.summary != w.summary {
			t.Errorf("%s: got %s %q, want %s %q", uid, g.day, g.summary, w.day, w.summary)
		}
		if end, _ := time.Parse(time.DateOnly, g.end); end.Sub(mustDay(g.day)) != 24*time.Hour {
			t.Errorf("%s: all-day event should end the next day (exclusive), ends %s", uid, g.end)
		}
	}
	for uid := range got {
		if _, ok := want[uid]; !ok {
			t.Errorf("unexpected event %s: %+v (done, undated and cadence-less items stay out)", uid, got[uid])
		}
	}
	if d := got["cadence-ana-lima@example.com"].description; !strings.Contains(d, `Last contact: 2026-11-01, "Coffee with Ana, and notes".`) {
		t.Errorf("cadence description lacks the last contact: %q", d)
	}
	if d := got["followup-coffee-ea6422c9@example.com"].description; !strings.Contains(d, "content/events/coffee.md:6") {
		t.Errorf("follow-up description lacks where it was promised: %q", d)
	}
}

// TestStableUIDs: a later build, a moved due date and a new follow-up keep
// every existing UID, so a subscribed calendar updates instead of doubling.
func TestStableUIDs(t *testing.T) {
	first := parse(t, ICS(build(t, network, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))))
	later := map[string]string{}
	for k, v := range network {
		later[k] = v
	}
	later["content/events/coffee.md"] = strings.Replace(network["content/events/coffee.md"], "due: 2026-11-15", "due: 2026-11-29", 1) +
		"" // the body is empty
	later["content/events/call.md"] = "---\ntitle: Call with Bo\ndate: 2026-11-20\nwith: [bo-chen]\nfollowups:\n  - due: 2026-11-27\n    what: intro to Ana\n---\n"
	second := parse(t, ICS(build(t, later, time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC))))
	for uid := range first {
		if _, ok := second[uid]; !ok {
			t.Errorf("UID %s disappeared after an edit", uid)
		}
	}
	if d := second["followup-coffee-ea6422c9@example.com"].day; d != "2026-11-29" {
		t.Errorf("moved follow-up is on %s, want 2026-11-29 under the same UID", d)
	}
	if d := second["cadence-bo-chen@example.com"].day; d != "2027-02-20" {
		t.Errorf("Bo's cadence date is %s after the call, want 2027-02-20", d)
	}
	if _, ok := second["followup-call-bcd27665@example.com"]; !ok {
		t.Error("the new follow-up is missing")
	}
}

func TestICSIsReproducible(t *testing.T) {
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	a, b := ICS(build(t, network, now)), ICS(build(t, network, now))
	if !bytes.Equal(a, b) {
		t.Error("two builds with the same --now differ")
	}
	if later := ICS(build(t, network, now.Add(9*time.Hour))); !bytes.Equal(a, later) {
		t.Error("a rebuild later the same day changed the feed")
	}
	if !bytes.Contains(a, []byte("\r\n")) || bytes.Contains(bytes.ReplaceAll(a, []byte("\r\n"), nil), []byte("\n")) {
		t.Error("lines must end in CRLF (RFC 5545)")
	}
	for _, line := range strings.Split(string(a), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line longer than 75 octets: %q", line)
		}
	}
}

// TestICSFoldsLongLines: a long value with no space to break at, in
// letters of two, three and four octets, is folded at 75 octets or fewer,
// never inside a character, and reads back whole.
func TestICSFoldsLongLines(t *testing.T) {
	what := strings.Repeat("çãõ€😀", 30)
	files := map[string]string{
		"content/contacts/joao.md": "---\nname: João Ção\n---\n",
		"content/events/e.md":      "---\ntitle: E\ndate: 2026-11-01\nwith: [joao]\nfollowups:\n  - due: 2026-11-15\n    what: " + what + "\n---\n",
	}
	b := ICS(build(t, files, time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)))
	for _, line := range strings.Split(string(b), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line of %d octets: %q", len(line), line)
		}
		if !utf8.ValidString(line) {
			t.Errorf("line folded inside a character: %q", line)
		}
	}
	if got, want := parse(t, b)["followup-e-5f451844@example.com"].summary, "Follow up with João Ção: "+what; got != want {
		t.Errorf("summary read back as %q, want %q", got, want)
	}
}

func mustDay(s string) time.Time {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestFollowupUIDsSurviveInsertion: a follow-up's UID comes from what it
// is, not where it stands in its event. A follow-up inserted above another
// leaves the other's UID on the other, and identical follow-ups in one
// event still get a UID each.
func TestFollowupUIDsSurviveInsertion(t *testing.T) {
	now := time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)
	const head = "---\ntitle: Coffee\ndate: 2026-11-01\nwith: [ana-lima]\nfollowups:\n"
	const deck = "  - who: ana-lima\n    due: 2026-11-20\n    what: send the deck\n"
	const intro = "  - due: 2026-11-25\n    what: intro to Bo\n"
	files := func(followups string) map[string]string {
		return map[string]string{
			"content/contacts/ana-lima.md": "---\nname: Ana Lima\n---\n",
			"content/events/coffee.md":     head + followups + "---\n",
		}
	}
	bySummary := func(cal map[string]event) map[string]string {
		out := map[string]string{}
		for uid, ev := range cal {
			out[ev.summary] = uid
		}
		return out
	}
	before := bySummary(parse(t, ICS(build(t, files(deck+intro), now))))
	const first = "Follow up with Ana Lima: send the deck"
	if before[first] == "" {
		t.Fatalf("no event for %q: %v", first, before)
	}

	// Insert at the top, and move the old follow-up's due date.
	moved := strings.Replace(deck, "2026-11-20", "2026-11-21", 1)
	inserted := "  - who: ana-lima\n    due: 2026-11-23\n    what: book the next coffee\n"
	after := parse(t, ICS(build(t, files(inserted+moved+intro), now)))
	for summary, uid := range before {
		got, ok := after[uid]
		if !ok {
			t.Errorf("%s: UID gone after an insertion above it", uid)
			continue
		}
		if got.summary != summary {
			t.Errorf("%s: now %q, was %q: the UID moved to another follow-up", uid, got.summary, summary)
		}
	}
	if d := after[before[first]].day; d != "2026-11-21" {
		t.Errorf("the moved follow-up is on %s under its UID, want 2026-11-21", d)
	}
	for uid := range after {
		if !strings.HasPrefix(uid, "followup-coffee-") && !strings.HasPrefix(uid, "cadence-") {
			t.Errorf("UID %s does not name its event", uid)
		}
	}

	// The same promise twice, in one event: two UIDs, stable when a
	// different one is inserted above them.
	twice := deck + strings.Replace(deck, "2026-11-20", "2026-12-20", 1)
	a := parse(t, ICS(build(t, files(twice), now)))
	b := parse(t, ICS(build(t, files(inserted+twice), now)))
	if len(a) != 2 { // Ana has no circle, so no cadence: the two follow-ups alone
		t.Errorf("%d events, want the two follow-ups: %v", len(a), a)
	}
	var uids []string
	for uid, ev := range a {
		if ev.summary == first {
			uids = append(uids, uid)
			if b[uid].day != ev.day {
				t.Errorf("%s: on %s, then on %s after an insertion", uid, ev.day, b[uid].day)
			}
		}
	}
	sort.Strings(uids) // "<hash>-2@" sorts before "<hash>@"
	if len(uids) != 2 || uids[0] != strings.Replace(uids[1], "@", "-2@", 1) {
		t.Errorf("identical follow-ups got the UIDs %v, want two: <hash> and <hash>-2", uids)
	}
}

// TestICSText: a title with quotes or a backslash reads in a calendar as
// written ("Lunch with "Bo"", not Go's quoting, \"Bo\"); a follow-up
// written on several lines is one line in its summary; and DTSTAMP, the
// day's start where the build runs, is never after the build: a build at
// 14:09 UTC in Kiritimati (UTC+14), on 7 December there, stamped
// 20261207T000000Z, ten hours ahead.
func TestICSText(t *testing.T) {
	files := map[string]string{
		"content/contacts/bo.md": "---\nname: Bo\ncircle: core\n---\n",
		"content/events/lunch.md": "---\ntitle: 'Lunch with \"Bo\" at Café, C:\\dir'\ndate: 2026-11-01\nwith: [bo]\n" +
			"followups:\n  - who: bo\n    due: 2026-12-20\n    what: |\n      send notes\n      and slides\n---\n",
	}
	kiritimati := time.FixedZone("LINT", 14*3600)
	now := time.Date(2026, 12, 6, 14, 9, 0, 0, time.UTC).In(kiritimati)
	out := ICS(build(t, files, now))
	got := parse(t, out)
	var f event
	for uid, e := range got {
		if strings.HasPrefix(uid, "followup-") {
			f = e
		}
	}
	if want := `Promised at "Lunch with "Bo" at Café, C:\dir" on 2026-11-01.`; !strings.Contains(f.description, want) {
		t.Errorf("description %q lacks %q", f.description, want)
	}
	if want := "Follow up with Bo: send notes and slides"; f.summary != want {
		t.Errorf("summary %q, want %q", f.summary, want)
	}
	if d, want := got["cadence-bo@example.com"].description, `Last contact: 2026-11-01, "Lunch with "Bo" at Café, C:\dir".`; !strings.Contains(d, want) {
		t.Errorf("cadence description %q lacks %q", d, want)
	}
	for _, line := range strings.Split(string(out), "\r\n") {
		if stamp, ok := strings.CutPrefix(line, "DTSTAMP:"); ok {
			at, err := time.Parse("20060102T150405Z", stamp)
			if err != nil || at.After(now) || now.Sub(at) > 24*time.Hour {
				t.Fatalf("DTSTAMP %s for a build at %s", stamp, now.UTC())
			}
		}
	}
}
