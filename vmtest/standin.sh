#!/bin/sh
# SPDX-License-Identifier: MIT
# Stand-in for `tests/run.sh --integration` while that runner does not exist:
# a few smoke tests of hytrace on the running kernel, in the runner's output
# format (one line per test, skips with their reason, closing counts line).
# Run from the repository root; OUT is the build directory (default build).
# vmtest/probe's facts, when present in $VMTEST_FACTS, decide the skips.
set -u
OUT=${OUT:-build}
facts=${VMTEST_FACTS:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0

ok() { echo "PASS $1"; pass=$((pass + 1)); }
ko() { # name reason [log]
	echo "FAIL $1: $2"
	[ -n "${3:-}" ] && [ -f "$3" ] && tail -n 15 "$3" | sed 's/^/    /'
	fail=$((fail + 1))
}
sk() { echo "SKIP $1: skip: $2"; skip=$((skip + 1)); }
fact() { [ -n "$facts" ] && sed -n "s/^$1=//p" "$facts" | cut -d' ' -f1; }

# The kernel recorder (BPF on the syscall tracepoints) must load: hytrace falls
# back to ptrace silently apart from a notice, so check the count it printed.
t=hytrace-kernel-recorder
if "$OUT/hytrace" -C -o "$tmp/k.log" -- /bin/true >"$tmp/k.err" 2>&1; then
	n=$(sed -n 's/.*recorded (\([0-9]*\) by the kernel.*/\1/p' "$tmp/k.log")
	if [ "${n:-0}" -gt 0 ]; then
		ok "$t ($n syscalls recorded by the kernel)"
	else
		ko $t "no syscall recorded by the kernel: $(grep -h . "$tmp/k.err" | head -n 3 | tr '\n' ' ')" "$tmp/k.log"
	fi
else
	ko $t "hytrace exited $?" "$tmp/k.err"
fi

# ptrace + seccomp alone.
t=hytrace-no-kernel
if "$OUT/hytrace" --no-kernel -C -o "$tmp/n.log" -- /bin/true >"$tmp/n.err" 2>&1; then
	# (with -o, lines start with the task id, as strace -f -o writes them)
	if grep -qE '^([0-9]+ +)?execve\(' "$tmp/n.log" && grep -q 'exited with 0' "$tmp/n.log"; then
		ok $t
	else
		ko $t "no execve line or exit line in the log" "$tmp/n.log"
	fi
else
	ko $t "hytrace exited $?" "$tmp/n.err"
fi

# The traced command's exit status comes back as hytrace's.
t=hytrace-exit-status
"$OUT/hytrace" -c -o "$tmp/e.log" -- sh -c 'exit 3' >"$tmp/e.err" 2>&1
rc=$?
if [ $rc = 3 ]; then ok $t; else ko $t "exit status $rc, expected 3" "$tmp/e.err"; fi

# Syscall rewriting through PTRACE_SET_SYSCALL_INFO needs Linux 6.16.
t=ptrace-set-syscall-info
case $(fact ptrace_set_syscall_info) in
yes) ok $t ;;
no) sk $t "PTRACE_SET_SYSCALL_INFO not in this kernel (6.16+)" ;;
*) sk $t "no probe facts" ;;
esac

echo "$pass passed, $fail failed, $skip skipped"
[ $fail = 0 ]
