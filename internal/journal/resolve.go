package journal

import (
	"fmt"
	"hash/maphash"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/par"
	"golang.org/x/text/unicode/norm"
)

// normalize folds a ref for matching: case is ignored, and spaces, '-' and
// '_' are one and the same.
func normalize(s string) string {
	if normalized(s) {
		return s // a slug mostly: every name is normalized on every build
	}
	// One form of each letter: "é" as one code point or as "e" and its
	// accent (macOS writes file names so, and a name pasted from one
	// may keep it) look the same and are the same name.
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
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

// normalized reports whether normalize would return s as it is: lower
// case ASCII letters and digits, with single hyphens between them.
func normalized(s string) bool {
	for i := range len(s) {
		switch c := s[i]; {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && i > 0 && i < len(s)-1 && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
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
	var nodes []Node
	for n := range j.Nodes() {
		nodes = append(nodes, n)
	}
	// Each document's names normalized on every core (most are titles,
	// made again), then added in the documents' order.
	keys := make([][]string, len(nodes))
	par.Each(len(nodes), func(i int) {
		for _, name := range names(nodes[i]) {
			if k := normalize(name); k != "" {
				keys[i] = append(keys[i], k)
			}
		}
	})
	for i, n := range nodes {
		if legacy := content.LegacySlugOf(n.Doc().Path); legacy != "" {
			if j.legacy == nil {
				j.legacy = map[string][]Node{}
			}
			k := normalize(legacy)
			j.legacy[k] = append(j.legacy[k], n)
		}
		j.bySlug[n.NodeKind()][n.Slug()] = n
		for _, k := range keys[i] {
			dup := false
			for _, o := range j.targets[k] {
				dup = dup || o == n
			}
			if !dup {
				j.targets[k] = append(j.targets[k], n)
			}
		}
	}
}

// NotFoundError is a ref that matches nothing.
type NotFoundError struct {
	Ref   string
	Kinds []Kind
	hint  func() string // the closest name, found when first asked for
}

// Hint is the name closest to the ref, or "" when none is close. It is
// looked for only when asked: a ref that is allowed to match nothing
// (met.at as free text) costs no search.
func (e *NotFoundError) Hint() string {
	if e.hint == nil {
		return ""
	}
	return e.hint()
}

func (e *NotFoundError) Error() string {
	msg := fmt.Sprintf("unknown %s %q", kindsWord(e.Kinds), e.Ref)
	if h := e.Hint(); h != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", h)
	}
	return msg
}

// AmbiguousError is a ref that matches more than one document.
type AmbiguousError struct {
	Ref        string
	Candidates []Node
	// Hint says how to name each candidate alone: "use a slug", a name
	// for a candidate whose slug is the ref itself, or, for a candidate
	// that nothing names alone (its slug shared with another kind's),
	// where to give it a name of its own.
	Hint string
}

func (e *AmbiguousError) Error() string {
	var c []string
	for _, n := range e.Candidates {
		where := n.Doc().Path
		if a, line := aliasNamed(n, e.Ref); a != "" {
			// The alias that made the ref ambiguous, where it is given:
			// the errors are in the files that name it, which may not be
			// the one that changed.
			where = fmt.Sprintf("its alias %q, %s:%d", a, where, line)
		}
		c = append(c, fmt.Sprintf("%s %s (%s)", n.NodeKind(), n.Slug(), where))
	}
	hint := e.Hint
	if hint == "" {
		hint = "use a slug"
	}
	return fmt.Sprintf("ambiguous reference %q: it matches %s; %s", e.Ref, strings.Join(c, ", "), hint)
}

// aliasNamed returns the alias of a contact that ref names, and its
// line, when ref is no other name of the contact's (its slug or name);
// "" otherwise.
func aliasNamed(n Node, ref string) (alias string, line int) {
	c, ok := n.(*Contact)
	key := normalize(ref)
	if !ok || normalize(c.Name) == key || normalize(c.Slug()) == key {
		return "", 0
	}
	for i, a := range c.Aliases {
		if normalize(a) == key {
			return a, c.Doc().Pos(fmt.Sprintf("aliases[%d]", i)).Line
		}
	}
	return "", 0
}

func kindsWord(kinds []Kind) string {
	if len(kinds) == 1 {
		return kinds[0].String()
	}
	return "page"
}

// Resolve finds the document a ref or wikilink target names by slug, name,
// title or alias. With kinds, only those kinds are looked at. A ref that
// names several documents is an error listing them all, even when it is the
// slug of one and the name or alias of another: the spec wants every
// ambiguity reported, not settled silently in favour of the slug.
func (j *Journal) Resolve(ref string, kinds ...Kind) (Node, error) {
	if len(kinds) == 0 {
		// Pages resolve the wikilinks of every body, once for each
		// audience: answered without a lock, and with a string's hash.
		if r, ok := j.built[ref]; ok {
			return r.n, r.err
		}
		kinds = allKinds
	}
	// Every page resolves the same few names again and again, on every
	// core: answers are kept for the journal's life (it does not change).
	// The key is the ref and the kinds as given, without a string built
	// for them: a look-up is on every wikilink of every page.
	if len(kinds) > len(resolveKey{}.kinds) {
		return j.resolve(ref, kinds, true)
	}
	key := resolveKey{ref: ref}
	for i, k := range kinds {
		key.kinds[i] = int8(k) + 1
	}
	sh := &j.resolved[maphash.String(resolvedSeed, ref)%resolvedShards]
	sh.mu.RLock()
	r, ok := sh.m[key]
	sh.mu.RUnlock()
	if ok {
		return r.n, r.err
	}
	n, err := j.resolve(ref, kinds, true)
	sh.mu.Lock()
	if sh.m == nil {
		sh.m = map[resolveKey]resolution{}
	}
	sh.m[key] = resolution{n, err}
	sh.mu.Unlock()
	return n, err
}

// resolvedShards is how many shards Resolve's answers are kept in.
const resolvedShards = 64

var resolvedSeed = maphash.MakeSeed()

// resolvedShard is a shard of Resolve's answers, padded to a cache line
// of its own, so that a core taking one lock does not take its
// neighbour's line from the other.
type resolvedShard struct {
	mu sync.RWMutex
	m  map[resolveKey]resolution
	_  [64]byte
}

// allKinds are the kinds a ref names when none are given. Nothing
// changes it.
var allKinds = []Kind{KindContact, KindEvent, KindPost}

// freeze keeps what Resolve answered, for a ref of any kind, while the
// journal was built, where Resolve reads it without a lock. Call it once,
// at the end of Build: nothing may call Resolve while it runs.
func (j *Journal) freeze() {
	var every resolveKey // the key's kinds when none are given
	for i, k := range allKinds {
		every.kinds[i] = int8(k) + 1
	}
	n := 0
	for i := range j.resolved {
		n += len(j.resolved[i].m)
	}
	built := make(map[string]resolution, n)
	for i := range j.resolved {
		sh := &j.resolved[i]
		sh.mu.Lock()
		for k, r := range sh.m {
			if k.kinds == every.kinds {
				built[k.ref] = r
			}
		}
		sh.mu.Unlock()
	}
	j.built = built
}

// resolveKey is a ref and the kinds looked at, in order (0 ends them).
type resolveKey struct {
	kinds [4]int8
	ref   string
}

type resolution struct {
	n   Node
	err error
}

// resolve is Resolve, uncached; legacy says whether a ref that names
// nothing else may name a document by the slug its file had before a
// slug kept every script.
func (j *Journal) resolve(ref string, kinds []Kind, legacy bool) (Node, error) {
	key := normalize(ref)
	cands := j.matches(key, kinds)
	if len(cands) > 1 {
		// A file that is no document gives way to the documents it is
		// named like (its own error is said), and to another such file.
		if real := slices.DeleteFunc(slices.Clone(cands), func(n Node) bool { return n.Doc().Stub() }); len(real) > 0 {
			cands = real
		} else {
			cands = cands[:1]
		}
	}
	switch {
	case len(cands) == 1:
		return cands[0], nil
	case len(cands) > 1:
		sort.Slice(cands, func(a, b int) bool { return cands[a].Doc().Path < cands[b].Doc().Path })
		return nil, &AmbiguousError{Ref: ref, Candidates: cands, Hint: j.hint(key, cands, kinds)}
	}
	// A link written before a slug kept every script ([[go]] to
	// Go语言入门.md), when it names nothing else, names the one document
	// whose slug it was; never one another document could be meant by.
	var old []Node
	for _, n := range j.legacy[key] {
		if !legacy {
			break
		}
		if slices.Contains(kinds, n.NodeKind()) {
			old = append(old, n)
		}
	}
	if len(old) == 1 {
		return old[0], nil
	}
	return nil, &NotFoundError{Ref: ref, Kinds: kinds, hint: sync.OnceValue(func() string { return j.closest(key, kinds) })}
}

// matches lists the documents of these kinds that answer to a normalised
// key.
func (j *Journal) matches(key string, kinds []Kind) []Node {
	var out []Node
	for _, n := range j.targets[key] {
		for _, k := range kinds {
			if n.NodeKind() == k {
				out = append(out, n)
			}
		}
	}
	return out
}

// hint tells how to name the candidates of an ambiguous ref one by one:
// by the first of its slug, name, title or aliases that names it alone.
// A slug is no use where the candidates share it (a contact and a post
// both "ana-lima"), nor for a candidate whose slug is the ref itself: if
// nothing else names such a candidate alone, the hint says where to give
// it a name of its own. Candidates of one kind sharing the slug are
// duplicates, reported as such, and for them a slug will do once that is
// fixed.
func (j *Journal) hint(key string, cands []Node, kinds []Kind) string {
	// Files of one slug (ana-lima.md beside old/ana-lima.md): no slug
	// tells them apart.
	if len(cands) > 1 && !slices.ContainsFunc(cands, func(n Node) bool { return n.Slug() != cands[0].Slug() || !j.duplicate(n) }) {
		return "they share one slug: rename one of the files"
	}
	var (
		bySlug   []Node              // named alone by the slug
		byName   []Node              // named alone by a name, title or alias
		nameless []Node              // named alone by nothing
		want     = map[Node]string{} // what names a candidate alone
	)
	for _, n := range cands {
		if j.duplicate(n) {
			bySlug = append(bySlug, n)
			want[n] = n.Slug()
			continue
		}
		found := false
		for i, name := range names(n) {
			k := normalize(name)
			if k == key || k == "" {
				continue
			}
			if m := j.matches(k, kinds); len(m) == 1 && m[0] == n {
				if i == 0 {
					bySlug = append(bySlug, n)
				} else {
					byName = append(byName, n)
				}
				want[n] = name
				found = true
				break
			}
		}
		if !found {
			nameless = append(nameless, n)
		}
	}
	shared := sharedSlugs(cands)

	// The plain case: a slug names every candidate but those whose slug
	// is the ref itself, which a name does.
	plain := len(nameless) == 0 && len(shared) == 0 && len(bySlug) > 0
	for _, n := range byName {
		plain = plain && normalize(n.Slug()) == key
	}
	if plain {
		var alt []string
		for _, n := range byName {
			alt = append(alt, fmt.Sprintf("%q for %s %s", want[n], n.NodeKind(), n.Slug()))
		}
		if len(alt) == 0 {
			return "use a slug"
		}
		return "use a slug, or " + strings.Join(alt, ", ")
	}

	var lead string
	switch {
	case len(shared) == 1 && len(shared[0]) == len(cands):
		lead = fmt.Sprintf("they share the slug %q", shared[0][0].Slug())
	case len(shared) > 0:
		var s []string
		for _, g := range shared {
			var who []string
			for _, n := range g {
				who = append(who, fmt.Sprintf("%s %s", n.NodeKind(), n.Slug()))
			}
			s = append(s, fmt.Sprintf("%s share the slug %q", strings.Join(who, " and "), g[0].Slug()))
		}
		lead = strings.Join(s, ", ")
	}
	if lead != "" {
		lead += ", so a slug cannot tell them apart: "
	}
	var parts, use []string
	for _, n := range cands {
		if name, ok := want[n]; ok {
			use = append(use, fmt.Sprintf("%q for %s %s", name, n.NodeKind(), n.Slug()))
		}
	}
	if len(use) > 0 {
		parts = append(parts, "use "+strings.Join(use, ", "))
	}
	for _, n := range nameless {
		parts = append(parts, fmt.Sprintf("give %s %s a name of its own (%s)", n.NodeKind(), n.Slug(), rename(n)))
	}
	return lead + strings.Join(parts, "; ")
}

// rename says where a document can take a name that no other has.
func rename(n Node) string {
	path := n.Doc().Path
	switch n.NodeKind() {
	case KindContact:
		return "an alias in " + path + ", or a new file name"
	case KindPost:
		return "slug: in " + path + ", or a new file name"
	}
	return "a new file name for " + path
}

// duplicate reports whether another document of n's kind has n's slug.
func (j *Journal) duplicate(n Node) bool {
	for _, m := range j.targets[normalize(n.Slug())] {
		if m != n && m.NodeKind() == n.NodeKind() && normalize(m.Slug()) == normalize(n.Slug()) {
			return true
		}
	}
	return false
}

// sharedSlugs groups the candidates of different kinds that share a slug.
func sharedSlugs(cands []Node) [][]Node {
	var groups [][]Node
	seen := map[string]int{}
	for _, n := range cands {
		k := normalize(n.Slug())
		if i, ok := seen[k]; ok {
			groups[i] = append(groups[i], n)
			continue
		}
		seen[k] = len(groups)
		groups = append(groups, []Node{n})
	}
	var out [][]Node
	for _, g := range groups {
		for _, n := range g[1:] {
			if n.NodeKind() != g[0].NodeKind() {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

// closest suggests the slug nearest to a mistyped ref.
func (j *Journal) closest(key string, kinds []Kind) string {
	// Every name a document answers to is a candidate, as the user would
	// write it: a typo of a name ("Ana Lmia") is closer to the name than
	// to the slug, and so is a possessive ("Ana Lima's"). A name that
	// would itself be ambiguous is no help. On a tie the first wins: by
	// slug, then the slug before the other names.
	best, bestD := "", max(2, len(key)/4)+1
	for _, k := range kinds {
		for _, slug := range slices.Sorted(maps.Keys(j.bySlug[k])) {
			for _, name := range names(j.bySlug[k][slug]) {
				n := normalize(name)
				if d := distance(key, n); d < bestD && len(j.matches(n, kinds)) == 1 {
					best, bestD = name, d
				}
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
