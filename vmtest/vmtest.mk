# SPDX-License-Identifier: MIT
# `make vmtest`: the integration tests inside QEMU VMs, one per kernel, with a
# table of results (vmtest/README.md). Included at the end of the Makefile.
#   make vmtest KERNELS=6.1              one kernel (specs: 6.1 6.12 5.10 7.x ...)
#   make vmtest VMTEST_CMD='...'         another command, run from the repo root
# Downloads and logs go to $(OUT)/vmtest/. Exit status non-zero if any kernel failed.

# Debian's 5.10 (bullseye), 6.1 and 6.12 (bookworm), and the newest 7.x; the
# longest first, so that two VMs at a time on two cores end close together.
KERNELS ?= 7.x 6.12 6.1 5.10
# The command run in each VM, from the repo root (vmtest/standin.sh is a
# smaller smoke test). Under CI the tests fail, not skip, where the kernel
# recorder cannot load, in the VMs as on the host.
VMTEST_CMD ?= $(if $(CI),CI=$(CI) )OUT=$(OUT) tests/run.sh --integration

# Everything the integration tests run must exist before the VMs see the tree:
# what `make test` builds (TEST_DEPS, if the Makefile names that list).
VMTEST_DEPS ?= $(or $(TEST_DEPS),all $(GUEST_BINS) $(STATIC_GUESTS) $(M32_GUESTS) $(FIDELITY_BINS) $(STACK_GUESTS) $(TOOL_PLUGINS) $(TEST_PLUGINS) $(OUT)/tests/embed/embed)

.PHONY: vmtest vmtest-fetch
vmtest: $(VMTEST_DEPS)
	$(Q)OUT='$(OUT)' KERNELS='$(KERNELS)' VMTEST_CMD='$(subst ','\'',$(VMTEST_CMD))' vmtest/run.sh

# The downloads, initramfs and KVM probe alone, nothing built: network and
# disk, little CPU, so CI overlaps it with `make test` (.ci/run).
vmtest-fetch:
	$(Q)OUT='$(OUT)' KERNELS='$(KERNELS)' VMTEST_FETCH_ONLY=1 vmtest/run.sh
