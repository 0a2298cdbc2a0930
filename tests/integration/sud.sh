# SPDX-License-Identifier: MIT
# have_sud: whether this kernel has Syscall User Dispatch (Linux 5.11+), the
# in-guest backend's mechanism, asked of hytrace itself with a tool that holds
# calls (with none, nothing would run in the guest and hytrace would not look).
# Sourced by tests/run.sh and lib.sh; $OUT relative to the repository's root.
HY_SUD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# The answer is kept under $HY_PROBES (tests/run.sh) for the rest of the run.
have_sud() {
	local keep=${HY_PROBES:+$HY_PROBES/sud}
	if [ -z "$keep" ] || [ ! -s "$keep" ]; then
		if "$HY_SUD_ROOT/$OUT/hytrace" --backend=guest \
			--tool "$HY_SUD_ROOT/$OUT/tests/plugins/passthrough.so" \
			-o /dev/null -- /bin/true 2>&1 | grep -q 'no Syscall User Dispatch'; then
			[ -z "$keep" ] && return 1
			echo no >"$keep.$$"
		else
			[ -z "$keep" ] && return 0
			echo yes >"$keep.$$"
		fi
		mv -f "$keep.$$" "$keep"
	fi
	[ "$(cat "$keep")" = yes ]
}
