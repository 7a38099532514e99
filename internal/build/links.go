package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"html"
	"maps"
	"net/url"
	"os"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/diskcache"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/markdown"
	"github.com/netjournal/netjournal/internal/page"
	"github.com/netjournal/netjournal/internal/par"
	"github.com/netjournal/netjournal/internal/webaddress"
	"github.com/netjournal/netjournal/internal/wiki"
)

// checkLinks finds internal links that lead nowhere, in both sites: links
// written in Markdown bodies are reported at their source line; links in
// pages that do not come from a body are reported at the output page.
//
// Parsing pages is the costly part, so a linkCache keeps each page's links
// and ids while its bytes stay the same, and each page's warnings while
// nothing they depend on changes (see reusable). again says that another
// check follows in this process (serve, build --watch): what it found of
// each body is kept for that one. edited, when not nil, names the
// documents whose bodies alone changed since the last render in this
// process (Builder.render's); the others' bodies are the ones it had.
func (lc *linkCache) check(j *journal.Journal, res *Result, again bool, edited map[string]bool) content.ErrorList {
	var warns content.ErrorList
	base := j.Config.BasePath()
	abs := j.Config.BaseURL
	if lc.pages == nil {
		lc.pages = map[string]*pageLinks{}
	}
	pub := newSiteIndex(res.Public, lc.pages, "public/", abs+"\x00"+base)
	priv := newSiteIndex(res.Private, lc.pages, "private/", abs+"\x00"+base)
	// The same files as the last check's (a rebuild after an edit of a
	// body): their names are the ones it sorted, and the cache holds no
	// page that is gone. Only the pages whose bytes may be others are
	// looked at then: at 10,000 posts, going through every page's name
	// twice was a fifth of an edit's rebuild.
	// After a check in memory, files that came or went are known by
	// their names: the cache is rid of the pages gone, and only those that
	// came and those whose bytes may be others are parsed.
	var pubDiff, privDiff namesDiff
	sameFiles, diffed := false, lc.last != nil && lc.last.inMemory && again
	if lc.last != nil {
		pubDiff, privDiff = diffNames(lc.last.public, res.Public), diffNames(lc.last.private, res.Private)
		sameFiles = pubDiff.same() && privDiff.same()
	}
	switch {
	case sameFiles || diffed:
		for _, name := range pubDiff.removed {
			delete(lc.pages, "public/"+name)
		}
		for _, name := range privDiff.removed {
			delete(lc.pages, "private/"+name)
		}
		pub.scan(append(pubDiff.others, pubDiff.added...))
		priv.scan(append(privDiff.others, privDiff.added...))
	default:
		defer lc.sweep(res)
		pub.scanAll()
		priv.scanAll()
	}

	// Source links: /posts/x/ in any body means the public site. A body
	// the last check went through, the same and at the same line, has
	// the same broken links while the blog's files and their ids are
	// the same (and the base URL), whatever came to the wiki or went:
	// an event added looked for every body's links again (9 ms of CPU
	// at 10,000 posts).
	reported := map[string]bool{}
	lastSources := lc.sources
	trust := j.Config.TrustHTML // what a body's raw HTML keeps, and its links
	if lc.last == nil || !pubDiff.same() || pub.idsChanged || lc.last.abs != abs || lc.last.base != base || lc.last.trust != trust {
		lastSources = nil
	}
	lc.sources = nil
	// What a body's links to fragments of its page found in the wiki
	// holds while the wiki's files and their ids are the same.
	wikiSame := lc.last != nil && privDiff.same() && !priv.idsChanged
	// rel says where a body's relative links lead (nil for a body the
	// blog never shows, whose relative links its pages check); own is
	// the wiki's page of the body (a contact's, an event's, a post's),
	// or "".
	check := func(doc *content.Doc, body markdown.Source, rel *relative, own string) {
		at := ""
		if rel != nil {
			at = rel.at
		}
		if was, ok := lastSources[doc.Path]; ok && was.line == doc.BodyLine && was.at == at && was.body.Same(body) && (!was.wiki || wikiSame) {
			warns = append(warns, was.warns...)
			for _, t := range was.reported {
				reported[t] = true
			}
			if again {
				lc.sources[doc.Path] = was
			}
			return
		}
		this := sourceCheck{body: body, line: doc.BodyLine, at: at}
		for _, l := range j.Markdown().Links(body) {
			var target string
			switch {
			case strings.HasPrefix(l.Dest, "#"):
				this.fragment(l, doc, rel, own, pub, priv, base)
				continue
			case strings.HasPrefix(l.Dest, "/"):
				d := l.Dest
				if strings.Contains(d, "&") {
					d = html.UnescapeString(d) // /r&amp;d/ is /r&d/, as the pages have it
				}
				target = withoutQuery(j.Config.SitePath(d))
			case rel != nil:
				t, ok := relativeTarget(l.Dest, at, base)
				if !ok {
					continue
				}
				if rest, mine := strings.CutPrefix(t, rel.held); rel.held != "" && mine && rest != "" && rest[0] != '?' && rest[0] != '#' {
					// A file of its own, of a post the blog does not
					// publish: the wiki has it, beside the post's page.
					this.wiki = true
					wt, _ := resolve(rel.heldAs+rest, "/"+own, "", "")
					if why := priv.check(wt, "/"); why != "" {
						this.warns.Add(doc.BodyPos(l.Line), "broken link %s: %s", l.Dest, why)
						this.reported = append(this.reported, onPage("", "", ""), onPage("", "private/"+own, ""), onPage("", "private/"+own, "wiki:"+canonical(wt)))
					}
					continue
				}
				target = t
			default:
				continue
			}
			why := pub.check(target, base)
			switch {
			case why == "":
			case rel != nil && !strings.HasPrefix(l.Dest, "/"):
				this.warns.Add(doc.BodyPos(l.Line), "broken link %s: %s%s", l.Dest, why, webHint(l.Dest, why))
				// The pages that show the body show the link, relative or
				// made absolute: it is reported here, not again by them
				// (but by any other page that links there).
				this.reported = append(this.reported, onPage("", "", ""))
				for _, page := range rel.shownOn() {
					this.reported = append(this.reported, onPage("", page, ""), onPage("", page, rel.shownAs(page, l.Dest, target)))
				}
			default:
				this.warns.Add(doc.BodyPos(l.Line), "broken link %s: %s", l.Dest, why)
				// The pages that show this body show the link too, escaped
				// or made absolute: it is reported once, here.
				this.reported = append(this.reported, canonical(target))
			}
		}
		warns = append(warns, this.warns...)
		for _, t := range this.reported {
			reported[t] = true
		}
		if again {
			lc.sources[doc.Path] = this
		}
	}
	if again && edited != nil && lastSources != nil && lc.last.inMemory && everyAt(j, edited) {
		// The last check went through every body, and the others are
		// the ones it had: only the bodies edited are checked, and what
		// it found of the others is taken from its record, not by going
		// through every document (at 10,000 posts, 6 ms of an edit's
		// rebuild, on one core, for a few cache misses each).
		lc.sources = lastSources
		checkAgain := slices.Collect(maps.Keys(edited))
		for path, was := range lc.sources {
			switch {
			case edited[path]:
			case was.wiki && !wikiSame:
				// Its links to fragments of its page are looked for in
				// the wiki's pages as they are now.
				checkAgain = append(checkAgain, path)
			default:
				warns = append(warns, was.warns...)
				for _, t := range was.reported {
					reported[t] = true
				}
			}
		}
		for _, path := range checkAgain {
			n := j.NodeAt(path)
			check(n.Doc(), n.Source(), relativeOf(n, base, j.Opts), wikiPageOf(n))
		}
	} else {
		if again {
			lc.sources = make(map[string]sourceCheck, len(lastSources))
		}
		for _, c := range j.Contacts {
			check(c.Doc(), c.Source(), nil, wiki.PagePath(c))
		}
		for _, e := range j.Events {
			check(e.Doc(), e.Source(), nil, wiki.PagePath(e))
		}
		for _, p := range j.Posts {
			check(p.Doc(), p.Source(), relativeOf(p, base, j.Opts), wiki.PagePath(p))
		}
		for _, p := range j.Pages {
			// A page the blog does not publish (a draft) shows its
			// relative links nowhere.
			var rel *relative
			if pub.check(base+p.SitePath, base) != noSuchPage {
				rel = &relative{at: content.PathUnescape(base) + p.SitePath + "index.html", shownOn: func() []string { return []string{"public/" + p.SitePath + "index.html"} }}
			}
			check(&p.Doc, markdown.Text(p.Body), rel, "")
		}
	}

	// A body's wikilink to a heading is checked at its line, against the
	// wiki's page of the document it leads to (every document has one);
	// the pages that show the link (the wiki's, and the blog's of a post)
	// then say nothing more of it. Not kept from one check to the next
	// with the body's links: its answer is another document's headings.
	for _, h := range j.Headings {
		id := markdown.HeadingID(h.Fragment)
		if id == "" {
			continue
		}
		target := "/" + wiki.PagePath(h.To) + "#" + id
		why := priv.check(target, "/")
		if why == "" {
			continue
		}
		warns.Add(h.Pos, "broken link %s: %s", h.Written, why)
		reported["wiki:"+canonical(target)] = true
		if p, ok := h.To.(*journal.Post); ok {
			// From another page, and from its own (#heading, which a
			// page's address resolves against).
			reported[canonical(base+"posts/"+p.Slug()+"/#"+id)] = true
			reported[canonical(base+"posts/"+p.Slug()+"/index.html#"+id)] = true
		}
	}

	// A menu entry of netjournal.yaml that leads nowhere: said once, at its
	// line, not on every page that shows the menu.
	for i, m := range j.Config.Menu {
		if !strings.HasPrefix(m.URL, "/") || strings.HasPrefix(m.URL, "//") {
			continue // a web address
		}
		target := j.Config.SitePath(m.URL)
		why := pub.check(target, base)
		if why == "" {
			continue
		}
		warns.Add(j.Config.MenuPos(i), "menu: broken link %s: %s", m.URL, why)
		reported[canonical(target)] = true
	}

	// And a page's (content/pages), which the blog alone shows: against
	// the blog's page of the post it leads to, or its own.
	for _, pg := range j.Pages {
		if pub.check(base+pg.SitePath, base) == noSuchPage {
			continue // not published (private, a draft): no link of it is
		}
		for _, w := range j.Markdown().Wikilinks(markdown.Text(pg.Body)) {
			id := markdown.HeadingID(w.Fragment)
			if w.Fragment == "" || w.Embed || id == "" {
				continue
			}
			dir := base + pg.SitePath
			if w.Target != "" {
				n, err := j.Resolve(w.Target)
				p, ok := n.(*journal.Post)
				if err != nil || !ok {
					continue // no link to a heading of the blog's
				}
				dir = base + "posts/" + p.Slug() + "/"
			}
			target := dir + "#" + id
			if why := pub.check(target, base); why != "" && why != noSuchPage {
				warns.Add(pg.BodyPos(w.Line), "broken link [[%s#%s]]: %s", w.Target, w.Fragment, why)
				reported[canonical(target)] = true
				reported[canonical(dir+"index.html#"+id)] = true
			}
		}
	}

	// The pages' links are checked on every core, each page by one
	// worker with answers of its own; the warnings come out in page order.
	// A page whose bytes are the last check's keeps its warnings when
	// nothing else they depend on changed.
	this := &lastCheck{abs: abs, base: base, trust: trust, reported: reported, public: res.Public, private: res.Private, inMemory: again}
	reuse := sameFiles && lc.last.reusable(this) && !pub.idsChanged && !priv.idsChanged
	if lc.last != nil {
		// The names sorted by the last check, with those that came and
		// went: sorting every name again was 5 ms of CPU of an event
		// added, on one core.
		this.pubPages, this.privPages = sortedAgain(lc.last.pubPages, pubDiff), sortedAgain(lc.last.privPages, privDiff)
	} else {
		this.pubPages, this.privPages = sortedKeys(res.Public), sortedKeys(res.Private)
	}
	pubPages, privPages := this.pubPages, this.privPages
	// The pages by what their links look up (touchIndex), for a check
	// in memory after files came or went: made when first needed, then
	// kept up to date by such checks, the pages parsed again after a
	// body's edit left for the next (later).
	touchIndexes := func(needPub, needPriv bool, pubRemoved, privRemoved []string) {
		if lc.last == nil {
			return
		}
		if lc.last.pubTouches != nil || needPub {
			this.pubTouches = touchIndexFor(lc.last.pubTouches, pub, pubPages, pubRemoved, pub.rescanned, func(page string) touchSums {
				return touchesOf(pub, page, func() []pageLink { return publicLinks(pub, page, abs, base, resolveMemo{}, nil) }, publicLookup(base))
			})
		}
		if lc.last.privTouches != nil || needPriv {
			this.privTouches = touchIndexFor(lc.last.privTouches, priv, privPages, privRemoved, priv.rescanned, func(page string) touchSums {
				return touchesOf(priv, page, func() []pageLink { return privateLinks(priv, page, abs, base, resolveMemo{}, nil) }, privateLookup(base))
			})
		}
	}
	incremental := true
	if reuse && lc.statePath == "" {
		this.pubTouches, this.privTouches = lc.last.pubTouches.later(pub.rescanned), lc.last.privTouches.later(priv.rescanned)
		// The pages' warnings are the last check's but those of the
		// pages parsed again: going through every page for them was the
		// better part of an edit's check.
		this.publicWarns = recheck(lc.last.publicWarns, nil, pub.rescanned, func(page string) content.ErrorList {
			return checkPublic(pub, page, abs, base, reported, memoCheck(pub, base), resolveMemo{})
		})
		this.privateWarns = recheck(lc.last.privateWarns, nil, priv.rescanned, func(page string) content.ErrorList {
			return checkPrivate(priv, page, abs, base, reported, memoCheck(pub, base), memoCheck(priv, "/"), resolveMemo{})
		})
	} else if (sameFiles || diffed) && lc.statePath == "" && lc.last.reusable(this) {
		// Files came or went, or pages have other ids: a page's warnings
		// are the last check's unless it was parsed again or links to a
		// path that a file that came, went or has other ids answers. A new
		// event checked every page's links again (90 ms of CPU at 10,000
		// posts); looking for those paths in them is a fraction of it.
		pubPaths := affectedPaths(pubDiff.added, pubDiff.removed, pub.idsChangedFiles)
		privPaths := affectedPaths(privDiff.added, privDiff.removed, priv.idsChangedFiles)
		// Each page's links are looked for in those paths by the hashes
		// of what they would look up (touchesOf): going through every
		// link of every page, parsed as touches parses it, was 45 ms of
		// CPU of an added event's rebuild at 10,000 posts; the pages
		// that have those hashes are found in the index of them.
		pubSums, privSums := pathSums(pubPaths), pathSums(privPaths)
		touchIndexes(len(pubSums) > 0, len(privSums) > 0 || len(pubSums) > 0, pubDiff.removed, privDiff.removed)
		// A page is checked again when it was parsed again, or links to
		// a path that came, went or has other ids (its own site's, or
		// for the wiki the blog's).
		pubAgain := this.pubTouches.pages(pubSums, nil)
		privAgain := this.privTouches.pages(privSums, pubSums)
		for page := range pub.rescanned {
			pubAgain[page] = true
		}
		for page := range priv.rescanned {
			privAgain[page] = true
		}
		this.publicWarns = recheck(lc.last.publicWarns, pubDiff.removed, pubAgain, func(page string) content.ErrorList {
			return checkPublic(pub, page, abs, base, reported, memoCheck(pub, base), resolveMemo{})
		})
		this.privateWarns = recheck(lc.last.privateWarns, privDiff.removed, privAgain, func(page string) content.ErrorList {
			return checkPrivate(priv, page, abs, base, reported, memoCheck(pub, base), memoCheck(priv, "/"), resolveMemo{})
		})
	} else {
		incremental = false
	}
	if incremental {
		for _, m := range []map[string]content.ErrorList{this.publicWarns, this.privateWarns} {
			for _, page := range slices.Sorted(maps.Keys(m)) {
				warns = append(warns, m[page]...)
			}
		}
		lc.last = this
		return warns
	}
	// A build in a new process keeps the warnings of the last check's
	// pages whose keys it has (linkstate.go).
	var sums [sha256.Size]byte
	if lc.statePath != "" {
		sums = linkSums(abs, base, reported, pubPages, privPages)
	}
	kept, changed := lc.kept(sums)
	pageWarns := make([]content.ErrorList, len(pubPages)+len(privPages))
	workers := runtime.GOMAXPROCS(0)
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			pubWhy, privWhy := memoCheck(pub, base), memoCheck(priv, "/")
			pubMemo, privMemo := resolveMemo{}, resolveMemo{}
			for i := int(next.Add(1) - 1); i < len(pageWarns); i = int(next.Add(1) - 1) {
				if kept != nil {
					if name := checkedName(i, pubPages, privPages); !changed[name] {
						pageWarns[i] = kept.pages[name].warns
						continue
					}
				}
				if i < len(pubPages) {
					if !reuse || pub.rescanned[pubPages[i]] {
						pageWarns[i] = checkPublic(pub, pubPages[i], abs, base, reported, pubWhy, pubMemo)
					} else {
						pageWarns[i] = lc.last.publicWarns[pubPages[i]]
					}
				} else {
					page := privPages[i-len(pubPages)]
					if !reuse || priv.rescanned[page] {
						pageWarns[i] = checkPrivate(priv, page, abs, base, reported, pubWhy, privWhy, privMemo)
					} else {
						pageWarns[i] = lc.last.privateWarns[page]
					}
				}
			}
		})
	}
	wg.Wait()
	this.publicWarns, this.privateWarns = make(map[string]content.ErrorList), make(map[string]content.ErrorList)
	for i, w := range pageWarns {
		warns = append(warns, w...)
		if len(w) == 0 {
			continue
		}
		if i < len(pubPages) {
			this.publicWarns[pubPages[i]] = w
		} else {
			this.privateWarns[privPages[i-len(pubPages)]] = w
		}
	}
	lc.last = this
	lc.keep(sums, kept, pubPages, privPages, pageWarns)
	return warns
}

