#!/bin/bash
# SPDX-License-Identifier: MIT
# Fetch one Debian kernel for vmtest, without installing it, and unpack what a
# VM needs: the uncompressed ELF vmlinux (booted directly through PVH, which
# skips the decompressor: about half the boot time under TCG) and the few
# modules needed to mount the host's filesystem over 9p, decompressed and in
# load order.
#
# Usage: vmtest/fetch-kernel.sh SPEC CACHE
#   SPEC   6.1 | 6.12 | 5.10 | 7 | 7.x | an exact linux-image-* package name
#          MAJOR.MINOR picks the newest linux-image-MAJOR.MINOR*-amd64 package;
#          MAJOR alone the newest of that major version.
#   CACHE  directory for the cache (build/vmtest)
# Prints the kernel's directory (CACHE/kernels/PACKAGE) on stdout; that
# directory holds vmlinux, release, package, modules/*.ko and modules.load.
#
# Where the packages come from: first the machine's own apt sources (Debian 12:
# 6.1 and 6.12 are in bookworm and bookworm-security). Kernels not there (5.10
# from bullseye, 7.x from trixie-backports or sid) come from the same Debian
# archive through a private apt configuration under CACHE/apt: its own sources
# file and lists directory, so the system's sources, lists and package cache
# are never touched.
set -eu

spec=${1:?usage: fetch-kernel.sh SPEC CACHE}
cache=${2:?usage: fetch-kernel.sh SPEC CACHE}
mkdir -p "$cache"
cache=$(cd "$cache" && pwd -P)

# Modules vmtest/init loads (with their dependencies): virtio PCI transport,
# 9p over virtio, overlayfs. Whichever are built in are skipped.
# VMTEST_MODULES adds more (space-separated module names).
want_modules="virtio_pci 9pnet_virtio 9p overlay ${VMTEST_MODULES:-}"

say() { echo "vmtest: $*" >&2; }
die() { say "error: $*"; exit 1; }

# ---- private apt configuration, for suites the system does not list ----------
papt=$cache/apt
papt_opts=(-o "Dir::State::Lists=$papt/lists" -o "Dir::Etc::SourceList=$papt/sources.list"
	-o "Dir::Etc::SourceParts=$papt/sources.list.d" -o "Dir::Cache=$papt/cache"
	-o "APT::Sandbox::User=root" -o "Acquire::Languages=none")

private_update() {
	mkdir -p "$papt/lists/partial" "$papt/cache/archives/partial" "$papt/sources.list.d"
	# Same archive and keyring as the system's bookworm sources. Experimental is
	# left out on purpose: its kernels are release candidates.
	local k=/usr/share/keyrings/debian-archive-keyring.gpg m=http://deb.debian.org/debian
	cat >"$papt/sources.list" <<-EOF
		deb [signed-by=$k] $m bullseye main
		deb [signed-by=$k] $m bullseye-updates main
		deb [signed-by=$k] $m-security bullseye-security main
		deb [signed-by=$k] $m trixie-backports main
		deb [signed-by=$k] $m sid main
	EOF
	say "updating private apt lists ($papt)"
	apt-get "${papt_opts[@]}" -q update >"$papt/update.log" 2>&1 ||
		die "private apt-get update failed, see $papt/update.log"
	touch "$papt/stamp"
}

# ---- spec -> package name ------------------------------------------------------
# Candidate kernel packages in one apt configuration: the generic flavour, signed
# or not, never -cloud- (no 9p), -rt-, debug symbols or meta packages.
list_kernels() {
	apt-cache "$@" search --names-only '^linux-image-[0-9]' 2>/dev/null |
		awk '{print $1}' |
		grep -E '^linux-image-[0-9][0-9.]*[.+-][^ ]*-amd64(-unsigned)?$' |
		grep -vE -- '-(cloud|rt)-amd64|-dbg' | sed 's/-unsigned$//' | sort -u
}

