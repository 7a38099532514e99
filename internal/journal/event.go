package journal

import (
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/content"
)

// Event is a journal entry with its people resolved.
type Event struct {
	*content.Event
	body

	With          []*Contact
	InitiatedBy   *Contact // nil when the user reached out, or unknown
	InitiatedByMe bool
	Gave          []*Favour
	Received      []*Favour
	Followups     []*Followup
	Shared        []*Share
	Backlinks     []*Backlink
}

func (e *Event) NodeKind() Kind          { return KindEvent }
func (e *Event) Slug() string            { return e.Event.Slug }
func (e *Event) Title() string           { return e.Event.Title }
func (e *Event) Doc() *content.Doc       { return &e.Event.Doc }
func (e *Event) addBacklink(b *Backlink) { e.Backlinks = append(e.Backlinks, b) }

// Planned reports whether the event is still to come: a plan does not count
// as contact until its date has passed.
func (e *Event) Planned(today time.Time) bool { return e.Date.Day().After(today) }

// Favour is a favour done in one direction.
type Favour struct {
	Event   *Event
	Contact *Contact
	What    string
	Given   bool // the user did it for Contact; else Contact did it for the user
	Pos     content.Position
}

// Followup is a promised next step.
type Followup struct {
	Event  *Event
	Who    *Contact // may be nil
	Due    time.Time
	What   string
	Done   bool
	DoneOn time.Time
	Pos    content.Position
	Index  int // its place in its event's followups, from 0
}

// Ref names the follow-up for the command line, stably: its event's
// slug and its place in the event's list, from 1 ("2026-11-12-coffee#2").
func (f *Followup) Ref() string { return fmt.Sprintf("%s#%d", f.Event.Slug(), f.Index+1) }

// Whom names the people the follow-up concerns: its who, else everyone
// at its event, else the event's title.
func (f *Followup) Whom() string {
	if f.Who != nil {
		return f.Who.Name
	}
	var names []string
	for _, c := range f.Event.With {
		names = append(names, c.Name)
	}
	if len(names) == 0 {
		return f.Event.Title()
	}
	return strings.Join(names, ", ")
}

// Open reports whether the follow-up is not done.
func (f *Followup) Open() bool { return !f.Done }

// Overdue reports whether it is open and past its due date.
func (f *Followup) Overdue(today time.Time) bool {
	return !f.Done && !f.Due.IsZero() && f.Due.Before(today)
}

// DueWithin reports whether it is open and due within d (overdue included).
func (f *Followup) DueWithin(today time.Time, d content.Duration) bool {
	return !f.Done && !f.Due.IsZero() && !f.Due.After(d.After(today))
}

// DaysOverdue is how many days past due it is (negative: days left).
func (f *Followup) DaysOverdue(today time.Time) int { return days(f.Due, today) }

// before orders open before done, then by due date (undated last).
func (f *Followup) before(g *Followup) bool {
	if f.Done != g.Done {
		return !f.Done
	}
	if f.Due.IsZero() != g.Due.IsZero() {
		return !f.Due.IsZero()
	}
	return f.Due.Before(g.Due)
}

func open(fs []*Followup) []*Followup {
	var out []*Followup
	for _, f := range fs {
		if f.Open() {
			out = append(out, f)
		}
	}
	return out
}

// Share is an article or opportunity the user passed on.
type Share struct {
	Event *Event // nil when it comes from a post's shared_with
	Post  *Post  // the post shared, when the link names one
	URL   string // the link when it is a URL
	With  []*Contact
	Note  string
	Date  time.Time
}

// Title is what was shared, for lists.
func (s *Share) Title() string {
	if s.Post != nil {
		return s.Post.Title()
	}
	return s.URL
}

func (j *Journal) contactRef(e *Event, key, ref string, errs *content.ErrorList) *Contact {
	n, err := j.Resolve(ref, KindContact)
	if err != nil {
		var nf *NotFoundError
		if parts := strings.Split(ref, ","); errors.As(err, &nf) && len(parts) > 1 && !slices.ContainsFunc(parts, func(p string) bool {
			_, err := j.Resolve(strings.TrimSpace(p), KindContact)
			return err != nil
		}) {
			// with: mei-chen, kwame-mensah: a list written as one text.
			errs.Add(e.Pos(key), "%s: unknown contact %q: for several, write a list: [%s]", fieldName(key), ref, strings.Join(trimmed(parts), ", "))
			return nil
		}
		errs.Add(e.Pos(key), "%s: %v", fieldName(key), err)
		return nil
	}
	return n.(*Contact)
}

// trimmed is parts without the spaces around each.
func trimmed(parts []string) []string {
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = strings.TrimSpace(p)
	}
	return out
}

