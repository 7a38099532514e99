package scaffold

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/netjournal/netjournal/internal/build"
	"github.com/netjournal/netjournal/internal/content"
)

const config = "title: T\nbase_url: https://example.com/\n"

// load reads one document as netjournal would, strictly.
func load(t *testing.T, path string, data []byte) *content.Site {
	t.Helper()
	site, err := content.Load(fstest.MapFS{
		content.ConfigFile: {Data: []byte(config)},
		path:               {Data: data},
	})
	if err != nil {
		t.Fatalf("%s does not load: %v\n%s", path, err, data)
	}
	return site
}

func TestContact(t *testing.T) {
	day := time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC)
	bare := Contact{Name: "Ana Lima", Circles: []string{"core", "active"}}
	if got := bare.Path(); got != "content/contacts/ana-lima.md" {
		t.Errorf("path = %q", got)
	}
	c := load(t, bare.Path(), bare.File()).Contacts[0]
	if c.Name != "Ana Lima" || c.Circle != "" || c.Met != nil {
		t.Errorf("a bare contact should hold only its name: %+v", c)
	}
	full := Contact{Name: `Dr. "Ana": Lima #1`, Company: "Yes", Role: "true", Email: []string{"a@x.example", "b@y.example"},
		Tags: []string{"a, b", "mentor"}, Circle: "core", Met: day, Reviewed: day}
	c = load(t, "content/contacts/x.md", full.File()).Contacts[0]
	if c.Name != full.Name || c.Company != "Yes" || c.Role != "true" || c.Circle != "core" {
		t.Errorf("values did not survive YAML: %+v", c)
	}
	if !reflect.DeepEqual([]string(c.Email), full.Email) || !reflect.DeepEqual([]string(c.Tags), full.Tags) {
		t.Errorf("lists did not survive YAML: %v %v", c.Email, c.Tags)
	}
	if c.Met == nil || !c.Met.Date.Day().Equal(day) || !c.Reviewed.Day().Equal(day) {
		t.Errorf("met and reviewed should be %s: %+v", day, c)
	}
}

func TestEvent(t *testing.T) {
	e := Event{Title: "Coffee with Ana", Date: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), With: []string{"ana-lima"}}
	if got := e.Path(); got != "content/events/2026-11-20-coffee-with-ana.md" {
		t.Errorf("path = %q", got)
	}
	site, err := content.Load(fstest.MapFS{
		content.ConfigFile:             {Data: []byte(config)},
		e.Path():                       {Data: e.File()},
		"content/contacts/ana-lima.md": {Data: []byte("---\nname: Ana Lima\n---\n")},
	})
	if err != nil {
		t.Fatalf("%v\n%s", err, e.File())
	}
	ev := site.Events[0]
	if ev.Title != e.Title || ev.Date.String() != "2026-11-20" || ev.Kind != "coffee" || len(ev.With) != 1 || ev.With[0] != "ana-lima" {
		t.Errorf("got %+v", ev)
	}
	if ev := load(t, "content/events/x.md", Event{Title: "Lisbon summit", Date: e.Date}.File()).Events[0]; ev.Kind != "" {
		t.Errorf("kind guessed from %q: %q", ev.Title, ev.Kind)
	}
}

func TestPost(t *testing.T) {
	p := Post{Title: "Idempotency: a contract", Date: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Link: "https://example.org/a"}
	if got := p.Path(); got != "content/posts/idempotency-a-contract.md" {
		t.Errorf("path = %q", got)
	}
	got := load(t, p.Path(), p.File()).Posts[0]
	if got.Title != p.Title || !got.Draft || got.Link != p.Link {
		t.Errorf("a new post is a draft with its title and link: %+v", got)
	}
}

// TestSite: a new site builds without an error or a warning, today and a
// year later, and its private example stays out of public/.
func TestSite(t *testing.T) {
	today := time.Date(2026, 11, 20, 15, 0, 0, 0, time.UTC)
	fsys := fstest.MapFS{}
	for p, b := range Site(`My "notes"`, `Maya "O" Okafor`, today) {
		fsys[p] = &fstest.MapFile{Data: b}
	}
	for _, now := range []time.Time{today, today.AddDate(1, 0, 0)} {
		res, err := build.Render(fsys, build.Options{Now: now})
		if err != nil {
			t.Fatalf("%s: %v", now, err)
		}
		if len(res.Warnings) > 0 {
			t.Errorf("%s: warnings: %v", now, res.Warnings)
		}
		if _, ok := res.Public["posts/hello-world/index.html"]; !ok {
			t.Error("the example post is not published")
		}
		for p, b := range res.Public {
			if strings.Contains(string(b), "Sam Rivera") || strings.Contains(p, "notes-from-sam") {
				t.Errorf("private example reached public/%s", p)
			}
		}
		if res.Journal.Config.Title != `My "notes"` {
			t.Errorf("title = %q", res.Journal.Config.Title)
		}
	}
}
