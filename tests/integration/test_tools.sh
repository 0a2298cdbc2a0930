#!/bin/bash
# SPDX-License-Identifier: MIT
# The example tool plugins (tools/*.c) on real guests, a plugin built out of tree
# against the installed library, and broken plugins refused with one line.
. "$(dirname "$0")/lib.sh"

TOOLS=$ROOT/$OUT/tools

one_line() {
	[ "$(wc -l <"$T/stderr")" -eq 1 ] || fail "expected one error line, got: $(cat "$T/stderr")"
}

# A file of at least 64 bytes, what io_faults reads.
data_file() {
	seq 1000 1100 >"$T/data"
}

count_chars() { # string chars
	local s=${1//[^$2]/}
	echo ${#s}
}

# ---- chaos ----

chaos() { # tool options...
	local opts=() o
	for o in "$@"; do opts+=(--tool-opt "$o"); done
	hy --tool "$TOOLS/chaos.so" "${opts[@]}" -- "$GUESTS/io_faults" "$T/data" 100 fork
	assert_status 0
	report=$(head -1 "$T/stdout")
}

t_chaos_seed_reproducible() {
	data_file
	# the rounds run in a forked child: its calls do not depend on the loader
	local first failed
	chaos syscalls=openat,read rate=0.2 seed=7 skip=10
	first=$report
	assert_match "$T/stdout" '[.or]{100} errno=5'
	failed=$(($(count_chars "${report% *}" o) + $(count_chars "${report% *}" r)))
	# the number the seed gives: a change here breaks the replay of users' runs
	[ "$failed" -eq 38 ] || fail "seed 7 failed $failed calls, expected 38: $report"
	assert_match "$T/out" "chaos: seed 7: $failed of [0-9]+ calls EIO"
	assert_count "$T/out" '= -1 EIO \(Input/output error\)' "$failed"
	chaos syscalls=openat,read rate=0.2 seed=7 skip=10
	[ "$report" = "$first" ] || fail "seed 7 gave another run:
$first
$report"
	chaos syscalls=openat,read rate=0.2 seed=8 skip=10
	[ "$report" != "$first" ] || fail "seeds 7 and 8 broke the same calls"
}

t_chaos_rate_and_errno() {
	data_file
	chaos syscalls=openat rate=1 errno=ENOENT skip=10
	assert_line "$T/stdout" "$(printf 'o%.0s' $(seq 100)) errno=2"
	assert_match "$T/out" 'chaos: seed 1: 100 of 100 calls ENOENT'
	chaos syscalls=openat,read rate=0
	assert_line "$T/stdout" "$(printf '.%.0s' $(seq 100)) errno=0"
	assert_match "$T/out" 'chaos: seed 1: 0 of [0-9]+ calls EIO'
}

t_chaos_short_reads() {
	data_file
	chaos syscalls=read mode=short rate=0.5 seed=3 skip=10
	local short lowered
	assert_match "$T/stdout" '[.s]{100} errno=0'
	short=$(count_chars "$report" s)
	[ "$short" -gt 20 ] && [ "$short" -lt 80 ] || fail "$short of 100 reads short at rate 0.5"
	assert_match "$T/out" "chaos: seed 3: $short of [0-9]+ calls shortened"
	# the kernel really got the lower count: the log shows it
	lowered=$(grep -cE '^read\(3, .*, ([1-9]|[1-5][0-9]|6[0-3])\) += \1$' "$T/out")
	[ "$lowered" -eq "$short" ] || fail "$lowered reads with a lowered count in the log, expected $short"
}

# Programs that handle partial writes print the same with every write short.
t_chaos_short_writes_survived() {
	seq 1 2000 >"$T/in"
	hy --tool "$TOOLS/chaos.so" --tool-opt mode=short --tool-opt rate=1 \
		--tool-opt syscalls=write,copy_file_range,splice,sendfile \
		-- sh -c 'cat "$1" | cat' sh "$T/in"
	assert_status 0
	cmp -s "$T/in" "$T/stdout" || fail "cat's output changed under short writes"
	assert_match "$T/out" 'chaos: seed 1: [1-9][0-9]* of [0-9]+ calls shortened'
}

t_chaos_bad_option() {
	hy_raw --tool "$TOOLS/chaos.so" --tool-opt rate=2 -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" 'hytrace: tool chaos: rate=2: .*'
	hy_raw --tool "$TOOLS/chaos.so" --tool-opt errno=ENOSUCH -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" 'hytrace: tool chaos: errno=ENOSUCH: .*'
}

# ---- sandbox ----

sandbox_tree() {
	mkdir -p "$T/box/secret" "$T/box/secretive" "$T/box/from" "$T/box/to"
	echo 'top secret' >"$T/box/secret/f"
	echo 'not secret' >"$T/box/secretive/f"
	echo 'the original' >"$T/box/from/x"
	echo 'the replacement' >"$T/box/to/x"
	SANDBOX=(--tool "$TOOLS/sandbox.so" --tool-opt "deny=$T/box/secret"
		 --tool-opt "redirect=$T/box/from:$T/box/to")
}

t_sandbox_denies() {
	sandbox_tree
	hy "${SANDBOX[@]}" -- cat "$T/box/secret/f"
	assert_status 1
	assert_match "$T/stderr" "cat: $T/box/secret/f: Permission denied"
	assert_no_match "$T/stdout" 'top secret'
	assert_match "$T/out" 'sandbox: 1 calls denied, 0 redirected, 0 could not be redirected'
	# the prefix ends at a name: its longer sibling stays readable
	hy "${SANDBOX[@]}" -- cat "$T/box/secretive/f"
	assert_status 0
	assert_line "$T/stdout" 'not secret'
	# another errno, and the stat family and relative paths are covered too
	hy "${SANDBOX[@]}" --tool-opt errno=ENOENT -- stat "$T/box/secret"
	assert_status 1
	assert_match "$T/stderr" ".*No such file or directory"
	(cd "$T/box" && hy "${SANDBOX[@]}" -- cat secret/f)
	assert_status 1
	assert_match "$T/stderr" "cat: secret/f: Permission denied"
}

t_sandbox_redirects() {
	sandbox_tree
	hy "${SANDBOX[@]}" -- cat "$T/box/from/x"
	assert_status 0
	assert_line "$T/stdout" 'the replacement'
	assert_match "$T/out" "openat\(AT_FDCWD, \"$T/box/to/x\", .*\) += 3"
	assert_match "$T/out" 'sandbox: 0 calls denied, 1 redirected, 0 could not be redirected'
	(cd "$T/box/from" && hy "${SANDBOX[@]}" -- cat x)
	assert_status 0
	assert_line "$T/stdout" 'the replacement'
	# writes land in the other directory too
	hy "${SANDBOX[@]}" -- sh -c "echo written >$T/box/from/new"
	assert_status 0
	[ -f "$T/box/to/new" ] && [ ! -e "$T/box/from/new" ] || fail "the write was not redirected"
	assert_line "$T/box/to/new" 'written'
}

# The ways around a denial by name: spelling, links (symbolic and hard), /proc/self.
t_sandbox_normalises_and_resolves() {
	local p
	sandbox_tree
	ln -s "$T/box/secret/f" "$T/box/link"
	ln -s "$T/box/secret" "$T/box/dirlink"
	ln "$T/box/secret/f" "$T/box/hard"
	# a hard link is the same file under another name: found by inode for a denied file
	SANDBOX+=(--tool-opt "deny=$T/box/secret/f")
	for p in "$T/box//secret/f" "$T/box/./secret/f" "$T/box/from/../secret/f" "$T/box/link" \
		"$T/box/dirlink/f" "$T/box/hard" "/proc/self/root$T/box/secret/f"; do
		hy "${SANDBOX[@]}" -- cat "$p"
		assert_status 1
		assert_match "$T/stderr" "cat: .*: Permission denied"
		assert_no_match "$T/stdout" 'top secret'
	done
	(cd "$T/box/from" && hy "${SANDBOX[@]}" -- cat ../secret/f)
	assert_status 1
	assert_no_match "$T/stdout" 'top secret'
	# stat and the rest are checked at entry, resolved by the tracer
	hy "${SANDBOX[@]}" -- stat -L "$T/box/dirlink/f"
	assert_status 1
	# what is allowed still opens, as the guest asked: a new file, lowest fds, O_EXCL
	hy "${SANDBOX[@]}" -- sh -c 'echo new >"$1/box/secretive/g" && cat "$1/box/secretive/g" "$1/box/secretive/f"' sh "$T"
	assert_status 0
	assert_line "$T/stdout" new
	assert_line "$T/stdout" 'not secret'
	hy "${SANDBOX[@]}" -- sh -c 'exec 3<"$1/box/secretive/f"; ls -l /proc/$$/fd/3' sh "$T"
	assert_status 0
	assert_match "$T/stdout" ".* /proc/[0-9]+/fd/3 -> $T/box/secretive/f"
	# a name planted as a link in an allowed directory does not create the denied file
	ln -s "$T/box/secret/new" "$T/box/secretive/trap"
	hy "${SANDBOX[@]}" -- sh -c 'echo x >"$1/box/secretive/trap"' sh "$T"
	assert_status 2
	[ ! -e "$T/box/secret/new" ] || fail "the link led to a denied directory"
}

t_sandbox_bad_option() {
	hy_raw --tool "$TOOLS/sandbox.so" --tool-opt redirect=/a -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" 'hytrace: tool sandbox: redirect=/a: .*'
}

# ---- count ----

# "pid N (comm) exited S: TOTAL syscalls in K threads" lines of the count tree.
proc_lines() { # depth regex
	grep -E "^$(printf '%*s' $((2 * $1)) '')pid [0-9]+ $2" "$T/out"
}

t_count_process_tree() {
	hy -C --tool "$TOOLS/count.so" -- "$GUESTS/forker" 2 3
	assert_status 0
	assert_match "$T/out" 'count: 3 processes, 3 threads, [0-9]+ syscalls'
	[ "$(proc_lines 0 '\(forker\) exited 0: [0-9]+ syscalls in 1 thread' | wc -l)" -eq 1 ] ||
		fail "no root process line: $(sed -n '/^count:/,$p' "$T/out")"
	[ "$(proc_lines 1 '\(forker\) exited 3: [0-9]+ syscalls in 1 thread' | wc -l)" -eq 2 ] ||
		fail "not two children under the root: $(sed -n '/^count:/,$p' "$T/out")"
	# each child made its 3 getppid calls and one exit_group; the parent none
	assert_count "$T/out" '^    syscalls: .*getppid 3(,|$)' 2
	assert_count "$T/out" '^    syscalls: .*exit_group 1(,|$)' 2
	assert_no_match "$T/out" '^  syscalls: .*getppid'
	assert_match "$T/out" '  syscalls: .*clone 2(, .*)?'
	assert_match "$T/out" '  syscalls: .*wait4 2(, .*)?'
	assert_no_match "$T/out" 'events of unknown tasks'
	# the tree holds every call the summary counted, each once; the summary, as
	# strace's, counts calls that returned: not the three exit_group
	local total summary per_proc
	total=$(sed -nE 's/^count: .* ([0-9]+) syscalls$/\1/p' "$T/out")
	summary=$(awk '$1 == "100.00" && $NF == "total" { print $3 }' "$T/out")
	per_proc=$(sed -nE 's/^ *pid [0-9]+ .*: ([0-9]+) syscalls in .*/\1/p' "$T/out" |
		   awk '{ n += $1 } END { print n }')
	[ "$total" -eq "$per_proc" ] || fail "total $total, processes add up to $per_proc"
	[ -n "$summary" ] && [ "$total" -eq $((summary + 3)) ] ||
		fail "count saw $total syscalls, the summary ${summary:-none} (and 3 exit_group)"
	assert_no_match "$T/out" '.* exit_group$'
}

t_count_threads() {
	hy --tool "$TOOLS/count.so" -- "$GUESTS/getppid_storm" 3 200
	assert_status 0
	assert_match "$T/out" 'count: 1 processes, 4 threads, [0-9]+ syscalls'
	assert_match "$T/out" '  syscalls: .*getppid 600(, .*)?'
	# three workers of at least 200 calls, and the threads add up to the process
	[ "$(grep -cE '^  thread [0-9]+: ([2-9][0-9]{2}|[0-9]{4,})$' "$T/out")" -ge 3 ] ||
		fail "no three threads with 200 calls: $(grep -E '^  thread' "$T/out")"
	local total threads
	total=$(sed -nE 's/^pid [0-9]+ .*: ([0-9]+) syscalls in 4 threads$/\1/p' "$T/out")
	threads=$(sed -nE 's/^  thread [0-9]+: ([0-9]+)$/\1/p' "$T/out" | awk '{ n += $1 } END { print n }')
	[ -n "$total" ] && [ "$total" -eq "$threads" ] || fail "process total ${total:-none}, threads $threads"
	assert_no_match "$T/out" 'events of unknown tasks'
}

t_count_exec_names() {
	hy --tool "$TOOLS/count.so" -- sh -c 'true; ls / >/dev/null; exit 4'
	assert_status 4
	assert_match "$T/out" 'pid [0-9]+ \(sh\) exited 4: [0-9]+ syscalls in 1 thread'
	assert_match "$T/out" '  pid [0-9]+ \(ls\) exited 0: [0-9]+ syscalls in 1 thread'
}

# ---- trace-export ----

t_trace_export_json() {
	hy --tool "$TOOLS/trace-export.so" --tool-opt "file=$T/trace.json" -- "$GUESTS/forker" 2 3
	assert_status 0
	python3 -m json.tool "$T/trace.json" >/dev/null 2>"$T/json.err" ||
		fail "not JSON: $(cat "$T/json.err")"
	assert_match "$T/out" "trace-export: [0-9]+ syscalls written to $T/trace.json"
	python3 - "$T/trace.json" >"$T/check" 2>&1 <<'EOF' || fail "$(cat "$T/check")"
import json, sys
events = json.load(open(sys.argv[1]))["traceEvents"]
def need(cond, what, ev=None):
    if not cond:
        sys.exit(what + (": " + json.dumps(ev) if ev else ""))
for ev in events:
    need(ev["ph"] in ("X", "i", "M"), "unknown phase", ev)
    need(all(isinstance(ev[k], int) and ev[k] > 0 for k in ("pid", "tid")), "bad pid/tid", ev)
    need(isinstance(ev["name"], str) and ev["name"], "no name", ev)
    if ev["ph"] == "X":
        need(ev["ts"] >= 0 and ev["dur"] >= 0, "bad ts/dur", ev)
        need(isinstance(ev["args"]["call"], str) and "result" in ev["args"], "no call args", ev)
        need(ev["args"]["call"].startswith(ev["name"] + "("), "call of another name", ev)
slices = [e for e in events if e["ph"] == "X"]
procs = {e["pid"] for e in events if e["ph"] == "M" and e["name"] == "process_name"}
need(len(procs) == 3, "process_name for %d processes, expected 3" % len(procs))
names = {e["pid"]: e["args"]["name"] for e in events if e["name"] == "process_name"}
need(set(names.values()) == {"forker"}, "process names %s" % names)
need(all(e["pid"] in procs for e in events), "an event of an unnamed process")
need(any(e["name"] == "thread_name" for e in events), "no thread_name")
getppid = [e for e in slices if e["name"] == "getppid"]
need(len(getppid) == 6, "%d getppid slices, expected 6" % len(getppid))
need(len({e["pid"] for e in getppid}) == 2, "getppid not from two children")
need(all(e["args"]["result"].isdigit() for e in getppid), "getppid results")
exits = sorted(e["args"]["status"] for e in events if e["name"] == "exit" and e["ph"] == "i")
need(exits == [0, 3, 3], "exit statuses %s" % exits)
# events come as calls finish: in each thread in order (across CPUs the ring
# may hold two threads' calls a few microseconds out of order)
by_tid = {}
for e in events:
    if e.get("cat") == "syscall":
        by_tid.setdefault(e["tid"], []).append(e["ts"] + e.get("dur", 0))
need(all(v == sorted(v) for v in by_tid.values()), "a thread's syscalls out of the order they finished in")
EOF
}

t_trace_export_bad_file() {
	hy_raw --tool "$TOOLS/trace-export.so" --tool-opt "file=$T/no/such/dir/t.json" -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: tool trace-export: cannot open $T/no/such/dir/t.json: No such file or directory"
}

# ---- plugins built elsewhere, and broken ones ----

# The finished example of docs/writing-tools.md, built with pkg-config against
# the library installed in a temporary prefix: what a user does.
t_out_of_tree_plugin() {
	make -C "$ROOT" --no-print-directory install PREFIX="$T/prefix" OUT="$OUT" >"$T/make.log" 2>&1 ||
		fail "make install failed: $(tail -5 "$T/make.log")"
	export PKG_CONFIG_PATH=$T/prefix/lib/pkgconfig
	[ "$(pkg-config --variable=prefix hytrace)" = "$T/prefix" ] ||
		fail "the installed hytrace.pc says prefix=$(pkg-config --variable=prefix hytrace), not $T/prefix"
	awk '/^<!-- the tests build this block/ { grab = 1; next }
	     grab && /^```c$/ { inside = 1; next }
	     inside && /^```$/ { exit }
	     inside' "$ROOT/docs/writing-tools.md" >"$T/fakeid.c"
	grep -q 'hytrace_tool' "$T/fakeid.c" || fail "no example found in docs/writing-tools.md"
	# shellcheck disable=SC2046 # the flags are words
	cc -shared -fPIC -Wall -Wextra -Werror $(pkg-config --cflags hytrace) "$T/fakeid.c" \
		-o "$T/fakeid.so" 2>"$T/cc.err" || fail "the example does not build: $(cat "$T/cc.err")"
	RC=0
	timeout 60 "$T/prefix/bin/hytrace" -o "$T/out" --tool "$T/fakeid.so" --tool-opt uid=4242 \
		-- sh -c 'id -u; id -g' >"$T/stdout" 2>"$T/stderr" || RC=$?
	assert_status 0
	[ "$(cat "$T/stdout")" = "$(printf '4242\n4242')" ] || fail "the guest saw ids $(cat "$T/stdout")"
	assert_match "$T/out" 'fakeid: [0-9]+ of [0-9]+ syscalls faked'
	assert_match "$T/out" 'fakeid: pid [0-9]+ asked [0-9]+ times'
}

# plugin NAME C-SOURCE: a small plugin built against the source tree's header.
plugin() {
	printf '%s\n' "#include <errno.h>" "#include \"hytrace.h\"" "$2" >"$T/$1.c"
	cc -shared -fPIC -I"$ROOT/include" "$T/$1.c" -o "$T/$1.so" 2>"$T/cc.err" ||
		fail "cannot build $1: $(cat "$T/cc.err")"
}

t_plugin_missing() {
	hy_raw --tool "$T/nope.so" -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: tool plugin $T/nope.so: No such file or directory"
}

t_plugin_not_shared_object() {
	echo 'not an ELF file' >"$T/text.so"
	hy_raw --tool "$T/text.so" -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: tool plugin $T/text.so cannot be loaded: .*"
}

t_plugin_without_symbol() {
	plugin nosym 'int not_a_tool;'
	hy_raw --tool "$T/nosym.so" -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: tool plugin $T/nosym.so does not export 'hytrace_tool'"
}

t_plugin_wrong_abi() {
	plugin abi 'const struct hy_tool hytrace_tool = { .abi_version = 999, .name = "abi" };'
	hy_raw --tool "$T/abi.so" -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: tool plugin $T/abi.so has ABI version 999, this hytrace takes 1 to [0-9]+"
}

# A plugin built against version 1 of struct hy_tool ends at on_end: whatever
# follows it in memory (here a bogus on_resume) is not the library's to read.
t_plugin_abi_v1_still_loads() {
	# it counts in its global state: file-scope statics would be per process on
	# the guest backend (docs/writing-tools.md)
	plugin v1 '
#include <stdio.h>
struct counts { int refused, calls; };
static enum hy_cont enter(struct hy_ctx *c)
{
	struct counts *g = hy_global_state(c);

	__atomic_add_fetch(&g->calls, 1, __ATOMIC_RELAXED);
	if (!hy_defer(c))
		__atomic_add_fetch(&g->refused, 1, __ATOMIC_RELAXED);
	return HY_CONT_RUN;
}
static void end(struct hy_ctx *c, FILE *out)
{
	struct counts *g = hy_global_state(c);

	fprintf(out, "v1: %d calls, %d deferrals refused\n", g->calls, g->refused);
}
static int init(struct hy_ctx *c, int n, const char *const *k, const char *const *v)
{
	(void)n, (void)k, (void)v;
	return hy_subscribe(c, "getppid");
}
const struct hy_tool hytrace_tool = { .abi_version = 1, .name = "v1", .init = init,
	.global_size = sizeof(struct counts), .on_syscall_enter = enter, .on_end = end,
	.on_resume = (enum hy_cont (*)(struct hy_ctx *, void *))1 };'
	hy --tool "$T/v1.so" -- "$GUESTS/getppid_storm" 1 3
	assert_status 0
	assert_line "$T/out" "v1: 3 calls, 3 deferrals refused"
}

t_plugin_init_fails() {
	plugin initfail '
static int init(struct hy_ctx *c, int n, const char *const *k, const char *const *v)
{
	(void)c, (void)n, (void)k, (void)v;
	return -EINVAL;
}
const struct hy_tool hytrace_tool = { .abi_version = HY_TOOL_ABI_VERSION,
				       .name = "initfail", .init = init };'
	hy_raw --tool "$T/initfail.so" -- /bin/true
	assert_status 2
	one_line
	assert_match "$T/stderr" "hytrace: tool initfail: .*Invalid argument"
	# and it never ran the command
	hy_raw --tool "$T/initfail.so" -- sh -c "touch $T/ran"
	[ ! -e "$T/ran" ] || fail "the command ran although a tool refused"
}

# Tool options are parsed strictly by one helper (hy_option_int, hy_options_known).
t_tool_options_strict() {
	local args
	while IFS='|' read -r tool opt want; do
		hy_raw --tool "$TOOLS/$tool.so" --tool-opt "$opt" -- /bin/true
		assert_status 2
		one_line
		assert_line "$T/stderr" "hytrace: tool $tool: $want"
	done <<'EOF2'
chaos|seed=abc|seed=abc: want a whole number from 0 to 9223372036854775807
chaos|skip=-5|skip=-5: want a whole number from 0 to 4294967295
chaos|rate=|rate=: want a number from 0 to 1
chaos|rat=0.5|unknown option 'rat' (it takes: syscalls, rate, mode, errno, seed, skip, gdb)
deterministic|step=0|step=0: want a whole number from 1 to 1000000000
deterministic|pids=5|unknown option 'pids' (it takes: seed, epoch, step, pid)
trace-export|strsize=-1|strsize=-1: want a whole number from 0 to 4096
count|verbose=1|unknown option 'verbose' (it takes none)
sandbox|denny=/etc|unknown option 'denny' (it takes: deny, redirect, errno)
EOF2
}

run_tests
