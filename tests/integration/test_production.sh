#!/bin/bash
# SPDX-License-Identifier: MIT
# Production mode: --cgroup and -a watch what already runs (no command, no
# ptrace), -c counts in the kernel, --metrics feeds a real Prometheus server.
. "$(dirname "$0")/lib.sh"

# Where cgroup v2 is mounted (hybrid systems: /sys/fs/cgroup/unified): never assumed.
cg_root() {
	awk '$9 == "cgroup2" && $4 == "/" { print $5; exit }' /proc/self/mountinfo
}

# A cgroup of the test's own in the v2 hierarchy ($CG, and $CGREL as hytrace names
# it), removed when the test ends; skips where there is no v2 hierarchy to use.
make_cgroup() {
	local root
	root=$(cg_root)
	[ -n "$root" ] || skip "no cgroup v2 hierarchy is mounted"
	CGREL=/hytrace-test.$$.$RANDOM
	CG=$root$CGREL
	mkdir "$CG" || skip "cannot make a cgroup in $root (not root?)"
	trap 'find "$CG" -depth -type d -exec rmdir {} + 2>/dev/null || :' EXIT
}

start_guest() { # args...: attach_me, waiting for SIGUSR1; sets G ($GUEST: another copy)
	"${GUEST:-$GUESTS/attach_me}" "$@" >"$T/guest.out" &
	G=$!
	for _ in $(seq 100); do grep -q ready "$T/guest.out" && return 0; sleep 0.02; done
	fail "guest did not start"
}

# hytrace in the background (-o $T/raw, stderr $T/stderr) until it says it watches.
start_hytrace() { # args...: sets H ($SELF: another copy of hytrace)
	"${SELF:-$HYTRACE}" -o "$T/raw" "$@" 2>"$T/stderr" &
	H=$!
	for _ in $(seq 600); do
		grep -q '^hytrace: Watching ' "$T/stderr" 2>/dev/null && return 0
		kill -0 "$H" 2>/dev/null || break
		sleep 0.05
	done
	fail "hytrace did not start watching: $(cat "$T/stderr")"
}

stop_hytrace() { # signal: ends hytrace, sets RC and $T/out (the log without its tid column)
	kill "-$1" "$H"
	for _ in $(seq 300); do
		kill -0 "$H" 2>/dev/null || break
		sleep 0.05
	done
	if kill -0 "$H" 2>/dev/null; then
		local state
		state=$(grep -E 'State|Sig(Blk|Ign|Cgt)' "/proc/$H/status" | tr '\n\t' '  ')
		kill -KILL "$H"
		fail "hytrace did not end 15 s after SIG$1: $state; wchan $(cat "/proc/$H/wchan" 2>/dev/null)"
	fi
	RC=0
	wait "$H" || RC=$?
	sed -E 's/^[0-9]+ +//' "$T/raw" >"$T/out"
}

run_guest_in() { # cgroup-dir: the guest joins it now, makes its calls, ends with 5
	echo "$G" >"$1/cgroup.procs"
	kill -USR1 "$G"
	local rc=0
	wait "$G" || rc=$?
	[ "$rc" -eq 5 ] || fail "the guest ended with $rc"
}

# The in-kernel counts (bpf/aggregate.bpf.c) need task storage for tracing
# programs: Linux 5.12. Older kernels skip, saying so; newer ones must load them
# (under CI a failure to is a failure).
need_kernel_totals() {
	local v
	need_kernel
	"$HYTRACE" -c -o "$T/probe" -- /bin/true 2>"$T/probe.err"
	grep -q 'the summary was counted in the kernel' "$T/probe" && return 0
	v=$(uname -r | awk -F. '{ printf "%d", $1 * 1000 + $2 }')
	[ "$v" -lt 5012 ] && skip "the in-kernel counts need Linux 5.12 (task storage for tracing programs); this is $(uname -r)"
	HYTRACE_BPF_LOG=1 "$HYTRACE" -a --metrics 127.0.0.1:1 -o /dev/null 2>"$T/probe.err" </dev/null
	if [ -n "${CI:-}" ]; then
		fail "the in-kernel counts must load under CI: $(tail -3 "$T/probe.err")"
	fi
	skip "the in-kernel counts did not load: $(tail -1 "$T/probe.err")"
}

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A task that joins the cgroup after hytrace started is counted, in the kernel, exactly.
t_cgroup_counts_a_task_that_joins_later() {
	need_kernel_totals
	make_cgroup
	start_guest 777
	start_hytrace --cgroup "$CGREL" -c
	run_guest_in "$CG"
	stop_hytrace TERM
	assert_status 0
	[ "$(summary_field "$T/out" getppid calls)" = 777 ] ||
		fail "the summary counts $(summary_field "$T/out" getppid calls) getppid, not 777: $(cat "$T/out")"
	assert_match "$T/out" 'hytrace: [0-9]+ syscalls recorded \([0-9]+ by the kernel, 0 escalated\), 0 lost, 0 skipped; the summary was counted in the kernel'
}

