# SPDX-License-Identifier: MIT
# have_sud: whether this kernel has Syscall User Dispatch (Linux 5.11+), the
# in-guest backend's mechanism, asked of hytrace itself with a tool that holds
# calls (with none, nothing would run in the guest and hytrace would not look).
# Sourced by tests/run.sh and lib.sh; $OUT relative to the repository's root.
HY_SUD_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
have_sud() {
	! "$HY_SUD_ROOT/$OUT/hytrace" --backend=guest \
		--tool "$HY_SUD_ROOT/$OUT/tests/plugins/passthrough.so" \
		-o /dev/null -- /bin/true 2>&1 | grep -q 'no Syscall User Dispatch'
}
