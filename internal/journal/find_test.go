package journal

import (
	"errors"
	"testing"
)

func TestFindContact(t *testing.T) {
	j := mustSite(t, map[string]string{
		"content/contacts/ana-lima.md":      "---\nname: Ana Lima\n---\n",
		"content/contacts/jurgen-muller.md": "---\nname: Jürgen Müller\n---\n",
		"content/contacts/tomas.md":         "---\nname: Tomás Ferreira\naliases: [Tommy]\n---\n",
		"content/contacts/ana-sousa.md":     "---\nname: Ana Sousa\naliases: [Anita]\n---\n",
		"content/contacts/bo-chen.md":       "---\nname: Bo Chen\n---\n",
		"content/contacts/bob-stone.md":     "---\nname: Bob Stone\n---\n",
		"content/contacts/abc-mart.md":      "---\nname: ABC-MART 池袋パルコ店\n---\n",
	})
	for ref, want := range map[string]string{
		"ana-lima":       "ana-lima",
		"Ana Lima":       "ana-lima",
		"ana lima":       "ana-lima",
		"Jürgen":         "jurgen-muller",
		"jurgen":         "jurgen-muller",
		"JÜRGEN MÜLLER":  "jurgen-muller",
		"tomas":          "tomas",
		"Tomás Ferreira": "tomas",
		"tommy":          "tomas",
		"anita":          "ana-sousa",
		"jür":            "jurgen-muller",
		"bo":             "bo-chen", // a first name beats the start of another's
	} {
		c, err := j.FindContact(ref)
		if err != nil || c.Slug() != want {
			t.Errorf("FindContact(%q) = %v, %v; want %s", ref, c, err, want)
		}
	}
	// Another store of the same chain is not this one: a name of two
	// scripts is matched on both.
	if c, err := j.FindContact("ABC-MART 渋谷店"); err == nil {
		t.Errorf("FindContact(ABC-MART 渋谷店) = %s, want none", c.Slug())
	}
	if c, err := j.FindContact("abc-mart 池袋パルコ店"); err != nil || c.Slug() != "abc-mart" {
		t.Errorf("FindContact(abc-mart 池袋パルコ店) = %v, %v; want abc-mart", c, err)
	}
	var amb *AmbiguousError
	if _, err := j.FindContact("ana"); !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Errorf("ana names two contacts: %v", err)
	}
	var nf *NotFoundError
	if _, err := j.FindContact("ana limma"); !errors.As(err, &nf) || nf.Hint() != "ana-lima" {
		t.Errorf("a typo gets a did-you-mean: %v", err)
	}
	if _, err := j.FindContact("zz"); !errors.As(err, &nf) {
		t.Errorf("nothing like it: %v", err)
	}
}

// TestLegacySlugs: a document whose file name mixes scripts answers to
// the slug its name had when a slug kept its ASCII letters alone (go, of
// Go语言入门.md): the links written to it then still lead to it, a
// public post's too (else an error); and a contact named in two scripts
// is found by the Latin one, as a command types it.
func TestLegacySlugs(t *testing.T) {
	j := mustSite(t, map[string]string{
		"content/posts/Go语言入门.md":              "---\ntitle: 入门\ndate: 2026-01-01\n---\nText.\n",
		"content/posts/other.md":               "---\ntitle: Other\ndate: 2026-01-02\n---\nSee [[go]].\n",
		"content/contacts/陈美-mei-chen.md":      "---\nname: 陈美 (Mei Chen)\n---\n",
		"content/contacts/ivan-petrov-acme.md": "---\nname: Иван Петров (Acme)\n---\n",
		"content/events/2026-01-03-call.md":    "---\ntitle: Call\ndate: 2026-01-03\nkind: call\nwith: [Mei Chen]\n---\nWith [[Mei Chen]].\n",
	})
	n, err := j.Resolve("go")
	if err != nil || n.Slug() != "go语言入门" {
		t.Errorf("Resolve(go) = %v, %v", n, err)
	}
	for _, ref := range []string{"Mei Chen", "mei", "mei-chen"} {
		if c, err := j.FindContact(ref); err != nil || c.Slug() != "陈美-mei-chen" {
			t.Errorf("FindContact(%q) = %v, %v", ref, c, err)
		}
	}
	if c, err := j.FindContact("acme"); err != nil || c.Slug() != "ivan-petrov-acme" {
		t.Errorf("FindContact(acme) = %v, %v", c, err)
	}
	if err := j.Late(); err != nil {
		t.Errorf("late: %v", err)
	}
	if len(j.Warnings) != 0 {
		t.Errorf("warnings: %v", j.Warnings)
	}
}

// TestLegacySlugsLast: a slug of before, and a name's Latin part, name a
// document only where nothing closer does: contact david's "david" and
// post go.md's [[go]] are theirs, whatever a file 王伟-david.md or
// Go语言入门.md was called once; a command's "david" between David
// Okoro's first name and 王伟 (David)'s Latin part, or "anna" between Anna
// Schmidt and Анна Иванова (Anna), is ambiguous, neither picked in
// silence; and "david" is 王伟 (David)'s before Davide Rossi's start.
func TestLegacySlugsLast(t *testing.T) {
	j := mustSite(t, map[string]string{
		"content/contacts/david.md":         "---\nname: David\n---\n",
		"content/contacts/王伟-david.md":      "---\nname: 王伟 (David)\n---\n",
		"content/events/2026-01-03-call.md": "---\ntitle: Call\ndate: 2026-01-03\nkind: call\nwith: [david]\n---\nWith [[david]].\n",
		"content/posts/go.md":               "---\ntitle: Go tips\ndate: 2026-01-01\n---\nText.\n",
		"content/posts/Go语言入门.md":           "---\ntitle: 入门\ndate: 2026-01-01\n---\nSee [[go]].\n",
		"content/contacts/anna-schmidt.md":  "---\nname: Anna Schmidt\n---\n",
		"content/contacts/anna-ivanova.md":  "---\nname: Анна Иванова (Anna)\n---\n",
		"content/contacts/david-okoro.md":   "---\nname: David Okoro\n---\n",
	})
	if n, err := j.Resolve("david"); err != nil || n.Slug() != "david" {
		t.Errorf("Resolve(david) = %v, %v", n, err)
	}
	if n, err := j.Resolve("go"); err != nil || n.Slug() != "go" {
		t.Errorf("Resolve(go) = %v, %v", n, err)
	}
	var amb *AmbiguousError
	if c, err := j.FindContact("anna"); !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Errorf("FindContact(anna) = %v, %v; want both", c, err)
	}
	j2 := mustSite(t, map[string]string{
		"content/contacts/david-okoro.md": "---\nname: David Okoro\n---\n",
		"content/contacts/王伟-david.md":    "---\nname: 王伟 (David)\n---\n",
	})
	if c, err := j2.FindContact("david"); !errors.As(err, &amb) || len(amb.Candidates) != 2 {
		t.Errorf("FindContact(david) = %v, %v; want both", c, err)
	}
	j3 := mustSite(t, map[string]string{
		"content/contacts/davide-rossi.md": "---\nname: Davide Rossi\n---\n",
		"content/contacts/王伟-david.md":     "---\nname: 王伟 (David)\n---\n",
	})
	if c, err := j3.FindContact("david"); err != nil || c.Slug() != "王伟-david" {
		t.Errorf("FindContact(david), Davide Rossi beside: %v, %v", c, err)
	}
	if n, err := j2.Resolve("david"); err != nil || n.Slug() != "王伟-david" {
		t.Errorf("Resolve(david), the slug of before naming nothing else: %v, %v", n, err)
	}
}