# Events of a watched cgroup say their cgroup and the container its path names.
t_cgroup_events_name_cgroup_and_container() {
	local id
	need_kernel
	make_cgroup
	id=$(printf '0123456789abcdef%.0s' 1 2 3 4)
	mkdir "$CG/docker-$id.scope"
	start_guest 3
	start_hytrace --cgroup "$CG" --json -e trace=getppid
	run_guest_in "$CG/docker-$id.scope"
	stop_hytrace INT
	assert_status 0
	assert_count "$T/out" '"name":"getppid"' 3
	assert_count "$T/out" "\"cgroup\":\"$CGREL/docker-$id.scope\",\"container\":\"docker://$id\"" 3
	# the closing counts go to stderr: the log stays JSON Lines
	assert_json_lines "$T/raw"
	assert_match "$T/stderr" 'hytrace: [0-9]+ syscalls recorded .*'
	# text lines say it with --show-cgroup
	start_guest 2
	start_hytrace --cgroup "$CG" --show-cgroup -e trace=getppid
	run_guest_in "$CG/docker-$id.scope"
	stop_hytrace TERM
	assert_count "$T/out" "^\[$CGREL/docker-$id.scope\] getppid\(\) += [0-9]+$" 2
}

# --cgroup prints the signal lines -p without a tracer prints (the kernel's
# records), for a task that joined while it waited for the signal too.
t_cgroup_signal_lines() {
	need_kernel
	make_cgroup
	start_guest child
	start_hytrace --cgroup "$CG" -e trace=rt_sigreturn
	run_guest_in "$CG"
	stop_hytrace INT
	assert_status 0
	assert_count "$T/out" '^--- SIGUSR1 \{si_signo=SIGUSR1, si_code=SI_USER, .*' 1
	assert_count "$T/out" '^rt_sigreturn\(\) += -1 EINTR .*' 1
	# the child's SIGCHLD, which the kernel drops as ignored but a tracer is shown
	assert_count "$T/out" '^--- SIGCHLD \{si_signo=SIGCHLD, si_code=CLD_EXITED, .*' 1
}

# A task that joined while it waited and is ended by a fatal signal with its
# default action (which the kernel turns into a SIGKILL when it is sent, as
# no tracer stops the task) shows that signal's line, as a tracer's stop does.
t_cgroup_fatal_signal_line() {
	need_kernel
	make_cgroup
	sleep 60 &
	G=$!
	start_hytrace --cgroup "$CG" -e trace=none
	echo "$G" >"$CG/cgroup.procs"
	kill -TERM "$G"
	wait "$G" 2>/dev/null || :
	stop_hytrace INT
	assert_status 0
	assert_count "$T/out" "^--- SIGTERM \{si_signo=SIGTERM, si_code=SI_USER, si_pid=$BASHPID, .*" 1
}

# -a: a known process is seen; hytrace's own calls (its threads' tids) are not.
t_all_sees_others_not_itself() {
	local tids
	need_kernel
	start_guest 500
	start_hytrace -a -e trace=getppid,write,read,poll,ppoll,futex,openat,close
	kill -USR1 "$G"
	wait "$G" || true
	sleep 0.1
	tids=$(ls "/proc/$H/task" | paste -sd'|')
	stop_hytrace TERM
	assert_status 0
	[ "$(grep -cE "^$G +getppid\(\) += [0-9]+$" "$T/raw")" -eq 500 ] ||
		fail "$(grep -cE "^$G +getppid" "$T/raw") getppid lines of the guest, not 500"
	grep -qE "^$G +write\(1, \"ready" "$T/raw" && fail "a call before hytrace started was seen"
	assert_no_match "$T/raw" "^($tids) "
	assert_match "$T/out" 'hytrace: [0-9]+ syscalls recorded .*'
}

