package main

import (
	"bytes"
	"context"
	"testing"
)

func BenchmarkTmpCLISecond(b *testing.B) {
	build := func() {
		var out, errb bytes.Buffer
		if code := run(context.Background(), []string{"-C", "/tmp/g10k", "build", "--now", "2026-11-22", "--quiet"}, nil, &out, &errb); code != 0 {
			b.Fatal(errb.String())
		}
	}
	build()
	b.ResetTimer()
	for range b.N {
		build()
	}
}
