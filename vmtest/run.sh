#!/bin/bash
# SPDX-License-Identifier: MIT
# vmtest: run hytrace's integration tests inside QEMU VMs on other kernels.
#
# Usage: vmtest/run.sh [KERNEL...]        (default: $KERNELS, or "5.10 6.1 6.12 7.x")
#   KERNEL is a spec for fetch-kernel.sh: 6.1, 6.12, 5.10, 7.x or a package name.
# Environment:
#   OUT             build directory, relative to the repo (default build)
#   VMTEST_DIR      downloads, kernels and logs (default $OUT/vmtest)
#   VMTEST_CMD      shell command run in the VM from the repo root
#                   (default: tests/run.sh --integration if it exists, else the
#                   stand-in vmtest/standin.sh)
#   VMTEST_TIMEOUT  seconds one VM may take, boot included (default 1500: ~200 tests under TCG on a busy host took 850-900 s; a hang is caught by VMTEST_STALL)
#   VMTEST_STALL    seconds a VM may go without a new line in its console or
#                   test log before it counts as hung and is stopped (default 300: the fidelity corpus is one test of ~2 minutes
#                   in an emulated VM, more on a loaded host)
#   VMTEST_ACCEL    kvm or tcg (default: kvm if a probe boot works, else tcg)
#   VMTEST_JOBS     VMs run at once (default: nproc)
#   VMTEST_SMP, VMTEST_MEM   vCPUs (default 1) and memory (default 2G) per VM
#   VMTEST_CPU      QEMU CPU model under TCG (default SandyBridge; KVM: host)
#   VMTEST_ASLR=1   keep address space randomization under TCG (slower)
#   VMTEST_APPEND   extra kernel command line words (KEY=value reach /init)
#   VMTEST_FETCH_ONLY=1  fetch the kernels, build the initramfs and probe KVM,
#                   then stop: CI does it while the host suite runs
#   VMTEST_IDLE_FILE  created when a VM slot is free for good (every kernel
#                   booted, one VM ended): CI runs the fuzzer on that core
#
# Each VM boots the kernel's ELF vmlinux directly (PVH), with an initramfs of
# busybox + the 9p/overlay modules; vmtest/init mounts the host's / read-only
# over 9p under a tmpfs overlay, chroots into it and runs cmd.sh (written here)
# from the repo's own path, so the host's binaries run unchanged. Results come
# back through a second, writable 9p share: build/vmtest/<release>/share/.
# Exit status: 0 when every kernel that could be fetched passed, 1 when one
# failed or none could be fetched, 2 when vmtest itself could not run (missing
# packages, no compiler). A kernel that cannot be fetched is a SKIP in the
# table, with the reason and a warning after the closing line: never a pass.
set -eu

here=$(cd "$(dirname "$0")" && pwd -P)
repo=$(cd "$here/.." && pwd -P)
cd "$repo"
OUT=${OUT:-build}
vt=${VMTEST_DIR:-$repo/$OUT/vmtest}
mkdir -p "$vt"
vt=$(cd "$vt" && pwd -P)

# Debian's kernels people run: bullseye's 5.10, bookworm's 6.1 and 6.12, and
# the newest 7.x apt offers (trixie-backports or sid).
kernels=${*:-${KERNELS:-5.10 6.1 6.12 7.x}}
timeout_s=${VMTEST_TIMEOUT:-1500}
stall_s=${VMTEST_STALL:-300}
smp=${VMTEST_SMP:-1}
mem=${VMTEST_MEM:-2G}
if [ -z "${VMTEST_CMD:-}" ]; then
	if [ -x tests/run.sh ]; then
		# under CI the VM's tests fail where the kernel recorder does not load
		VMTEST_CMD="${CI:+CI=$CI }OUT=$OUT tests/run.sh --integration"
	else
		VMTEST_CMD="vmtest/standin.sh"
	fi
fi

