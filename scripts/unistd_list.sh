#!/bin/sh
# SPDX-License-Identifier: MIT
#
# Usage: scripts/unistd_list.sh HEADER
#
# Prints, for every "#define __NR_x N" in HEADER (an <asm/unistd_*.h>), the C
# initializer line
#	{ "x", __NR_x },
# followed by "#undef __NR_x": the three ABI headers define the same macro
# names with different numbers, and the undefs let a test include them one
# after another in one file without redefinition warnings. For x32 the macros
# expand to (__X32_SYSCALL_BIT + n); the includer defines that bit
# (<asm/unistd.h> does) and strips it.
set -eu

if [ $# -ne 1 ]; then
	echo "usage: $0 HEADER" >&2
	exit 2
fi
if [ ! -r "$1" ]; then
	echo "$0: cannot read $1" >&2
	exit 1
fi

awk '
$1 == "#define" && $2 ~ /^__NR_[A-Za-z0-9_]+$/ {
	name = substr($2, 6)
	printf "{ \"%s\", %s },\n#undef %s\n", name, $2, $2
	n++
}
END {
	if (n == 0) {
		print "unistd_list.sh: no __NR_ macros found" > "/dev/stderr"
		exit 1
	}
}' "$1"
