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
// ones that differ are not lost among them. So is one that more than
// sameAtMost files have, past its first files.
func printWarnings(w io.Writer, warnings content.ErrorList) {
	type key struct{ path, msg string }
	lines := map[key][]int{}       // each message's lines, in order
	files := map[string][]string{} // each message's files, in order
	for _, e := range warnings {
		k := key{e.Pos.Path, e.Msg}
		if _, ok := lines[k]; !ok {
			files[e.Msg] = append(files[e.Msg], e.Pos.Path)
		}
		lines[k] = append(lines[k], e.Pos.Line)
	}
	// A message that more than sameAtMost files have (an imported blog's
	// every post with a style= a page cannot keep: a real one's 350
	// lines, each with the same hint) is written for the first files, and
	// on one line naming every place of the others.
	beyond := map[key]bool{}
	last := map[key]bool{} // the last file written in full of such a message
	for msg, fs := range files {
		if len(fs) > sameAtMost+1 { // one more is written in full
			for _, f := range fs[sameAtMost:] {
				beyond[key{f, msg}] = true
			}
			last[key{fs[sameAtMost-1], msg}] = true
		}
	}
	// others names the places of the files past the first of msg: a
	// file's lines, or the file alone where the warning has no line (a
	// page's), with how many.
	others := func(msg string) string {
		var places []string
		for _, f := range files[msg][sameAtMost:] {
			all := lines[key{f, msg}]
			var named []string
			for _, l := range all {
				if l > 0 {
					named = append(named, f+":"+strconv.Itoa(l))
				}
			}
			switch {
			case len(named) > 0:
				places = append(places, named...)
			case len(all) > 1:
				places = append(places, fmt.Sprintf("%s (%d times)", f, len(all)))
			default:
				places = append(places, f)
			}
		}
		return fmt.Sprintf("warning: the same in %d more files: %s\n", len(files[msg])-sameAtMost, strings.Join(places, ", "))
	}
	written := map[key]int{} // lines written of each message of a file
	done := map[key]bool{}   // written at its first place, with the others
	for _, e := range warnings {
		k := key{e.Pos.Path, e.Msg}
		if beyond[k] || done[k] {
			continue // named on the line after its last file written in full
		}
		all := lines[k]
		fmt.Fprintf(w, "%s: warning: %s\n", e.Pos, e.Msg)
		written[k]++
		if len(all) > sameAtMost {
			done[k] = true
			rest := all[1:]
			var named []string
			for _, l := range rest {
				if l > 0 {
					named = append(named, strconv.Itoa(l))
				}
			}
			if len(named) == 0 {
				fmt.Fprintf(w, "%s: warning: the same %d more times\n", k.path, len(rest))
			} else {
				fmt.Fprintf(w, "%s: warning: the same at %d more places: lines %s\n", k.path, len(rest), strings.Join(named, ", "))
			}
		}
		// The other files' line goes right after the last one written in
		// full: placed where the first of them sorted, it followed
		// another message (a real import's "the same in 12 more files"
		// of an <iframe> came under a target= one).
		if last[k] && (done[k] || written[k] == len(all)) {
			fmt.Fprint(w, others(e.Msg))
		}
	}
}