say() { echo "vmtest: $*" >&2; }
die() { say "error: $*"; exit 2; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

t_start=$(now)

# ---- dependencies --------------------------------------------------------------
need=""
command -v qemu-system-x86_64 >/dev/null || need="$need qemu-system-x86"
# The initramfs has no libraries: its busybox must be the static one.
if ! [ -x /bin/busybox ] || ldd /bin/busybox >/dev/null 2>&1; then
	need="$need busybox-static"
fi
if [ -n "$need" ]; then
	if [ "$(id -u)" != 0 ]; then
		die "missing packages; run as root: apt-get install --no-install-recommends$need"
	fi
	say "installing$need"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -q --no-install-recommends $need >"$vt/apt-install.log" 2>&1 || {
		apt-get -q update >/dev/null
		apt-get install -y -q --no-install-recommends $need >"$vt/apt-install.log" 2>&1
	} || die "apt-get install$need failed, see $vt/apt-install.log"
fi
[ -x "$OUT/hytrace" ] || [ -n "${VMTEST_FETCH_ONLY:-}" ] || say "warning: $OUT/hytrace is missing (run make first)"

# The probe runs in each VM before the tests; built like any host program.
if [ ! -x "$vt/probe" ] || [ "$here/probe.c" -nt "$vt/probe" ]; then
	${CC:-cc} -O2 -Wall -o "$vt/probe" "$here/probe.c" || die "cannot build vmtest/probe"
fi

# ---- kernels and initramfs ---------------------------------------------------------
declare -A kdir=() rel=() fetch_err=()
order=()
for k in $kernels; do
	order+=("$k")
	if d=$("$here/fetch-kernel.sh" "$k" "$vt" 2>"$vt/fetch-$k.log"); then
		kdir[$k]=$d
		rel[$k]=$(cat "$d/release")
		grep -v '^vmtest: .*: kernel ' "$vt/fetch-$k.log" >&2 || true
	else
		cat "$vt/fetch-$k.log" >&2
		fetch_err[$k]=$(grep -h 'error:' "$vt/fetch-$k.log" | tail -n 1 | sed 's/^vmtest: error: //')
		fetch_err[$k]=${fetch_err[$k]:-fetch failed, see $vt/fetch-$k.log}
	fi
done
t_fetched=$(now)

# One uncompressed cpio per kernel (the kernel unpacks it faster than a
# compressed one under TCG): /init, static busybox, the modules and their order.
mkinitramfs() { # kernel-dir out-dir
	local s=$2/initramfs
	rm -rf "$s"
	mkdir -p "$s/bin" "$s/lib/modules"
	cp "$here/init" "$s/init"
	chmod 755 "$s/init"
	cp /bin/busybox "$s/bin/busybox"
	cp "$1"/modules/*.ko "$s/lib/modules/" 2>/dev/null || true
	cp "$1/modules.load" "$s/lib/modules/load"
	(cd "$s" && find . | /bin/busybox cpio -o -H newc 2>/dev/null) >"$2/initramfs.cpio"
	rm -rf "$s"
}

# ---- the VM ----------------------------------------------------------------------
qemu_cmd() { # k accel mode -> argv in qa[]
	local k=$1 accel=$2 mode=$3 d=$vt/${rel[$1]}
	# TCG with several vCPUs: one host thread for all of them. Multi-threaded
	# TCG races with the kernel's live code patching (text_poke_bp): attaching
	# hytrace's tracepoint programs flips a static key while another vCPU runs
	# a stale translation, and the guest dies of "Oops: int3" in
	# syscall_trace_enter (seen on 6.12 with -smp 2, thread=multi).
	local cpu accel_opt="tcg,thread=single"
	# CPU model under TCG: with "max" (or Haswell and later) 5.10 execs ~3x
	# slower; SandyBridge is as fast as anything for 6.x and 7.x. Plus RDRAND,
	# so that 5.10 seeds its crng at boot (random.trust_cpu) and getrandom()
	# never waits; less two features TCG lacks anyway (else it warns).
	cpu=${VMTEST_CPU:-SandyBridge,+rdrand,-x2apic,-tsc-deadline}
	[ "$accel" = kvm ] && cpu=host accel_opt=kvm
	# mitigations=off: page-table isolation and friends cost a lot under TCG
	# and change nothing hytrace observes. norandmaps (TCG only): TCG looks
	# translated code up by virtual address, so with ASLR every exec
	# translates ld.so and libc anew; without it an exec costs ~13 ms instead
	# of ~70 ms and the suite runs ~3x faster.
	# init_on_alloc=0, kfence off: Debian's kernels zero every page they hand
	# out and sample allocations; under TCG that is ~2% of a hytrace start
	# (the verifier allocates its states), and hytrace sees neither.
	# no_timer_check: on a loaded host the emulated timer can miss the
	# kernel's IO-APIC check at boot ("IO-APIC + timer doesn't work!", a
	# panic; seen on 6.1 beside another VM and builds), costing a boot again.
	local append="console=ttyS0 panic=-1 loglevel=4 mitigations=off random.trust_cpu=on no_timer_check"
	append="$append init_on_alloc=0 kfence.sample_interval=0"
	[ "$accel" = tcg ] && [ "${VMTEST_ASLR:-0}" = 0 ] && append="$append norandmaps"
	append="$append VMTEST_MODE=$mode ${VMTEST_APPEND:-}"
	qa=(qemu-system-x86_64 -nodefaults -no-user-config -no-reboot -display none
		-M pc -accel "$accel_opt" -cpu "$cpu" -smp "$smp" -m "$mem"
		-kernel "${kdir[$k]}/vmlinux" -initrd "$d/initramfs.cpio" -append "$append"
		-serial "file:$d/console.log" -monitor none
		-virtfs "local,path=/,mount_tag=hostroot,security_model=none,readonly=on,multidevs=remap"
		-virtfs "local,path=$d/share,mount_tag=results,security_model=none")
}

prepare_share() { # k
	local d=$vt/${rel[$1]}
	rm -rf "$d/share" "$d/console.log" "$d/qemu.log"
	mkdir -p "$d/share"
	# The probe goes through the share: $vt may be under /tmp, which the guest
	# covers with its own tmpfs.
	cp "$vt/probe" "$d/share/probe"
	# cmd.sh runs in the chroot (the host's filesystem) from the repo's path.
	{
		echo "# generated by vmtest/run.sh"
		printf "cd %q || { echo 'vmtest: %s is not visible in the VM'; exit 97; }\n" "$repo" "$repo"
		printf "export OUT=%q VMTEST_KERNEL=%q VMTEST_FACTS=/run/vmtest/facts.txt\n" "$OUT" "${rel[$1]}"
		echo "/run/vmtest/probe >/run/vmtest/facts.txt 2>&1"
		echo "$VMTEST_CMD"
	} >"$d/share/cmd.sh"
	printf '%s\n' "$repo" >"$d/share/repo"
}

# Stock Debian kernels need a KVM that runs them: some paravirtual KVMs abort
# on "-cpu host" ("failed to set MSR 0x10a"), stop on "KVM internal error", or
# hang without a word. One probe boot (init powers off as soon as its results
# share is mounted: ~1 s on a working KVM) decides; its answer is kept per host
# kernel, QEMU and CPU, so later runs skip it.
accel=${VMTEST_ACCEL:-}
first=""
for k in "${order[@]}"; do [ -n "${kdir[$k]:-}" ] && { first=$k; break; }; done
for k in "${order[@]}"; do
	[ -n "${kdir[$k]:-}" ] || continue
	mkdir -p "$vt/${rel[$k]}"
	mkinitramfs "${kdir[$k]}" "$vt/${rel[$k]}"
done
kvm_probe() { # k
	local d=$vt/${rel[$1]} log=$vt/kvm-probe.log p i
	prepare_share "$1"
	qemu_cmd "$1" kvm probe
	timeout -k 2 30 "${qa[@]}" >"$log" 2>&1 &
	p=$!
	for i in $(seq 80); do # 8 s
		sleep 0.1
		[ "$(cat "$d/share/status" 2>/dev/null)" = ok ] && break
		kill -0 $p 2>/dev/null || break
		grep -qE 'KVM internal error|failed to set MSR|emulation failure' "$log" && break
	done
	kill $p 2>/dev/null || true
	wait $p 2>/dev/null || true
	[ "$(cat "$d/share/status" 2>/dev/null)" = ok ]
}
if [ -z "$accel" ]; then
	accel=tcg
	if [ -n "$first" ] && [ -r /dev/kvm ] && [ -w /dev/kvm ]; then
		key="$(uname -r) $(qemu-system-x86_64 --version | head -n 1) $(grep -m 1 "model name" /proc/cpuinfo)"
		if [ -f "$vt/kvm-probe.result" ] && [ "$(head -n 1 "$vt/kvm-probe.result")" = "$key" ]; then
			accel=$(sed -n 2p "$vt/kvm-probe.result")
		else
			kvm_probe "$first" && accel=kvm
			printf '%s\n%s\n' "$key" "$accel" >"$vt/kvm-probe.result"
			[ $accel = kvm ] || say "KVM cannot boot these kernels here (see $vt/kvm-probe.log): TCG"
		fi
	fi
fi
if [ -n "${VMTEST_FETCH_ONLY:-}" ]; then
	n=0
	for k in "${order[@]}"; do [ -n "${kdir[$k]:-}" ] && n=$((n + 1)); done
	say "fetched $n of ${#order[@]} kernels in $(secs "$t_start" "$(now)")s (accelerator: $accel)"
	[ "$n" -eq ${#order[@]} ]
	exit
fi
jobs_max=${VMTEST_JOBS:-}
if [ -z "$jobs_max" ]; then
	# One VM per host core: a 1-vCPU TCG guest keeps one core busy.
	jobs_max=$(nproc)
fi
say "accelerator: $accel; $smp vCPUs and $mem per VM; up to $jobs_max VMs at once"
say "command: $VMTEST_CMD"

# ---- run ---------------------------------------------------------------------------
# timeout wraps qemu itself (never a wrapper that backgrounds it), so a hung
# guest's qemu is killed; the EXIT trap stops whatever still runs if we die.
declare -A pid_of=() started=() took=() qrc=() stalled=() seen=() seen_at=()
running=()
cleanup() {
	local p
	for p in "${running[@]}"; do kill "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A VM's progress: the bytes its console and test log hold.
progress() { # k
	local d=$vt/${rel[$1]}
	cat "$d/console.log" "$d/share/test.log" 2>/dev/null | wc -c
}

# Stop a VM that has made no progress for stall_s seconds. An emulated
# kernel's speed varies several-fold with the host's load, so no fixed time
# limit fits a healthy run; the longest test prints after ~30 s under TCG.
check_stall() { # pid
	local k=${pid_of[$1]} n
	n=$(progress "$k")
	if [ "$n" != "${seen[$k]:-}" ]; then
		seen[$k]=$n seen_at[$k]=$(now)
	elif awk -v a="${seen_at[$k]}" -v b="$(now)" -v s="$stall_s" 'BEGIN { exit !(b - a > s) }'; then
		say "${rel[$k]}: no progress for ${stall_s}s; stopping the VM"
		stalled[$k]=1
		kill "$1" 2>/dev/null || true
	fi
}

reap() { # wait for one VM to end
	local p="" rc=0 k q r=()
	while [ -z "$p" ]; do
		for q in "${running[@]}"; do
			kill -0 "$q" 2>/dev/null || { p=$q; break; }
			check_stall "$q"
		done
		[ -n "$p" ] || sleep 1
	done
	wait "$p" || rc=$?
	k=${pid_of[$p]}
	took[$k]=$(secs "${started[$k]}" "$(now)")
	qrc[$k]=$rc
	for q in "${running[@]}"; do [ "$q" = "$p" ] || r+=("$q"); done
	running=("${r[@]}")
	say "${rel[$k]}: VM ended after ${took[$k]}s"
}

# Ended by a limit (hung, or past VMTEST_TIMEOUT) rather than by itself.
cut_off() { # k
	[ -n "${stalled[$1]:-}" ] || [ "${qrc[$1]}" = 124 ] || [ "${qrc[$1]}" = 137 ]
}

boot_all() { # kernels...
	for k in "$@"; do
		[ -n "${kdir[$k]:-}" ] || continue
		while [ ${#running[@]} -ge "$jobs_max" ]; do reap; done
		prepare_share "$k"
		qemu_cmd "$k" "$accel" test
		say "${rel[$k]}: booting"
		started[$k]=$(now) seen[$k]="" stalled[$k]=""
		timeout -k 10 "$timeout_s" "${qa[@]}" >"$vt/${rel[$k]}/qemu.log" 2>&1 &
		pid_of[$!]=$k
		running+=($!)
	done
	while [ ${#running[@]} -gt 0 ]; do
		reap
		[ -z "${VMTEST_IDLE_FILE:-}" ] || touch "$VMTEST_IDLE_FILE"
	done
}

boot_all "${order[@]}"
# A VM that died without a status (emulator or guest-kernel crash, seen once in
# TCG) gets one more boot: a test failure, a hang or a timeout is never retried.
retry=()
for k in "${order[@]}"; do
	if [ -n "${kdir[$k]:-}" ] && [ ! -s "$vt/${rel[$k]}/share/status" ] && ! cut_off "$k"; then
		say "${rel[$k]}: no status from the VM; booting it once more"
		cp "$vt/${rel[$k]}/console.log" "$vt/${rel[$k]}/console.first.log" 2>/dev/null || true
		retry+=("$k")
	fi
done
[ ${#retry[@]} -eq 0 ] || boot_all "${retry[@]}"

# ---- report --------------------------------------------------------------------------
failed=0
rows=()
not_fetched=()
details=()
facts_keys="btf tracefs ptrace_get_syscall_info ptrace_set_syscall_info seccomp_ret_trace clone3 pidfd_getfd close_range"
for k in "${order[@]}"; do
	if [ -z "${kdir[$k]:-}" ]; then
		rows+=("$(printf '%-26s %-6s %6s %6s %7s %7s  %s' "$k" SKIP - - - - "not fetched: ${fetch_err[$k]}")")
		not_fetched+=("$k")
		continue
	fi
	r=${rel[$k]} d=$vt/${rel[$k]}
	s=$d/share
	st=$(cat "$s/status" 2>/dev/null || true)
	p=- f=- sk=- note=""
	sum=$(grep -E '^([A-Za-z]+: )?[0-9]+ passed, [0-9]+ failed' "$s/test.log" 2>/dev/null | tail -n 1 || true)
	if [ -n "$sum" ]; then
		p=$(echo "$sum" | sed -E 's/.*\b([0-9]+) passed.*/\1/')
		f=$(echo "$sum" | sed -E 's/.*\b([0-9]+) failed.*/\1/')
		sk=$(echo "$sum" | sed -nE 's/.*\b([0-9]+) skipped.*/\1/p')
		sk=${sk:-0}
	fi
	if [ -z "$st" ]; then
		result=FAIL
		if cut_off "$k"; then
			note="timed out after ${timeout_s}s"
			[ -z "${stalled[$k]:-}" ] || note="hung: no output for ${stall_s}s"
			last=$(grep -E '^(ok|PASS|FAIL|not ok|skip|SKIP)' "$s/test.log" 2>/dev/null | tail -n 1 | cut -c1-80)
			[ -z "$last" ] || note="$note; last test line: $last"
		elif grep -q 'Kernel panic' "$d/console.log" 2>/dev/null; then
			note="kernel panic: $(grep -m1 -o 'Kernel panic.*' "$d/console.log" | tr -d '\r')"
		elif grep -q 'FAILED' "$d/console.log" 2>/dev/null; then
			note="init: $(grep -m1 -o 'FAILED.*' "$d/console.log" | tr -d '\r')"
		elif [ -s "$d/qemu.log" ]; then
			note="qemu: $(head -n 1 "$d/qemu.log")"
		else
			note="VM ended without a status (qemu exit ${qrc[$k]})"
		fi
	elif [ "$st" = 0 ] && [ "$f" = - -o "$f" = 0 ]; then
		result=PASS
		[ -n "$sum" ] || note="exit status 0 (no counts line)"
	else
		result=FAIL
		note="test command exited $st"
		[ "$st" = 97 ] && note="repo not visible in the VM"
	fi
	[ $result = PASS ] || failed=1
	rows+=("$(printf '%-26s %-6s %6s %6s %7s %7s  %s' "$r" $result "$p" "$f" "$sk" "${took[$k]}s" "$note")")
	# Skipped tests with their reason, failed tests, and where the logs are.
	while IFS= read -r l; do
		details+=("  $r: $l")
	done < <(grep -iE 'skip' "$s/test.log" 2>/dev/null |
		grep -vE '^(ok|PASS|FAIL|not ok)\b|^([A-Za-z]+: )?[0-9]+ passed' | head -n 20)
	if [ $result = FAIL ]; then
		while IFS= read -r l; do
			details+=("  $r: $l")
		done < <(awk '/^(FAIL|not ok|FAILED)/ { print; n = 2; next }
			n > 0 && /^[ \t]/ { print "    " substr($0, 1, 160); n--; next } { n = 0 }' \
			"$s/test.log" 2>/dev/null | head -n 30)
		details+=("  $r: logs: $d/console.log, $s/test.log (also init.log, dmesg.txt, facts.txt there)")
	fi
done

t_end=$(now)
echo
echo "vmtest: $accel, $smp vCPUs, $mem; fetch $(secs "$t_start" "$t_fetched")s, total $(secs "$t_start" "$t_end")s"
printf '%-26s %-6s %6s %6s %7s %7s  %s\n' kernel result passed failed skipped time notes
for l in "${rows[@]}"; do echo "$l"; done
for l in "${details[@]}"; do echo "$l"; done

# What each kernel offers, from vmtest/probe.
have_facts=0
for k in "${order[@]}"; do [ -s "$vt/${rel[$k]:-none}/share/facts.txt" ] && have_facts=1; done
if [ $have_facts = 1 ]; then
	echo
	printf '%-26s' "kernel facts"
	for key in $facts_keys; do printf ' %s' "$key"; done
	echo
	for k in "${order[@]}"; do
		fx=$vt/${rel[$k]:-none}/share/facts.txt
		[ -s "$fx" ] || continue
		printf '%-26s' "${rel[$k]}"
		for key in $facts_keys; do
			v=$(sed -n "s/^$key=//p" "$fx" | cut -d' ' -f1)
			printf " %-${#key}s" "${v:-?}"
		done
		echo
	done
fi
# The closing line every suite ends with, summed over the kernels. A kernel
# that gave no counts is one test of its own result: one failure (crash,
# timeout), one skip (not fetched), or one pass (a command that prints no
# counts, VMTEST_CMD=true).
tp=0 tf=0 ts=0
for l in "${rows[@]}"; do
	set -- $l
	case "$3" in
	*[!0-9]* | '')
		case $2 in
		PASS) tp=$((tp + 1)) ;;
		SKIP) ts=$((ts + 1)) ;;
		*) tf=$((tf + 1)) ;;
		esac
		;;
	*) tp=$((tp + $3)) tf=$((tf + $4)) ts=$((ts + $5)) ;;
	esac
done
echo
echo "vmtest: the tests of ${#rows[@]} kernels together:"
echo "$tp passed, $tf failed, $ts skipped"
for k in "${not_fetched[@]}"; do
	say "WARNING: kernel '$k' was NOT TESTED: it could not be fetched (${fetch_err[$k]})"
done
# nothing tested at all is no pass
[ ${#not_fetched[@]} -lt ${#rows[@]} ] || failed=1
exit $failed
