# SPDX-License-Identifier: MIT
# `make vmtest`: the integration tests inside QEMU VMs, one per kernel, with a
# table of results (vmtest/README.md). Included at the end of the Makefile.
#   make vmtest KERNELS=6.1              one kernel (specs: 6.1 6.12 5.10 7.x ...)
#   make vmtest VMTEST_CMD='...'         another command, run from the repo root
# Downloads and logs go to $(OUT)/vmtest/. Exit status non-zero if any kernel failed.

KERNELS ?= 6.1 6.12
# The command run in each VM, from the repo root (vmtest/standin.sh is a
# smaller smoke test).
VMTEST_CMD ?= OUT=$(OUT) tests/run.sh --integration

.PHONY: vmtest
# Everything the integration tests run must exist before the VMs see the tree.
vmtest: all $(GUEST_BINS) $(TOOL_PLUGINS)
	$(Q)OUT=$(OUT) KERNELS="$(KERNELS)" VMTEST_CMD="$(VMTEST_CMD)" vmtest/run.sh
