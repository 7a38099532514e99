package journal

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// normalize folds a ref for matching: case is ignored, and spaces, '-' and
// '_' are one and the same.
func normalize(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		if r == ' ' || r == '-' || r == '_' || r == '\t' {
			dash = true
			continue
		}
		if dash && b.Len() > 0 {
			b.WriteByte('-')
		}
		dash = false
		b.WriteRune(r)
	}
	return b.String()
}

func isLetter(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// names lists every name a node answers to.
func names(n Node) []string {
	switch n := n.(type) {
	case *Contact:
		return append([]string{n.Slug(), n.Name}, n.Aliases...)
	case *Event:
		return []string{n.Slug(), n.Title()}
	case *Post:
		out := []string{n.Slug(), n.Title()}
		if n.Post.Slug != n.FileSlug {
			out = append(out, n.FileSlug)
		}
		return out
	}
	return nil
}

func (j *Journal) index() {
	add := func(n Node) {
		j.bySlug[n.NodeKind()][n.Slug()] = n
		for _, name := range names(n) {
			k := normalize(name)
			if k == "" {
				continue
			}
			dup := false
			for _, o := range j.targets[k] {
				dup = dup || o == n
			}
			if !dup {
				j.targets[k] = append(j.targets[k], n)
			}
		}
	}
	for _, c := range j.Contacts {
		add(c)
	}
	for _, e := range j.Events {
		add(e)
	}
	for _, p := range j.Posts {
		add(p)
	}
}

// NotFoundError is a ref that matches nothing.
type NotFoundError struct {
	Ref   string
	Kinds []Kind
	Hint  string
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("unknown %s %q", kindsWord(e.Kinds), e.Ref)
	if e.Hint != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", e.Hint)
	}
	return msg
}

// AmbiguousError is a ref that matches more than one document.
type AmbiguousError struct {
	Ref        string
	Candidates []Node
}

func (e *AmbiguousError) Error() string {
	var c []string
	for _, n := range e.Candidates {
		c = append(c, fmt.Sprintf("%s %s (%s)", n.NodeKind(), n.Slug(), n.Doc().Path))
	}
	return fmt.Sprintf("ambiguous reference %q: it matches %s; use a slug", e.Ref, strings.Join(c, ", "))
}

func kindsWord(kinds []Kind) string {
	if len(kinds) == 1 {
		return kinds[0].String()
	}
	return "page"
}

// Resolve finds the document a ref or wikilink target names: by slug first,
// then by name, title or alias. With kinds, only those kinds are looked at.
func (j *Journal) Resolve(ref string, kinds ...Kind) (Node, error) {
	if len(kinds) == 0 {
		kinds = []Kind{KindContact, KindEvent, KindPost}
	}
	key := normalize(ref)
	var cands, bySlug []Node
	for _, n := range j.targets[key] {
		for _, k := range kinds {
			if n.NodeKind() == k {
				cands = append(cands, n)
				if normalize(n.Slug()) == key {
					bySlug = append(bySlug, n)
				}
			}
		}
	}
	switch {
	case len(bySlug) == 1:
		return bySlug[0], nil
	case len(bySlug) > 1:
		return nil, &AmbiguousError{Ref: ref, Candidates: bySlug}
	case len(cands) == 1:
		return cands[0], nil
	case len(cands) > 1:
		sort.Slice(cands, func(a, b int) bool { return cands[a].Doc().Path < cands[b].Doc().Path })
		return nil, &AmbiguousError{Ref: ref, Candidates: cands}
	}
	return nil, &NotFoundError{Ref: ref, Kinds: kinds, Hint: j.closest(key, kinds)}
}

// closest suggests the slug nearest to a mistyped ref.
func (j *Journal) closest(key string, kinds []Kind) string {
	best, bestD := "", max(2, len(key)/4)+1
	for _, k := range kinds {
		for slug := range j.bySlug[k] {
			if d := distance(key, normalize(slug)); d < bestD || (d == bestD && slug < best) {
				best, bestD = slug, d
			}
		}
	}
	return best
}

func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for i := range prev {
		prev[i] = i
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for k := 1; k <= len(rb); k++ {
			cost := 1
			if ra[i-1] == rb[k-1] {
				cost = 0
			}
			cur[k] = min(prev[k]+1, cur[k-1]+1, prev[k-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}
