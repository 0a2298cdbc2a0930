#!/bin/bash
# SPDX-License-Identifier: MIT
# The in-guest backend (--backend=guest): tools run in the guest's own threads,
# without a tracer; hytrace's side sees the tools' effects and state. The rest of
# the plugin, tool, tree and signal tests run again with BACKEND=guest (run.sh).
. "$(dirname "$0")/lib.sh"

PLUGINS=$ROOT/$OUT/tests/plugins

# The guest loads the tool's own file: one built with ASan (SAN=1) cannot be
# loaded into a guest built without it. The guest runtime itself never has ASan.
# Syscall User Dispatch came in 5.11: before, --backend=guest runs under ptrace
# (and says so), so there is no in-guest run to test.
need_sud() {
	need_kernel
	have_sud || skip "this kernel has no Syscall User Dispatch (Linux 5.11+)"
}

need_guest_plugins() {
	need_sud
	[[ "$OUT" == *san* ]] && skip "SAN=1 plugins carry ASan, which guests cannot load"
	return 0
}

# the guest tools' work is done in the guest, seen by hytrace through shared global state
t_tool_runs_in_guest() {
	need_guest_plugins
	echo data >"$T/f"
	hy --backend=guest --tool "$PLUGINS/injector.so" -- cat "$T/f"
	assert_status 0
	assert_line "$T/stdout" data
	assert_match "$T/stderr" injected
	local pid
	pid=$(sed -nE 's/^getpid\(\) += ([0-9]+)$/\1/p' "$T/out" | head -1)
	[ -n "$pid" ] || fail "no injected getpid in the log"
	# on_end runs in hytrace: it read what the guest's handler wrote
	assert_match "$T/out" "injector: getpid=$pid write=9"
	assert_match "$T/out" 'write\(2, "injected\\n", 9\) += 9'
	# the runtime's own calls are not the guest's
	assert_no_match "$T/out" 'rt_sigreturn|process_vm_|PR_SET_SYSCALL_USER_DISPATCH|hytrace-guest-'
}

# hytrace installed under a directory whose name has a ' ' and a ':', which
# LD_PRELOAD cannot hold (the loader splits it there): the runtime is
# preloaded through a link beside the region, removed at the end, and the
# plugin from there is loaded with dlopen(), and both run in the guest.
t_runtime_under_a_path_ld_preload_cannot_hold() {
	need_guest_plugins
	local dir="$T/hytrace dir:1"
	mkdir -p "$dir"
	cp "$HYTRACE" "$ROOT/$OUT/libhytrace-guest.so" "$PLUGINS/injector.so" "$dir/"
	echo data >"$T/f"
	HYTRACE="$dir/hytrace" hy --backend=guest --tool "$dir/injector.so" -- cat "$T/f"
	assert_status 0
	assert_line "$T/stdout" data
	assert_no_match "$T/stderr" '.*(ld\.so|cannot be preloaded|ptrace for this run).*'
	assert_match "$T/out" 'write\(2, "injected\\n", 9\) += 9'
	assert_match "$T/out" 'injector: getpid=[0-9]+ write=9'
	assert_no_match "$T/out" '.*hytrace-guest-.*'
	ls /dev/shm | grep -q -- "-runtime\.so$" && fail "a runtime link is left in /dev/shm: $(ls /dev/shm)"
	return 0
}

# a tool's hy_output() text reaches -o FILE on both backends, in whole lines
# (each longer than one of the runtime's notes), never the guest's stderr,
# also when the guest closed its fd 2. (Not the many-lines case on ptrace:
# there a tool's line can be cut where the output stream's buffer fills.)
t_tool_output_reaches_the_run_output() {
	need_guest_plugins
	local b line='sayer: tid [0-9]+ call [1-3] 0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz\.'
	for b in ptrace guest; do
		hy --backend=$b --tool "$PLUGINS/sayer.so" -e trace=getppid -- "$GUESTS/getppid_storm" 2 3
		assert_status 0
		assert_count "$T/out" "^$line\$" 6
		assert_count "$T/out" "^${line/\[1-3\]/3}\$" 2
		assert_no_match "$T/stderr" sayer
		assert_no_match "$T/out" 'write\(2, "sayer'
		# sh's own getppid and the program's two, with no fd 2 to write to
		hy --backend=$b --tool "$PLUGINS/sayer.so" -e trace=getppid -- \
			sh -c "exec 2>&-; exec $GUESTS/getppid_storm 1 2"
		assert_status 0
		assert_count "$T/out" "^$line\$" 3
		assert_no_match "$T/stderr" sayer
	done
	# many lines from 4 threads between the log's: each whole, none lost
	hy --backend=guest --tool "$PLUGINS/sayer.so" -e trace=getppid -- "$GUESTS/getppid_storm" 4 50
	assert_status 0
	assert_count "$T/out" "sayer" 200
	assert_count "$T/out" "^${line/\[1-3\]/[0-9]+}\$" 200
}

