#!/bin/bash
# SPDX-License-Identifier: MIT
# The default backend (`auto`, no --backend): the guest backend when a held
# call is one programs make often (class HOT in the syscall table), ptrace
# for rare held calls, for a tool that enforces a policy (sandbox), in the SAN
# build and where the guest cannot go (said in one line). Which backend ran is
# seen from inside the guest: its runtime in /proc/self/maps, its tracer in
# /proc/self/status.
. "$(dirname "$0")/lib.sh"

# what the guest sees of hytrace: the runtime's mapping, and its tracer
VIEW='grep -c libhytrace-guest /proc/self/maps; grep TracerPid /proc/self/status; exit 0'

assert_guest_ran() {
	[ "$(head -1 "$T/stdout")" -gt 0 ] || fail "no runtime in the guest: $(cat "$T/stdout" "$T/stderr")"
	assert_match "$T/stdout" 'TracerPid:[[:space:]]+0'
}

assert_ptrace_ran() {
	[ "$(head -1 "$T/stdout")" -eq 0 ] || fail "the runtime in the guest: $(cat "$T/stdout")"
	assert_no_match "$T/stdout" 'TracerPid:[[:space:]]+0$'
}

# where the guest backend can run: SUD (5.11+), and not the SAN build, whose
# `auto` keeps ptrace (its plugins carry ASan, which a guest cannot load)
guest_possible() {
	have_sud && [[ "$OUT" != *san* ]]
}

# a kernel without SUD, where `auto` wanted the guest: one line says why not
# (the SAN build's `auto` never wants it, silently)
no_sud_says_why() {
	if have_sud; then
		assert_count "$T/stderr" '.*' 0
	else
		assert_count "$T/stderr" '.*' 1
		assert_line "$T/stderr" "hytrace: ptrace for this run, not the guest backend: this kernel has no Syscall User Dispatch (Linux 5.11+)"
	fi
}

# a frequent held call (read): the guest backend, unless it cannot run here
t_frequent_held_call_takes_the_guest() {
	need_kernel
	hy --inject read:error=EIO:when=65535 -- sh -c "$VIEW"
	assert_status 0
	if guest_possible; then
		assert_guest_ran
		assert_no_match "$T/stderr" 'ptrace for this run'
	else
		assert_ptrace_ran
		no_sud_says_why
	fi
	# the test hook keeps `auto` on ptrace
	HYTRACE_DEFAULT_BACKEND=ptrace hy --inject read:error=EIO:when=65535 -- sh -c "$VIEW"
	assert_status 0
	assert_ptrace_ran
	# an explicit --backend=ptrace is ptrace
	hy --backend=ptrace --inject read:error=EIO:when=65535 -- sh -c "$VIEW"
	assert_ptrace_ran
	# -i: a signal's address is ptrace's alone
	hy -i --inject read:error=EIO:when=65535 -- sh -c "$VIEW"
	assert_status 0
	assert_ptrace_ran
}

# rare held calls only (execve, kill, and openat: find's calls are 7% openat,
# below the crossover of one held call in four or five): ptrace, which costs
# nothing on the unheld calls, where the guest would trap every one; without
# a word
t_rare_held_calls_keep_ptrace() {
	need_kernel
	hy --inject execve,kill,openat:error=EPERM:when=65535 -- sh -c "$VIEW"
	assert_status 0
	assert_ptrace_ran
	assert_no_match "$T/stderr" 'ptrace for this run'
	# one frequent call in the held set is enough
	hy --inject execve,kill,read:error=EPERM:when=65535 -- sh -c "$VIEW"
	assert_status 0
	guest_possible && assert_guest_ran
	return 0
}

# sandbox enforces a policy the guest could get around in the guest backend:
# `auto` keeps ptrace for it (HY_TOOL_ENFORCES); --backend=guest still runs it
t_sandbox_keeps_ptrace() {
	need_kernel
	hy --tool "$ROOT/$OUT/tools/sandbox.so" --tool-opt deny=/nonexistent -- sh -c "$VIEW"
	assert_status 0
	assert_ptrace_ran
	guest_possible || return 0
	hy --backend=guest --tool "$ROOT/$OUT/tools/sandbox.so" --tool-opt deny=/nonexistent -- \
		sh -c "$VIEW"
	assert_status 0
	assert_guest_ran
}

# a static command cannot take the runtime: it runs under ptrace from its exec
# and a dynamic program it executes on the guest backend, said in one line
# when `auto` wanted the guest (a frequent held call), nothing when it did
# not; on a kernel without SUD the whole run is ptrace, said so
t_static_command_says_why() {
	need_kernel
	static_guest exit_with static
	static_guest fork_exec
	hy --inject read:error=EIO:when=65535 -- "$T/static" 3
	assert_status 3
	if guest_possible; then
		# held through ptrace from its exec, as one a guest executes mid-run
		assert_count "$T/stderr" '.*' 1
		assert_match "$T/stderr" "hytrace: the guest backend \\(the default's choice\\): pid $(awk 'NR == 1 { print $1 }' "$T/raw") executes static, a static program: $(static_fate)"
	else
		no_sud_says_why
	fi
	# ...and a dynamic program it executes runs on the guest backend
	hy --inject read:error=EIO:when=65535 -- "$T/fork_exec" /bin/sh -c "$VIEW"
	assert_status 0
	grep -v '^fork_exec ' "$T/stdout" >"$T/view" && mv "$T/view" "$T/stdout"
	if guest_possible && aslr_off; then
		# its code could land where the static one's was: kept on ptrace
		assert_ptrace_ran
		assert_count "$T/stderr" '.*' 1
	elif guest_possible; then
		assert_guest_ran
		assert_count "$T/stderr" '.*' 1
	else
		assert_ptrace_ran
		no_sud_says_why
	fi
	hy --inject execve:error=EPERM:when=65535 -- "$T/static" 3
	assert_status 3
	assert_count "$T/stderr" '.*' 0
	# executed mid-run by a guest the default put on the guest backend: that
	# process is held through ptrace (the hand-off), said once, in one line
	hy --inject read:error=EIO:when=65535 --inject exit_group:error=EPERM:when=1 -- \
		sh -c "$T/static 3; $T/static 4; exit 5"
	assert_status 5
	assert_count "$T/out" '^exit_group\([34]\) += -1 EPERM .*\(INJECTED\)$' 2
	if guest_possible; then
		assert_count "$T/stderr" '.*' 1
		assert_match "$T/stderr" "hytrace: the guest backend \\(the default's choice\\): pid [0-9]+ executes static, a static program: $(static_fate)"
	else
		no_sud_says_why
	fi
}