pick() { # list on stdin; newest matching the spec
	local re
	case $spec in
	linux-image-*) re="^${spec//./\\.}\$" ;;
	*.x | [0-9] | [0-9][0-9]) re="^linux-image-${spec%.x}\\.[0-9]" ;;
	*.*) re="^linux-image-${spec//./\\.}[.+-]" ;;
	*) re="^$spec\$" ;;
	esac
	grep -E "$re" | sort -V | tail -n 1
}

src=system
pkg=$(list_kernels | pick || true)
if [ -z "$pkg" ] && ! ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1; then
	# a fresh machine may have no package lists yet
	say "no apt lists on this machine: apt-get update"
	apt-get -q update >/dev/null
	pkg=$(list_kernels | pick || true)
fi
if [ -z "$pkg" ]; then
	src=private
	[ -e "$papt/stamp" ] || private_update
	pkg=$(list_kernels "${papt_opts[@]}" | pick || true)
fi
[ -n "$pkg" ] || die "no Debian kernel package matches '$spec'"

kdir=$cache/kernels/$pkg
if [ -e "$kdir/done" ]; then
	echo "$kdir"
	exit 0
fi

# ---- download ------------------------------------------------------------------
apt_opts=()
[ $src = private ] && apt_opts=("${papt_opts[@]}")
dl=$cache/download.$$
rm -rf "$kdir" "$kdir.tmp" "$dl"
mkdir -p "$dl"
trap 'rm -rf "$dl"' EXIT
# Only the signed flavour name may exist (6.1), only the -unsigned one, or both
# (same vmlinuz contents apart from the signature): try in that order.
fetch() { (cd "$dl" && apt-get "${apt_opts[@]}" -q download "$1" >"$dl/log" 2>&1); }
say "downloading $pkg ($src apt sources)"
if ! fetch "$pkg" && ! fetch "$pkg-unsigned"; then
	# stale lists name a version the archive has since dropped: refresh, retry
	if [ $src = private ]; then private_update; else apt-get -q update >/dev/null; fi
	fetch "$pkg" || fetch "$pkg-unsigned" || { cat "$dl/log" >&2; die "cannot download $pkg"; }
fi
deb=$(ls "$dl"/*.deb)
# Since 7.x (trixie-backports, sid) linux-image-* is a small package that
# depends on linux-binary-* (the kernel), linux-modules-* (the modules) and
# linux-base-* (modules.builtin, config).
parts=$(dpkg-deb -f "$deb" Depends | tr ',|' '\n\n' | sed -E 's/^ *([^ (]+).*/\1/' |
	grep -E "^linux-(binary|modules|base)-" || true)
for p in $parts; do
	say "downloading $p (split package)"
	fetch "$p" || { cat "$dl/log" >&2; die "cannot download $p"; }
done