// kept returns the state the last streamed check kept, if what its
// warnings depend on but the pages is what sums says, and no page whose
// key is not the one it had there has other ids; and those pages, by
// their names ("public/…"), whose warnings are to be found again.
func (lc *linkCache) kept(sums [sha256.Size]byte) (*linkState, map[string]bool) {
	if lc.statePath == "" || lc.last != nil {
		return nil, nil
	}
	prev := readLinkState(lc.statePath)
	if prev == nil || prev.sums != sums || len(prev.pages) != len(lc.pages) {
		return nil, nil
	}
	changed := map[string]bool{}
	for name, p := range lc.pages {
		was, ok := prev.pages[name]
		if !ok {
			return nil, nil
		}
		if p.key != (page.Key{}) && p.key == was.key {
			continue
		}
		changed[name] = true
		p.load()
		if p.lost != nil || idsSum(p.ids) != was.ids {
			return nil, nil
		}
	}
	return prev, changed
}

// keep keeps this check's warnings for the next streamed build's
// (kept), when every page's ids are known: read for its check, or the
// same as in the state kept before, its key being the same.
func (lc *linkCache) keep(sums [sha256.Size]byte, kept *linkState, pubPages, privPages []string, pageWarns []content.ErrorList) {
	if lc.statePath == "" {
		return
	}
	os.Remove(lc.statePath) // until the new one is whole
	// Written as the pages come, never held whole (encodeLinkState).
	writeLinkState(lc.statePath, sums, len(pageWarns), func(add func(string, pageState)) bool {
		for i, w := range pageWarns {
			name := checkedName(i, pubPages, privPages)
			p := lc.pages[name]
			if p == nil || p.lost != nil {
				return false
			}
			ps := pageState{key: p.key, warns: w}
			switch {
			case !p.pending:
				ps.ids = idsSum(p.ids)
			case kept != nil && kept.pages[name].key == p.key && p.key != (page.Key{}):
				ps.ids = kept.pages[name].ids
			default:
				return false // its ids were never read
			}
			add(name, ps)
		}
		return true
	})
}