# a "#!" script is the program its interpreter is, as the kernel runs it:
# a script of sh (and a script of that script) takes the guest backend,
# where before any command not an ELF file kept the whole run on ptrace
# (/root/.pyenv/shims/python3, ./configure); a script of a static program is
# that static program, held through ptrace from its exec, said in one line
t_script_command_is_its_interpreter() {
	need_kernel
	printf '#!/bin/sh\n%s\n' "$VIEW" >"$T/view.sh"
	printf '#!%s\n' "$T/view.sh" >"$T/view2.sh"
	static_guest exit_with static
	printf '#!%s 7\n' "$T/static" >"$T/static.sh"
	chmod +x "$T/view.sh" "$T/view2.sh" "$T/static.sh"
	for s in view.sh view2.sh; do
		hy --inject read:error=EIO:when=65535 -- "$T/$s"
		assert_status 0
		if guest_possible; then
			assert_guest_ran
			assert_count "$T/stderr" '.*' 0
		else
			assert_ptrace_ran
			no_sud_says_why
		fi
	done
	hy --inject read:error=EIO:when=65535 -- "$T/static.sh"
	assert_status 7
	if guest_possible; then
		assert_count "$T/stderr" '.*' 1
		assert_match "$T/stderr" "hytrace: the guest backend \\(the default's choice\\): pid [0-9]+ executes static.sh, a static program: $(static_fate)"
	else
		no_sud_says_why
	fi
	# executed mid-run by a guest: kept too (before, taken for a dynamic
	# program and held at both stops of every call, never said)
	hy --inject read:error=EIO:when=65535 -- sh -c "$T/static.sh; exit \$((\$? + 1))"
	assert_status 8
	if guest_possible; then
		assert_count "$T/stderr" '.*' 1
		assert_match "$T/stderr" "hytrace: the guest backend \\(the default's choice\\): pid [0-9]+ executes static.sh, a static program: $(static_fate)"
	fi
	# five scripts deep runs as natively; six is one more than the kernel
	# runs (ELOOP): hytrace says why not the guest, the kernel fails the exec
	for i in 3 4 5 6; do printf '#!%s\n' "$T/view$((i - 1)).sh" >"$T/view$i.sh"; done
	chmod +x "$T"/view?.sh
	hy --inject read:error=EIO:when=65535 -- "$T/view5.sh"
	assert_status 0
	guest_possible && assert_guest_ran
	hy --inject read:error=EIO:when=65535 -- "$T/view6.sh"
	guest_possible && assert_match "$T/stderr" "hytrace: ptrace for this run, not the guest backend: .*/view6.sh: scripts of scripts more than 5 deep"
	return 0
}

# `auto`'s guess by the held set's kinds, checked at the end against the
# run's share of held calls: where the other backend would clearly have cost
# less (the share far past the crossover of one in four or five, in a run of
# 10,000 calls or more), one line says so; never for a short run, an explicit
# --backend, or where the guest backend cannot run
t_share_says_when_the_guess_was_wrong() {
	need_kernel
	local hint_guest='^hytrace: 49% of the run.s 120[0-9][0-9] calls were held, each a ptrace stop: --backend=guest would likely have cost less .*'
	local hint_ptrace='^hytrace: 0% of the run.s 120[0-9][0-9] calls were held, and the guest backend traps every call: --backend=ptrace would likely have cost less .*'
	# openat held, half the calls (open_loop: openat + close): ptrace was guessed
	hy --inject openat:error=ENOENT:when=65535 -- "$GUESTS/open_loop" 6000
	assert_status 0
	assert_count "$T/out" '^openat\(AT_FDCWD, "/dev/null", O_RDONLY\) += 3$' 6000
	if guest_possible; then
		assert_count "$T/stderr" '.*' 1
		assert_match "$T/stderr" "$hint_guest"
	else
		assert_count "$T/stderr" '.*' 0
	fi
	# read held, none made: the guest was guessed, and trapped every call
	hy --inject read:error=EIO:when=65535 -- "$GUESTS/open_loop" 6000
	assert_status 0
	if guest_possible; then
		assert_count "$T/stderr" '.*' 1
		assert_match "$T/stderr" "$hint_ptrace"
	else
		no_sud_says_why
	fi
	# the guess right (getppid held, none made: ptrace), a short run, an
	# explicit backend: nothing said
	hy --inject getppid:error=ENOSYS:when=65535 -- "$GUESTS/open_loop" 6000
	assert_count "$T/stderr" '.*' 0
	hy --inject openat:error=ENOENT:when=65535 -- "$GUESTS/open_loop" 100
	assert_count "$T/stderr" '.*' 0
	hy --backend=ptrace --inject openat:error=ENOENT:when=65535 -- "$GUESTS/open_loop" 6000
	assert_count "$T/stderr" '.*' 0
}

run_tests
