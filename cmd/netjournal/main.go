// Command netjournal turns a folder of Markdown notes about a professional
// network into a public blog and a private relationship wiki.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"time"

	"github.com/netjournal/netjournal/internal/build"
	"github.com/netjournal/netjournal/internal/content"
	"github.com/netjournal/netjournal/internal/memlimit"
)

// Exit codes, as the spec gives them, and the shell's for an interrupt.
const (
	exitOK          = 0
	exitContent     = 1
	exitUsage       = 2
	exitInterrupted = 130 // 128 + SIGINT
)

func main() {
	// A soft limit on memory, which a build of 100,000 posts would pass
	// by 0.4 GB without: the collector then runs sooner as the heap nears
	// it, and the limit stretches for a site whose live heap needs more.
	memlimit.Start(memlimit.Budget)
	ctx, cancel := context.WithCancel(context.Background())
	// The first Ctrl-C (or SIGTERM) cancels ctx: a build stops, leaves the
	// output as it was and removes its staging; a server shuts down. A
	// second one exits at once; the next build clears what is left.
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-signals
		cancel()
		<-signals
		os.Exit(exitInterrupted)
	}()
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	cancel()
	os.Exit(code)
}

// env is what every command gets: its streams and the site folder.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	dir            string // the site folder (-C), "." by default
}

// command is one netjournal subcommand.
type command interface {
	Run(ctx context.Context, args []string) int
}

// usageError is bad usage: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, dir: "."}
	// -C DIR may come before the command, as with git and make.
	for len(args) >= 2 && args[0] == "-C" {
		e.dir, args = args[1], args[2:]
	}
	if len(args) == 0 {
		help(e.stderr)
		return exitUsage
	}
	var cmd command
	switch args[0] {
	case "build":
		cmd = &buildCmd{env: e}
	case "check":
		cmd = &buildCmd{env: e, check: true}
	case "serve":
		cmd = &serveCmd{env: e}
	case "followups":
		cmd = &followupsCmd{env: e}
	case "log":
		cmd = &logCmd{env: e}
	case "done":
		cmd = &doneCmd{env: e}
	case "snooze":
		cmd = &snoozeCmd{env: e}
	case "new":
		cmd = &newCmd{env: e}
	case "import":
		cmd = &importCmd{env: e}
	case "export":
		cmd = &exportCmd{env: e}
	case "version", "--version", "-version":
		cmd = &versionCmd{env: e}
	case "help", "-h", "-help", "--help":
		help(e.stdout)
		return exitOK
	default:
		fmt.Fprintf(e.stderr, "netjournal: unknown command %q\n\n", args[0])
		help(e.stderr)
		return exitUsage
	}
	return cmd.Run(ctx, args[1:])
}

// flags returns a flag set for a command that prints its usage on stderr,
// with -C DIR bound to the site folder.
func (e *env) flags(name, usage string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(dashes{e.stderr})
	fs.StringVar(&e.dir, "C", e.dir, "run in site folder `DIR`")
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "usage: netjournal %s\n\nflags:\n", usage)
		printFlags(e.stderr, fs)
	}
	return fs
}

// printFlags lists the flags as the README writes them: --port, and -C
// for the one-letter flag, with their argument and default.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		arg, help := flag.UnquoteUsage(f)
		line := "  " + dash(f.Name)
		if arg != "" {
			line += " " + arg
		}
		line += "\n    \t" + strings.ReplaceAll(help, "\n", "\n    \t")
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "." {
			line += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintln(w, line)
	})
}

// dash is a flag's name as typed: -C, --port.
func dash(name string) string {
	if len(name) == 1 {
		return "-" + name
	}
	return "--" + name
}

// dashes writes the flag package's messages with flags named as typed:
// "flag provided but not defined: --nope".
type dashes struct{ w io.Writer }

var flagInMessage = regexp.MustCompile(`((?:not defined|for flag|needs an argument): )-(\w\w)`)

func (d dashes) Write(p []byte) (int, error) {
	if _, err := d.w.Write(flagInMessage.ReplaceAll(p, []byte("$1--$2"))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// parse parses args, reporting bad usage as exit 2 (and help as 0).
func parse(fs *flag.FlagSet, args []string) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK, false
		}
		return exitUsage, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "netjournal %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		return exitUsage, false
	}
	return 0, true
}

// path resolves p against the site folder, as if netjournal had started there.
func (e *env) path(p string) string {
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(e.dir, p)
}

// report prints content problems, one per line, sorted, and returns the
// exit code: 1 for content problems, else 1 with the error as it is.
func (e *env) report(err error) int {
	var failed *build.Failed
	if errors.As(err, &failed) {
		// First, so that the count of errors ends the output.
		printWarnings(e.stderr, failed.Warnings)
	}
	var list content.ErrorList
	if errors.As(err, &list) {
		list.Sort()
		for _, p := range list {
			fmt.Fprintln(e.stderr, p.Error())
		}
		fmt.Fprintf(e.stderr, "%d %s\n", len(list), plural(len(list), "error", "errors"))
		return exitContent
	}
	fmt.Fprintf(e.stderr, "netjournal: %v\n", err)
	return exitContent
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// nowFlag is a --now flag: a date or RFC 3339 time standing in for the clock.
type nowFlag struct{ t time.Time }

func (n *nowFlag) String() string {
	if n.t.IsZero() {
		return ""
	}
	return n.t.Format(time.RFC3339)
}

func (n *nowFlag) Set(s string) error {
	d, err := content.ParseDate(s)
	if err != nil {
		return err
	}
	n.t = d.Time
	return nil
}

func (n *nowFlag) time() time.Time {
	if n.t.IsZero() {
		return time.Now()
	}
	return n.t
}
