// Command gensite writes a generated netjournal site of any size, and the
// same blog as a Hugo site, for measuring netjournal against Hugo (issue
// #8; bench/compare-hugo.sh runs it). The same flags give the same bytes;
// package gensite says what a site holds.
//
//	go run ./internal/cmd/gensite [-seed N] [-posts N] [-contacts N] [-events N] [-hugo DIR2] DIR
package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/netjournal/netjournal/internal/gensite"
)

func main() { os.Exit(run(os.Args[1:], os.Stderr)) }

func run(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("gensite", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gensite [-seed N] [-posts N] [-contacts N] [-events N] [-hugo DIR2] DIR")
		fs.PrintDefaults()
	}
	seed := fs.Uint64("seed", 8, "random `seed`: the same seed writes the same site")
	posts := fs.Int("posts", 1000, "number of posts")
	contacts := fs.Int("contacts", 200, "number of contacts")
	events := fs.Int("events", 2000, "number of events")
	hugo := fs.String("hugo", "", "also write the public posts as a Hugo site in `DIR2`")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() != 1 || *posts < 0 || *contacts < 0 || *events < 0 {
		fs.Usage()
		return 2
	}
	if *events > 0 && *contacts == 0 {
		fmt.Fprintln(stderr, "gensite: events need contacts: give -contacts")
		return 2
	}
	if *contacts > gensite.MaxContacts() {
		fmt.Fprintf(stderr, "gensite: at most %d contacts, for their names to differ\n", gensite.MaxContacts())
		return 2
	}
	s := gensite.Generate(*seed, *posts, *contacts, *events)
	err := gensite.Write(fs.Arg(0), s.Netjournal())
	if err == nil && *hugo != "" {
		err = gensite.Write(*hugo, s.Hugo())
	}
	if err != nil {
		fmt.Fprintf(stderr, "gensite: %v\n", err)
		return 1
	}
	return 0
}
