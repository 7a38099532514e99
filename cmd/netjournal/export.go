package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/netjournal/netjournal/internal/calendar"
	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/journal"
	"github.com/netjournal/netjournal/internal/vcard"
)

// exportCmd is `netjournal export ics|vcard`: the private data, on stdout,
// in formats other programs read.
type exportCmd struct{ *env }

const exportUsage = "export ics [-C DIR] [--now DATE]\n       netjournal export vcard [-C DIR] [--circle NAME]... [--tag TAG]... [--notes]"

func (c *exportCmd) Run(ctx context.Context, args []string) int {
	if len(args) == 0 {
		fmt.Fprintf(c.stderr, "usage: netjournal %s\n", exportUsage)
		return exitUsage
	}
	switch args[0] {
	case "ics":
		return c.ics(args[1:])
	case "vcard":
		return c.vcard(args[1:])
	case "-h", "-help", "--help":
		fmt.Fprintf(c.stderr, "usage: netjournal %s\n", exportUsage)
		return exitOK
	}
	fmt.Fprintf(c.stderr, "netjournal export: unknown format %q: want ics or vcard\n", args[0])
	return exitUsage
}

// ics writes the calendar of follow-ups and cadence dates, the same as
// the build's private/followups.ics.
func (c *exportCmd) ics(args []string) int {
	fs := c.flags("export ics", "export ics [-C DIR] [--now DATE]")
	var now nowFlag
	fs.Var(&now, "now", "act as if today were `DATE` (YYYY-MM-DD or RFC 3339)")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	j, code := c.journal("export ics", now.time())
	if j == nil {
		return code
	}
	if _, err := c.stdout.Write(calendar.ICS(j)); err != nil {
		fmt.Fprintf(c.stderr, "netjournal export ics: %v\n", err)
		return exitContent
	}
	return exitOK
}

// vcard writes contacts as vCard 3.0, for a phone or an address book,
// photos included.
func (c *exportCmd) vcard(args []string) int {
	fs := c.flags("export vcard", "export vcard [-C DIR] [--circle NAME]... [--tag TAG]... [--notes]")
	var circles, tags listFlag
	notes := false
	fs.Var(&circles, "circle", "only contacts in circle `NAME` (repeat for several circles)")
	fs.Var(&tags, "tag", "only contacts tagged `TAG` (repeat: a contact must have every tag)")
	fs.BoolVar(&notes, "notes", false, "include each contact's notes as NOTE")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	j, code := c.journal("export vcard", time.Now()) // contact details do not depend on the day
	if j == nil {
		return code
	}
	for _, name := range circles {
		if j.Config.Circle(name) == nil {
			fmt.Fprintf(c.stderr, "netjournal export vcard: unknown circle %q: use one of %s\n", name, j.Config.CircleNames())
			return exitUsage
		}
	}
	var out []*content.Contact
	for _, ct := range j.Contacts {
		if selected(ct, circles, tags) {
			out = append(out, ct.Contact)
		}
	}
	host := siteHost(j.Config)
	// A photo that cannot be read is left out, with the warning the build
	// gives.
	photos, warnings := content.ReadPhotos(os.DirFS(c.dir), out)
	printWarnings(c.stderr, warnings)
	if err := vcard.Write(c.stdout, out, vcard.Options{Notes: notes, Host: host, Photos: photos}); err != nil {
		fmt.Fprintf(c.stderr, "netjournal export vcard: %v\n", err)
		return exitContent
	}
	if len(out) == 0 {
		fmt.Fprintln(c.stderr, "netjournal export vcard: no contacts match")
	}
	return exitOK
}

// selected reports whether a contact is in one of circles (if any are
// given) and has every one of tags. Tags compare as the wiki groups them:
// "Go" is "go", but "C++" is not "C".
func selected(c *journal.Contact, circles, tags []string) bool {
	if len(circles) > 0 {
		in := false
		for _, name := range circles {
			in = in || strings.EqualFold(c.Circle, name)
		}
		if !in {
			return false
		}
	}
	for _, t := range tags {
		has := false
		for _, ct := range c.Tags {
			has = has || journal.SameTag(ct, t)
		}
		if !has {
			return false
		}
	}
	return true
}

// listFlag is a flag that may be given several times; each value may also
// be a comma-separated list.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	for _, v := range strings.Split(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			*l = append(*l, v)
		}
	}
	return nil
}

// siteHost is the host of the site's base_url, which the UIDs export
// vcard makes end in (contactfile.ExportUID).
func siteHost(cfg *content.Config) string {
	if u, err := url.Parse(cfg.BaseURL); err == nil {
		return u.Host
	}
	return ""
}
