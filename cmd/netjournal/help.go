package main

import (
	"fmt"
	"io"
)

func help(w io.Writer) {
	fmt.Fprint(w, `netjournal turns a folder of Markdown notes about your professional network
into a public blog (public/) and a private relationship wiki (private/).

usage: netjournal [-C DIR] COMMAND [flags]

commands:
  build     write public/ and private/ from content/ and netjournal.yaml
  serve     serve the blog and the wiki on 127.0.0.1:1313, rebuilding and
            reloading the browser on every save
  check     validate the site and its links; write nothing
  followups whom you owe a message today: overdue follow-ups, contacts due
            by cadence, favours to return (--within 14d, --json)
  log       capture an interaction in one line: log coffee ana "what you
            talked about" --promise "send the doc" --due 3d --gave "an intro"
  done      close a follow-up by its number in followups, or by a search
  snooze    put off a contact until a date: snooze ana 2w
  new       write a contact, event, post or page with its front matter
            (new event "Coffee with Ana" --with ana-lima), or a site (new site DIR)
  import    create or update contacts from a vCard file (import vcard FILE.vcf)
            or LinkedIn's export (import linkedin Connections.csv); bring a
            Hugo or Jekyll blog's posts, pages and static files, each old
            address redirected (import hugo DIR, import jekyll DIR); --dry-run
  export    print follow-ups as iCalendar (export ics) or contacts as
            vCard 3.0 (export vcard [--circle C] [--tag T] [--notes])
  version   print the version
  help      print this help

Run "netjournal COMMAND -h" for a command's flags. -C DIR runs in another site
folder. Exit codes: 0 success, 1 content errors (printed as path:line: message),
2 bad usage.
`)
}