# every public function is in the runtime too: the guest loads a plugin with
# RTLD_NOW, so one it lacks (hy_event_mem() in an on_event, which runs in
# hytrace only) stopped the guest's start: "undefined symbol", status 127
t_runtime_has_the_whole_api() {
	local api have missing
	api=$(sed -nE 's/^HY_API [^(]*[ *](hy_[a-z0-9_]+)\(.*/\1/p' "$ROOT"/include/hytrace/*.h | sort -u)
	[ "$(echo "$api" | wc -l)" -gt 50 ] || fail "HY_API functions not found in include/"
	have=$(nm -D --defined-only "$ROOT/$OUT/libhytrace-guest.so" | awk '{ print $3 }' | sort -u)
	echo "$api" >"$T/api"
	echo "$have" >"$T/have"
	missing=$(comm -23 "$T/api" "$T/have")
	[ -z "$missing" ] || fail "not in libhytrace-guest.so: $(echo $missing)"
}

# no tracer: the guest sees none, and never sees hytrace's variables
t_no_tracer_no_variables() {
	need_guest_plugins
	hy --backend=guest --tool "$PLUGINS/passthrough.so" -- sh -c \
		'grep TracerPid /proc/self/status; env; exec env'
	assert_status 0
	assert_match "$T/stdout" 'TracerPid:[[:space:]]+0'
	assert_no_match "$T/stdout" 'LD_PRELOAD|HYTRACE_GUEST'
	hy --backend=ptrace --tool "$PLUGINS/passthrough.so" -- sh -c 'grep TracerPid /proc/self/status'
	assert_no_match "$T/stdout" 'TracerPid:[[:space:]]+0$'
}

# bash exports getenv, setenv and unsetenv of its own, which do nothing before
# its main: the runtime takes its variables out of the environment itself, so
# bash sees none of them either, and its execve passes the environment as on ptrace
t_bash_sees_no_variables() {
	need_guest_plugins
	local b
	for b in ptrace guest; do
		hy --backend=$b --tool "$PLUGINS/passthrough.so" -e trace=execve -- bash -c \
			'echo "[$LD_PRELOAD][$HYTRACE_GUEST_SHM]"; exec /bin/true'
		assert_status 0
		assert_line "$T/stdout" '[][]'
		sed -nE 's/^execve\("\/bin\/true", .* (\/\* [0-9]+ vars \*\/)\) += 0$/\1/p' "$T/out" >"$T/vars.$b"
	done
	assert_count "$T/vars.ptrace" '.*' 1
	cmp -s "$T/vars.ptrace" "$T/vars.guest" ||
		fail "bash's execve: $(cat "$T/vars.guest") on the guest backend, $(cat "$T/vars.ptrace") on ptrace"
}

# an execve's environment of any size reaches the new program whole (the
# runtime's array for it held 4090 entries: 5000 variables arrived as 4090)
t_large_environment_passed_whole() {
	need_sud
	local b
	for b in ptrace guest; do
		hy --backend=$b --inject getppid:retval=1 -e trace=execve -- sh -c \
			'exec env $(seq -f "HYV%g=1" 5000) /bin/sh -c "env | grep -c ^HYV"'
		assert_status 0
		assert_line "$T/stdout" 5000
	done
}

# threads of one process that execute at once each pass their own
# environment: the runtime's array for it was one per process, so a thread's
# execve could carry another's (before: 5 of the 8 rounds printed a
# thread's "T0=1" instead of "FINAL=1")
t_threads_exec_their_own_environment() {
	need_sud
	local b
	for b in ptrace guest; do
		hy --backend=$b --inject getppid:retval=1 -e trace=execve -- \
			"$GUESTS/exec_env_race" 4 8 /usr/bin/env
		assert_status 0
		assert_count "$T/stdout" '^FINAL=1$' 8
		assert_count "$T/stdout" '.*' 8
	done
}

# a skipped call is shown once, with the tool's value, as under ptrace
t_skip_shown_once() {
	need_sud
	hy --backend=guest --inject getppid:retval=42:when=2 -e trace=getppid -- "$GUESTS/getppid_storm" 1 3
	assert_status 0
	assert_count "$T/out" '^getppid\(\) += 42 \(INJECTED\)$' 1
	assert_count "$T/out" '^getppid\(\) += [0-9]+$' 2
}

# A static command is held through ptrace from its exec, as a static program
# a guest executes mid-run is (not a whole-run fall-back), said in one line
t_static_command_held_through_ptrace() {
	need_sud
	static_guest exit_with static
	hy --backend=guest --inject exit_group:when=1:delay_enter=1ms -- "$T/static" 3
	assert_status 3
	assert_count "$T/stderr" '.*' 1
	assert_match "$T/stderr" "hytrace: --backend=guest: pid $(awk 'NR == 1 { print $1 }' "$T/raw") executes static, a static program: $(static_fate)"
	assert_match "$T/out" '^exit_group\(3\) += \?$'
	# the recorder runs for the guest backend: a kept program's own dispatch
	# prctl is its own (no runtime in it), recorded
	hy --backend=guest --inject getppid:retval=1 -e trace=prctl -- "$ROOT/$OUT/tests/fidelity/process"
	assert_match "$T/out" 'prctl\(PR_SET_SYSCALL_USER_DISPATCH, PR_SYS_DISPATCH_OFF, .*= 0'
	assert_match "$T/out" 'prctl\(PR_SET_SYSCALL_USER_DISPATCH, 0x7 .*= -1 EINVAL .*'
	# executed mid-run by a guest (twice): held through ptrace, said in one line
	hy --backend=guest --inject exit_group:error=EPERM:when=1 -- sh -c "$T/static 3; $T/static 4; exit 5"
	assert_status 5
	assert_count "$T/stderr" ".*--backend=guest: pid [0-9]+ executes static, a static program: $(static_fate)\$" 1
	# each one's first (it goes on to _exit's exit)
	assert_count "$T/out" '^exit_group\([34]\) += -1 EPERM .*\(INJECTED\)$' 2
	assert_match "$T/out" 'exit\(3\) += \?'
	assert_match "$T/out" 'exit\(4\) += \?'
}

# A dynamic program a static one executes runs on the guest backend, as if a
# guest had executed it: its runtime armed (no tracer, hytrace's variables
# not in its environment), its held getppid handled in it, and its own
# execve handed off as any guest's; the static program's held calls still
# stop in hytrace. Mid-run and as the command, the log as on ptrace.
t_static_exec_dynamic_child_on_guest() {
	need_guest_plugins
	static_guest fork_exec
	local b run pids
	for run in mid command; do
		for b in ptrace guest; do
			if [ $run = mid ]; then
				hy --backend=$b --inject getppid:retval=42 -- \
					sh -c "$T/fork_exec $GUESTS/tracer_pid again; exit 0"
			else
				hy --backend=$b --inject getppid:retval=42 -- \
					"$T/fork_exec" "$GUESTS/tracer_pid" again
			fi
			assert_status 0
			assert_count "$T/stdout" '^fork_exec getppid 42$' 2
			assert_count "$T/stdout" '^tracer_pid getppid 42$' 2
			assert_count "$T/stdout" '^tracer_pid env$' 2
			cp "$T/stdout" "$T/stdout.$b"
			# the run's pids masked, and what holds the tracer's pid (the
			# status file's text, the lines written)
			pids=$(awk '{ print $1 }' "$T/raw" | sort -u | paste -sd'|')
			by_task | sed -E "s/\<($pids)\>/PID/g; s/ +/ /g; s/si_utime=[^}]*/TIMES/; s/^((read\(3|write\(1), ).*/\1.../" \
				>"$T/lines.$b"
		done
		if aslr_off; then
			# the child's code could land where the static one's was: kept on ptrace
			assert_no_match "$T/stdout.guest" 'TracerPid:[[:space:]]+0$'
		else
			assert_count "$T/stdout.guest" '^tracer_pid TracerPid:[[:space:]]+0$' 2
		fi
		assert_no_match "$T/stdout.ptrace" 'TracerPid:[[:space:]]+0$'
		cmp -s "$T/lines.ptrace" "$T/lines.guest" ||
			fail "$run: lines differ from ptrace's: $(diff "$T/lines.ptrace" "$T/lines.guest" | head -6)"
	done
}

# A child killed inside its execve of a dynamic program (past the kernel's
# point of no return, before hytrace handled its exec event) gives the
# region's hand-off slot back: a static parent's (the slot hytrace took for
# it, exec_runtime.c) and a dynamic one's (the runtime's ask). Before, the
# slot stayed taken and every later exec ran its loader unheld: cat's
# set_robust_list (the loader's) then ran, not injected.
t_exec_killed_gives_the_hand_off_back() {
	need_guest_plugins
	cc -static -O1 -o "$T/exec_killed" "$ROOT/tests/guests/exec_killed.c" 2>"$T/cc" ||
		fail "cannot link statically: $(head -1 "$T/cc")"
	local k
	for k in "$T/exec_killed" "$GUESTS/exec_killed"; do
		hy --backend=guest --inject set_robust_list:error=ENOSYS -e trace=set_robust_list -- \
			sh -c "$k 5 /bin/true; exec /bin/cat /etc/hostname"
		assert_status 0
		# a child that ran to its end before its parent looked was not killed
		assert_match "$T/stdout" '^exec_killed [1-5] of 5$'
		assert_match "$T/stdout" "^$(cat /etc/hostname)\$"
		# every set_robust_list held (glibc's fork makes one in the child),
		# the loaders' too: cat's last
		assert_match "$T/out" '^set_robust_list\(.* = -1 ENOSYS .*\(INJECTED\)$'
		assert_no_match "$T/out" '= 0$'
	done
}

# Concurrent execs hand off side by side, each in its own slot of the region
# (16): procs spawns 4 children one after the other, each one's loader held
# by hytrace while the next is spawned, and the deferrer keeps the loaders'
# set_tid_address calls until the 4th comes (gather=4; skip=1 lets procs's
# own loader's run). With one slot the second exec waited for the first's
# hand-off (up to 2 s, then ran its loader unheld): the deferrer never
# gathered 4, and the run ended at its timeout.
t_concurrent_execs_hand_off_side_by_side() {
	need_guest_plugins
	hy --backend=guest --tool "$PLUGINS/deferrer.so" --tool-opt set=set_tid_address \
		--tool-opt skip=1 --tool-opt gather=4 --tool-opt ms=1 -- "$GUESTS/procs" spawn_n 4 /bin/true
	assert_status 0
	assert_match "$T/out" 'deferrer: deferred 4 resumed 4 gone 0 delayed-events 4 held-at-once 4 span [0-9]+ ms'
}

# Many execs at once (xargs -P 4): every loader's set_robust_list is held
# (injected), as on ptrace, and the run exits as natively.
t_parallel_execs_all_held() {
	need_sud # built-in tools only: SAN=1 runs it too
	local b
	for b in ptrace guest; do
		hy --backend=$b --inject set_robust_list:error=ENOSYS -e trace=set_robust_list -- \
			sh -c 'seq 24 | xargs -P 4 -n 1 /bin/true; echo done $?'
		assert_status 0
		assert_line "$T/stdout" 'done 0'
		grep -c '^set_robust_list(' "$T/out" >"$T/count.$b" || :
		assert_no_match "$T/out" '^set_robust_list\(.*= 0$'
	done
	# sh's, seq's and xargs's loaders and sh's fork (the pipe), then xargs's
	# 24 forks and true's 24 loaders
	[ "$(cat "$T/count.guest")" -ge 52 ] || fail "held only $(cat "$T/count.guest") set_robust_list"
	cmp -s "$T/count.ptrace" "$T/count.guest" ||
		fail "held $(cat "$T/count.guest") set_robust_list, ptrace $(cat "$T/count.ptrace")"
}

# A thread killed right after it claimed its hand-off slot, before it asked
# (the runtime's test hook HYTRACE_TEST_DIE_CLAIMED=PROG: a thread about to
# execute PROG kills itself there), leaves no slot taken: the slot's word
# holds its owner's tid, and hytrace frees every slot a task owns at its
# end. sh's 20 such children (more than the 16 slots), then cat: cat's
# loader is held. Before, nobody could tell a dead claimer's slot from a
# live one's: it stayed taken, later execs waited 2 s each for a slot and
# ran their loaders unheld.
t_killed_claimer_gives_the_slot_back() {
	need_sud # built-in tools only: SAN=1 runs it too
	HYTRACE_TEST_DIE_CLAIMED=/bin/true hy --backend=guest \
		--inject set_robust_list:error=ENOSYS -e trace=set_robust_list -- \
		sh -c 'i=0; while [ $i -lt 20 ]; do /bin/true; i=$((i + 1)); done; exec /bin/cat /etc/hostname'
	assert_status 0
	assert_match "$T/stdout" "^$(cat /etc/hostname)\$"
	assert_count "$T/out" '^\+\+\+ killed by SIGKILL \+\+\+$' 20
	# sh's loader's and cat's (its vfork children died before they executed)
	assert_count "$T/out" '^set_robust_list\(.* = -1 ENOSYS .*\(INJECTED\)$' 2
	assert_no_match "$T/out" '^set_robust_list\(.*= 0$'
}

# A vfork-type child killed while it holds the runtime's locks (the runtime's
# test hook HYTRACE_TEST_DIE_LOCKED=PROG: a thread about to execute PROG
# kills itself holding the tools' lock and the allocator's) shares them with
# its parent, which frees what the child held when it resumes: its held
# calls after the child's death are made and logged, it runs another vfork
# child and exits with its status. Before, the parent resumed into a lock
# no one would give back and spun or slept forever (hy's timeout fails).
t_vfork_child_killed_holding_the_runtimes_locks() {
	need_sud # built-in tools only: SAN=1 runs it too
	TIMEOUT=30 HYTRACE_TEST_DIE_LOCKED=/bin/true hy --backend=guest \
		--inject getppid:retval=42 -e trace=getppid,vfork -- \
		"$GUESTS/procs" vfork_killed /bin/true /bin/echo
	assert_status 3
	assert_match "$T/stdout" '^first child killed$'
	assert_match "$T/stdout" '^after$'
	assert_count "$T/out" '^\+\+\+ killed by SIGKILL \+\+\+$' 1
	# the parent's two getppid, held after the child's death
	assert_count "$T/out" '^getppid\(\) += 42 \(INJECTED\)$' 2
	assert_count "$T/out" '^vfork\(\) += [0-9]+$' 2
	# posix_spawn's child (clone(CLONE_VM|CLONE_VFORK) on its own stack)
	TIMEOUT=30 HYTRACE_TEST_DIE_LOCKED=/bin/true hy --backend=guest \
		--inject getppid:retval=42 -e trace=getppid -- "$GUESTS/procs" spawn /bin/true
	assert_status 137
	assert_count "$T/out" '^\+\+\+ killed by SIGKILL \+\+\+$' 1
}

# An execve that fails after its hand-off was granted (an executable that is
# no program: ENOEXEC, after the runtime's checks passed) gives the hand-off
# back at the thread's next call: hytrace lets go of it and frees the slot.
# Before, it stayed seized and the slot taken until its next exec or its
# end, and its forked child's cat ran its loader unheld (set_robust_list
# = 0, not injected).
t_failed_exec_gives_the_hand_off_back() {
	need_guest_plugins
	printf '/bin/cat /etc/hostname\n' >"$T/noprog"
	chmod +x "$T/noprog"
	hy --backend=guest --inject set_robust_list:error=ENOSYS -e trace=set_robust_list,execve -- \
		"$GUESTS/procs" exec_fails "$T/noprog" /bin/cat /etc/hostname
	assert_status 0
	assert_match "$T/stdout" '^execve Exec format error$'
	assert_match "$T/stdout" "^$(cat /etc/hostname)\$"
	assert_count "$T/out" '^execve\(.* = -1 ENOEXEC .*' 1
	# procs', its child's (glibc's fork), cat's: the last its loader's
	assert_count "$T/out" '^set_robust_list\(.* = -1 ENOSYS .*\(INJECTED\)$' 3
	# let go of unseen: no stop of it shows
	assert_no_match "$T/out" 'SIGSYS|SIGSTOP|SIGTRAP'
}

# Static programs a guest executes mid-run are held through ptrace, they and
# their children (forks and threads followed), with their tools' state moved
# into hytrace's task at the exec as the hand-off moves it: the same held
# calls, log and counts as on ptrace.
t_static_exec_held_through_ptrace() {
	need_guest_plugins
	local b f
	for f in forker getppid_storm open_read; do
		static_guest $f
	done
	for b in ptrace guest; do
		hy --backend=$b --inject getppid:retval=42 -e trace=getppid -- \
			sh -c "$T/forker 2 3; $T/getppid_storm 2 2; exit 3"
		assert_status 3
		# sh's own, the forker's two children's three each, the threads' two each
		assert_count "$T/out" '^getppid\(\) += 42 \(INJECTED\)$' 11
	done
	assert_count "$T/stderr" ".*--backend=guest: pid [0-9]+ executes forker, a static program: $(static_fate)\$" 1
	# sh's getppid, then the static program's second (each thread counts
	# its calls across its execs); opencount's process state goes on across
	# the exec into the static program
	held_both_ways getppid:retval=42:when=3 sh -c \
		"/bin/cat /etc/hostname; exec $T/open_read /etc/hostname /etc/passwd /nonexistent 3"
	assert_count "$T/lines.guest" '^getppid\(\) += 42 \(INJECTED\)$' 1
	spawned_same
}

# A static program held through ptrace has the ptrace backend's seccomp
# filter, put in at its exec (hytrace's own calls, not in the log): only its
# held calls stop, its children inherit the filter, and a guest's own
# RET_TRACE still gets ENOSYS. As a user, no_new_privs comes first.
t_static_exec_filtered() {
	need_sud
	static_guest seccomp_status st
	static_guest own_seccomp
	local b
	for b in ptrace guest; do
		hy --backend=$b --inject getppid:retval=42 -- sh -c "$T/st; exit 0"
		assert_status 0
		cp "$T/stdout" "$T/st.$b"
		assert_no_match "$T/out" 'seccomp\(|PR_SET_NO_NEW_PRIVS'
		hy --backend=$b --inject getppid:error=EPERM -- sh -c "$T/own_seccomp; exit 0"
		assert_status 0
		assert_line "$T/stdout" "getppid: -1 ENOSYS"
	done
	assert_match "$T/st.guest" '^parent Seccomp:[[:space:]]+2$'
	assert_match "$T/st.guest" '^child Seccomp_filters:[[:space:]]+1$'
	assert_count "$T/st.guest" 'getppid 42$' 2
	cmp -s "$T/st.ptrace" "$T/st.guest" ||
		fail "not as on ptrace: $(diff "$T/st.ptrace" "$T/st.guest" | head -6)"
	# a user's static program: no_new_privs, then the filter
	chmod 755 "$T"
	hy --backend=guest --inject getppid:retval=42 -- \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$T/st"
	assert_status 0
	assert_match "$T/stdout" '^parent NoNewPrivs:[[:space:]]+1$'
	assert_match "$T/stdout" '^parent Seccomp:[[:space:]]+2$'
	assert_count "$T/stdout" 'getppid 42$' 2
	assert_no_match "$T/out" 'seccomp\(|PR_SET_NO_NEW_PRIVS'
	# a script whose interpreter is static: no runtime arms in it, so it is
	# kept at its exec as a static program is (not left stopping at each call)
	printf '#!%s\n' "$T/st" >"$T/script"
	chmod 755 "$T/script"
	hy --backend=guest --inject getppid:retval=42 -- sh -c "$T/script; exit 0"
	assert_status 0
	assert_match "$T/stdout" '^child Seccomp:[[:space:]]+2$'
	assert_count "$T/stdout" 'getppid 42$' 2
}

# A set-user-ID program a guest executes (a secure exec: its loader ignores
# LD_PRELOAD, no runtime goes in) is held through ptrace as a static one, and
# still runs set-ID (hytrace, root, may trace it so). Root executing a
# set-user-ID file of another owner (nobody) makes one: the effective uid
# changes, the real one stays, and the kernel sets AT_SECURE.
t_setuid_exec_held_through_ptrace() {
	need_sud
	[ "$(id -u)" = 0 ] || skip "needs root to make a set-user-ID file of another owner"
	cat >"$T/ids.c" <<'EOF'
#include <stdio.h>
#include <sys/auxv.h>
#include <unistd.h>
int main(void)
{
	printf("euid %d uid %d secure %lu getppid %d\n", (int)geteuid(), (int)getuid(),
	       getauxval(AT_SECURE), (int)getppid());
	return 0;
}
EOF
	cc -O1 -o "$T/ids" "$T/ids.c" 2>"$T/cc" || fail "cannot build: $(head -1 "$T/cc")"
	chown 65534 "$T/ids" && chmod 4755 "$T/ids" && chmod 755 "$T"
	local b
	for b in ptrace guest; do
		hy --backend=$b --inject getppid:retval=42 -e trace=getppid -- sh -c "$T/ids; exit 0"
		assert_status 0
		assert_line "$T/stdout" "euid 65534 uid 0 secure 1 getppid 42"
		assert_count "$T/out" '^getppid\(\) += 42 \(INJECTED\)$' 2 # sh's, the program's
	done
	assert_count "$T/stderr" '.*--backend=guest: pid [0-9]+ executes ids, a set-user-ID program: it and every program it executes run under ptrace$' 1
}

# A static 32-bit program a guest executes is held through ptrace, with a
# filter of its own code's calls: a dynamic 64-bit program it executes goes
# to the guest backend as a static 64-bit one's does (without address
# randomization, vmtest's VMs, it stays on ptrace), and the line says so; a
# dynamic 32-bit one's filter holds every call: it and every program it
# executes run under ptrace. Runs where i386 code runs (vmtest's VMs).
t_32bit_exec_held_through_ptrace() {
	need_sud
	need_guest_plugins
	need_ia32
	m32_guest exec_getppid p32
	hy --backend=guest --inject getppid:retval=42 -e trace=getppid -- sh -c "$T/p32 $GUESTS/tracer_pid; exit \$?"
	assert_status 7
	assert_count "$T/stderr" ".*--backend=guest: pid [0-9]+ executes p32, a 32-bit static program: $(static_fate)\$" 1
	assert_match "$T/stdout" '^tracer_pid getppid 42$'
	if aslr_off; then
		assert_no_match "$T/stdout" 'TracerPid:[[:space:]]+0$'
	else
		assert_match "$T/stdout" '^tracer_pid TracerPid:[[:space:]]+0$'
	fi
	# the dynamic build needs the i386 libc.so as well (gcc-multilib has both)
	if [ -x "$GUESTS/m32/exec_getppid_dyn" ]; then
		m32_guest exec_getppid_dyn d32
		hy --backend=guest --inject getppid:retval=42 -- sh -c "$T/d32 $GUESTS/tracer_pid; exit \$?"
		assert_status 7
		assert_count "$T/stderr" '.*--backend=guest: pid [0-9]+ executes d32, a 32-bit program: it and every program it executes run under ptrace$' 1
		assert_no_match "$T/stdout" 'TracerPid:[[:space:]]+0$'
		assert_match "$T/stdout" '^tracer_pid getppid 42$'
	fi
}

# The line about a static program says what becomes of a dynamic program it
# executes, as exec_runtime.c decides it: without address randomization
# (setarch -R here; vmtest's VMs boot norandmaps) it stays on ptrace. The
# line said "on the guest backend" there too.
t_static_notice_says_what_happens() {
	need_guest_plugins
	static_guest fork_exec
	hy --backend=guest --inject getppid:retval=42 -- setarch -R "$T/fork_exec" "$GUESTS/tracer_pid"
	assert_status 0
	assert_count "$T/stderr" '.*--backend=guest: pid [0-9]+ executes fork_exec, a static program: it runs under ptrace \(its forks too\), and so does every program it executes: without address randomization a dynamic one could land where its code is$' 1
	assert_match "$T/stdout" '^tracer_pid getppid 42$'
	assert_no_match "$T/stdout" 'TracerPid:[[:space:]]+0$'
}

# The loader of a program a vfork-type child executes (sh's commands,
# posix_spawn, system()) is held as the launched command's: the child is alone
# in its process, so it is handed off too; the logs and a tool's counts are
# ptrace's.
t_spawned_loaders_held() {
	need_guest_plugins
	local b cmd="$GUESTS/open_read /etc/hostname /etc/passwd /nonexistent 2"
	# system(): its posix_spawn's path is libc's "/bin/sh", which the
	# recorder may find not yet paged in on ptrace: counted, not compared
	for b in ptrace guest; do
		hy --backend=$b --inject openat:error=ENOENT:when=1 "$GUESTS/procs" system "exec $cmd"
		assert_status 0
		# procs's loader's first openat, and sh's (system's posix_spawn child)
		assert_count "$T/out" '^openat\(AT_FDCWD, "/etc/ld.so.cache", .*= -1 ENOENT .*\(INJECTED\)$' 2
	done
	# shellcheck disable=SC2086 # the program and its arguments
	held_both_ways openat:error=ENOENT:when=2 "$GUESTS/procs" spawn $cmd
	assert_count "$T/lines.guest" '^openat\(AT_FDCWD, "/lib/x86_64-linux-gnu/libc\.so\.6", .*= -1 ENOENT .*\(INJECTED\)$' 2
	spawned_same
	held_both_ways close:error=EBADF:when=1 sh -c "$cmd; exit 0"
	assert_count "$T/lines.guest" '^close\(3\) += -1 EBADF .*\(INJECTED\)$' 2
	spawned_same
}

# Concurrent execs (xargs -P 4) are handed off one after the other through
# the region's one slot: each new runtime takes the states hytrace gave back
# before it frees the slot, where the next exec's asker writes its own (the
# runtime that freed it first took a stranger's: 2-6 of the 16 programs'
# counts lacked their loader's openat calls), so every count is ptrace's
t_concurrent_execs_keep_their_states() {
	need_guest_plugins
	local b
	seq 16 >"$T/list"
	for b in ptrace guest; do
		hy --backend=$b --tool "$PLUGINS/opencount.so" -- xargs -a "$T/list" -P 4 -I{} \
			"$GUESTS/open_read" /etc/hostname /etc/passwd /nonexistent 0
		assert_status 0
		grep -oE '^opencount: process [0-9]+ thread [0-9]+' "$T/out" | sort | uniq -c >"$T/count.$b"
	done
	assert_count "$T/count.guest" ' +16 opencount: .*' 1
	cmp -s "$T/count.ptrace" "$T/count.guest" ||
		fail "counts differ: ptrace $(cat "$T/count.ptrace"), guest $(cat "$T/count.guest")"
}

# fork then exec: the child has no task in its runtime until its first held
# call, here its execve; the hand-off starts it (before, the exec ran its
# loader unheld: no injection there, a tool's count without its calls)
t_forked_child_exec_loader_held() {
	need_guest_plugins
	# its own execve fails (no execute permission), then its fork's succeeds
	held_both_ways openat:error=ENOENT:when=1 "$GUESTS/procs" exec_fails /etc/hostname /bin/true
	assert_count "$T/lines.guest" '^openat\(AT_FDCWD, "/etc/ld\.so\.cache", .*= -1 ENOENT .*\(INJECTED\)$' 2
	spawned_same
}

# execveat is handed off as execve is: a name in a directory's descriptor,
# and fexecve's AT_EMPTY_PATH descriptor (the program found through /proc)
t_execveat_loader_held() {
	need_guest_plugins
	held_both_ways openat:error=ENOENT:when=1 "$GUESTS/procs" fork_exec
	assert_count "$T/lines.guest" '^openat\(AT_FDCWD, "/etc/ld\.so\.cache", .*= -1 ENOENT .*\(INJECTED\)$' 4
	spawned_same
}

# A thread started on the guest backend makes the calls it makes on ptrace,
# no more: the runtime hands the new thread its routine without the guest's
# malloc (its free() on the new thread set up glibc's arena for the thread
# there, a 128 MiB mmap, two munmaps and an mprotect, logged as the thread's;
# the creator's malloc made the heap's first getrandom and brk before
# pthread_create's own). The creator's lines up to the clone, and all of the
# thread's (one file each: -ff), are ptrace's.
t_thread_start_makes_only_the_guests_calls() {
	need_guest_plugins
	local b f lead
	for b in ptrace guest; do
		hy --backend=$b -ff --inject getppid:error=ENOENT:when=65535 -- "$GUESTS/procs" threads 1 0
		assert_status 0
		lead=$(grep -l '^execve(' "$T"/raw.* | head -1)
		[ -n "$lead" ] || fail "$b: no leader's file"
		: >"$T/start.$b"
		for f in "$lead" $(ls "$T"/raw.* | grep -vx "$lead"); do
			sed -E 's/0x[0-9a-f]+/ADDR/g; s/^(getrandom\().{34}/\1BYTES/; s/ +/ /g
				s/^((set_tid_address|clone3)\(.*= )[0-9]+$/\1TID/; s/\[[0-9]+\]/[TID]/
				/^clone3\(/q' "$f" >>"$T/start.$b"
		done
		rm -f "$T"/raw.*
	done
	assert_count "$T/start.guest" '^exit\(0\) += \?$' 1 # the thread's
	assert_no_match "$T/start.guest" '^mmap\(NULL, 134217728, PROT_NONE'
	cmp -s "$T/start.ptrace" "$T/start.guest" ||
		fail "lines differ from ptrace's: $(diff "$T/start.ptrace" "$T/start.guest" | head -6)"
}

# A plugin tool (--tool FILE.so) leaves the guest's first malloc to the
# guest: the loader preloads the plugin after the runtime (no dlopen() in
# the runtime, whose allocations made glibc's getrandom and the heap's brk
# there, unseen, and missing from the guest's log), and its loading is
# dropped as the runtime's is. So sh's and each cat's lines are ptrace's,
# but for the loader's own allocator's anonymous mmaps (its blocks hold each
# loaded object's: the runtime and the plugin shift them), left out here.
t_plugin_leaves_the_guests_first_malloc() {
	need_guest_plugins
	local b
	for b in ptrace guest; do
		hy --backend=$b -f --tool "$PLUGINS/passthrough.so" -- \
			sh -c "cat /etc/hostname; exec cat /etc/hostname"
		assert_status 0
		by_task | sed -E '/^mmap\(NULL, [0-9]+, PROT_READ\|PROT_WRITE, MAP_PRIVATE\|MAP_ANONYMOUS, -1, 0\)/d
			s/^((wait4|vfork|rt_sigreturn)\(.*= )[0-9]+$/\1PID/; s/si_pid=[0-9]+/si_pid=PID/; s/, si_[us]time=[^,}]*//g' \
			>"$T/lines.$b"
	done
	assert_count "$T/lines.guest" '^getrandom\(BYTES, 8, GRND_NONBLOCK\) += 8$' 3
	assert_no_match "$T/lines.guest" 'libhytrace-guest|passthrough\.so'
	cmp -s "$T/lines.ptrace" "$T/lines.guest" ||
		fail "lines differ from ptrace's: $(diff "$T/lines.ptrace" "$T/lines.guest" | head -6)"
}

# A plugin that exports more than hytrace_tool (here a getppid() of its own)
# is not preloaded: in the global scope its function would take the guest's
# getppid() calls. It is loaded with dlopen() as before, and works.
t_exporting_plugin_not_preloaded() {
	need_guest_plugins
	hy --backend=guest --tool "$PLUGINS/interposer.so" -- sh -c 'echo ppid=$PPID'
	assert_status 0
	assert_no_match "$T/stdout" 'ppid=4242'
	assert_match "$T/stdout" 'ppid=[0-9]+'
	assert_match "$T/out" '^interposer: held 1$'
}

# A thread (not the leader) of a threaded guest that executes a dynamic
# program is handed off as a lone one: the exec ends the other threads and
# gives it the leader's pid, hytrace follows it there, and the new loader's
# calls are held (the same log and a tool's counts as on ptrace).
t_thread_exec_handed_off() {
	need_guest_plugins
	local b
	held_both_ways openat:error=ENOENT:when=1 "$GUESTS/procs" exec_thread
	assert_count "$T/lines.guest" '^openat\(AT_FDCWD, "/etc/ld.so.cache", .*= -1 ENOENT .*\(INJECTED\)$' 2 # procs's loader's, true's
	assert_match "$T/tasks.guest" '^exit_group\(0\) += \?$'
	# all of both tasks' lines but the leader's after its clone: the exec may
	# end it before or after it makes them, natively too; its clone3 itself
	# may not return (`= ?`, no parent_tid shown) when the thread's exec comes
	# first (seen 2 runs in 4 under ptrace)
	for b in ptrace guest; do
		sed -E '/^clone3\(/,/^execve\(/{/^(rt_sigprocmask|pause)\(/d}; s/^clone3\(.*/clone3(...)/' \
			"$T/tasks.$b" >"$T/exec.$b"
	done
	cmp -s "$T/exec.ptrace" "$T/exec.guest" ||
		fail "lines differ from ptrace's: $(diff "$T/exec.ptrace" "$T/exec.guest" | head -6)"
	cmp -s "$T/count.ptrace" "$T/count.guest" ||
		fail "counts differ: ptrace $(cat "$T/count.ptrace"), guest $(cat "$T/count.guest")"
}

# held_both_ways's two runs of a tree: the same lines (the children's pids
# masked, and the padding of addresses of random length; sorted, without what the parent's SIGCHLD interrupts: where it
# lands among the processes' lines is a race, natively too), the same counts.
spawned_same() {
	local b
	for b in ptrace guest; do
		sed -E 's/^((clone3?|vfork)\(.*= )[0-9]+$/\1PID/; s/ +/ /g' "$T/lines.$b" |
			grep -vE '^(--- SIGCHLD|rt_sigreturn|wait4|restart_syscall)|unfinished|resumed>' |
			sort >"$T/sorted.$b"
	done
	cmp -s "$T/sorted.ptrace" "$T/sorted.guest" ||
		fail "lines differ from ptrace's: $(diff "$T/sorted.ptrace" "$T/sorted.guest" | head -6)"
	cmp -s "$T/count.ptrace" "$T/count.guest" ||
		fail "counts differ: ptrace $(cat "$T/count.ptrace"), guest $(cat "$T/count.guest")"
}

# threads, forks, vfork and exec while every call goes through the handler
t_tree_behaves_natively() {
	need_guest_plugins
	"$GUESTS/procs" threads 4 4 >"$T/native" 2>&1
	hy --backend=guest --tool "$PLUGINS/passthrough.so" -- "$GUESTS/procs" threads 4 4
	assert_status 0
	cmp -s "$T/native" "$T/stdout" || fail "output differs from the native run"
	hy --backend=guest --tool "$PLUGINS/passthrough.so" -- "$GUESTS/procs" vfork_exec
	assert_status 0
	hy --backend=guest --tool "$PLUGINS/passthrough.so" -- "$GUESTS/procs" exec_thread
	assert_status 0
}

# --guest-rewrite: syscall(3)'s site is rewritten at the first getppid no tool
# holds; later getppid calls from it trap no more but are still recorded, and a
# getpid a tool holds, made from the same rewritten site, still reaches the
# tool, in the process, a thread and a fork child, as under ptrace
t_rewrite_sites() {
	need_sud
	hy --backend=ptrace --inject getpid:retval=42:when=2 -- "$GUESTS/call_site" 3
	assert_status 0
	assert_line "$T/stdout" "site libc's"
	sed -E 's/=[0-9]{3,}/=PID/g' "$T/stdout" | grep -v '^site' >"$T/ptrace"
	hy --backend=guest --guest-rewrite --inject getpid:retval=42:when=2 -- "$GUESTS/call_site" 3
	assert_status 0
	assert_line "$T/stdout" "site rewritten"
	sed -E 's/=[0-9]{3,}/=PID/g' "$T/stdout" | grep -v '^site' >"$T/guest"
	cmp -s "$T/ptrace" "$T/guest" || fail "output differs from ptrace's: $(diff "$T/ptrace" "$T/guest")"
	assert_count "$T/out" '^getppid\(\) += [0-9]+$' 9
	assert_count "$T/out" '^getpid\(\) += 42 \(INJECTED\)$' 3
	# never asked for behind the user's back: only with the guest backend
	RC=0
	"$HYTRACE" --guest-rewrite -- /bin/true 2>"$T/stderr" || RC=$?
	assert_status 2
	assert_match "$T/stderr" 'hytrace: --guest-rewrite needs --backend=guest.*'
}

# a vfork child (sh) and a posix_spawn child are armed before their exec: the
# program they start keeps the runtime, its calls are the tool's as natively
t_vfork_and_spawn_children_keep_the_runtime() {
	need_sud
	hy --backend=guest --inject getppid:retval=42 -e trace=getppid -- \
		sh -c "$GUESTS/getppid_storm 1 2; exit 3"
	assert_status 3
	# sh's own getppid and the two of the program its vfork child started
	assert_count "$T/out" '^getppid\(\) += 42 \(INJECTED\)$' 3
	hy --backend=guest --inject getppid:retval=42 -e trace=getppid -- \
		"$GUESTS/procs" spawn "$GUESTS/getppid_storm" 1 3
	assert_status 0
	assert_count "$T/out" '^getppid\(\) += 42 \(INJECTED\)$' 3
	# the same with rewritten sites: they hold nothing while the spawn child
	# runs on the parent's memory (hy_grt_vforking), its program is held again
	hy --backend=guest --guest-rewrite --inject getppid:retval=42 -e trace=getppid -- \
		"$GUESTS/procs" spawn "$GUESTS/getppid_storm" 1 3
	assert_status 0
	assert_count "$T/out" '^getppid\(\) += 42 \(INJECTED\)$' 3
	# a spawn that fails says so to the parent, through the memory they share
	hy --backend=guest --inject getppid:retval=42 -- "$GUESTS/procs" spawn /nonexistent
	assert_status 99 # the guest's die()
	assert_match "$T/stderr" '.*posix_spawn: No such file or directory'
}

# -u: the command runs as that user on this backend too, its runtime with it
t_run_as_user() {
	need_sud
	id nobody >/dev/null 2>&1 || skip "no user nobody"
	hy --backend=guest --inject getppid:retval=42 -e trace=getppid -u nobody -- \
		sh -c 'id -u; exit 0'
	assert_status 0
	assert_line "$T/stdout" "$(id -u nobody)"
	assert_count "$T/out" '^getppid\(\) += 42 \(INJECTED\)$' 1
}

# signal lines come from the kernel's records, as ptrace's stops show them: a
# child's SIGCHLD (ignored by default, so never delivered) too; the dispatch
# traps' own SIGSYS never. Children one at a time: a traced parent's pending
# SIGCHLD absorbs a second child's (two lines under ptrace, three in the guest)
t_signal_lines_as_ptrace_shows_them() {
	need_guest_plugins
	local b
	for b in ptrace guest; do
		hy --backend=$b --tool "$PLUGINS/passthrough.so" -- "$GUESTS/fork_serial" 3
		assert_status 0
		grep -E -- '^--- SIG' "$T/out" | sed -E 's/=[0-9]+/=N/g; s| /\* [0-9.]+ s \*/||g' |
			sort >"$T/sig.$b"
	done
	assert_count "$T/sig.guest" '^--- SIGCHLD \{si_signo=SIGCHLD, si_code=CLD_EXITED, ' 3
	cmp -s "$T/sig.ptrace" "$T/sig.guest" ||
		fail "signal lines differ: $(diff "$T/sig.ptrace" "$T/sig.guest" | head -5)"
	assert_no_match "$T/out" '.*SIGSYS.*'
}

# A posix_spawn child shares the parent's memory, the runtime's note of the
# guest's SIGSYS handler too, and puts SIGSYS back to SIG_DFL (glibc does,
# for every handled signal): the parent's handler is still its own after, as
# it is in the kernel, and catches the parent's SIGSYS, as on ptrace
t_spawn_child_leaves_the_sigsys_handler() {
	need_sud
	local b
	for b in ptrace guest; do
		hy --backend=$b --inject getppid:retval=42 -e trace=rt_sigaction -- "$GUESTS/sigmask" 1 spawn
		assert_status 0
		assert_line "$T/stdout" "sigsys handler after spawn ours"
		assert_line "$T/stdout" "sigsys handled 1"
		grep -E '^rt_sigaction\(SIGSYS' "$T/out" | sed -E 's/0x[0-9a-f]+/ADDR/g' >"$T/lines.$b"
	done
	assert_count "$T/lines.guest" '^rt_sigaction\(SIGSYS, NULL, \{sa_handler=ADDR, .*' 3
	cmp -s "$T/lines.ptrace" "$T/lines.guest" ||
		fail "lines differ from ptrace's: $(diff "$T/lines.ptrace" "$T/lines.guest" | head -6)"
}

# the calls the runtime makes by hand (the mask, the guest's SIGSYS handler,
# a handler's mask without SIGSYS) never reach the kernel as the guest made them: they are in the log and in -C's counts once, with
# what the guest saw, as under ptrace; unheld (--inject holds getppid only)
# and held by a tool (passthrough holds all). sh blocks every signal around
# its vfork, the child unblocks them: the parent's mask is still its own
t_calls_made_by_hand_recorded_once() {
	need_sud
	local run
	for run in ptrace guest guest_held; do
		if [ $run = guest_held ]; then
			[[ "$OUT" == *san* ]] && continue # guests cannot load an ASan plugin
			hy -C --backend=guest --tool "$PLUGINS/passthrough.so" -- sh -c "$GUESTS/sigmask 4; exit 0"
		else
			hy -C --backend=$run --inject getppid:retval=42 -- sh -c "$GUESTS/sigmask 4; exit 0"
		fi
		assert_status 0
		assert_count "$T/stdout" '^usr1 blocked 1$' 4
		assert_line "$T/stdout" "sigsys handler ours"
		assert_line "$T/stdout" "usr1 handler blocks sigsys 1"
		# sorted: sh and its vfork child's lines may interleave otherwise on a loaded machine
		grep -E '^rt_sig(procmask|action)\(' "$T/out" | sed -E 's/0x[0-9a-f]+/ADDR/g' |
			sort >"$T/lines.$run"
		echo "$(summary_field "$T/out" rt_sigprocmask calls)" \
			"$(summary_field "$T/out" rt_sigaction calls)" >"$T/counts.$run"
	done
	assert_count "$T/lines.guest" '^rt_sigprocmask\(SIG_BLOCK, \[USR1\], NULL, 8\) += 0$' 4
	assert_count "$T/lines.guest" '^rt_sigprocmask\(SIG_SETMASK, NULL, \[USR1\], 8\) += 0$' 4
	assert_count "$T/lines.guest" '^rt_sigprocmask\(SIG_UNBLOCK, \[USR1\], \[USR1\], 8\) += 0$' 4
	assert_count "$T/lines.guest" '^rt_sigaction\(SIGSYS, NULL, \{sa_handler=ADDR, sa_mask=\[\], sa_flags=SA_RESTORER, sa_restorer=ADDR\}, 8\) += 0$' 1
	assert_match "$T/lines.guest" '^rt_sigaction\(SIGUSR1, \{sa_handler=ADDR, sa_mask=~\[RTMIN RT_1\], sa_flags=SA_RESTORER, sa_restorer=ADDR\}, NULL, 8\) += 0'
	# -C counts each line once (sh adds its own calls to the guest's)
	assert_line "$T/counts.guest" "$(grep -c '^rt_sigprocmask' "$T/lines.guest") $(grep -c '^rt_sigaction' "$T/lines.guest")"
	for run in guest guest_held; do
		[ -f "$T/lines.$run" ] || continue
		cmp -s "$T/lines.ptrace" "$T/lines.$run" ||
			fail "$run: lines differ from ptrace's: $(diff "$T/lines.ptrace" "$T/lines.$run" | head -5)"
		cmp -s "$T/counts.ptrace" "$T/counts.$run" ||
			fail "$run: counts differ from ptrace's: $(diff "$T/counts.ptrace" "$T/counts.$run")"
	done
}

# a skipped call never reaches the kernel: its line shows the memory it pointed
# at as ptrace's does (a path longer than one note, an unreadable address, a
# buffer cut at -s, a struct), taken by the runtime at the call and noted
t_skipped_calls_show_their_memory() {
	need_sud
	local b path=/nonexistent/a-path-longer-than-forty-bytes-in-more-notes
	for b in ptrace guest; do
		hy --backend=$b -s 12 --inject open:error=ENOENT --inject write:retval=20 \
			--inject stat:error=EACCES --inject nanosleep:retval=0 \
			-e trace=open,write,stat,nanosleep -- "$GUESTS/skipped" $path
		assert_status 0
		sed -E 's/0x[0-9a-f]{6,}/ADDR/g' "$T/out" | grep INJECTED >"$T/lines.$b"
	done
	assert_line "$T/lines.guest" "open(\"$path\", O_RDONLY) = -1 ENOENT (No such file or directory) (INJECTED)"
	assert_match "$T/lines.guest" '^open\(0x1, O_RDONLY\) += -1 ENOENT .*'
	assert_match "$T/lines.guest" '^write\(1, "0123456789ab"\.\.\., 20\) += 20 \(INJECTED\)$'
	assert_match "$T/lines.guest" "^stat\\(\"$path\", ADDR\\) += -1 EACCES .*"
	assert_match "$T/lines.guest" '^nanosleep\(\{tv_sec=0, tv_nsec=1000\}, NULL\) += 0 \(INJECTED\)$'
	cmp -s "$T/lines.ptrace" "$T/lines.guest" ||
		fail "lines differ from ptrace's: $(diff "$T/lines.ptrace" "$T/lines.guest" | head -6)"
}

# the capture of a skipped call's memory takes ~10 KiB of stack: it runs on a
# stack of the runtime's, not on the guest thread's (the handler's), which may
# be the smallest pthread allows (it crashed there)
t_skipped_call_in_a_small_stack() {
	need_sud
	hy --backend=guest --inject open:error=ENOENT -e trace=open -- "$GUESTS/small_stack" /some/path
	assert_status 0
	assert_line "$T/stdout" "open: -2"
	assert_match "$T/out" '^open\("/some/path", O_RDONLY\) += -1 ENOENT .*\(INJECTED\)$'
}

# the dynamic loader's calls come before the runtime: hytrace counts them
# from the kernel's records (across the exec, as ptrace's per-thread counts
# go on), so --inject's when= hits the call ptrace's does (sh's two openat,
# the new image's loader's two, then the guest's first); the loader's loading
# of the runtime and hytrace's variables in execve's environment are
# hytrace's, never the guest's: the whole log is ptrace's (but pids, addresses,
# random bytes, and sizes: sh stats its directory, this test's, which grows)
t_when_counts_the_loaders_calls() {
	need_sud
	local b
	for b in ptrace guest; do
		hy --backend=$b --inject openat:error=ENOENT:when=5 -- sh -c \
			"exec $GUESTS/open_read /etc/hostname /etc/passwd /nonexistent 2"
		assert_status 99
		mask_log >"$T/lines.$b"
	done
	assert_count "$T/lines.guest" '^openat\(AT_FDCWD, ".*/libc\.so\.6", .*= 3$' 2
	assert_match "$T/lines.guest" '^openat\(AT_FDCWD, "/etc/hostname", O_RDONLY\) += -1 ENOENT .*\(INJECTED\)$'
	assert_match "$T/lines.guest" '^execve\(".*/sh", .* /\* [0-9]+ vars \*/\) += 0$'
	assert_no_match "$T/out" '.*libhytrace-guest.*'
	cmp -s "$T/lines.ptrace" "$T/lines.guest" ||
		fail "lines differ from ptrace's: $(diff "$T/lines.ptrace" "$T/lines.guest" | head -6)"
}

# The run's log with what differs between two runs masked: pids, addresses,
# random bytes, sizes (sh stats its directory, the test's, which grows).
mask_log() {
	sed -E 's/0x[0-9a-f]+/ADDR/g; s/^((set_tid_address|getpid|getppid)\(.*= )[0-9]+$/\1PID/
		s/(superseded by execve in pid )[0-9]+/\1PID/
		s/^(getrandom\().{34}/\1BYTES/; s/st_size=[0-9]+/st_size=N/g' "${1:-$T/out}"
}

# The log's lines grouped by task, the tasks in the order they first appear,
# each task's lines in its own order (masked as mask_log's, a new thread's tid
# too): where two threads' lines fall among each other is a race, natively too.
by_task() {
	awk '{ if (!($1 in n)) n[$1] = ++k; i = n[$1]; sub(/^[0-9]+ +/, "")
		out[i] = out[i] $0 "\n" } END { for (i = 1; i <= k; i++) printf "%s", out[i] }' "$T/raw" |
		mask_log - | sed -E 's/^(clone3?\(.*= )[0-9]+$/\1TID/; s/\[[0-9]+\]/[TID]/g'
}

# On both backends: the log of COMMAND with --inject RULE ($T/lines.B, pids,
# addresses and random bytes masked) and opencount.so's line ($T/count.B).
held_both_ways() {
	local b rule=$1
	shift
	for b in ptrace guest; do
		hy --backend=$b --inject "$rule" -- "$@"
		assert_status 0
		mask_log >"$T/lines.$b"
		by_task >"$T/tasks.$b"
		hy --backend=$b --tool "$PLUGINS/opencount.so" -- "$@"
		assert_status 0
		grep '^opencount:' "$T/out" >"$T/count.$b" || :
	done
}

# held_both_ways's two runs: the same lines, and one state each, started once, counting alike.
same_both_ways() {
	cmp -s "$T/lines.ptrace" "$T/lines.guest" ||
		fail "lines differ from ptrace's: $(diff "$T/lines.ptrace" "$T/lines.guest" | head -6)"
	assert_match "$T/count.guest" '^opencount: process ([1-9][0-9]*) thread \1 global \1 started 1 1$'
	cmp -s "$T/count.ptrace" "$T/count.guest" ||
		fail "counts differ: ptrace $(cat "$T/count.ptrace"), guest $(cat "$T/count.guest")"
}

# The hand-off: the launched command's calls are held with ptrace until its
# runtime arms, so the dynamic loader's first close gets the injected error on
# both backends (the whole logs the same), and a tool's process, thread and
# global state count the loader's openat calls as on ptrace: one state each,
# started once (the runtime takes hytrace's over).
t_loader_calls_held_until_the_runtime_arms() {
	need_guest_plugins
	held_both_ways close:error=EBADF:when=1 cat /etc/hostname
	assert_match "$T/lines.guest" '^openat\(AT_FDCWD, "/etc/ld.so.cache", .*= 3$'
	assert_count "$T/lines.guest" '^close\(3\) += -1 EBADF .*\(INJECTED\)$' 1
	assert_no_match "$T/lines.guest" 'libhytrace-guest|PR_SET_SYSCALL_USER_DISPATCH'
	same_both_ways
}

# The same across an execve: sh's thread asks hytrace to hold it through
# cat's loader, so the third openat (cat's loader's first) gets the error on
# both backends, and the tool's states go on across the exec as on ptrace
# (sh's two openat calls and cat's, one process, started once).
t_exec_loader_held_until_the_runtime_arms() {
	need_guest_plugins
	held_both_ways openat:error=ENOENT:when=3 sh -c 'exec /bin/cat /etc/hostname'
	assert_count "$T/lines.guest" '^openat\(AT_FDCWD, "/etc/ld.so.cache", .*= -1 ENOENT .*\(INJECTED\)$' 1
	assert_count "$T/lines.guest" '^execve\(' 2
	same_both_ways
}

# hy_backtrace() at a held call: the guest's thread asks hytrace, which unwinds
# it as it does a ptrace-held one, so the frames are ptrace's: in the main
# thread, in a thread (its start goes through the runtime's trampoline, which
# is not shown) and in a forked child. The tool's lines: -o under ptrace, the
# guest's stderr in the guest (hy_output() there, docs/writing-tools.md).
t_backtrace_at_held_call() {
	need_guest_plugins
	local m b want="openat64 chain_b chain_a thread_main"
	for m in chain:/dev/null thread:/dev/zero fork:/dev/full; do
		for b in ptrace guest; do
			hy --backend=$b --tool "$PLUGINS/backtrace.so" --tool-opt path="${m#*:}" \
				-- "$GUESTS/stack_chain" "${m%%:*}" "${m#*:}"
			assert_status 0
			# the tool's lines only (not the log's exit_group: their order is not set)
			cat "$T/out" "$T/stderr" | grep -E '^(enter|exit)( frame 1)?:' >"$T/bt.$b" || :
		done
		assert_match "$T/bt.guest" "enter: $want .*"
		assert_match "$T/bt.guest" "exit: $want .*"
		assert_match "$T/bt.guest" "enter frame 1: > $GUESTS/stack_chain\(chain_b\+0x[0-9a-f]+\) \[0x[0-9a-f]+\]"
		assert_no_match "$T/bt.guest" 'error|thread_trampoline|libhytrace-guest'
		cmp -s "$T/bt.ptrace" "$T/bt.guest" ||
			fail "$m: frames differ from ptrace's: $(diff "$T/bt.ptrace" "$T/bt.guest" | head -6)"
	done
}

# -k's stacks of the calls made for the guest from the runtime's gate (held or
# not, trapped or from a rewritten site, skipped), hy_backtrace() at a
# rewritten site's held call, and the events' stacks: the frames ptrace's run
# shows, line for line (the runtime's own, a thread's start, left out)
t_stacks_of_held_calls() {
	need_guest_plugins
	local b run
	# the log's calls and their frames (not signals, exits, nor the tool's lines,
	# whose place among them no backend sets); the tool's lines apart, sorted.
	# Up to an exec of itself (its loader's second opening of ld.so.cache): the
	# new image's stacks are unwound when hytrace drains, which a slow VM may do
	# after that short-lived process is gone (its mappings with it; HACKING.md,
	# "Stacks of the calls made from the gate")
	split_log() { # prefix tool-lines
		grep -vE '^(enter|exit|event)' "$T/out" | sed -E 's/ +/ /g' |
			awk '/^openat\(AT_FDCWD, "\/etc\/ld\.so\.cache"/ && ++n == 2 { exit }
			     /^(\+\+\+|---) / { skip = 1; next } /^ > / && skip { next } { skip = 0; print }' >"$T/$1.log"
		grep -E "^($2)" "$T/out" | sort >"$T/$1.tool" || :
	}
	for b in ptrace guest; do
		hy --backend=$b -k --tool "$PLUGINS/backtrace.so" --tool-opt path=/dev/zero \
			-e trace=openat -- "$GUESTS/stack_chain" all
		assert_status 0
		split_log "chain.$b" 'enter|exit'
		[ $b = guest ] && b="guest --guest-rewrite"
		# shellcheck disable=SC2086
		hy --backend=$b -k -i --tool "$PLUGINS/backtrace.so" --tool-opt path=/dev/null \
			--inject close:error=EBADF:when=4 -e trace=openat,close -- "$GUESTS/open_loop" 3
		assert_status 0
		# -i: every call's rip is known (the skipped one's too); its value is ASLR's
		assert_no_match "$T/out" '^\[\?+\] [a-z]'
		sed -i -E 's/^\[[0-9a-f]{16}\] /[IP] /' "$T/out"
		split_log "loop.${b%% *}" 'enter|exit|event'
	done
	assert_match "$T/chain.guest.tool" "^enter: openat64 chain_b chain_a thread_main .*"
	assert_count "$T/loop.guest.tool" "^(enter|exit): syscall main .*_start$" 6
	assert_match "$T/loop.guest.log" "^\[IP\] close\(3\) = -1 EBADF .*\(INJECTED\)$"
	for run in chain loop; do
		assert_count "$T/$run.guest.log" "^ > $GUESTS/" "$(grep -c "^ > $GUESTS/" "$T/$run.ptrace.log")"
		assert_no_match "$T/$run.guest.log" 'libhytrace-guest|thread_trampoline'
		cmp -s "$T/$run.ptrace.log" "$T/$run.guest.log" ||
			fail "$run: the log's stacks differ from ptrace's: $(diff "$T/$run.ptrace.log" "$T/$run.guest.log" | head -8)"
		cmp -s "$T/$run.ptrace.tool" "$T/$run.guest.tool" ||
			fail "$run: hy_backtrace() differs from ptrace's: $(diff "$T/$run.ptrace.tool" "$T/$run.guest.tool" | head -8)"
	done
}

# the guest's own seccomp filter outranks hytrace's (ERRNO, and its own TRACE,
# which ends with ENOSYS without a tracer): no tool sees the call and the
# kernel acts, as under ptrace, also at a rewritten site and after an exec
# (the filter survives it). (ptrace's run of the TRACE case: test_guest_view.)
# A vfork child's filter is its own, as in the kernel: the parent's held
# getppid still reaches the tools, before and after it executes itself (the
# child's filter went into the copy they share: the parent's calls skipped
# the tools, "getppid: N", and its exec carried the filter).
t_own_seccomp_filter_wins() {
	need_guest_plugins
	local b
	for b in ptrace guest "guest --guest-rewrite"; do
		# shellcheck disable=SC2086
		hy --backend=$b --inject getppid:error=EPERM -e trace=getppid -- \
			"$GUESTS/own_seccomp" errno
		assert_status 0
		assert_count "$T/stdout" '^getppid: -1 EACCES$' 3
		assert_no_match "$T/out" INJECTED
		# shellcheck disable=SC2086
		hy --backend=$b --inject getppid:error=EPERM -e trace=getppid -- \
			"$GUESTS/own_seccomp" vfork
		assert_status 0
		assert_count "$T/stdout" '^getppid: -1 EPERM$' 2
		assert_count "$T/out" '^getppid\(\) += -1 EACCES \(Permission denied\)$' 1
		assert_count "$T/out" '^getppid\(\) += -1 EPERM .*\(INJECTED\)$' 2
	done
	# its own TRACE: ENOSYS, and in the log as ptrace's stop records it (not INJECTED)
	hy --backend=guest --inject getppid:error=EPERM -e trace=getppid -- "$GUESTS/own_seccomp"
	assert_status 0
	assert_line "$T/stdout" "getppid: -1 ENOSYS"
	assert_match "$T/out" '^getppid\(\) += -1 ENOSYS \(Function not implemented\)$'
}

# A region a killed hytrace left in /dev/shm goes at the next guest run; one of
# a hytrace that is alive (here: this shell's pid) stays. In a /dev/shm of the
# test's own (a mount namespace with a fresh tmpfs): a concurrent run's sweep
# took its stale region between its touch and mkfifo once, which left the door
# behind (a door alone is never swept), and the test's own run would sweep the
# other runs' regions. The dead hytrace's pid is past pid_max: no task has it.
t_stale_regions_swept() {
	need_guest_plugins
	command -v unshare >/dev/null || skip "no unshare(1) for a /dev/shm of the test's own"
	local dead
	dead=$(($(cat /proc/sys/kernel/pid_max) + 1))
	RC=0
	# shellcheck disable=SC2016
	timeout -k 5 "$TIMEOUT" unshare --mount --propagation private bash -c '
		out=$1 dead=$2 live=$3
		shift 3
		mount -t tmpfs -o mode=1777 hytrace-test /dev/shm || exit 90
		touch "/dev/shm/hytrace-guest-$dead-1f" "/dev/shm/hytrace-guest-$live-1f"
		mkfifo "/dev/shm/hytrace-guest-$dead-1f-door"
		# doors whose region is gone: a dead pid'"'"'s, a live one'"'"'s, and a
		# dead pid'"'"'s that a reader holds (a hytrace in another pid namespace)
		mkfifo "/dev/shm/hytrace-guest-$dead-2f-door" "/dev/shm/hytrace-guest-$live-2f-door" \
			"/dev/shm/hytrace-guest-$dead-3f-door"
		exec 3<>"/dev/shm/hytrace-guest-$dead-3f-door"
		"$@" 3>&-
		rc=$?
		ls /dev/shm >"$out"
		exit $rc' _ "$T/shm" "$dead" "$$" \
		"$HYTRACE" --backend=guest -o "$T/raw" --tool "$PLUGINS/passthrough.so" -- /bin/true \
		>"$T/stdout" 2>"$T/stderr" || RC=$?
	assert_status 0
	# the stale region and the stale doors gone, the live ones and the held door
	# kept, the run's own removed
	assert_no_match "$T/shm" "^hytrace-guest-$dead-[12]f"
	assert_line "$T/shm" "hytrace-guest-$$-1f"
	assert_line "$T/shm" "hytrace-guest-$$-2f-door"
	assert_line "$T/shm" "hytrace-guest-$dead-3f-door"
	assert_count "$T/shm" . 3
}

run_tests
