#!/bin/sh
# SPDX-License-Identifier: MIT
# Make sure the build and test dependencies are installed (Debian 12). As root,
# install what is missing with apt-get; otherwise print the exact command and fail.
# Usage: scripts/deps.sh [build|test|bench|fuzz]
set -eu

pkgs="make gcc clang llvm pkg-config libbpf-dev libseccomp-dev libelf-dev libdw-dev zlib1g-dev
libcmocka-dev bpftool python3 procps gcc-multilib strace util-linux libmicrohttpd-dev"
# the metrics test scrapes hytrace with Debian's own Prometheus server
[ "${1:-build}" = test ] && pkgs="$pkgs prometheus curl"
# the gdbserver tests drive Debian's gdb
[ "${1:-build}" = test ] && pkgs="$pkgs gdb"
# make test checks the formatting under CI (make check-format)
[ "${1:-build}" = test ] && pkgs="$pkgs clang-format"
[ "${1:-build}" = bench ] && pkgs="$pkgs linux-perf"
# libFuzzer's runtime, for clang -fsanitize=fuzzer (make fuzz)
[ "${1:-build}" = fuzz ] && pkgs="$pkgs libclang-rt-14-dev"

# The classic tracepoint programs (the default from Linux 6.19, forced by a
# test on older kernels) attach through tracefs's event ids: a machine that
# boots without systemd may not have it mounted (seen on a new CI machine).
if [ "${1:-build}" = test ] && [ "$(id -u)" = 0 ] && [ -d /sys/kernel/tracing ] &&
	[ ! -e /sys/kernel/tracing/events ]; then
	echo "  DEPS    mounting tracefs on /sys/kernel/tracing" >&2
	mount -t tracefs nodev /sys/kernel/tracing
fi

installed=$(dpkg-query -W -f='${Package} ${Status}\n' $pkgs 2>/dev/null | awk '/ok installed/ {print $1}')
missing=""
for p in $pkgs; do
	echo "$installed" | grep -qx "$p" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

cmd="apt-get install -y --no-install-recommends$missing"
if [ "$(id -u)" != 0 ]; then
	echo "hytrace: missing packages:$missing" >&2
	echo "hytrace: run as root: $cmd" >&2
	exit 1
fi
echo "  DEPS    installing$missing" >&2
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y --no-install-recommends $missing >/dev/null 2>&1; then
	# a fresh machine may have no package lists yet
	apt-get update >/dev/null
	apt-get install -y --no-install-recommends $missing >/dev/null
fi
