package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/netjournal/netjournal/internal/frontedit"
	"github.com/netjournal/netjournal/internal/journal"
)

// snoozeCmd is `netjournal snooze ana 2w`: a contact put off until a day,
// in its file's snooze_until, every other byte of the file kept.
type snoozeCmd struct{ *env }

const snoozeUsage = `snooze CONTACT DURATION|DATE|off [-C DIR]`

func (c *snoozeCmd) Run(ctx context.Context, args []string) int {
	fs := c.flags("snooze", snoozeUsage)
	var now nowFlag
	fs.Var(&now, "now", "act as if today were `DATE` (YYYY-MM-DD or RFC 3339)")
	pos, code, ok := arguments(fs, args)
	if !ok {
		return code
	}
	if len(pos) != 2 {
		fmt.Fprintf(c.stderr, "netjournal snooze: say whom and until when: netjournal snooze ana 2w (or a date, or off)\n")
		return exitUsage
	}
	j, code := c.journal("snooze", now.time())
	if j == nil {
		return code
	}
	p, err := j.FindContact(pos[0])
	if err != nil {
		var nf *journal.NotFoundError
		if errors.As(err, &nf) && nf.Hint() != "" {
			fmt.Fprintf(c.stderr, "netjournal snooze: no contact is %q (did you mean %q?)\n", pos[0], nf.Hint())
		} else {
			fmt.Fprintf(c.stderr, "netjournal snooze: %v\n", err)
		}
		return exitUsage
	}
	path := c.path(p.Doc().Path)
	if pos[1] == "off" {
		if err := editFile(path, func(f *frontedit.File) error { return f.Delete("snooze_until") }); err != nil {
			fmt.Fprintf(c.stderr, "netjournal snooze: %s: %v\n", p.Doc().Path, err)
			return exitContent
		}
		fmt.Fprintf(c.stdout, "%s: no longer snoozed\n", p.Name)
		return exitOK
	}
	until, err := parseDue(pos[1], j.Today)
	if err != nil {
		fmt.Fprintf(c.stderr, "netjournal snooze: %v\n", err)
		return exitUsage
	}
	if !until.After(j.Today) {
		fmt.Fprintf(c.stderr, "netjournal snooze: %s is not after today (%s)\n", until.Format(time.DateOnly), j.Today.Format(time.DateOnly))
		return exitUsage
	}
	err = editFile(path, func(f *frontedit.File) error {
		return f.Set(f.Root(), "snooze_until", until.Format(time.DateOnly))
	})
	if err != nil {
		fmt.Fprintf(c.stderr, "netjournal snooze: %s: %v\n", p.Doc().Path, err)
		return exitContent
	}
	msg := fmt.Sprintf("%s: snoozed until %s (%s)", p.Name, until.Format(time.DateOnly), journal.Ago(until, j.Today))
	if n := len(p.OpenFollowups()); n > 0 {
		msg += fmt.Sprintf("; %d open %s still due", n, plural(n, "follow-up is", "follow-ups are"))
	}
	fmt.Fprintln(c.stdout, msg)
	return exitOK
}