// checkedName is the name in the link cache ("public/…", "private/…") of
// the i-th page a check goes through: the public pages, then the private.
func checkedName(i int, pubPages, privPages []string) string {
	if i < len(pubPages) {
		return "public/" + pubPages[i]
	}
	return "private/" + privPages[i-len(pubPages)]
}

// lastCheck is what a check's page warnings depend on, besides each
// page's own bytes, and the warnings.
type lastCheck struct {
	abs, base       string
	trust           bool            // the site's trust_html, which bodies' links were found with
	reported        map[string]bool // targets reported at a body's line
	public, private map[string][]byte
	pubPages        []string // their names, sorted
	privPages       []string
	publicWarns     map[string]content.ErrorList // by page, those with any
	privateWarns    map[string]content.ErrorList
	inMemory        bool // of a render in memory, another to follow (check's again)
	// The pages by what their links look up, once a check in memory
	// after files came or went has needed them; nil until then.
	pubTouches, privTouches *touchIndex
}

// reusable reports whether a page whose bytes are the same has the same
// warnings in this check as in last, whose sites have the same files
// (sameNames): the same base URL and path, and the same targets reported
// at bodies. (The ids of pages must be the same as well:
// siteIndex.idsChanged.)
func (last *lastCheck) reusable(this *lastCheck) bool {
	return last != nil && last.abs == this.abs && last.base == this.base &&
		maps.Equal(last.reported, this.reported)
}

// recheck returns the warnings of last, by page, but for the pages
// removed, which have none, and those of again, made again by check (on
// every core: check must be safe for that): a map of the pages with any.
func recheck(last map[string]content.ErrorList, removed []string, again map[string]bool, check func(page string) content.ErrorList) map[string]content.ErrorList {
	out := maps.Clone(last)
	if out == nil {
		out = map[string]content.ErrorList{}
	}
	for _, page := range removed {
		delete(out, page)
	}
	pages := slices.Sorted(maps.Keys(again))
	warns := make([]content.ErrorList, len(pages))
	par.Each(len(pages), func(i int) { warns[i] = check(pages[i]) })
	for i, page := range pages {
		if len(warns[i]) > 0 {
			out[page] = warns[i]
		} else {
			delete(out, page)
		}
	}
	return out
}

// everyAt reports whether j has a document at each path of edited.
func everyAt(j *journal.Journal, edited map[string]bool) bool {
	for path := range edited {
		if j.NodeAt(path) == nil {
			return false
		}
	}
	return true
}

// namesDiff is how a site's files differ from the last check's: the
// paths that came and went, and those of the others whose bytes may not
// be the very bytes the last check had (not the same slice, or none: a
// streamed page's).
type namesDiff struct{ added, removed, others []string }

func (d namesDiff) same() bool { return len(d.added) == 0 && len(d.removed) == 0 }

// diffNames returns how site b differs from site a.
func diffNames(a, b map[string][]byte) namesDiff {
	var d namesDiff
	for name, data := range b {
		was, ok := a[name]
		if !ok {
			d.added = append(d.added, name)
			continue
		}
		if len(data) == 0 || len(was) != len(data) || unsafe.SliceData(was) != unsafe.SliceData(data) {
			d.others = append(d.others, name)
		}
	}
	if len(a) != len(b)-len(d.added) {
		for name := range a {
			if _, ok := b[name]; !ok {
				d.removed = append(d.removed, name)
			}
		}
	}
	return d
}

// sortedAgain returns the names of a site whose files differ from those
// of the last check by d, sorted: last, the last check's, sorted, with
// the names that came and went.
func sortedAgain(last []string, d namesDiff) []string {
	if d.same() {
		return last
	}
	gone := make(map[string]bool, len(d.removed))
	for _, name := range d.removed {
		gone[name] = true
	}
	added := slices.Sorted(slices.Values(d.added))
	out := make([]string, 0, len(last)+len(added)-len(d.removed))
	for _, name := range last {
		for len(added) > 0 && added[0] < name {
			out = append(out, added[0])
			added = added[1:]
		}
		if !gone[name] {
			out = append(out, name)
		}
	}
	return append(out, added...)
}

// sourceCheck is what the check of a body found: its broken links, and
// the targets reported at them.
type sourceCheck struct {
	body     markdown.Source
	line     int    // the body's first line in its file
	at       string // the blog's page its relative links start from
	warns    content.ErrorList
	reported []string
	wiki     bool // a link to a fragment of its page was looked for in the wiki's
}

// fragment checks l, a link of the body of doc to a fragment of the page
// that shows it (#why), on the body's own page: the blog's (rel, a post's
// or a page's), or, where the blog has none (a contact's, an event's, a
// draft's), the wiki's (own). One that page has no element for is said
// at the body's line, and not again by the pages that show the body
// (a post's in the wiki, a link post's on the list of shared links),
// which show the body's ids as well. (An id only a page's own template
// gives is that page's to miss, and said by its check.)
func (sc *sourceCheck) fragment(l markdown.LinkUse, doc *content.Doc, rel *relative, own string, pub, priv *siteIndex, base string) {
	d := l.Dest
	if strings.Contains(d, "&") {
		d = html.UnescapeString(d) // #a&amp;b is #a&b, as goldmark writes it
	}
	why := noSuchPage
	if rel != nil {
		if target, ok := resolve(d, rel.at, "", base); ok {
			why = pub.check(target, base)
		}
	}
	if why == noSuchPage && own != "" {
		sc.wiki = true
		if target, ok := resolve(d, "/"+own, "", ""); ok {
			why = priv.check(target, "/")
		}
	}
	if why == "" || why == noSuchPage {
		return
	}
	sc.warns.Add(doc.BodyPos(l.Line), "broken link %s: %s", l.Dest, why)
	var pages []string
	if rel != nil {
		pages = rel.shownOn()
	}
	if own != "" && !slices.Contains(pages, "private/"+own) {
		pages = append(pages, "private/"+own)
	}
	sc.reported = append(sc.reported, onPage("", "", ""))
	for _, page := range pages {
		var shown string
		switch wikiPage, ok := strings.CutPrefix(page, "private/"); {
		case ok:
			t, _ := resolve(d, "/"+wikiPage, "", "")
			shown = "wiki:" + canonical(t)
		case page == "public/"+sharedList:
			// The list's own id for the body's: #<slug>.why.
			t, _ := resolve("#"+rel.scope+d[1:], content.PathUnescape(base)+sharedList, "", base)
			shown = canonical(t)
		default:
			t, _ := resolve(d, content.PathUnescape(base)+strings.TrimPrefix(page, "public/"), "", base)
			shown = canonical(t)
		}
		sc.reported = append(sc.reported, onPage("", page, ""), onPage("", page, shown))
	}
}

// sharedList is the blog's list of shared links, which shows every link
// post's body.
const sharedList = "shared/index.html"