# ---- unpack ----------------------------------------------------------------------
# Whole package (modules tree included) into a scratch directory: one pass over
# the compressed tar (2-3 s), then only what is needed is kept.
x=$dl/x
mkdir -p "$x"
for d in "$dl"/*.deb; do
	dpkg-deb --fsys-tarfile "$d" | tar -x -C "$x"
done
vmlinuz=$(ls "$x"/boot/vmlinuz-* "$x"/usr/lib/linux/vmlinuz-* "$x"/usr/lib/modules/*/vmlinuz 2>/dev/null | head -n 1 || true)
[ -n "$vmlinuz" ] || die "$pkg: no vmlinuz in $(cd "$dl" && echo *.deb)"
case $vmlinuz in
*/vmlinuz) release=$(basename "$(dirname "$vmlinuz")") ;; # usr/lib/modules/REL/vmlinuz
*) release=${vmlinuz##*/vmlinuz-} ;;
esac
mdir=$(ls -d "$x"/lib/modules/"$release" "$x"/usr/lib/modules/"$release" 2>/dev/null | head -n 1)
[ -n "$mdir" ] || die "$pkg has no modules directory for $release"
mkdir -p "$kdir.tmp/modules"
rm -rf "$kdir.tmp"/modules/*

# vmlinuz is a bzImage: setup code, then the decompressor with the compressed
# ELF kernel inside. Find each compressed-stream magic and keep the first one
# that decompresses to an ELF file (what scripts/extract-vmlinux does).
extract_vmlinux() {
	local img=$1 out=$2 magic tool off
	for pair in '\x28\xb5\x2f\xfd:zstd -dcq' '\xfd\x37\x7a\x58\x5a\x00:xz -dc' \
		'\x1f\x8b\x08:gzip -dc' '\x02\x21\x4c\x18:lz4 -dc' '\x5d\x00\x00\x00:xz -dc --format=lzma'; do
		magic=${pair%%:*} tool=${pair#*:}
		for off in $(LC_ALL=C grep -obUaP "$magic" "$img" | cut -d: -f1 | head -n 5); do
			tail -c +$((off + 1)) "$img" | $tool >"$out" 2>/dev/null || true
			if [ "$(head -c 4 "$out" | od -An -c | tr -d ' ')" = '177ELF' ]; then
				return 0
			fi
		done
	done
	return 1
}
if ! extract_vmlinux "$vmlinuz" "$kdir.tmp/vmlinux"; then
	# fall back to the bzImage: QEMU boots it too, just slower
	say "warning: could not extract an ELF vmlinux from $vmlinuz; booting the bzImage"
	cp "$vmlinuz" "$kdir.tmp/vmlinux"
fi

# Module name -> file, '-' and '_' being the same in module names.
# (Parameter expansion, not a subshell per name: there are ~4000 modules.)
declare -A modfile=() builtin=() loaded=()
while IFS= read -r f; do
	b=${f##*/}
	b=${b%%.ko*}
	modfile[${b//-/_}]=$f
done < <(find "$mdir/kernel" -name '*.ko*')
if [ -f "$mdir/modules.builtin" ]; then
	while IFS= read -r f; do
		b=${f##*/}
		b=${b%%.ko*}
		builtin[${b//-/_}]=1
	done <"$mdir/modules.builtin"
fi

order=()
decompress_ko() { # file -> uncompressed .ko on stdout
	case $1 in
	*.ko.xz) xz -dc "$1" ;;
	*.ko.zst) zstd -dcq "$1" ;;
	*.ko.gz) gzip -dc "$1" ;;
	*) cat "$1" ;;
	esac
}
# Depth-first: dependencies (the depends= field of .modinfo) before the module.
add_module() {
	local m f deps d
	m=${1//-/_}
	[ -n "${loaded[$m]:-}" ] && return 0
	loaded[$m]=1
	[ -n "${builtin[$m]:-}" ] && return 0
	f=${modfile[$m]:-}
	[ -n "$f" ] || die "$pkg: module $m is neither built in nor shipped"
	decompress_ko "$f" >"$kdir.tmp/modules/$m.ko"
	deps=$(tr '\0' '\n' <"$kdir.tmp/modules/$m.ko" | sed -n 's/^depends=//p' | head -n 1 | tr , ' ')
	for d in $deps; do add_module "$d"; done
	order+=("$m")
}
for m in $want_modules; do add_module "$m"; done
printf '%s\n' "${order[@]}" >"$kdir.tmp/modules.load"
echo "$release" >"$kdir.tmp/release"
echo "$pkg" >"$kdir.tmp/package"
dpkg-deb -f "$deb" Version >"$kdir.tmp/version"
config=$(ls "$x"/boot/config-"$release" "$mdir"/config "$x"/usr/lib/linux/config-"$release" 2>/dev/null | head -n 1 || true)
[ -z "$config" ] || cp "$config" "$kdir.tmp/config"
touch "$kdir.tmp/done"
mv "$kdir.tmp" "$kdir"
say "$pkg: kernel $release, modules: ${order[*]:-(all built in)}"
echo "$kdir"
