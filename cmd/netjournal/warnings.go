package main

import (
	"fmt"
	"io"
	"slices"
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
	others := map[key][]int{} // the lines of each message after its first
	first := map[key]bool{}
	for _, e := range warnings {
		k := key{e.Pos.Path, e.Msg}
		if first[k] {
			others[k] = append(others[k], e.Pos.Line)
		}
		first[k] = true
	}
	done := map[key]bool{}
	for _, e := range warnings {
		k := key{e.Pos.Path, e.Msg}
		rest := others[k]
		if len(rest) < sameAtMost {
			fmt.Fprintf(w, "%s: warning: %s\n", e.Pos, e.Msg)
			continue
		}
		if done[k] {
			continue
		}
		done[k] = true
		fmt.Fprintf(w, "%s: warning: %s\n", e.Pos, e.Msg)
		if !slices.ContainsFunc(rest, func(l int) bool { return l > 0 }) {
			fmt.Fprintf(w, "%s: warning: the same %d more times\n", k.path, len(rest))
			continue
		}
		named := make([]string, 0, len(rest))
		for _, l := range rest {
			if l > 0 {
				named = append(named, strconv.Itoa(l))
			}
		}
		fmt.Fprintf(w, "%s: warning: the same at %d more places: lines %s\n", k.path, len(rest), strings.Join(named, ", "))
	}
}
