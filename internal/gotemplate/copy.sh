#!/usr/bin/env bash
# copy.sh copies text/template, html/template and internal/fmtsort from a
# Go installation's sources into this folder and applies netjournal's
# changes (netjournal.patch). Run it to move the copy to a new Go release:
#
#   internal/gotemplate/copy.sh [GOROOT]
#
# then run `go test ./internal/gotemplate/...` and read README.md. The
# patch is a diff -ruN from the copy made by the script's first half
# (COPY_ONLY=1 stops there) to the changed one, leaving out netjournal's
# own code, in files named netjournal*.go, which the script leaves as they
# are, and the files of this folder itself. Needs patch and sha256sum
# (Debian: apt-get install -y patch coreutils).
set -euo pipefail
cd "$(dirname "$0")"
goroot=${1:-$(go env GOROOT)}
src=$goroot/src
mod=github.com/netjournal/netjournal/internal/gotemplate

# Everything but netjournal's own files (netjournal*.go) is the copy's.
find text html internal -type f ! -name 'netjournal*.go' -delete 2>/dev/null || true
mkdir -p text/testdata html/testdata internal/fmtsort
copy() { # copy FROM TO: the package's Go files and test data
	for f in "$src/$1"/*.go; do
		case $(basename "$f") in
		link_test.go) ;; # builds a program with the go command (internal/testenv)
		*) cp "$f" "$2/" ;;
		esac
	done
	if [[ -d $src/$1/testdata ]]; then cp "$src/$1"/testdata/* "$2/testdata/"; fi
}
copy text/template text
copy html/template html
copy internal/fmtsort internal/fmtsort
cp "$goroot/LICENSE" LICENSE
# What was copied, by hash: TestCopyIsCurrent fails when the Go the tests
# run with has other sources (a security fix to html/template, say).
(cd "$src" && sha256sum text/template/*.go text/template/testdata/* html/template/*.go html/template/testdata/* internal/fmtsort/*.go | grep -v ' text/template/link_test.go$') >sources.sum
chmod -R u+w text html internal LICENSE
sed -i -E \
	-e "s#^(\t|import )([a-z._]+ )?\"text/template\"#\1\2\"$mod/text\"#" \
	-e "s#^(\t|import )([a-z._]+ )?\"html/template\"#\1\2\"$mod/html\"#" \
	-e "s#^(\t|import )([a-z._]+ )?\"internal/fmtsort\"#\1\2\"$mod/internal/fmtsort\"#" \
	text/*.go html/*.go internal/fmtsort/*.go
gofmt -w text html internal
[[ -n ${COPY_ONLY:-} ]] && exit 0
patch -p1 --no-backup-if-mismatch <netjournal.patch
gofmt -l text html internal | { ! grep .; }