# -a -c: counted in the kernel per command name; SIGINT ends with the tables.
t_all_summary_by_comm() {
	local name=hy-comm-$RANDOM
	need_kernel_totals
	# names of their own: other programs of the host may run attach_me or hytrace
	GUEST=$T/$name
	SELF=$T/hy-self-$RANDOM
	cp "$GUESTS/attach_me" "$GUEST"
	cp "$HYTRACE" "$SELF"
	start_guest 321
	start_hytrace -a -c --summary-by comm
	kill -USR1 "$G"
	wait "$G" || true
	stop_hytrace INT
	assert_status 0
	sed -n "/^comm $name\$/,/ total\$/p" "$T/out" >"$T/guest_table"
	[ "$(summary_field "$T/guest_table" getppid calls)" = 321 ] ||
		fail "attach_me's table counts $(summary_field "$T/guest_table" getppid calls) getppid: $(cat "$T/out")"
	assert_no_match "$T/out" "^comm ${SELF##*/}\$"
}

# The histogram of durations adds up to the calls.
t_summary_histogram() {
	need_kernel
	hy -c --histogram -- "$GUESTS/getppid_storm" 2 1000
	assert_status 0
	[ "$(summary_field "$T/out" getppid calls)" = 2000 ] || fail "$(cat "$T/out")"
	# "        64 -> 128       : 1500      |*****   |"
	awk '/^getppid: durations/ { on = 1; next } on && /\|/ { n += $5 } on && /^$/ { exit } END { print n + 0 }' \
		"$T/out" >"$T/sum"
	[ "$(cat "$T/sum")" = 2000 ] || fail "the getppid histogram holds $(cat "$T/sum") calls: $(cat "$T/out")"
}

# Debian's Prometheus scrapes hytrace; its query API sees exactly the guest's calls.
t_metrics_scraped_by_prometheus() {
	local hport pport v=""
	need_kernel_totals
	if ! command -v prometheus >/dev/null; then
		[ -n "${CI:-}" ] && fail "prometheus must run under CI: scripts/deps.sh test installs it"
		skip "Debian's prometheus is not installed (scripts/deps.sh test installs it, as root)"
	fi
	make_cgroup
	hport=$(free_port)
	pport=$(free_port)
	cat >"$T/prometheus.yml" <<-EOF
		global:
		  scrape_interval: 1s
		scrape_configs:
		  - job_name: hytrace
		    static_configs:
		      - targets: ['127.0.0.1:$hport']
	EOF
	start_guest 4321
	start_hytrace --cgroup "$CG" --metrics "127.0.0.1:$hport"
	prometheus --config.file="$T/prometheus.yml" --storage.tsdb.path="$T/tsdb" \
		--web.listen-address="127.0.0.1:$pport" --log.level=warn >"$T/prometheus.log" 2>&1 &
	local p=$!
	run_guest_in "$CG"
	# scrapes come every second: wait for one after the guest ended
	for _ in $(seq 120); do
		v=$(curl -s "http://127.0.0.1:$pport/api/v1/query" \
			--data-urlencode "query=sum(hytrace_syscalls_total{syscall=\"getppid\",cgroup=\"$CGREL\"})" |
			sed -n 's/.*"value":\[[0-9.]*,"\([0-9]*\)"\].*/\1/p')
		[ "$v" = 4321 ] && break
		sleep 0.25
	done
	kill "$p"
	wait "$p" 2>/dev/null || true
	stop_hytrace TERM
	assert_status 0
	[ "$v" = 4321 ] || fail "Prometheus says ${v:-nothing} getppid, not 4321: $(tail -5 "$T/prometheus.log")"
	curl -s "http://127.0.0.1:$hport/metrics" >/dev/null && fail "the endpoint outlived hytrace"
	return 0
}

