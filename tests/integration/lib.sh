# SPDX-License-Identifier: MIT
# Helpers for integration tests. A test file defines functions named t_*, then
# calls run_tests. Each test runs in its own subshell and temp dir; a failed
# assertion ends it. Tests that need the kernel recorder call need_kernel: under
# CI (CI set) a missing recorder is a failure, never a skip.

OUT=${OUT:-build}
ROOT=$PWD
HYTRACE=$PWD/$OUT/hytrace
. "$(dirname "${BASH_SOURCE[0]}")/sud.sh"
GUESTS=$PWD/$OUT/tests/guests
RESULTS=${RESULTS:-/dev/null}
TIMEOUT=${TIMEOUT:-60}
# BACKEND=guest runs hy() with --backend=guest (make test-guest), BACKEND=ptrace
# with --backend=ptrace (run.sh's second passes); empty: the default (`auto`)
BACKEND=${BACKEND:-}
# With it, every call of the guest goes through a tool that holds it
# (tests/plugins/passthrough.c): the guest backend is then really used, since a
# run whose tools hold nothing needs nothing in the guest and runs under ptrace.
BACKEND_OPT=()
[ -n "$BACKEND" ] && BACKEND_OPT=(--backend="$BACKEND")
[ "$BACKEND" = guest ] && BACKEND_OPT+=(--tool "$PWD/$OUT/tests/plugins/passthrough.so")
# GUEST_REWRITE=1 (with BACKEND=guest, by hand: CI has no time for it): the
# passthrough holds the process calls only, and the sites of all the others
# are rewritten (--guest-rewrite), so the guests run through rewritten sites.
[ "$BACKEND" = guest ] && [ -n "${GUEST_REWRITE:-}" ] &&
	BACKEND_OPT+=(--tool-opt set=%process --guest-rewrite)


# A test of what only the ptrace backend does (signal-delivery lines, on_signal,
# a plugin's file-scope statics seen from on_end): under BACKEND=guest it says
# so and is counted as a skip, with the reason (docs/writing-tools.md lists them).
ptrace_only() { # reason
	[ "$BACKEND" = guest ] && skip "guest backend: $1"
	return 0
}

fail() {
	echo "  assertion failed: $*" >&2
	exit 1
}

skip() {
	echo "$*" >"$T/.skip"
	exit 0
}

# hy [hytrace args...]: run hytrace with its log in a file (-o), so guest output
# stays apart. As with strace -f -o, every log line starts with the task's id:
# $T/raw is the log as written, $T/out the same without that column. Guest
# output in $T/stdout and $T/stderr, the exit status in $RC.
hy() {
	RC=0
	timeout -k 5 "$TIMEOUT" "$HYTRACE" "${BACKEND_OPT[@]}" -o "$T/raw" "$@" >"$T/stdout" 2>"$T/stderr" || RC=$?
	[ "$RC" -eq 124 ] && fail "hytrace timed out after ${TIMEOUT}s: $*"
	strip_tids
	return 0
}

