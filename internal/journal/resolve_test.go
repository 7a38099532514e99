package journal

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestAmbiguousHint: the hint of an ambiguous ref only offers what names a
// candidate alone. Where candidates share the slug, "use a slug" cannot
// work, so the hint says how to give each a name of its own, and where.
func TestAmbiguousHint(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files map[string]string
		ref   string
		kinds []Kind
		want  string
	}{
		{
			name: "a contact and a post share the slug",
			files: map[string]string{
				"content/contacts/ana-lima.md": "---\nname: Ana Lima\n---\n",
				"content/posts/ana-lima.md":    "---\ntitle: Ana Lima\ndate: 2026-01-01\n---\n",
			},
			ref: "Ana Lima",
			want: `ambiguous reference "Ana Lima": it matches contact ana-lima (content/contacts/ana-lima.md), post ana-lima (content/posts/ana-lima.md); ` +
				`they share the slug "ana-lima", so a slug cannot tell them apart: ` +
				`give contact ana-lima a name of its own (an alias in content/contacts/ana-lima.md, or a new file name); ` +
				`give post ana-lima a name of its own (slug: in content/posts/ana-lima.md, or a new file name)`,
		},
		{
			name: "one of them has an alias of its own",
			files: map[string]string{
				"content/contacts/lisbon/ana-lima.md": "---\nname: Ana Lima\naliases: [Ana]\n---\n",
				"content/posts/ana-lima.md":           "---\ntitle: Ana Lima\ndate: 2026-01-01\n---\n",
			},
			ref: "ana-lima",
			want: `ambiguous reference "ana-lima": it matches contact ana-lima (content/contacts/lisbon/ana-lima.md), post ana-lima (content/posts/ana-lima.md); ` +
				`they share the slug "ana-lima", so a slug cannot tell them apart: ` +
				`use "Ana" for contact ana-lima; ` +
				`give post ana-lima a name of its own (slug: in content/posts/ana-lima.md, or a new file name)`,
		},
		{
			name: "an event shares the slug of a post; a third candidate has its own",
			files: map[string]string{
				"content/events/kickoff.md": "---\ntitle: Kickoff\ndate: 2026-01-01\n---\n",
				"content/posts/kickoff.md":  "---\ntitle: Kickoff\ndate: 2026-01-02\n---\n",
				"content/posts/launch.md":   "---\ntitle: Kickoff\ndate: 2026-01-03\n---\n",
			},
			ref: "Kickoff",
			want: `ambiguous reference "Kickoff": it matches event kickoff (content/events/kickoff.md), post kickoff (content/posts/kickoff.md), post launch (content/posts/launch.md); ` +
				`event kickoff and post kickoff share the slug "kickoff", so a slug cannot tell them apart: ` +
				`use "launch" for post launch; ` +
				`give event kickoff a name of its own (a new file name for content/events/kickoff.md); ` +
				`give post kickoff a name of its own (slug: in content/posts/kickoff.md, or a new file name)`,
		},
		{
			name: "the ref is one candidate's slug and name, and another's alias",
			files: map[string]string{
				"content/contacts/ana.md":      "---\nname: Ana\n---\n",
				"content/contacts/ana-lima.md": "---\nname: Ana Lima\naliases: [Ana]\n---\n",
			},
			ref: "Ana",
			want: `ambiguous reference "Ana": it matches contact ana-lima (its alias "Ana", content/contacts/ana-lima.md:3), contact ana (content/contacts/ana.md); ` +
				`use "ana-lima" for contact ana-lima; ` +
				`give contact ana a name of its own (an alias in content/contacts/ana.md, or a new file name)`,
		},
		{
			name: "a slug that another kind also answers to is no use",
			files: map[string]string{
				"content/contacts/ana-lima.md": "---\nname: Ana Lima\naliases: [Lima]\n---\n",
				"content/contacts/bo-lima.md":  "---\nname: Bo Lima\naliases: [Lima, Bo]\n---\n",
				"content/posts/bo-lima.md":     "---\ntitle: Bo Lima on ledgers\ndate: 2026-01-01\n---\n",
			},
			ref:  "Lima",
			want: `ambiguous reference "Lima": it matches contact ana-lima (its alias "Lima", content/contacts/ana-lima.md:3), contact bo-lima (its alias "Lima", content/contacts/bo-lima.md:3); use "ana-lima" for contact ana-lima, "Bo" for contact bo-lima`,
		},
		{
			name: "the same files, when only contacts are looked at",
			files: map[string]string{
				"content/contacts/ana-lima.md": "---\nname: Ana Lima\naliases: [Lima]\n---\n",
				"content/contacts/bo-lima.md":  "---\nname: Bo Lima\naliases: [Lima, Bo]\n---\n",
				"content/posts/bo-lima.md":     "---\ntitle: Bo Lima on ledgers\ndate: 2026-01-01\n---\n",
			},
			ref:   "Lima",
			kinds: []Kind{KindContact},
			want:  `ambiguous reference "Lima": it matches contact ana-lima (its alias "Lima", content/contacts/ana-lima.md:3), contact bo-lima (its alias "Lima", content/contacts/bo-lima.md:3); use a slug`,
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			j := mustSite(t, tc.files)
			_, err := j.Resolve(tc.ref, tc.kinds...)
			var amb *AmbiguousError
			if !errors.As(err, &amb) {
				t.Fatalf("Resolve(%q) = %v, want an ambiguous reference", tc.ref, err)
			}
			if got := err.Error(); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestAmbiguousHintInBuild: the build reports a wikilink that cannot be
// resolved because a new post took a contact's slug without suggesting a
// slug, and names both files.
func TestAmbiguousHintInBuild(t *testing.T) {
	_, err := site(t, map[string]string{
		"content/contacts/ana-lima.md": "---\nname: Ana Lima\n---\n",
		"content/posts/ana-lima.md":    "---\ntitle: Ana Lima\ndate: 2026-01-01\n---\n",
		"content/events/e.md":          "---\ntitle: E\ndate: 2026-01-02\n---\nWith [[Ana Lima]].\n",
	})
	got := errorLines(err)
	if strings.Contains(got, "use a slug") {
		t.Errorf("the hint suggests a slug that both candidates share:\n%s", got)
	}
	for _, want := range []string{"content/events/e.md:5: wikilink [[Ana Lima]]: ambiguous reference", "content/contacts/ana-lima.md", "content/posts/ana-lima.md", "name of its own"} {
		if !strings.Contains(got, want) {
			t.Errorf("the error lacks %q:\n%s", want, got)
		}
	}
}

// TestResolveRemembersPerKinds: an answer is remembered for the ref and
// the kinds asked together, so asking with other kinds, before or after,
// gets the answer for those.
func TestResolveRemembersPerKinds(t *testing.T) {
	files := map[string]string{
		"content/contacts/kai.md": "---\nname: Kai\n---\n",
		"content/posts/kai.md":    "---\ntitle: Kai\ndate: 2026-01-01\n---\n",
		"content/events/lunch.md": "---\ntitle: Lunch\ndate: 2026-01-02\nwith: [kai]\n---\n",
	}
	for _, order := range [][][]Kind{
		{nil, {KindContact}, {KindPost}, {KindEvent}},
		{{KindPost}, {KindEvent}, {KindContact}, nil},
	} {
		j := mustSite(t, files)
		for round := range 2 {
			for _, kinds := range order {
				n, err := j.Resolve("kai", kinds...)
				switch {
				case kinds == nil:
					var amb *AmbiguousError
					if !errors.As(err, &amb) {
						t.Errorf("round %d: kai in any kind = %v, %v; want ambiguous", round, n, err)
					}
				case kinds[0] == KindEvent:
					if err == nil {
						t.Errorf("round %d: kai among events = %v; want not found", round, n)
					}
				case err != nil || n.NodeKind() != kinds[0]:
					t.Errorf("round %d: kai among %v = %v, %v", round, kinds, n, err)
				}
			}
		}
	}
}

// TestResolveKeepsTheBuildsAnswers: the answers a journal keeps from its
// build (every body's wikilinks: found, by alias, ambiguous, missing) are
// the ones resolving afresh gives; and a ref no body names is answered too.
// (The ambiguous link fails the build, whose journal is still whole.)
func TestResolveKeepsTheBuildsAnswers(t *testing.T) {
	j, err := site(t, map[string]string{
		"content/contacts/kai.md": "---\nname: Kai Berg\naliases: [KB]\n---\n",
		"content/contacts/ana.md": "---\nname: Ana\n---\n",
		"content/posts/ana.md":    "---\ntitle: Ana\ndate: 2026-01-01\n---\n",
		"content/events/lunch.md": "---\ntitle: Lunch\ndate: 2026-01-02\nwith: [kai]\n---\nWith [[Kai Berg]], [[KB]], [[ana|Ana]] and [[nobody]].\n",
		"content/posts/weekly.md": "---\ntitle: Weekly\ndate: 2026-01-03\n---\nSee [[lunch]] and [[Lunch#Menu]].\n",
	})
	if err == nil || !strings.Contains(err.Error(), `ambiguous reference "ana"`) {
		t.Fatalf("build: %v; want the ambiguous link", err)
	}
	refs := []string{"Kai Berg", "KB", "ana", "nobody", "lunch", "Lunch", "weekly", "never named in a body"}
	kept := 0
	for _, ref := range refs {
		if _, ok := j.built[ref]; ok {
			kept++
		}
		n, err := j.Resolve(ref)
		want, wantErr := j.resolve(ref, allKinds, true)
		if n != want || fmt.Sprint(err) != fmt.Sprint(wantErr) {
			t.Errorf("%q: %v, %v; afresh %v, %v", ref, n, err, want, wantErr)
		}
	}
	if kept < 5 {
		t.Errorf("the build kept %d of the bodies' answers: the test proves little", kept)
	}
}

// FuzzNormalized: a name normalized says it is normalize's own result.
func FuzzNormalized(f *testing.F) {
	for _, s := range []string{"", "ana-lima", "Ana Lima", "-a", "a-", "a--b", "a_b", "ção", "post-1", "a b", "1-2-3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if normalized(s) && normalize(s+" ") != s {
			t.Fatalf("%q says it is normalized, but normalizes to %q", s, normalize(s+" "))
		}
	})
}
