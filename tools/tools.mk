# SPDX-License-Identifier: MIT
# Example tool plugins: every tools/*.c but the CLI becomes $(OUT)/tools/NAME.so.
# Included by the Makefile; `make` builds them, and `make test` because the
# tests load them.
#
# Plugins see only include/: they are built the way an out-of-tree tool is, so
# one that reaches for an internal header fails here, not at a user's.

TOOL_SRCS := $(filter-out tools/hytrace.c,$(sort $(wildcard tools/*.c)))
TOOL_PLUGINS := $(TOOL_SRCS:tools/%.c=$(OUT)/tools/%.so)
TOOL_CFLAGS := $(filter-out -Iuser -Ibpf -I$(OUT),$(ALL_CFLAGS))

.PHONY: tools
all tools: $(TOOL_PLUGINS)

$(OUT)/tools/%.so: tools/%.c include/hytrace.h $(wildcard include/hytrace/*.h) | deps
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) $(TOOL_CFLAGS) -shared -fPIC $(LDFLAGS) -o $@ $<
