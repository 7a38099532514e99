package main

import (
	"context"
	"fmt"
	"runtime/debug"
)

// version is set at release time with -ldflags "-X main.version=v1.2.3".
var version = ""

type versionCmd struct{ *env }

func (c *versionCmd) Run(ctx context.Context, args []string) int {
	fs := c.flags("version", "version")
	if code, ok := parse(fs, args); !ok {
		return code
	}
	v := version
	if v == "" {
		v = "(devel)"
		if info, ok := debug.ReadBuildInfo(); ok && info.Main.Version != "" {
			v = info.Main.Version
		}
	}
	fmt.Fprintf(c.stdout, "netjournal %s\n", v)
	return exitOK
}
