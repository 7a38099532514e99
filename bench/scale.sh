#!/usr/bin/env bash
# scale.sh measures how netjournal's cold build grows from 10,000 posts to
# 100,000 (issue #8's target: at most 11 times the time, under 2 GB) and
# prints the medians, their ratio and the peak memory.
#
#   bench/scale.sh [-H] [-r REPEATS] [SMALL LARGE]
#
# internal/cmd/gensite writes a blog of SMALL posts (default 10000) and
# one of LARGE (default 100000), as compare-hugo.sh's posts-only sites.
# Cold builds of the two alternate, REPEATS times (default 3): each pair
# in the same minutes, since this machine's speed moves from one minute
# to the next by more than the margin. Each pair's ratio is printed as it
# comes, then the median of each size and the ratio of the medians.
# Environment: TMPDIR the folder the work folder is made in (default
# /tmp; /dev/shm keeps the disk out of it), KEEP=1 keeps the work folder.
# It also prints the CPU time of the builds, the program's own (user)
# and the kernel's for it (sys), and how long cp takes to copy what the
# last build of each size wrote, after all the builds: on a virtual machine whose memory is slow
# to touch for the first time, writing ten times the bytes can take much
# more than ten times as long, for any program.
# The default run takes about 5 minutes on 2 cores, and 13 GB of disk
# (or memory, in /dev/shm: the 100,000-post site and what a build of it
# writes, 6.5 GB, and for a moment its copy). Memory held by anything else slows the larger build
# (lib.sh's machine): run it with /dev/shm cleared of other sites.
#
# -H also builds the same posts with Hugo (gensite -hugo, as
# compare-hugo.sh's), cold, in each pair before netjournal's, and prints
# Hugo's ratio beside netjournal's: how this machine's cost grows from
# one size to the other for another generator doing comparable work.
# It takes about 8 minutes more a pair on 2 cores, 0.4 GB more for the
# posts as a Hugo site, and Hugo's build of
# 100,000 posts about 16 GB of memory (netjournal's output and cache are
# removed before it runs; with TMPDIR=/dev/shm, 18 GB in all).
#
# Needs go and /usr/bin/time; installs time from Debian when missing,
# and hugo with -H.
set -euo pipefail

usage() {
	echo "usage: bench/scale.sh [-H] [-r REPEATS] [SMALL LARGE]" >&2
	exit 2
}

repeats=3 hugo=""
while getopts "Hr:h" opt; do
	case $opt in
	H) hugo=1 ;;
	r) repeats=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
small=${1:-10000} large=${2:-100000}
for n in "$repeats" "$small" "$large"; do
	[[ $n =~ ^[1-9][0-9]*$ ]] || usage
done

# shellcheck source=bench/lib.sh
source "$(dirname "$0")/lib.sh"
[[ -x /usr/bin/time ]] || install time
[[ -z $hugo ]] || command -v hugo >/dev/null || install hugo
workdir scale

(cd "$repo" && go build -o "$work/netjournal" ./cmd/netjournal && go build -o "$work/gensite" ./internal/cmd/gensite)
for n in "$small" "$large"; do
	log "$n posts: generating"
	"$work/gensite" -posts "$n" -contacts 0 -events 0 ${hugo:+-hugo "$work/hugo-$n"} "$work/$n"
done
# netjournal's up-to-date check does not trust the times of files written
# less than two seconds before a build (compare-hugo.sh).
sleep 3

# cold N: a cold build of the site of N posts; sets ms, kb, user and sys
# (timed).
cold() {
	local site=$work/$1
	rm -rf "$site/out" "$site/wiki" "$site/.netjournal"
	timed "$work/netjournal" -C "$site" build --now 2026-11-22 --quiet --out out --wiki-out wiki
}

# hugo_cold N: a cold build by Hugo of the same N posts, its output then
# removed; sets ms and kb (timed).
hugo_cold() {
	local site=$work/hugo-$1
	rm -rf "$site/public" "$site/resources"
	HUGO_CACHEDIR=$work/hugo_cache timed hugo --quiet -s "$site"
	rm -rf "$site/public" "$site/resources"
}

# copy N: copies what the last cold build of the site of N posts wrote
# (its two sites and its cache) into a new folder with cp -a (which
# links what the build linked, the spare folders, as the build did): what
# this machine takes to write those files, whoever writes them (timed).
copy() {
	local site=$work/$1
	rm -rf "$work/copy"
	mkdir "$work/copy"
	timed cp -a "$site/out" "$site/wiki" "$site/.netjournal" "$work/copy/"
	rm -rf "$work/copy"
}

