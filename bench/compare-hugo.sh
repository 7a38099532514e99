#!/usr/bin/env bash
# compare-hugo.sh measures netjournal against Hugo on generated sites of
# the same posts (issue #8, "netjournal is slower than Hugo") and prints a
# table of medians.
#
#   bench/compare-hugo.sh [-q] [-r REPEATS] [-e EDITS] [SIZE ...]
#
# SIZE is a number of posts (default: 1000 10000). For each size,
# internal/cmd/gensite writes a blog of that many posts twice, as a
# netjournal site and as a Hugo site with a theme doing the same work, and
# a "full journal" of the same posts with SIZE/5 contacts and 2×SIZE
# events for netjournal. Measured, netjournal and Hugo alternating:
#
#   cold build      fresh output (netjournal: out/, wiki/ and .netjournal/
#                   removed; Hugo: public/ and resources/ removed)
#   second build    again, nothing changed (netjournal: its up-to-date
#                   check finds the outputs as the last build left them)
#   one post edited a line appended to one post, then a build (for
#                   netjournal the first after a cold one, which has no
#                   spare output folder to stage in)
#   edited again    another line appended to the same post, then a build
#   full journal    netjournal's cold build of the full journal, against
#                   Hugo's cold build of the posts alone (the same runs as
#                   Hugo's cold build above)
#   peak memory     maximum resident set of the cold builds (/usr/bin/time)
#   serve           `netjournal serve` and `hugo server` (its defaults:
#                   in memory, fast render, live reload) running; a token
#                   appended to a post, its page fetched with curl until the
#                   token is in it: the time from the write to the token
#                   served. "serve: start" is the time from starting the
#                   server to the post served (one run).
#
# Builds are repeated -r times (default 3), edits under serve -e times
# (default 5); the table shows medians. One run at 10,000 posts moved
# with the machine's minute by more than any ratio's margin (the same
# binary's cold build 11.75 s and 18.11 s half an hour apart). -q is a
# quick run: 300 posts, 3 repeats, 3 edits. Environment: KEEP=1 keeps
# the work folder (printed), PORT is the first port tried (default
# 18313), TMPDIR the folder the work folder is made in (default /tmp):
# TMPDIR=/dev/shm runs both programs on a memory file system, out of
# the way of a disk slow to create files (README, Performance). The
# default run takes about 12 minutes on 2 cores.
#
# Needs go, curl, /usr/bin/time and Hugo; installs Hugo and time from
# Debian (apt-get) when they are missing.
set -euo pipefail

usage() {
	echo "usage: bench/compare-hugo.sh [-q] [-r REPEATS] [-e EDITS] [SIZE ...]" >&2
	exit 2
}

repeats="" edits=5 quick=""
while getopts "qr:e:h" opt; do
	case $opt in
	q) quick=1 ;;
	r) repeats=$OPTARG ;;
	e) edits=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