// wikiPageOf returns the wiki's page of n (wiki.PagePath), or "" for a
// node without one.
func wikiPageOf(n journal.Node) string {
	switch n.(type) {
	case *journal.Contact, *journal.Event, *journal.Post:
		return wiki.PagePath(n)
	}
	return ""
}

// relative is where the relative links of a body the blog shows lead:
// from the folder of at, its page on the blog (under the site's base
// path); shownOn returns the output's pages that show them so
// ("public/…", "private/…"), asked only of a body with a broken one.
type relative struct {
	at      string
	shownOn func() []string
	// scope is what the list of shared links puts before the ids of a
	// link post's body, and before its links to them (blog.scopeIDs).
	scope string
	// held, for a post the blog does not publish, is its folder on the
	// blog (at's), whose files the wiki has instead (static/posts/<slug>/,
	// wiki.Options.PostFiles), as heldAs from the wiki's page; else "".
	held, heldAs string
}

// shownAs returns what the check of page looks up for dest, a link of
// the body that leads to target on the blog: the target, on the blog;
// or, for a web address without its scheme (c9.io), which the wiki shows
// as written, where it leads in the wiki ("wiki:" and its path).
func (rel *relative) shownAs(page, dest, target string) string {
	wikiPage, inWiki := strings.CutPrefix(page, "private/")
	if !inWiki || !webaddress.Schemeless(dest) {
		return canonical(target)
	}
	t, _ := resolve(dest, "/"+wikiPage, "", "")
	return "wiki:" + canonical(t)
}

// relativeOf returns where a post's relative links lead (pic.png, ../x/):
// from its page on the blog, there and, made absolute, in the wiki
// (wiki.renderer.body); nil for another document, whose body the blog
// does not show.
func relativeOf(n journal.Node, base string, opts journal.Options) *relative {
	p, ok := n.(*journal.Post)
	if !ok {
		return nil
	}
	folder := content.PathUnescape(base) + "posts/" + p.Slug() + "/"
	var held, heldAs string
	if !p.Published(opts) {
		held, heldAs = folder, p.Slug()+"/"
	}
	return &relative{at: folder + "index.html", scope: p.Slug() + ".", held: held, heldAs: heldAs, shownOn: func() []string {
		pages := []string{"public/posts/" + p.Slug() + "/index.html", "private/" + wiki.PagePath(p)}
		if p.IsLink() {
			// The list of shared links shows a link post's body too, its
			// relative links made to lead from the post's page.
			pages = append(pages, "public/"+sharedList)
		}
		return pages
	}}
}

// onPage is the key of the reported set that says a body's line has said
// a link of page ("public/…" or "private/…", or its output's prefix and
// its name) to target broken; with no target, that it said some; with
// no page either ("page:"), that some page's were: a page's check looks
// for its own only then, not making its key for every page of a site.
func onPage(prefix, page, target string) string {
	if target == "" {
		return "page:" + prefix + page
	}
	return "page:" + prefix + page + "\x00" + target
}

// withoutQuery returns a site path without its query, if any (its
// fragment kept): the page it leads to, as the pages' links are known
// by (resolve drops a query).
func withoutQuery(target string) string {
	p, rest, ok := strings.Cut(target, "?")
	if !ok {
		return target
	}
	if _, frag, ok := strings.Cut(rest, "#"); ok {
		return p + "#" + frag
	}
	return p
}

// relativeTarget returns the site path that dest, a body's link written
// relative to the blog's page at (under base), leads to on the blog, as
// the pages that show the body lead it; ok is false for a link of
// another kind (a URL, a fragment, a query).
func relativeTarget(dest, at, base string) (target string, ok bool) {
	d := dest
	if strings.Contains(d, "&") {
		d = html.UnescapeString(d) // &#47;x is /x, as goldmark reads it
	}
	if !markdown.Rewritable(d) {
		return "", false
	}
	return resolve(d, at, "", base)
}

// checkPublic returns the broken links of a page of the blog.
func checkPublic(pub *siteIndex, page, abs, base string, reported map[string]bool, pubWhy func(string) string, memo resolveMemo) content.ErrorList {
	var warns content.ErrorList
	if err := pub.parsed(page).lost; err != nil {
		warns.Add(content.Position{Path: "public/" + page}, "links not checked: %v", err)
	}
	bp := linkBuffers.Get().(*[]pageLink)
	defer putLinkBuffer(bp)
	on := reported["page:"] && reported[onPage("public/", page, "")]
	for _, l := range publicLinks(pub, page, abs, base, memo, bp) {
		if c := canonical(l.target); !reported[c] && !(on && reported[onPage("public/", page, c)]) {
			if why := pubWhy(l.target); why != "" {
				warns.Add(content.Position{Path: "public/" + page}, "broken link %s: %s%s", l.ref, why, webHint(l.ref, why))
			}
		}
	}
	return warns
}

// checkPrivate returns the broken links of a page of the wiki.
func checkPrivate(priv *siteIndex, page, abs, base string, reported map[string]bool, pubWhy, privWhy func(string) string, memo resolveMemo) content.ErrorList {
	var warns content.ErrorList
	if err := priv.parsed(page).lost; err != nil {
		warns.Add(content.Position{Path: "private/" + page}, "links not checked: %v", err)
	}
	bp := linkBuffers.Get().(*[]pageLink)
	defer putLinkBuffer(bp)
	on := reported["page:"] && reported[onPage("private/", page, "")]
	for _, l := range privateLinks(priv, page, abs, base, memo, bp) {
		var why string
		if t, ok := strings.CutPrefix(l.target, "blog:"); ok {
			if c := canonical(t); reported[c] || on && reported[onPage("private/", page, c)] {
				continue
			}
			why = pubWhy(t)
		} else {
			if c := "wiki:" + canonical(l.target); reported[c] || on && reported[onPage("private/", page, c)] {
				continue // said at the body's line
			}
			why = privWhy(l.target)
		}
		if why != "" {
			warns.Add(content.Position{Path: "private/" + page}, "broken link %s: %s%s", l.ref, why, webHint(l.ref, why))
		}
	}
	return warns
}

// webHint returns, for a link to no page (why) written as a web address
// without its scheme ([c9](c9.io), [repo](github.com/a/b)), which is a
// path of the site to a browser, what to write instead; for any other
// link, "" (webaddress.Schemeless says which are).
func webHint(ref, why string) string {
	if why != noSuchPage || !webaddress.Schemeless(ref) {
		return ""
	}
	return "; for the web site, write https://" + ref
}

// linkBuffers are what the check of a page makes its links in (links):
// a slice made for each page's was a tenth of what the check of 100,000
// posts allocated.
var linkBuffers = sync.Pool{New: func() any { return new([]pageLink) }}

// putLinkBuffer puts bp back into linkBuffers, holding no page's strings,
// unless it grew past a few thousand links.
func putLinkBuffer(bp *[]pageLink) {
	if cap(*bp) > 1<<12 {
		return
	}
	clear(*bp)
	*bp = (*bp)[:0]
	linkBuffers.Put(bp)
}

// publicLinks returns the links of a page of the blog that point inside
// it.
func publicLinks(pub *siteIndex, page, abs, base string, memo resolveMemo, buf *[]pageLink) []pageLink {
	// The page's path, as resolve takes it: decoded, as the file's name
	// is (a base path is written escaped: /my%20blog/).
	at := content.PathUnescape(base) + page // made once for the page, not for each of its links
	return pub.links(page, func(ref string) (string, bool) { return memo.resolve(ref, at, abs, base) }, buf)
}

// privateLinks returns the links of a page of the wiki that point inside
// it, and those to the public blog, whose targets are "blog:" and their
// path there: they are checked there.
func privateLinks(priv *siteIndex, page, abs, base string, memo resolveMemo, buf *[]pageLink) []pageLink {
	at := "/" + page // made once for the page, not for each of its links
	return priv.links(page, func(ref string) (string, bool) {
		if strings.HasPrefix(ref, abs) {
			return "blog:" + withoutQuery(base+strings.TrimPrefix(ref, abs)), true
		}
		return memo.resolve(ref, at, "", "")
	}, buf)
}

// affectedPaths returns the paths under a site's base (what siteIndex.check
// looks up, less the base) whose answer may have changed: those that the
// files given (that came, went, or have other ids) may answer for, as
// themselves or as a folder's index.html.
func affectedPaths(lists ...[]string) map[string]bool {
	out := map[string]bool{}
	for _, l := range lists {
		for _, f := range l {
			out[f] = true
			if dir, ok := strings.CutSuffix(f, "index.html"); ok {
				out[dir] = true
				out[strings.TrimSuffix(dir, "/")] = true
				if dir == "" {
					out["/"] = true
				}
			}
		}
	}
	return out
}

// touchKey is the path under base that siteIndex.check looks up for
// target (what affectedPaths lists, for the paths whose answer may have
// changed), if target is under base.
func touchKey(target, base string) (string, bool) {
	p, _, _ := strings.Cut(target, "#")
	if base == "" {
		base = "/"
	}
	rel, ok := strings.CutPrefix(p, base)
	if !ok {
		return "", false
	}
	return content.PathUnescape(rel), true
}