# The program measured is the tree's as the run begins.
commit=$(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)
[[ -z $(git -C "$repo" status --porcelain 2>/dev/null) ]] || commit+=" + uncommitted changes"
started=$(date -u '+%Y-%m-%d %H:%M UTC')
smalls="" larges="" peaks=""
users_small="" users_large="" syss_small="" syss_large=""
hugo_smalls="" hugo_larges="" hugo_peaks=""
for ((i = 1; i <= repeats; i++)); do
	if [[ -n $hugo ]]; then
		# What netjournal wrote (2 GB of it its cache) and Hugo's 16 GB
		# do not fit in this machine's memory at once.
		for n in "$small" "$large"; do
			rm -rf "$work/$n/out" "$work/$n/wiki" "$work/$n/.netjournal"
		done
		hugo_cold "$small"
		s=$ms
		hugo_cold "$large"
		hugo_smalls+="$s " hugo_larges+="$ms " hugo_peaks+="$kb "
		log "pair $i of $repeats: hugo $small posts $s ms, $large posts $ms ms ($kb KiB), $(awk -v a="$ms" -v b="$s" 'BEGIN { printf "%.2f", a / b }') times"
	fi
	cold "$small"
	s=$ms users_small+="$user " syss_small+="$sys "
	cold "$large"
	smalls+="$s " larges+="$ms " peaks+="$kb " users_large+="$user " syss_large+="$sys "
	log "pair $i of $repeats: $small posts $s ms, $large posts $ms ms ($kb KiB), $(awk -v a="$ms" -v b="$s" 'BEGIN { printf "%.2f", a / b }') times"
done
# The copies come after the builds, alternating as they did, so that the
# builds run as they always have (6 GB written and let go between them
# would change their conditions).
copies_small="" copies_large=""
for ((i = 1; i <= repeats; i++)); do
	copy "$small"
	copies_small+="$ms "
	copy "$large"
	copies_large+="$ms "
done

ms_small=$(median <<<"$smalls") ms_large=$(median <<<"$larges")
peak=$(tr ' ' '\n' <<<"$peaks" | grep . | sort -n | tail -n 1)
printf '\nnetjournal (%s), cold builds, median of %d\n' "$commit" "$repeats"
printf '%s; %s\n\n' "$started" "$(machine)"
row() { printf '%-16s %s\n' "$1" "$2"; }
row "$small posts" "$(awk -v m="$ms_small" 'BEGIN { printf "%.2f s", m / 1000 }')"
row "$large posts" "$(awk -v m="$ms_large" 'BEGIN { printf "%.2f s", m / 1000 }')"
row "ratio" "$(awk -v a="$ms_large" -v b="$ms_small" 'BEGIN { printf "%.2f", a / b }') (target: at most 11)"
# CPU seconds, the program's own and the kernel's (for it), as medians;
# and the copy of each build's output.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
cpu() { printf '%s s at %s posts, %s s at %s: %s times' "$1" "$small" "$2" "$large" "$(ratio "$2" "$1")"; }
row "user CPU" "$(cpu "$(median <<<"$users_small")" "$(median <<<"$users_large")")"
row "kernel CPU" "$(cpu "$(median <<<"$syss_small")" "$(median <<<"$syss_large")")"
c_small=$(median <<<"$copies_small") c_large=$(median <<<"$copies_large")
row "cp of output" "$(awk -v m="$c_small" 'BEGIN { printf "%.2f s", m / 1000 }') at $small posts, $(awk -v m="$c_large" 'BEGIN { printf "%.2f s", m / 1000 }') at $large: $(ratio "$c_large" "$c_small") times (the machine's own cost of writing what each build wrote)"
row "peak memory" "$(awk -v k="$peak" 'BEGIN { printf "%.2f GB", k * 1024 / 1e9 }') at $large posts (target: under 2 GB)"
if [[ -n $hugo ]]; then
	h_small=$(median <<<"$hugo_smalls") h_large=$(median <<<"$hugo_larges")
	h_peak=$(tr ' ' '\n' <<<"$hugo_peaks" | grep . | sort -n | tail -n 1)
	row "hugo" "$(awk -v m="$h_small" 'BEGIN { printf "%.2f s", m / 1000 }') at $small posts, $(awk -v m="$h_large" 'BEGIN { printf "%.2f s", m / 1000 }') at $large: $(ratio "$h_large" "$h_small") times, peak $(awk -v k="$h_peak" 'BEGIN { printf "%.2f GB", k * 1024 / 1e9 }') ($(hugo version | awk '{print $2}'), the same posts)"
fi
