package main

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/netjournal/netjournal/internal/content"
)

// sameAtMost is how many times one message of one file is written out in
// full; past it, the others' lines are named on one line, every one.
const sameAtMost = 3

// printWarnings writes warnings to w, each as path:line: warning: message,
// in their order. A message that one file has at more than sameAtMost
// places (a blog whose every paragraph has a style= that a page cannot
// keep: a real one had thousands) is written at its first, followed by
// one line that names the others: every warning is still there, and the
// ones that differ are not lost among them.
func printWarnings(w io.Writer, warnings content.ErrorList) {
	type key struct{ path, msg string }
	lines := map[key][]int{} // each message's lines, in order
	for _, e := range warnings {
		k := key{e.Pos.Path, e.Msg}
		lines[k] = append(lines[k], e.Pos.Line)
	}
	for _, e := range warnings {
		k := key{e.Pos.Path, e.Msg}
		all, ok := lines[k]
		if !ok {
			continue // written at its first place, with the others
		}
		fmt.Fprintf(w, "%s: warning: %s\n", e.Pos, e.Msg)
		if len(all) <= sameAtMost {
			continue
		}
		delete(lines, k)
		rest := all[1:]
		var named []string
		for _, l := range rest {
			if l > 0 {
				named = append(named, strconv.Itoa(l))
			}
		}
		if len(named) == 0 {
			fmt.Fprintf(w, "%s: warning: the same %d more times\n", k.path, len(rest))
			continue
		}
		fmt.Fprintf(w, "%s: warning: the same at %d more places: lines %s\n", k.path, len(rest), strings.Join(named, ", "))
	}
}