// touchSums are the hashes of the paths a page's links look up (touches'
// affected[content.PathUnescape(rel)]), in its own site and, for the wiki's links to
// the blog, in the blog: a hash found in the affected paths' hashes may
// be a collision, and only has the page checked again.
type touchSums struct{ own, blog []uint64 }

var touchSeed = maphash.MakeSeed()

// pathSums are the hashes of the paths of affected.
func pathSums(affected map[string]bool) map[uint64]bool {
	out := make(map[uint64]bool, len(affected))
	for p := range affected {
		out[maphash.String(touchSeed, p)] = true
	}
	return out
}

// any reports whether a hash of s is in own (its own site's affected
// paths' hashes) or blog (the blog's).
func (s touchSums) any(own, blog map[uint64]bool) bool {
	return slices.ContainsFunc(s.own, func(h uint64) bool { return own[h] }) ||
		slices.ContainsFunc(s.blog, func(h uint64) bool { return blog[h] })
}

// touchesOf returns the touchSums of the page of s, from its links (as
// links returns them) and what each looks up under which base, and
// whether in the blog (lookup): kept with a page rendered in memory while
// its bytes and the base stay.
func touchesOf(s *siteIndex, page string, links func() []pageLink, lookup func(pageLink) (target, base string, blog bool)) touchSums {
	p := s.parsed(page)
	if p.mem != nil && p.mem.touches != nil && p.mem.touchesAt == s.base {
		return *p.mem.touches
	}
	var sums touchSums
	for _, l := range links() {
		target, base, blog := lookup(l)
		key, ok := touchKey(target, base)
		switch {
		case !ok:
		case blog:
			sums.blog = append(sums.blog, maphash.String(touchSeed, key))
		default:
			sums.own = append(sums.own, maphash.String(touchSeed, key))
		}
	}
	if p.mem != nil {
		p.mem.touches, p.mem.touchesAt = &sums, s.base
	}
	return sums
}

// publicLookup is what a link of the blog (publicLinks) looks up, for
// touchesOf: its target, under the blog's base.
func publicLookup(base string) func(pageLink) (string, string, bool) {
	return func(l pageLink) (string, string, bool) { return l.target, base, false }
}

// privateLookup is what a link of the wiki (privateLinks) looks up, for
// touchesOf: a link to the blog its path there, under the blog's base;
// any other its target in the wiki, under "/".
func privateLookup(base string) func(pageLink) (string, string, bool) {
	return func(l pageLink) (string, string, bool) {
		if t, ok := strings.CutPrefix(l.target, "blog:"); ok {
			return t, base, true
		}
		return l.target, "/", false
	}
}

// resolveMemo remembers resolve's answers for one worker of one check:
// most pages link to the same few paths (the menu, the tags, the feeds),
// and parsing each href of each page again was a tenth of a second
// build. A relative href is remembered with its page's folder.
// A memo serves one abs and base: those of one site. It holds at most
// memoMax answers (see there).
type resolveMemo map[memoKey]resolved

// memoMax bounds each of a check's memos: what pages share (the menu,
// the tags, the feeds) is asked for again within a few pages of being
// forgotten, while every href that one page alone has, held to the end
// of the check, was 200 MB of a 100,000-post build at its peak. A memo
// that is full starts again empty.
const memoMax = 1 << 14

type memoKey struct{ ref, dir string }

type resolved struct {
	target string
	ok     bool
}

func (m resolveMemo) resolve(ref, page, abs, base string) (string, bool) {
	if ref == "" || ref[0] == '#' || ref[0] == '?' {
		return resolve(ref, page, abs, base) // within the page: no other page asks
	}
	key := memoKey{ref: ref}
	if !strings.HasPrefix(ref, "/") && (abs == "" || !strings.HasPrefix(ref, abs)) {
		key.dir = page[:strings.LastIndex(page, "/")+1]
	}
	if r, ok := m[key]; ok {
		return r.target, r.ok
	}
	target, ok := resolve(ref, page, abs, base)
	if len(m) >= memoMax {
		clear(m)
	}
	m[key] = resolved{target, ok}
	return target, ok
}

// resolve turns an href on page into an absolute path on the same site, or
// reports false for links that leave the site.
func resolve(ref, page, abs, base string) (string, bool) {
	if abs != "" && strings.HasPrefix(ref, abs) {
		ref = base + strings.TrimPrefix(ref, abs)
	}
	if target, ok := resolvePlain(ref, page); ok {
		return target, true
	}
	return resolveURL(ref, page)
}

// resolvePlain is resolveURL for an href of letters, digits, "-", "_",
// ".", "~" and "/" alone, on a page whose folder is of those too: the
// links of every page but a few (a menu, a tag, a neighbour), which need
// no parsing, nor escaping. ok is false for any other href, which
// resolveURL resolves. (FuzzResolvePlain holds the two to one answer.)
func resolvePlain(ref, page string) (target string, ok bool) {
	if ref == "" || strings.HasPrefix(ref, "//") || !plainPath(ref) {
		return "", false
	}
	if ref[0] == '/' {
		return ref, true
	}
	dir := page[:strings.LastIndex(page, "/")+1]
	if !strings.HasPrefix(dir, "/") || !plainPath(dir) {
		return "", false
	}
	clean := path.Clean(dir + ref)
	if strings.HasSuffix(ref, "/") && clean != "/" {
		clean += "/"
	}
	return clean, true
}

// plainPath reports whether s holds only bytes that a URL's path keeps as
// they are: ASCII letters and digits, "-", "_", ".", "~" and "/".
func plainPath(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') {
			return false
		}
	}
	return true
}

// resolveURL is resolve for any href, parsed as a URL.
func resolveURL(ref, page string) (string, bool) {
	u, err := url.Parse(ref)
	if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(ref, "//") {
		return "", false
	}
	if u.Path == "" {
		u.Path = page
	} else if !strings.HasPrefix(u.Path, "/") {
		dir := page[:strings.LastIndex(page, "/")+1]
		clean := path.Clean(dir + u.Path)
		if strings.HasSuffix(u.Path, "/") && clean != "/" {
			clean += "/"
		}
		u.Path = clean
	}
	out := u.EscapedPath()
	if u.Fragment != "" {
		out += "#" + u.EscapedFragment()
	}
	return out, true
}

// canonical is a site path with its fragment, percent-escapes decoded: the
// same for a link as a writer typed it (/posts/a/#привет) and as a page
// shows it (/posts/a/#%D0%BF…).
func canonical(target string) string {
	p, frag, ok := strings.Cut(target, "#")
	p, frag = content.PathUnescape(p), content.PathUnescape(frag)
	if ok {
		return p + "#" + frag
	}
	return p
}

// pageLinks is what the link check needs of one HTML page. A streamed
// build keeps one for every page until its check, 300,000 of them at
// 100,000 posts: what only a page rendered in memory needs is behind a
// pointer (inMemory), and a page read back is read by its keeper, not a
// closure of its own.
type pageLinks struct {
	key   page.Key // a streamed page's, when it has one: the same key, the same links and ids
	hrefs []string
	ids   idSet
	// A streamed page kept in memory until the check (no cache on disk)
	// keeps its hrefs as their numbers in its keeper's table instead
	// (hrefs is then nil): see hrefTable.
	refs []uint32
	// from is the keeper of a streamed page; nil for a page rendered in
	// memory.
	from *linkKeeper
	// A streamed page's links and ids wait on disk until the check asks
	// for them (load): not every page's, held from the first page to the
	// last. pending says they do; file is the page's, to read them back.
	file    string
	pending bool
	once    sync.Once
	lost    error // they could not be read back

	mem *inMemory // a page rendered in memory
}

// inMemory is what the check keeps of a page rendered in memory (serve,
// build --watch) from one check to the next: its bytes, and its links
// that point inside a site, resolved against the base URL they were
// resolved for, kept while the page and that URL stay.
type inMemory struct {
	data       []byte
	resolved   []pageLink
	resolvedAt string
	touches    *touchSums // what its links look up, by hash (touchesOf)
	touchesAt  string
}

// inMemoryPage is the pageLinks of a page rendered in memory as data.
func inMemoryPage(file string, data []byte) *pageLinks {
	p := &pageLinks{mem: &inMemory{data: data}}
	if strings.HasSuffix(file, ".html") {
		p.hrefs, p.ids = scan(data)
	}
	return p
}

// holds reports whether p is the page whose bytes are data: a page
// rendered in memory as data, or a streamed one, whose bytes are not kept
// (a streamed render's files have none).
func (p *pageLinks) holds(data []byte) bool {
	if p == nil {
		return false
	}
	if p.mem == nil {
		return len(data) == 0
	}
	return bytes.Equal(p.mem.data, data)
}

// pageLink is a link as written and the site path it points at.
type pageLink struct{ ref, target string }

// load reads a streamed page's links and ids back, once. The hrefs stay
// strings: the page's own check reads them next and lets them go (links),
// and numbering them only to turn them back was a lock and two copies per
// page.
func (p *pageLinks) load() {
	p.once.Do(func() {
		if !p.pending {
			return
		}
		hrefs, ids, err := p.from.readBack(p.file, p.key)
		if err != nil {
			p.lost = err
			return
		}
		p.hrefs, p.ids, p.pending = hrefs, ids, false
	})
}