# What the endpoint serves, read directly: errnos, histograms and health.
t_metrics_exposition() {
	local port
	need_kernel_totals
	make_cgroup
	port=$(free_port)
	start_guest 10
	start_hytrace --cgroup "$CG" --metrics "127.0.0.1:$port"
	run_guest_in "$CG"
	curl -s "http://127.0.0.1:$port/metrics" >"$T/metrics"
	curl -s -o /dev/null -w '%{http_code}\n' "http://127.0.0.1:$port/" >"$T/code"
	stop_hytrace TERM
	assert_status 0
	assert_line "$T/metrics" "hytrace_syscalls_total{cgroup=\"$CGREL\",container=\"\",syscall=\"getppid\"} 10"
	assert_line "$T/metrics" "hytrace_syscall_duration_seconds_count{cgroup=\"$CGREL\",container=\"\",syscall=\"getppid\"} 10"
	assert_line "$T/metrics" "hytrace_syscall_duration_seconds_bucket{cgroup=\"$CGREL\",container=\"\",syscall=\"getppid\",le=\"+Inf\"} 10"
	# the guest's sigsuspend, interrupted by SIGUSR1, returns what strace shows too
	assert_line "$T/metrics" "hytrace_syscall_errors_total{cgroup=\"$CGREL\",container=\"\",syscall=\"rt_sigsuspend\",errno=\"ERESTARTNOHAND\"} 1"
	assert_match "$T/metrics" 'hytrace_lost_total 0'
	assert_match "$T/metrics" '# TYPE hytrace_syscall_duration_seconds histogram'
	assert_line "$T/code" 404
}

# --record rotates by size between lines; nothing is lost at a rotation.
t_record_rotates_by_size() {
	local f
	need_kernel
	hy -c --record "$T/rec" --record-max-size 1M --record-keep 100 -- "$GUESTS/getppid_storm" 1 40000
	assert_status 0
	[ -f "$T/rec.3" ] || fail "no rotation: $(ls "$T")"
	[ "$(cat "$T"/rec* | grep -c '"name":"getppid"')" -eq 40000 ] ||
		fail "$(cat "$T"/rec* | grep -c '"name":"getppid"') getppid lines in $(ls "$T" | grep -c rec) files"
	for f in "$T"/rec.*; do
		[ "$(stat -c %s "$f")" -ge $((1 << 20)) ] || fail "$f is smaller than 1 MiB"
		# past 1 MiB by the line that crossed it, not by the writer's buffer
		[ "$(stat -c %s "$f")" -lt $(((1 << 20) + 4096)) ] || fail "$f has $(stat -c %s "$f") bytes"
		[ "$(grep -cv '^{.*}$' "$f")" -eq 0 ] || fail "$f has a broken line"
	done
	# only the newest are kept
	hy --record "$T/kept" --record-max-size 1M --record-keep 2 -o /dev/null -- "$GUESTS/getppid_storm" 1 40000
	assert_status 0
	[ -f "$T/kept.2" ] && [ ! -f "$T/kept.3" ] || fail "kept: $(ls "$T" | grep kept)"
	assert_match "$T/kept" '.*"name":"exit_group".*'
}

# -c -p: attached threads are known by tid, so the summary counts their events.
t_attach_summary_counts_from_events() {
	need_kernel
	start_guest 50
	"$HYTRACE" -c -o "$T/raw" -p "$G" 2>"$T/stderr" &
	H=$!
	for _ in $(seq 600); do
		grep -q "^hytrace: Process $G attached$" "$T/stderr" 2>/dev/null && break
		sleep 0.05
	done
	kill -USR1 "$G"
	RC=0
	wait "$H" || RC=$?
	assert_status 0
	[ "$(summary_field "$T/raw" getppid calls)" = 50 ] || fail "$(cat "$T/raw")"
	assert_no_match "$T/raw" 'counted in the kernel'
}

t_cgroup_refuses_what_is_not_v2() {
	hy_raw --cgroup /proc -c
	assert_status 2
	assert_match "$T/stderr" 'hytrace: --cgroup /proc: not a cgroup v2 directory \(v2 is mounted at .*\)'
	hy_raw --cgroup /no/such/cgroup
	assert_status 2
	assert_match "$T/stderr" 'hytrace: --cgroup /no/such/cgroup: No such file or directory'
	# an empty path (a script's unset variable) is not the whole host: that is -a
	hy_raw --cgroup '' -c
	assert_status 2
	assert_line "$T/stderr" "hytrace: --cgroup wants a cgroup's path, not '' (-a watches every task) (see 'hytrace --help')"
	hy_raw -a -- true
	assert_status 2
	assert_match "$T/stderr" 'hytrace: -a watches what runs: no command and no -p .*'
	hy_raw -a --metrics 127.0.0.1
	assert_status 2
	assert_match "$T/stderr" 'hytrace: --metrics 127.0.0.1: not IP:PORT .*'
	hy_raw --metrics 127.0.0.1:9464 -p 1
	assert_status 2
	assert_match "$T/stderr" 'hytrace: --metrics counts a command, a cgroup or the host, not -p .*'
}

run_tests
