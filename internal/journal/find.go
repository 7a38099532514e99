package journal

import (
	"errors"
	"slices"
	"sort"
	"strings"

	"github.com/netjournal/netjournal/internal/content"
)

// FindContact finds the contact a person types on the command line means
// ("ana", "Jürgen", "ana-lima"): a ref as Resolve takes it, else, without
// regard to accents, the one contact whose slug, name, alias or first
// name is the ref, or whose name starts with it. It is looser than
// Resolve, which wikilinks and front matter use, because a command says
// what it matched before anything is kept. An ambiguous ref is an
// *AmbiguousError; one that matches nothing a *NotFoundError, with its
// did-you-mean.
func (j *Journal) FindContact(ref string) (*Contact, error) {
	// As Resolve, but for the slugs of before, which come last here.
	n, err := j.resolve(ref, []Kind{KindContact}, false)
	if err == nil {
		return n.(*Contact), nil
	}
	var nf *NotFoundError
	if !errors.As(err, &nf) {
		return nil, err
	}
	key := content.Slugify(ref)
	if key == "" {
		return nil, err
	}
	anyFolds := func(names []string, ok func(string) bool) bool {
		return slices.ContainsFunc(names, func(n string) bool { s := content.Slugify(n); return s != "" && ok(s) })
	}
	// A ref typed in Latin letters alone may mean a name of two scripts
	// by its Latin part ("Mei Chen", 陈美 (Mei Chen)), and a contact by the
	// slug its file had before a slug kept every script, ranked with a
	// first name (FindContact's tiers, below). One that has the other
	// script's letters means the whole name (ABC-MART 渋谷店 is not
	// ABC-MART 池袋パルコ店).
	latin := content.ASCIISlug(ref) == key
	latinNames := func(c *Contact) []string {
		var out []string
		for _, n := range append([]string{c.Name}, c.Aliases...) {
			if a := content.ASCIISlug(n); a != "" && a != content.Slugify(n) {
				out = append(out, a)
			}
		}
		if l := content.LegacySlugOf(c.Doc().Path); l != "" {
			out = append(out, l)
		}
		return out
	}
	prefix := func(s string) bool {
		return strings.HasPrefix(s, key) && (len(key) >= 3 || strings.HasPrefix(s, key+"-"))
	}
	// The closest kind of match wins: a whole name over a first name or a
	// name's whole Latin part (both: ambiguous, never one picked in
	// silence), those over the start of a name, and that over the start
	// of a Latin part.
	var whole, first, start, latinWhole, latinStart []*Contact
	for _, c := range j.Contacts {
		names := append([]string{c.Slug(), c.Name}, c.Aliases...)
		switch {
		case anyFolds(names, func(s string) bool { return s == key }):
			whole = append(whole, c)
		case anyFolds([]string{firstWord(c.Name)}, func(s string) bool { return s == key }):
			first = append(first, c)
		case latin && slices.Contains(latinNames(c), key):
			latinWhole = append(latinWhole, c)
		case anyFolds(names, prefix):
			start = append(start, c)
		case latin && slices.ContainsFunc(latinNames(c), prefix):
			latinStart = append(latinStart, c)
		}
	}
	for _, cs := range [][]*Contact{whole, append(first, latinWhole...), start, latinStart} {
		switch len(cs) {
		case 0:
			continue
		case 1:
			return cs[0], nil
		}
		sort.Slice(cs, func(a, b int) bool { return cs[a].Doc().Path < cs[b].Doc().Path })
		cands := make([]Node, len(cs))
		for i, c := range cs {
			cands[i] = c
		}
		return nil, &AmbiguousError{Ref: ref, Candidates: cands, Hint: "use a slug"}
	}
	return nil, err
}

// firstWord is the first word of a name: "Ana" of "Ana Lima".
func firstWord(name string) string {
	w, _, _ := strings.Cut(strings.TrimSpace(name), " ")
	return w
}