// links returns the links of a page that point inside a site, resolving
// each href once for as long as the page's bytes and the site's base URL
// stay the same.
//
// A streamed page's links are asked for once, by the check of that page,
// and no later check reuses them (Builder.Stream): they are resolved for
// it and let go, with the hrefs read back for them, rather than held for
// every page until the check ends (a fifth of a streamed build's memory
// at its peak). Its ids stay, for the links to it that have a fragment.
//
// A streamed page's links are made in *buf, when buf is given (made
// larger first if the page needs it), and left there: the caller is done
// with them before it gives buf again. Other links (a page's in memory,
// kept) are never made there.
func (s *siteIndex) links(file string, resolve func(ref string) (string, bool), buf *[]pageLink) []pageLink {
	p := s.parsed(file)
	if p.mem != nil && p.mem.resolved != nil && p.mem.resolvedAt == s.base {
		return p.mem.resolved
	}
	hrefs := p.hrefs
	if p.refs != nil {
		hrefs = p.from.hrefs.strings(p.refs)
	}
	var resolved []pageLink
	if p.mem == nil && buf != nil {
		// Made as large as the page needs at once: a list of every post
		// grew a buffer by doubling, for half a GB at 100,000 posts.
		if cap(*buf) < len(hrefs) {
			*buf = make([]pageLink, 0, len(hrefs))
		}
		resolved = (*buf)[:0]
	} else {
		resolved = make([]pageLink, 0, len(hrefs))
	}
	for _, ref := range hrefs {
		if target, ok := resolve(ref); ok {
			resolved = append(resolved, pageLink{ref, target})
		}
	}
	if p.mem == nil {
		p.hrefs, p.refs = nil, nil // only this page's check reads them
		if buf != nil {
			*buf = resolved
		}
		return resolved
	}
	p.mem.resolved, p.mem.resolvedAt = resolved, s.base
	return resolved
}

// memoCheck returns s.check for base, remembering each target's answer for
// one check of the site (up to memoMax of them): most pages link to the
// same few.
func memoCheck(s *siteIndex, base string) func(target string) string {
	seen := map[string]string{}
	return func(target string) string {
		why, ok := seen[target]
		if !ok {
			why = s.check(target, base)
			if len(seen) >= memoMax {
				clear(seen)
			}
			seen[target] = why
		}
		return why
	}
}

// linkCache keeps, by "public/path" and "private/path", parsed pages, and
// what the last check found.
type linkCache struct {
	mu    sync.Mutex // guards pages while a streamed render keeps them
	pages map[string]*pageLinks
	last  *lastCheck
	// What the last check found of each body, by its document's path.
	sources map[string]sourceCheck
	// statePath, for a streamed build with a cache on disk, is where a
	// check's warnings are kept for the next build's (linkstate.go).
	statePath string
}

// A linkKeeper keeps the links and ids of a site's pages as a streamed
// render puts them, their bytes not kept: the check then finds each page
// parsed (a page with no bytes is the same as none). A page's links are
// kept in the disk cache as well, by its key, so that a page that did not
// change is neither read nor parsed again.
type linkKeeper struct {
	lc     *linkCache
	prefix string
	disk   *diskcache.Cache
	hrefs  *hrefTable
	// staged reads a page as written, into *buf when it is large enough
	// (growing it, when given, if not).
	staged func(file string, buf *[]byte) ([]byte, error)
}

// hrefTable numbers the hrefs of a streamed build's pages, each kept once:
// most pages link to the same few paths (the menu, the tags, the feeds),
// and every page holding its own copies until the check was a tenth of a
// build's memory.
type hrefTable struct {
	mu     sync.Mutex
	number map[string]uint32
	hrefs  []string
}

// numbers returns the numbers of hrefs, numbering those new to the table.
func (t *hrefTable) numbers(hrefs []string) []uint32 {
	out := make([]uint32, len(hrefs))
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.number == nil {
		t.number = map[string]uint32{}
	}
	for i, h := range hrefs {
		n, ok := t.number[h]
		if !ok {
			// A copy of its own: h is cut from the string of all its
			// page's hrefs (scan), which the table would hold whole.
			h = strings.Clone(h)
			n = uint32(len(t.hrefs))
			t.number[h] = n
			t.hrefs = append(t.hrefs, h)
		}
		out[i] = n
	}
	return out
}

// strings returns the hrefs numbered refs.
func (t *hrefTable) strings(refs []uint32) []string {
	out := make([]string, len(refs))
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, n := range refs {
		out[i] = t.hrefs[n]
	}
	return out
}

func (k *linkKeeper) keep(file string, key page.Key, load func() ([]byte, error)) error {
	p := &pageLinks{key: key, from: k}
	if strings.HasSuffix(file, ".html") {
		dk := linksKey(key)
		// Links the disk holds are read once, by the check (which reads
		// the page if they do not decode): reading them here as well, to
		// let them go, was every unchanged page's links read twice.
		kept := key != (page.Key{}) && k.disk.Keep(dk) // and so kept for the next build
		var data []byte
		if !kept {
			var err error
			data, err = load()
			if errors.Is(err, page.ErrBig) {
				// Written a part at a time: read back, into a buffer kept
				// for the next up to 16 MB (the tag pages and lists of
				// 100,000 posts, 4 to 64 MB each, were read into new ones,
				// half a GB). What is kept of it is copied (scan,
				// scanEncoded).
				bp := bigPages.Get().(*[]byte)
				defer putBuffer(&bigPages, bp, maxBigPage)
				data, err = k.staged(file, bp)
			}
			if err != nil {
				return err
			}
			if key != (page.Key{}) {
				// Encoded as the page is scanned, in a buffer kept for the
				// next page's (Put copies it): no string is made of links
				// read back only by the check (0.9 GB allocated at
				// 100,000 posts), nor a new buffer for each encoding.
				bp := encodings.Get().(*[]byte)
				*bp = scanEncoded(data, (*bp)[:0])
				k.disk.Put(dk, *bp)
				putBuffer(&encodings, bp, maxEncoding)
			}
		}
		if kept || key != (page.Key{}) && k.disk.Has(dk) {
			// Read back for the check (readBack).
			p.file, p.pending = file, true
		} else {
			// Not on the disk (none, or it failed): held in memory.
			hrefs, ids := scan(data)
			p.refs, p.ids = k.hrefs.numbers(hrefs), ids
		}
	}
	k.lc.mu.Lock()
	defer k.lc.mu.Unlock()
	if k.lc.pages == nil {
		k.lc.pages = map[string]*pageLinks{}
	}
	k.lc.pages[k.prefix+file] = p
	return nil
}

// linksKey is the key in the disk cache of the links and ids of the page
// of key.
func linksKey(key page.Key) diskcache.Key {
	return diskcache.Key(sha256.Sum256(append([]byte("links 2\x00"), key[:]...)))
}

// readBack reads back the links and ids of the page file of key, kept
// for the check: from the cache, or failing that, from the page as
// written.
func (k *linkKeeper) readBack(file string, key page.Key) ([]string, idSet, error) {
	// Read into a buffer of the pool's: decode copies what it keeps (a
	// tenth of what the check of 100,000 posts allocated was these reads).
	var q pageLinks
	bp := encodings.Get().(*[]byte)
	b, ok := k.disk.Read(bp, linksKey(key))
	ok = ok && q.decode(b)
	putBuffer(&encodings, bp, maxEncoding)
	if ok {
		return q.hrefs, q.ids, nil
	}
	data, err := k.staged(file, nil)
	if err != nil {
		return nil, nil, err
	}
	hrefs, ids := scan(data)
	return hrefs, ids, nil
}

// bigPages are the buffers that pages written a part at a time are read
// back into, for their links; maxBigPage is the largest kept.
var bigPages = sync.Pool{New: func() any { return new([]byte) }}

const maxBigPage = 16 << 20

// encodings are the buffers pages' links are encoded in for the cache,
// and read back into; maxEncoding is the largest put back.
var encodings = sync.Pool{New: func() any { return new([]byte) }}

const maxEncoding = 1 << 20

// putBuffer puts bp back into pool, unless it grew past max bytes.
func putBuffer(pool *sync.Pool, bp *[]byte, max int) {
	if cap(*bp) <= max {
		pool.Put(bp)
	}
}

// appendValue appends to b one string of a page's encoded links: its
// length, then its bytes (scanEncoded).
func appendValue[S string | []byte](b []byte, s S) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// decode reads what scanEncoded wrote, reporting whether it was whole. The
// hrefs are parts of one string, and the ids of another: a page's hrefs,
// read back for its check, were tens of strings made for each page and
// let go right after; its ids are held to the end of the check, without
// the hrefs.
func (p *pageLinks) decode(b []byte) bool {
	var lists [2][]string
	for i := range lists {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)) {
			return false
		}
		b = b[k:]
		// The list's strings, copied at once: its end found first, then
		// each cut from the copy (b is the caller's to use again).
		at := 0
		for range n {
			l, k := binary.Uvarint(b[at:])
			if k <= 0 || l > uint64(len(b)-at-k) {
				return false
			}
			at += k + int(l)
		}
		whole := string(b[:at])
		lists[i] = make([]string, n)
		at = 0
		for j := range lists[i] {
			l, k := binary.Uvarint(b[at:])
			lists[i][j] = whole[at+k : at+k+int(l)]
			at += k + int(l)
		}
		b = b[at:]
	}
	if len(b) != 0 {
		return false
	}
	p.hrefs, p.ids = lists[0], idSetOf(lists[1])
	return true
}

