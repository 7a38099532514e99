//go:build !unix

package build

import "context"

const lockFile = "lock"

// lock is a no-op where flock is not available: two builds of one site at
// once are then the user's to avoid.
func lock(ctx context.Context, site string) (unlock func(), err error) {
	if err := makeWorkDir(site + "/" + WorkDir); err != nil {
		return nil, err
	}
	return func() {}, ctx.Err()
}
