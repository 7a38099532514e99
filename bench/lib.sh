# lib.sh is what the benchmark scripts share: source it, then call
# workdir NAME once. It defines log, install and workdir, and sets repo
# to the repository's root.

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

# install PACKAGE: apt-get, as root or through sudo.
install() {
	log "installing $1 from Debian"
	local sudo=""
	[[ $(id -u) -eq 0 ]] || sudo=sudo
	$sudo apt-get install -y "$1" >/dev/null || { $sudo apt-get update >/dev/null && $sudo apt-get install -y "$1" >/dev/null; }
}

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# workdir NAME makes the work folder, work, in TMPDIR (default /tmp), and
# at exit stops the processes whose ids are in pids and removes it (KEEP=1
# keeps it, and says where).
workdir() {
	available=$(awk '/MemAvailable/ {printf "%.1f", $2 / 1048576}' /proc/meminfo)
	work=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
	pids=()
	trap cleanup EXIT
	trap 'exit 130' INT TERM
}

# machine prints the machine a run was on: its cores, their model, its
# memory and what was available as the run began (workdir). Memory held
# elsewhere counts: with 7 GB of other sites left in /dev/shm, the build
# of 100,000 posts took 13.2 times the 10,000-post one; with them gone,
# 11.1 and 12.2 times, on the same machine and program (bench/scale.sh).
machine() {
	printf '%s cores: %s; %s GB RAM, %s GB available at the start\n' "$(nproc)" \
		"$(grep -m 1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')" \
		"$(awk '/MemTotal/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)" "$available"
}

cleanup() {
	local pid
	for pid in "${pids[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	if [[ -n ${KEEP:-} ]]; then
		log "kept $work"
	else
		rm -rf "$work"
	fi
}

# timed COMMAND...: runs it, setting ms (wall time), kb (peak memory),
# and user and sys (the CPU seconds it spent in itself and in the kernel).
timed() {
	local t0 t1
	t0=$(date +%s%N)
	if ! /usr/bin/time -f '%M %U %S' -o "$work/rss" "$@" >"$work/out" 2>&1; then
		cat "$work/out" >&2
		log "failed: $*"
		exit 1
	fi
	t1=$(date +%s%N)
	ms=$(((t1 - t0) / 1000000))
	read -r kb user sys < <(tail -n 1 "$work/rss")
}

# median reads numbers, one or more to a line, and prints their median.
median() {
	tr ' ' '\n' | grep . | sort -n | awk '{v[NR] = $1} END {
		if (NR == 0) exit
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
