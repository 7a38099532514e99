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
  version   print the version
  help      print this help

Run "netjournal COMMAND -h" for a command's flags. -C DIR runs in another site
folder. Exit codes: 0 success, 1 content errors (printed as path:line: message),
2 bad usage.
`)
}