// fieldName turns "followups[1].who" into "followups.who" for messages.
func fieldName(key string) string {
	var b strings.Builder
	skip := false
	for _, r := range key {
		switch {
		case r == '[':
			skip = true
		case r == ']':
			skip = false
		case !skip:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (j *Journal) linkEvent(e *Event, errs *content.ErrorList) {
	seen := map[*Contact]bool{}
	for i, ref := range e.Event.With {
		c := j.contactRef(e, key("with", i), ref, errs)
		if c == nil {
			continue
		}
		if seen[c] {
			errs.Add(e.Pos(key("with", i)), "with: %s is listed twice", c.Name)
			continue
		}
		seen[c] = true
		e.With = append(e.With, c)
		c.Timeline = append(c.Timeline, e)
	}
	switch strings.ToLower(strings.TrimSpace(e.Event.InitiatedBy)) {
	case "":
	case "me":
		e.InitiatedByMe = true
	default:
		e.InitiatedBy = j.contactRef(e, "initiated_by", e.Event.InitiatedBy, errs)
	}
	for i, g := range e.Event.Gave {
		k := key("gave", i) + ".to"
		if g.To == "" {
			continue // missing: the load said so ("unknown contact \"\"" said it again)
		}
		if c := j.contactRef(e, k, g.To, errs); c != nil {
			f := &Favour{Event: e, Contact: c, What: g.What, Given: true, Pos: e.Pos(k)}
			e.Gave = append(e.Gave, f)
			c.Gave = append(c.Gave, f)
		}
	}
	for i, r := range e.Event.Received {
		k := key("received", i) + ".from"
		if r.From == "" {
			continue // missing: the load said so
		}
		if c := j.contactRef(e, k, r.From, errs); c != nil {
			f := &Favour{Event: e, Contact: c, What: r.What, Pos: e.Pos(k)}
			e.Received = append(e.Received, f)
			c.Received = append(c.Received, f)
		}
	}
	for i, fu := range e.Event.Followups {
		f := &Followup{Event: e, Due: fu.Due.Day(), What: fu.What, Done: fu.Done.Done, Pos: e.Pos(key("followups", i)), Index: i}
		if !fu.Due.IsSet() {
			f.Due = time.Time{}
		}
		if fu.Done.On.IsSet() {
			f.DoneOn = fu.Done.On.Day()
		}
		if fu.Who != "" && !strings.EqualFold(strings.TrimSpace(fu.Who), "me") {
			f.Who = j.contactRef(e, key("followups", i)+".who", fu.Who, errs)
		}
		e.Followups = append(e.Followups, f)
		switch {
		case f.Who != nil:
			f.Who.Followups = append(f.Who.Followups, f)
		default:
			// A follow-up for no one in particular concerns everyone met.
			for _, c := range e.With {
				c.Followups = append(c.Followups, f)
			}
		}
	}
	for i, sh := range e.Event.Shared {
		s := &Share{Event: e, Note: sh.Note, Date: e.Date.Day()}
		if content.IsURL(sh.Link) {
			s.URL = sh.Link
			// Sharing the article of a link post is passing that post on.
			s.Post = j.postSharing(sh.Link)
		} else if sh.Link != "" {
			n, err := j.Resolve(sh.Link, KindPost)
			if err != nil {
				errs.Add(e.Pos(key("shared", i)+".link"), "shared.link: expected a URL or a post: %v", err)
			} else {
				s.Post = n.(*Post)
			}
		}
		for k, ref := range sh.With {
			if c := j.contactRef(e, fmt.Sprintf("shared[%d].with[%d]", i, k), ref, errs); c != nil {
				s.With = append(s.With, c)
				c.Shared = append(c.Shared, s)
			}
		}
		e.Shared = append(e.Shared, s)
		if s.Post != nil {
			s.Post.Shares = append(s.Post.Shares, s)
		}
	}
}

// postSharing returns the link post that shares the article at u, if any.
func (j *Journal) postSharing(u string) *Post {
	if j.linkPosts == nil {
		j.linkPosts = map[string]*Post{}
		for _, p := range j.Posts {
			if p.Link != "" {
				if _, dup := j.linkPosts[sameURL(p.Link)]; !dup {
					j.linkPosts[sameURL(p.Link)] = p
				}
			}
		}
	}
	return j.linkPosts[sameURL(u)]
}

// sameURL folds the spellings of one address: the scheme and host's case,
// a final slash, a fragment.
func sameURL(s string) string {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil {
		return s
	}
	u.Scheme, u.Host, u.Fragment = strings.ToLower(u.Scheme), strings.ToLower(u.Host), ""
	u.Path = strings.TrimSuffix(u.Path, "/")
	return u.String()
}

func key(list string, i int) string { return fmt.Sprintf("%s[%d]", list, i) }

// Followups returns every follow-up: open ones first by due date (undated
// last), then done ones, most recently done first.
func (j *Journal) Followups() []*Followup {
	var out []*Followup
	for _, e := range j.Events {
		out = append(out, e.Followups...)
	}
	sort.SliceStable(out, func(a, b int) bool {
		f, g := out[a], out[b]
		if f.Done != g.Done {
			return !f.Done
		}
		if f.Done && !f.DoneOn.Equal(g.DoneOn) {
			return f.DoneOn.After(g.DoneOn) // recently done first
		}
		if f.Due.IsZero() != g.Due.IsZero() {
			return !f.Due.IsZero()
		}
		if !f.Due.Equal(g.Due) {
			return f.Due.Before(g.Due)
		}
		if !f.Event.Date.Equal(g.Event.Date.Time) {
			return f.Event.Date.Before(g.Event.Date.Time)
		}
		if f.Event.Slug() != g.Event.Slug() {
			return f.Event.Slug() < g.Event.Slug()
		}
		return strings.ToLower(f.What) < strings.ToLower(g.What)
	})
	return out
}