sizes=("$@")
if [[ -n $quick ]]; then
	[[ ${#sizes[@]} -gt 0 ]] || sizes=(300)
	repeats=${repeats:-3}
	edits=3
fi
[[ ${#sizes[@]} -gt 0 ]] || sizes=(1000 10000)
for n in "${sizes[@]}" "${repeats:-1}" "$edits"; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || usage
done

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
command -v hugo >/dev/null || install hugo
[[ -x /usr/bin/time ]] || install time
command -v curl >/dev/null || install curl

workdir compare-hugo

# The build code may be mid-change in this checkout: retry a failed build.
for try in 1 2 3 4 5; do
	if (cd "$repo" && go build -o "$work/netjournal" ./cmd/netjournal && go build -o "$work/gensite" ./internal/cmd/gensite); then
		break
	fi
	[[ $try -lt 5 ]] || { log "go build failed"; exit 1; }
	log "go build failed; retrying in a minute"
	sleep 60
done
nj=$work/netjournal

# Results: values[ROW|TOOL] holds the runs' numbers; rows are the rows in
# the order defined, units[ROW] their unit (ms or kb).
declare -A values units
rows=()
define() { # ROW UNIT
	rows+=("$1")
	units[$1]=$2
}
record() { values[$1|$2]+="$3 "; } # ROW TOOL VALUE

nj_build() { timed "$nj" -C "$1" build --now 2026-11-22 --quiet --out out --wiki-out wiki; }
# Hugo's cache in the work folder, not in $TMPDIR/hugo_cache, where it
# would stay after the run.
hugo_build() { HUGO_CACHEDIR=$work/hugo_cache timed hugo --quiet -s "$1"; }
nj_clean() { rm -rf "$1/out" "$1/wiki" "$1/.netjournal"; }
hugo_clean() { rm -rf "$1/public" "$1/resources"; }

# edit FILE TOKEN appends a line holding TOKEN to a post.
edit() { printf '\nEdited: %s.\n' "$2" >>"$1"; }

free_port() {
	local p=$1
	while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do
		p=$((p + 1))
	done
	echo "$p"
}

# wait_for URL TEXT SECONDS: fetch URL until its body holds TEXT.
wait_for() {
	local deadline=$((SECONDS + $3))
	until curl -s --max-time 5 "$1" 2>/dev/null | grep -qF -- "$2"; do
		if ((SECONDS > deadline)); then
			log "timed out waiting for $2 at $1"
			return 1
		fi
		sleep 0.02
	done
}

# serve N NJSITE HUGOSITE SLUG: starts both servers, then times edits.
serve() {
	local n=$1 site=$2 hsite=$3 slug=$4 p1 p2 t0 t1 i tool token
	p1=$(free_port "${PORT:-18313}")
	log "$n posts: netjournal serve on port $p1"
	t0=$(date +%s%N)
	"$nj" -C "$site" serve --port "$p1" --now 2026-11-22 >"$work/nj-serve.log" 2>&1 &
	pids+=($!)
	local njpid=$!
	wait_for "http://127.0.0.1:$p1/posts/$slug/" "</html>" 1200 || { tail "$work/nj-serve.log" >&2; exit 1; }
	t1=$(date +%s%N)
	record "$n posts: serve: start to first page" netjournal $(((t1 - t0) / 1000000))
	p2=$(free_port $((p1 + 1)))
	log "$n posts: hugo server on port $p2"
	t0=$(date +%s%N)
	(cd "$hsite" && HUGO_CACHEDIR=$work/hugo_cache exec hugo server --port "$p2" --bind 127.0.0.1 --baseURL "http://127.0.0.1/" --disableFastRender=false) >"$work/hugo-serve.log" 2>&1 &
	pids+=($!)
	local hugopid=$!
	wait_for "http://127.0.0.1:$p2/posts/$slug/" "</html>" 1200 || { tail "$work/hugo-serve.log" >&2; exit 1; }
	t1=$(date +%s%N)
	record "$n posts: serve: start to first page" Hugo $(((t1 - t0) / 1000000))
	for ((i = 1; i <= edits; i++)); do
		for tool in netjournal Hugo; do
			token="token-$tool-$n-$i-$RANDOM$RANDOM"
			local port=$p1 file=$site/content/posts/$slug.md
			[[ $tool == Hugo ]] && port=$p2 file=$hsite/content/posts/$slug.md
			t0=$(date +%s%N)
			edit "$file" "$token"
			if ! wait_for "http://127.0.0.1:$port/posts/$slug/" "$token" 300; then
				continue # no number for this edit: the table shows the others
			fi
			t1=$(date +%s%N)
			record "$n posts: serve: edit to new text served" "$tool" $(((t1 - t0) / 1000000))
			sleep 1 # let the server settle: live reload, a second rebuild
		done
	done
	kill "$njpid" "$hugopid" 2>/dev/null || true
	wait "$njpid" "$hugopid" 2>/dev/null || true
}

started=$(date -u '+%Y-%m-%d %H:%M UTC')
for n in "${sizes[@]}"; do
	r=${repeats:-3}
	site=$work/$n/netjournal hsite=$work/$n/hugo full=$work/$n/full
	log "$n posts: generating"
	"$work/gensite" -posts "$n" -contacts 0 -events 0 -hugo "$hsite" "$site"
	"$work/gensite" -posts "$n" -contacts $((n / 5)) -events $((2 * n)) "$full"
	# netjournal's up-to-date check does not trust the times of files
	# written less than two seconds before a build: as a user's sources,
	# written a while ago.
	sleep 3
	# The post to edit: a public one in the middle, the same in both.
	slug=""
	for f in $(ls "$hsite/content/posts" | tail -n +$((n / 2))); do
		if ! grep -q '^draft:' "$hsite/content/posts/$f"; then
			slug=${f%.md}
			break
		fi
	done
	all="$n posts + $((n / 5)) contacts + $((2 * n)) events"
	define "$n posts: cold build" ms
	define "$n posts: second build, nothing changed" ms
	define "$n posts: one post edited, build" ms
	define "$n posts: the post edited again, build" ms
	define "$all: cold build (Hugo: the posts)" ms
	define "$n posts: peak memory, cold build" kb
	define "$all: peak memory (Hugo: the posts)" kb
	define "$n posts: serve: start to first page" ms
	define "$n posts: serve: edit to new text served" ms
	for ((i = 1; i <= r; i++)); do
		log "$n posts: builds, run $i of $r"
		nj_clean "$site"
		nj_build "$site"
		record "$n posts: cold build" netjournal $ms
		record "$n posts: peak memory, cold build" netjournal $kb
		hugo_clean "$hsite"
		hugo_build "$hsite"
		record "$n posts: cold build" Hugo $ms
		record "$n posts: peak memory, cold build" Hugo $kb
		# Hugo builds the posts alone against the full journal: these runs.
		record "$all: cold build (Hugo: the posts)" Hugo $ms
		record "$all: peak memory (Hugo: the posts)" Hugo $kb

		nj_build "$site"
		record "$n posts: second build, nothing changed" netjournal $ms
		hugo_build "$hsite"
		record "$n posts: second build, nothing changed" Hugo $ms

		edit "$site/content/posts/$slug.md" "build-$i"
		nj_build "$site"
		record "$n posts: one post edited, build" netjournal $ms
		edit "$hsite/content/posts/$slug.md" "build-$i"
		hugo_build "$hsite"
		record "$n posts: one post edited, build" Hugo $ms

		# The next save: netjournal now stages in the output the last
		# build replaced (its spare), as every build after the first
		# after a cold one does.
		edit "$site/content/posts/$slug.md" "again-$i"
		nj_build "$site"
		record "$n posts: the post edited again, build" netjournal $ms
		edit "$hsite/content/posts/$slug.md" "again-$i"
		hugo_build "$hsite"
		record "$n posts: the post edited again, build" Hugo $ms

		log "$n posts: full journal, run $i of $r"
		nj_clean "$full"
		nj_build "$full"
		record "$all: cold build (Hugo: the posts)" netjournal $ms
		record "$all: peak memory (Hugo: the posts)" netjournal $kb
	done
	serve "$n" "$site" "$hsite" "$slug"
	rm -rf "${work:?}/$n"
done

show() { # VALUE UNIT
	[[ -n $1 ]] || { echo -; return; }
	case $2 in
	ms) if (($(printf '%.0f' "$1") >= 1000)); then printf '%.2f s' "$(echo "$1" | awk '{print $1 / 1000}')"; else printf '%.0f ms' "$1"; fi ;;
	kb) printf '%.0f MB' "$(echo "$1" | awk '{print $1 / 1024}')" ;;
	esac
}

commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(git -C "$repo" status --porcelain 2>/dev/null) ]] || commit+=" + uncommitted changes"
echo
echo "netjournal ($commit) vs $(hugo version | awk '{print $1, $2}')"
echo "$started; $(machine)"
echo "builds: median of ${repeats:-3} runs; serve: median of $edits edits"
echo
fmt='%-72s %12s %12s %8s\n'
printf "$fmt" measurement netjournal Hugo ratio
for row in "${rows[@]}"; do
	a=$(echo "${values[$row|netjournal]:-}" | median)
	b=$(echo "${values[$row|Hugo]:-}" | median)
	ratio=$(awk -v a="$a" -v b="$b" 'BEGIN { if (a != "" && b > 0) printf "%.2f", a / b; else print "-" }')
	printf "$fmt" "$row" "$(show "$a" "${units[$row]}")" "$(show "$b" "${units[$row]}")" "$ratio"
done