# $T/out: $T/raw without its task-id column. Most logs are a few lines: those
# by the shell's builtins, a large one by sed (a process is ~25 ms in an
# emulated VM, and a test runs hytrace several times).
strip_tids() {
	local buf l out="" re='^[0-9]+ +' lines=()
	if ! { IFS= read -r -d '' -N 16385 buf || [ -n "$buf" ]; } 2>/dev/null <"$T/raw"; then
		: >"$T/out"
		return 0
	fi
	if [ ${#buf} -gt 16384 ]; then
		sed -E 's/^[0-9]+ +//' "$T/raw" >"$T/out"
		return 0
	fi
	mapfile -t lines <<<"${buf%$'\n'}"
	for l in "${lines[@]}"; do
		[[ $l =~ $re ]] && l=${l:${#BASH_REMATCH[0]}}
		out+=$l$'\n'
	done
	# a last line without its newline stays so, as with sed
	[[ $buf == *$'\n' ]] || out=${out%$'\n'}
	printf '%s' "$out" >"$T/out"
}

# static_guest NAME [AS]: the static build of tests/guests/NAME.c that make
# links (tests/guests/static/; a static link took ~2.5 s of a test in an
# emulated VM), copied into the test's directory as AS (default NAME).
static_guest() {
	cp "$GUESTS/static/$1" "$T/${2:-$1}" || fail "no $GUESTS/static/$1 (make test-deps builds it)"
}

# m32_guest NAME [AS]: the 32-bit guest make built from tests/guests/m32/NAME.c,
# copied into the test's directory as AS; a skip, with the compiler's reason,
# where the toolchain has no i386 support.
m32_guest() {
	[ -x "$GUESTS/m32/$1" ] ||
		skip "no 32-bit toolchain (gcc-multilib): $(head -1 "$GUESTS/m32/$1.err" 2>/dev/null)"
	cp "$GUESTS/m32/$1" "$T/${2:-$1}" || fail "cannot copy $GUESTS/m32/$1"
}

# RDTSC's interception where the machine faults on RDTSC after PR_SET_TSC;
# elsewhere (a hypervisor that ignores it) hytrace says so in one line.
need_tsc_faulting() {
	hy --tool "$ROOT/$OUT/tests/plugins/tsc_fixed.so" -- /bin/true
	assert_status 0
	if grep -q 'RDTSC does not fault on this machine' "$T/stderr"; then
		skip "no RDTSC faulting here: $(grep -o 'RDTSC does not fault.*' "$T/stderr" | head -1)"
	fi
}

# Lines of the log made by a task other than the main one (children, threads);
# the main one is the last to exit in these guests.
child_lines() { # extended-regex
	local first
	first=$(grep -E '^[0-9]+ +\+\+\+ (exited|killed)' "$T/raw" | awk 'END {print $1}')
	awk -v p="$first" '$1 != p' "$T/raw" | sed -E 's/^[0-9]+ +//' | grep -E -- "$1"
}

assert_child_count() { # extended-regex expected-count
	local n
	n=$(child_lines "$1" | wc -l)
	[ "$n" -eq "$2" ] || fail "$n lines of child tasks match /$1/, expected $2"
}

# hy_raw [args...]: run hytrace without -o (for CLI error tests).
hy_raw() {
	RC=0
	timeout -k 5 "$TIMEOUT" "$HYTRACE" "$@" >"$T/stdout" 2>"$T/stderr" || RC=$?
	return 0
}

# The probe runs once per run of tests/run.sh (its answer in $KPROBE, under
# $HY_PROBES), or once per file run alone: each hytrace start costs a BTF
# parse and a verification, ~1.5 s in an emulated 7.x. Two lanes may probe at
# once: the answer is put in place whole.
# Whether new processes get no address randomisation (vmtest boots its TCG VMs
# with norandmaps): a static program's dynamic child then stays on ptrace
# (user/ptrace/exec_runtime.c: its code would land where the static one's was).
# The kernel recorder runs the classic tracepoint programs (after 6.18, or
# HYTRACE_TRACEPOINTS=classic: user/tracepoint_family.c), whose signal records
# have no siginfo: the guest backend's signal lines then show si_pid=0.
tracepoints_classic() {
	[ "${HYTRACE_TRACEPOINTS:-}" = classic ] && return 0
	[ "${HYTRACE_TRACEPOINTS:-}" = btf ] && return 1
	local v major minor
	v=$(uname -r)
	major=${v%%.*}
	minor=${v#*.}
	minor=${minor%%[!0-9]*}
	[ "$major" -gt 6 ] || { [ "$major" -eq 6 ] && [ "$minor" -gt 18 ]; }
}

aslr_off() {
	[ "$(cat /proc/sys/kernel/randomize_va_space 2>/dev/null)" = 0 ] ||
		(($(printf '%d' "0x$(cat /proc/self/personality)") & 0x0040000)) # setarch -R
}

# The end of hytrace's line about a static program (of either class) run
# under ptrace on the guest backend, as a regular expression: whether a
# dynamic 64-bit program it executes goes to the guest backend (above)
static_fate() {
	if aslr_off; then
		echo 'it runs under ptrace \(its forks too\), and so does every program it executes: without address randomization a dynamic one could land where its code is'
	else
		echo 'it runs under ptrace \(its forks too\), a dynamic 64-bit program it executes on the guest backend'
	fi
}

need_kernel() {
	if [ ! -s "$KPROBE" ]; then
		if "$HYTRACE" -c -o /dev/null -- /bin/true 2>"$KPROBE.err.$$" && ! grep -q 'unavailable' "$KPROBE.err.$$"; then
			echo yes >"$KPROBE.$$"
		else
			{ echo no; cat "$KPROBE.err.$$"; } >"$KPROBE.$$"
		fi
		mv -f "$KPROBE.$$" "$KPROBE"
		rm -f "$KPROBE.err.$$"
	fi
	[ "$(head -1 "$KPROBE")" = yes ] && return 0
	if [ -n "${CI:-}" ]; then
		fail "the kernel recorder must work under CI: $(sed 1d "$KPROBE")"
	fi
	skip "kernel recorder unavailable: $(sed -n 2p "$KPROBE")"
}

# i386 code needs the kernel's ia32 emulation, which a kernel may have off
# (ia32_emulation=0, or a hypervisor without it: int 0x80 then ends in
# SIGSEGV and a 32-bit exec in ENOEXEC). Judged by running the guest natively,
# so a machine without it skips and the VMs of vmtest still run these tests.
need_ia32() {
	"$GUESTS/int80" >/dev/null 2>&1 ||
		skip "this kernel runs no i386 code (ia32 emulation off: the int80 guest fails natively)"
}

assert_status() { # expected
	[ "$RC" -eq "$1" ] || fail "exit status $RC, expected $1 (stderr: $(head -3 "$T/stderr"))"
}

assert_line() { # file exact-line
	grep -qxF -- "$2" "$1" || fail "no line '$2' in $(basename "$1"):
$(head -40 "$1")"
}

assert_match() { # file extended-regex (whole line)
	grep -qxE -- "$2" "$1" || fail "no line matching /$2/ in $(basename "$1"):
$(head -40 "$1")"
}

assert_no_match() { # file extended-regex
	! grep -qE -- "$2" "$1" || fail "unexpected line matching /$2/ in $(basename "$1"): $(grep -E -- "$2" "$1" | head -3)"
}

assert_count() { # file extended-regex expected-count
	local n
	n=$(grep -cE -- "$2" "$1") || : # grep -c exits 1 when it counts 0: not an error here
	[ "$n" -eq "$3" ] || fail "$n lines match /$2/ in $(basename "$1"), expected $3"
}

# Every line of a --json log or record is one JSON object: nothing else may
# end up in the file (hytrace's own notes go to stderr then).
assert_json_lines() { # file
	python3 - "$1" <<'PY' || fail "$(basename "$1") is not JSON Lines"
import json, sys
for n, line in enumerate(open(sys.argv[1]), 1):
    try:
        assert isinstance(json.loads(line), dict)
    except Exception:
        sys.exit(f"line {n} is no JSON object: {line.rstrip()[:200]}")
PY
}

# A column (calls or errors) of a syscall in the -c/-C summary.
summary_field() { # file syscall column(calls|errors)
	# columns: %time total avg min max calls [errors] name
	awk -v sc="$2" -v col="$3" '$NF == sc && $1 ~ /^[0-9.]+$/ {
		if (NF == 8) { calls = $6; errors = $7 } else { calls = $6; errors = 0 }
		print (col == "calls" ? calls : errors); exit }' "$1"
}

# Kill what a test left running (a guest of a test that failed half-way, say):
# every process whose working directory is still the test's.
reap() { # dir
	local p
	# -ef (same inode) is a bash builtin: a readlink process per task cost
	# ~0.3 s per test on the host and ~1 s in an emulated VM
	for p in /proc/[0-9]*; do
		[ "$p/cwd" -ef "$1" ] && kill -KILL "${p#/proc/}" 2>/dev/null
	done
	return 0
}

# Whether tests/integration/host_only keeps test FILE/NAME out of vmtest's VMs
# (said once, with the reason, and not counted: make test runs it). The list is
# read once per file: an awk per test was ~50 ms of each test in an emulated VM.
declare -A HOST_ONLY=()
host_only() {
	local name why
	if [ -z "${HOST_ONLY[.read]:-}" ]; then
		HOST_ONLY[.read]=1
		while read -r name why; do
			[[ "$name" == "#"* ]] || [ -z "$why" ] || HOST_ONLY[$name]=$why
		done <"$ROOT/tests/integration/host_only"
	fi
	[ -n "${HOST_ONLY[$1]:-}" ] || return 1
	echo "not in VMs: $1: ${HOST_ONLY[$1]}"
}

run_tests() {
	local file t status t0 took
	file=$(basename "$0" .sh)${BACKEND:+[$BACKEND]}
	if [ -n "${HY_PROBES:-}" ]; then
		KPROBE=$HY_PROBES/kernel
	else
		KPROBE=$(mktemp -u)
		trap 'rm -f "$KPROBE"' EXIT
	fi
	# The tests' directories made at once, removed one by one as each test
	# ends: a process costs ~20-50 ms in an emulated VM, and the harness's own
	# (an mktemp, a tee and an awk per test) were ~0.25 s of every test there.
	local base tests=() dirs=()
	for t in $(declare -F | awk '{print $3}' | grep '^t_'); do
		[ -n "${ONLY:-}" ] && [[ "$t" != *"$ONLY"* ]] && continue
		if [ -n "${VMTEST:-}" ] && [ -z "${ONLY:-}" ] && host_only "$file/$t"; then
			continue
		fi
		tests+=("$t")
	done
	[ ${#tests[@]} -gt 0 ] || return 0
	base=$(mktemp -d)
	dirs=("${tests[@]/#/$base/}")
	# each test's own as mktemp -d makes it; a test may open it to another user
	mkdir -m 700 "${dirs[@]}" && chmod 755 "$base"
	for t in "${tests[@]}"; do
		T=$base/$t
		t0=${EPOCHREALTIME/./}
		(set -e; cd "$T"; "$t") >"$T/.log" 2>&1
		status=$?
		reap "$T"
		# how long each test took: vmtest's slow emulated kernels show where time goes
		took=$((${EPOCHREALTIME/./} - t0))
		printf -v took '%d.%ds' $((took / 1000000)) $((took / 100000 % 10))
		if [ -f "$T/.skip" ]; then
			result "skip $file/$t: $(<"$T/.skip")"
		elif [ "$status" -eq 0 ]; then
			result "ok   $file/$t $took"
		else
			result "FAIL $file/$t $took"
			sed 's/^/    /' "$T/.log" | head -60
		fi
		rm -rf "$T"
	done
	rm -rf "$base"
}

# A test's result line, on the output and in $RESULTS (builtins: no tee)
result() {
	echo "$1"
	echo "$1" >>"$RESULTS"
}
