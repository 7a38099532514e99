package journal

import (
	"fmt"
	"testing"
)

// TestFactsAheadSameJournal: a journal whose bodies' facts were looked up
// ahead, all of them or as many as the look-ahead reached before the
// bodies' pass, is the journal built without: every document's links,
// backlinks and sentences, and every problem, the same.
func TestFactsAheadSameJournal(t *testing.T) {
	files := map[string]string{}
	for i := range 60 {
		files[fmt.Sprintf("content/contacts/person-%02d.md", i)] = fmt.Sprintf(
			"---\nname: Person %02d\ncircle: core\n---\nMet at [[event-%02d]]; knows [[Person %02d]] and [[nobody-%02d]].\n",
			i, i%40, (i+1)%60, i%3)
	}
	for i := range 40 {
		files[fmt.Sprintf("content/events/2026-03-%02d-event-%02d.md", i%28+1, i)] = fmt.Sprintf(
			"---\ntitle: Event %02d\ndate: 2026-03-%02d\nkind: coffee\nwith: [person-%02d]\n---\nWith [[Person %02d]], about [[post-%02d]] <span onclick=\"x\">here</span>.\n",
			i, i%28+1, i, (i+7)%60, i%30)
	}
	for i := range 30 {
		files[fmt.Sprintf("content/posts/post-%02d.md", i)] = fmt.Sprintf(
			"---\ntitle: Post %02d\ndate: 2026-02-%02d\n---\nAs [[Person %02d|a friend]] said at [[event-%02d]], see [[post-%02d]].\n",
			i, i%28+1, i, i, (i+1)%30)
	}
	// A reference in front matter to no one: an error, beside the
	// bodies' broken links, which are warnings.
	files["content/events/2026-04-01-stray.md"] = "---\ntitle: Stray\ndate: 2026-04-01\nwith: [no-such-person]\n---\nAbout [[post-01]].\n"
	build := func(mode int) (*Journal, error) {
		aheadInTests = mode
		defer func() { aheadInTests = aheadAsIs }()
		return site(t, files)
	}
	want, wantErr := build(aheadOff)
	if wantErr == nil || len(want.Warnings) == 0 {
		t.Fatalf("error %v, %d warnings: the test would compare no problems", wantErr, len(want.Warnings))
	}
	for run := range 20 {
		mode := aheadAsIs // as far as it gets
		if run%2 == 1 {
			mode = aheadWhole // every document
		}
		got, err := build(mode)
		if fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Fatalf("run %d: errors\n%v\nwant\n%v", run, err, wantErr)
		}
		if fmt.Sprint(got.Warnings) != fmt.Sprint(want.Warnings) {
			t.Fatalf("run %d: warnings\n%v\nwant\n%v", run, got.Warnings, want.Warnings)
		}
		if len(got.Contacts) != len(want.Contacts) || len(got.Events) != len(want.Events) || len(got.Posts) != len(want.Posts) {
			t.Fatalf("run %d: %d contacts, %d events, %d posts; want %d, %d, %d", run,
				len(got.Contacts), len(got.Events), len(got.Posts), len(want.Contacts), len(want.Events), len(want.Posts))
		}
		for i := range got.Contacts {
			if !Same(got.Contacts[i], want.Contacts[i]) {
				t.Fatalf("run %d: contact %s differs", run, got.Contacts[i].Doc().Path)
			}
		}
		for i := range got.Events {
			if !Same(got.Events[i], want.Events[i]) {
				t.Fatalf("run %d: event %s differs", run, got.Events[i].Doc().Path)
			}
		}
		for i := range got.Posts {
			if !Same(got.Posts[i], want.Posts[i]) {
				t.Fatalf("run %d: post %s differs", run, got.Posts[i].Doc().Path)
			}
		}
	}
}