// sweep forgets pages that are no longer in the sites.
func (lc *linkCache) sweep(res *Result) {
	for k := range lc.pages {
		site, p, _ := strings.Cut(k, "/")
		files := res.Public
		if site == "private" {
			files = res.Private
		}
		if _, ok := files[p]; !ok {
			delete(lc.pages, k)
		}
	}
}

// siteIndex knows a site's files and, through the cache, its pages' links
// and ids.
type siteIndex struct {
	files  map[string][]byte
	cache  map[string]*pageLinks
	prefix string
	base   string // the base URL and path links were resolved against

	// What scanAll found: the pages parsed again, and whether any of
	// them, there before, now has other ids.
	rescanned       map[string]bool
	idsChanged      bool
	idsChangedFiles []string
}

func newSiteIndex(files map[string][]byte, cache map[string]*pageLinks, prefix, base string) *siteIndex {
	return &siteIndex{files: files, cache: cache, prefix: prefix, base: base}
}

// scanAll parses, on every core, the pages whose bytes changed since the
// last check: on a first build, every page.
func (s *siteIndex) scanAll() {
	var todo []string
	key := make([]byte, 0, 256)
	for file, data := range s.files {
		// The cache's key of each file of the site, without a string
		// made for it: 25,000 of them in every rebuild at 10,000 posts.
		key = append(append(key[:0], s.prefix...), file...)
		if !s.cache[string(key)].holds(data) {
			todo = append(todo, file)
		}
	}
	s.parse(todo)
}

// scan is scanAll for a site whose files are those of the last check,
// the same bytes but perhaps those of files.
func (s *siteIndex) scan(files []string) {
	var todo []string
	for _, file := range files {
		if !s.cache[s.prefix+file].holds(s.files[file]) {
			todo = append(todo, file)
		}
	}
	s.parse(todo)
}

// parse parses the pages todo, on every core, into the cache.
func (s *siteIndex) parse(todo []string) {
	pages := make([]*pageLinks, len(todo))
	par.Each(len(todo), func(i int) {
		pages[i] = inMemoryPage(todo[i], s.files[todo[i]])
	})
	s.rescanned = make(map[string]bool, len(todo))
	for i, file := range todo {
		if old := s.cache[s.prefix+file]; old != nil && !slices.Equal(old.ids, pages[i].ids) {
			s.idsChanged = true
			s.idsChangedFiles = append(s.idsChangedFiles, file)
		}
		s.rescanned[file] = true
		s.cache[s.prefix+file] = pages[i]
	}
}

// parsed returns a page's links and ids, parsing it only when its bytes
// changed since the last check.
func (s *siteIndex) parsed(file string) *pageLinks {
	data := s.files[file]
	if p := s.cache[s.prefix+file]; p.holds(data) {
		p.load()
		return p
	}
	p := inMemoryPage(file, data)
	s.cache[s.prefix+file] = p
	return p
}

// check returns why target (an absolute path under base, perhaps with a
// #fragment) does not resolve, or "" when it does.
func (s *siteIndex) check(target, base string) string {
	p, frag, _ := strings.Cut(target, "#")
	p, _, _ = strings.Cut(p, "?") // a query names no other file
	if base == "" {
		base = "/"
	}
	rest, ok := strings.CutPrefix(p, base)
	if !ok {
		// The base path as a browser shows it (/café/ for /caf%C3%A9/), or
		// without its last "/" (/blog, which the server answers).
		if rest, ok = content.CutBase(p, content.PathUnescape(base)); !ok {
			return fmt.Sprintf("outside the site's base path %s", base)
		}
	}
	rel, frag := content.PathUnescape(rest), content.PathUnescape(frag)
	// The file is rel, or its index.html: looked up in a buffer, and
	// made a string only for a fragment to look for in it (every link of
	// every page is checked: a string for each was a tenth of what the
	// check of 100,000 posts allocated).
	var buf [256]byte
	var file []byte
	for _, suffix := range [...]string{"", "index.html", "/index.html"} {
		cand := append(append(buf[:0], rel...), suffix...)
		if string(cand) == "/index.html" {
			cand = cand[1:]
		}
		if len(cand) > 0 && cand[len(cand)-1] == '/' {
			continue
		}
		if _, ok := s.files[string(cand)]; ok {
			file = cand
			break
		}
	}
	if len(file) == 0 {
		return noSuchPage
	}
	if frag != "" && !webaddress.ScriptFragment(frag) && bytes.HasSuffix(file, []byte(".html")) && !s.parsed(string(file)).ids.has(frag) {
		return fmt.Sprintf("no #%s on that page", frag)
	}
	return ""
}

// noSuchPage is why a link to a path that no file answers is broken.
const noSuchPage = "no such page"

// scan returns the href and src values of a page, in order, and its ids.
// It looks for the attributes in the bytes rather than tokenizing the page:
// every generated page quotes its attributes and escapes quotes in text, so
// ` href="` can only start an attribute, and this is many times faster.
//
// The values are cut from two strings, the hrefs' and the ids' (found
// first in scratch buffers kept for the next page): a string for each
// attribute, let go as soon as the page's links were kept, was most of
// what the scan allocated (0.8 GB of a 100,000-post build). A page's
// ids, which the check holds, are not held with its hrefs.
func scan(b []byte) (hrefs []string, ids idSet) {
	sc := scans.Get().(*scanned)
	defer sc.done()
	sc.scan(b)
	return sc.strings(0), idSetOf(sc.strings(1))
}

// scanEncoded appends to dst, for the disk cache, the hrefs and ids that
// scan finds in b, without making strings of them: each list with its
// length, each string with its length (appendValue), the ids as an idSet
// holds them.
func scanEncoded(b, dst []byte) []byte {
	sc := scans.Get().(*scanned)
	defer sc.done()
	sc.scan(b)
	dst = binary.AppendUvarint(dst, uint64(len(sc.ends[0])))
	from := 0
	for _, end := range sc.ends[0] {
		dst = appendValue(dst, sc.vals[0][from:end])
		from = end
	}
	// The ids as an idSet holds them: sorted, each once.
	ids := sc.spans[:0]
	from = 0
	for _, end := range sc.ends[1] {
		ids = append(ids, [2]int{from, end})
		from = end
	}
	val := func(sp [2]int) []byte { return sc.vals[1][sp[0]:sp[1]] }
	slices.SortFunc(ids, func(x, y [2]int) int { return bytes.Compare(val(x), val(y)) })
	ids = slices.CompactFunc(ids, func(x, y [2]int) bool { return bytes.Equal(val(x), val(y)) })
	sc.spans = ids
	dst = binary.AppendUvarint(dst, uint64(len(ids)))
	for _, sp := range ids {
		dst = appendValue(dst, val(sp))
	}
	return dst
}

// done puts sc back into scans, unless it grew past maxScanned.
func (sc *scanned) done() {
	if cap(sc.vals[0])+cap(sc.vals[1])+8*(cap(sc.ends[0])+cap(sc.ends[1]))+16*cap(sc.spans) <= maxScanned {
		scans.Put(sc)
	}
}

// scan finds the values of b's hrefs and srcs (list 0) and ids (list 1),
// in order, each ended in sc.ends. An id is an id attribute's, or the
// name of an anchor (<a name="two">, which browsers go to as they go to
// an id).
func (sc *scanned) scan(b []byte) {
	for k := range sc.vals {
		sc.vals[k], sc.ends[k] = sc.vals[k][:0], sc.ends[k][:0]
	}
	// From one '=' to the next (IndexByte is many times faster than a
	// loop over every byte): an attribute starts where the name before
	// it follows a space, within a tag and not within a quoted value of
	// one. What a script says is not the page's: its text is passed by.
	// Whether an '=' is within a tag is known from what is before it
	// (tagState): text, where the page writes < as &lt;, may hold
	// href='x' (code that builds HTML, whose single quotes the page
	// leaves as they are), which is no link.
	scripts := scriptRanges(b)
	var t tagState
	last := 0 // b before it is read into t, but for values and scripts
	for i := 0; i < len(b); {
		k := bytes.IndexByte(b[i:], '=')
		if k < 0 {
			break
		}
		eq := i + k
		i = eq + 1
		for len(scripts) > 0 && scripts[0][1] <= eq {
			// A script passed by between two ='s: what is before it is
			// read, its text is not.
			if scripts[0][0] > last {
				t.read(b, last, scripts[0][0])
			}
			last = max(last, scripts[0][1])
			scripts = scripts[1:]
		}
		if len(scripts) > 0 && scripts[0][0] <= eq {
			if scripts[0][0] > last {
				t.read(b, last, scripts[0][0])
			}
			i = scripts[0][1]
			last = i
			continue
		}
		t.read(b, last, eq)
		last = eq + 1
		switch {
		case !t.open || t.quote != 0 || t.unquoted:
			continue // a character of text or of a value
		case t.afterEq:
			t.afterEq, t.unquoted = false, true // a value that begins with =
			continue
		}
		t.afterEq = true // a quote next begins the value
		// The name ends before any spaces: href = "x".
		nameEnd := eq
		for nameEnd > 0 && isHTMLSpace(b[nameEnd-1]) {
			nameEnd--
		}
		var name string
		switch {
		case attrBefore(b, nameEnd, t.valueEnd, "href"):
			name = "href"
		case attrBefore(b, nameEnd, t.valueEnd, "src"):
			name = "src"
		case attrBefore(b, nameEnd, t.valueEnd, "id"):
			name = "id"
		case attrBefore(b, nameEnd, t.valueEnd, "name") && anchorAt(b, t.start):
			name = "name"
		default:
			continue
		}
		// The value begins after any spaces (href = "/x/", as HTML
		// allows).
		at := eq + 1
		for at < len(b) && isHTMLSpace(b[at]) {
			at++
		}
		rest := b[at:]
		if len(rest) == 0 || rest[0] == '>' {
			continue
		}
		var v []byte
		if q := rest[0]; q == '"' || q == '\'' {
			end := bytes.IndexByte(rest[1:], q)
			if end < 0 {
				break
			}
			v, i = rest[1:1+end], at+end+2
		} else {
			// Unquoted, as hand-written HTML may have it (<h2 id=intro>):
			// to a space or the tag's end.
			end := bytes.IndexAny(rest, " \t\n\r\f>")
			if end < 0 {
				end = len(rest)
			}
			v, i = rest[:end], at+end
		}
		list := 0
		if name == "id" || name == "name" {
			list = 1
		}
		if bytes.IndexByte(v, '&') < 0 {
			sc.vals[list] = append(sc.vals[list], v...) // as UnescapeString leaves it
		} else {
			sc.vals[list] = append(sc.vals[list], html.UnescapeString(string(v))...)
		}
		sc.ends[list] = append(sc.ends[list], len(sc.vals[list]))
		last = min(i, len(b))
		t.afterEq, t.valueEnd = false, i // the value is read
	}
}

// tagState is whether a scan is within a tag (open), within a quoted
// value of one (quote, the quote that ends it) or an unquoted one, and
// where the tag starts; afterEq is set after an attribute's =, where its
// value begins. A quote begins a value only there: elsewhere in a tag
// (class="x"", alt=don't) it is a character. valueEnd is just past the
// last value read: its closing quote, or at the space that ended it.
type tagState struct {
	open, afterEq, unquoted bool
	quote                   byte
	start, valueEnd         int
}

// isHTMLSpace reports whether c ends an unquoted value.
func isHTMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' }

// read moves t over b[from:to]: a '<' opens a tag, and within one a '>'
// closes it, but in a quoted value (title="1 > 0"), which a quote right
// after an = opens and the same quote closes.
func (t *tagState) read(b []byte, from, to int) {
	for i := from; i < to; {
		switch {
		case !t.open:
			k := bytes.IndexByte(b[i:to], '<')
			if k < 0 {
				return
			}
			t.open, t.quote, t.afterEq, t.unquoted, t.start = true, 0, false, false, i+k
			i += k + 1
		case t.quote != 0:
			k := bytes.IndexByte(b[i:to], t.quote)
			if k < 0 {
				return
			}
			t.quote = 0
			i += k + 1
			t.valueEnd = i
		case t.unquoted:
			k := bytes.IndexAny(b[i:to], " \t\n\r\f>")
			if k < 0 {
				return
			}
			t.unquoted, t.valueEnd = false, i+k
			if b[i+k] == '>' {
				t.open = false
			}
			i += k + 1
		case t.afterEq:
			switch c := b[i]; {
			case isHTMLSpace(c):
			case c == '"' || c == '\'':
				t.quote, t.afterEq = c, false
			case c == '>':
				t.open, t.afterEq = false, false
			default:
				t.afterEq, t.unquoted = false, true
			}
			i++
		default:
			k := bytes.IndexAny(b[i:to], "<>=")
			if k < 0 {
				return
			}
			switch b[i+k] {
			case '>':
				t.open = false
			case '<':
				t.start = i + k
			default:
				t.afterEq = true
			}
			i += k + 1
		}
	}
}

// anchorAt reports whether the tag at b[start:] is an a element's.
func anchorAt(b []byte, start int) bool {
	return len(b) > start+2 && (b[start+1] == 'a' || b[start+1] == 'A') && (b[start+2] == ' ' || b[start+2] == '\n' || b[start+2] == '\t')
}

// scriptRanges returns where the text of b's scripts lies, in order: from
// after the '>' that ends a <script …> tag to the </script that ends it,
// or to b's end. The text between is JavaScript, whose strings may build
// HTML ('<a href="'+url+'">'), none of the page's own links or ids. Tags
// are found as written in lower or upper case (<script>, <SCRIPT>, and
// <Script>: its tail, "cript", is), without a look at quotes.
func scriptRanges(b []byte) [][2]int {
	var out [][2]int
	// Upper case is looked for only in a page that has it at all: each
	// look is a pass over the rest of the page.
	upper := bytes.Contains(b, []byte("CRIPT"))
	for i := 0; i < len(b); {
		k := indexTag(b[i:], "<script", upper)
		if k < 0 {
			break
		}
		open := i + k
		gt := bytes.IndexByte(b[open:], '>')
		if gt < 0 {
			break
		}
		start, end := open+gt+1, len(b)
		if c := indexTag(b[start:], "</script", upper); c >= 0 {
			end = start + c
		}
		out = append(out, [2]int{start, end})
		i = end
	}
	return out
}

// indexTag returns where the tag (lower case, ending in "script") first
// starts in s, as a whole name: followed by a space, '/', '>' or the end.
// It looks for the name's tail, "cript" (and "CRIPT" when upper), which a
// page holds a few times (a description, JavaScript), not at every '<'.
func indexTag(s []byte, tag string, upper bool) int {
	nextUpper := -1 // where the next "CRIPT" is, from the last look
	if upper {
		nextUpper = bytes.Index(s, []byte("CRIPT"))
	}
	for from := 0; ; {
		k := bytes.Index(s[from:], []byte("cript"))
		if nextUpper >= 0 && nextUpper < from {
			// Looked for again only once passed: not from every "cript".
			if nextUpper = bytes.Index(s[from:], []byte("CRIPT")); nextUpper >= 0 {
				nextUpper += from
			}
		}
		if nextUpper >= 0 && (k < 0 || nextUpper-from < k) {
			k = nextUpper - from
		}
		if k < 0 {
			return -1
		}
		tail := from + k + len("cript")
		start := tail - len(tag)
		if start >= 0 && bytes.EqualFold(s[start:tail], []byte(tag)) {
			if tail == len(s) {
				return start
			}
			switch s[tail] {
			case ' ', '\t', '\n', '\r', '\f', '/', '>':
				return start
			}
		}
		from += k + 1
	}
}

// scanned is what scan finds of a page before it makes strings of it:
// the hrefs' and the ids' values, each list's one after another, and
// where each ends.
type scanned struct {
	vals  [2][]byte
	ends  [2][]int
	spans [][2]int // scanEncoded's ids, by where they lie in vals[1]
}

// strings returns list k's values, cut from one string.
func (sc *scanned) strings(k int) []string {
	if len(sc.ends[k]) == 0 {
		return nil
	}
	all := string(sc.vals[k])
	out := make([]string, len(sc.ends[k]))
	from := 0
	for i, end := range sc.ends[k] {
		out[i], from = all[from:end], end
	}
	return out
}

// scans are scan's buffers; maxScanned is the most a kept one holds (a
// page of a hundred thousand links makes a long one). The tag pages of
// 100,000 posts, tens of thousands of links each, grew theirs anew by
// doubling when it was 1 MB: 300 MB.
var scans = sync.Pool{New: func() any { return new(scanned) }}

const maxScanned = 16 << 20

// idSet is a page's ids, sorted, each once. A map for every page, made
// when a page was written and again when its links were read back for
// the check, was most of what the check allocated, and of the memory
// it held at 100,000 posts; a page has a few ids, found by halving.
type idSet []string

// idSetOf makes ids an idSet, in place.
func idSetOf(ids []string) idSet {
	if !slices.IsSorted(ids) {
		slices.Sort(ids)
	}
	return slices.Compact(ids)
}

// has reports whether id is one of s.
func (s idSet) has(id string) bool {
	_, ok := slices.BinarySearch(s, id)
	return ok
}

// attrBefore reports whether name, after a space, a tab or a newline at
// or after from, ends just before b[end]. From is where the tag's last
// value ended: in <p x= id =y> "id" is x's value.
func attrBefore(b []byte, end, from int, name string) bool {
	start := end - len(name)
	if start < 1 || start-1 < from || string(b[start:end]) != name {
		return false
	}
	c := b[start-1]
	return c == ' ' || c == '\n' || c == '\t'
}
