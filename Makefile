# SPDX-License-Identifier: MIT
# hytrace: `make run` builds and traces a demo command, `make test` runs the suite.
# Quiet unless V=1; -Werror when CI is set; SAN=1 builds with ASan+UBSan into build-san/.

VERSION := 0.1.0
SAN ?=
OUT ?= build$(if $(SAN),-san)
CC ?= cc
CLANG ?= clang
BPFTOOL ?= bpftool
PREFIX ?= /usr/local
ARGS ?= -C --subscribe openat,read -- cat /etc/os-release

ifeq ($(V),1)
Q :=
msg :=
else
Q := @
msg = @printf '  %-7s %s\n' "$(1)" "$(2)";
endif

WARN := -Wall -Wextra $(if $(CI),-Werror)
SANITIZE := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
SANFLAGS := $(if $(SAN),$(SANITIZE))
CFLAGS ?= -O2 -g
# Headers are named from user/ ("decode/printer.h"), so an #include says which
# part of the library a file uses. -MMD: each object depends on what it includes.
ALL_CFLAGS := $(CFLAGS) -std=gnu11 $(WARN) -fPIC $(SANFLAGS) -DHYTRACE_VERSION='"$(VERSION)"' \
	-Iinclude -Iuser -Ibpf -I$(OUT)
DEPFLAGS = -MMD -MP
# libmicrohttpd and libdw are opened when a run needs them (user/optional_lib.h)
LIBS := $(shell pkg-config --libs libbpf 2>/dev/null || echo -lbpf -lelf -lz) -lelf -lpthread -ldl
LDFLAGS += $(SANFLAGS)

# The core (user/*.c), the decoders, the ptrace backend and the built-in tools.
LIB_SRCS := $(sort $(wildcard user/*.c user/*/*.c))
BUILTIN_TOOL_SRCS := $(sort $(wildcard user/tools/*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(OUT)/%.o)
# The command: tools/hytrace.c and its option parsing (tools/cli/).
CLI_SRCS := $(sort $(wildcard tools/cli/*.c))
CLI_OBJS := $(OUT)/tools/hytrace.o $(CLI_SRCS:%.c=$(OUT)/%.o)
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:%.c=$(OUT)/%)
GUEST_SRCS := $(sort $(wildcard tests/guests/*.c))
GUEST_BINS := $(GUEST_SRCS:%.c=$(OUT)/%)
FIDELITY_SRCS := $(sort $(wildcard tests/fidelity/*.c))
FIDELITY_BINS := $(FIDELITY_SRCS:%.c=$(OUT)/%)
UNISTD_LISTS := $(OUT)/unistd_list_64.h $(OUT)/unistd_list_32.h $(OUT)/unistd_list_x32.h
ASM := /usr/include/x86_64-linux-gnu/asm

.DELETE_ON_ERROR:
.PHONY: all deps deps-fuzz run test bench fuzz install clean gen-syscalls check-tools format \
	check-format check-layers check-bpf-headers fidelity test-deps

all: $(OUT)/hytrace $(OUT)/libhytrace.a $(OUT)/libhytrace.so $(OUT)/hytrace.pc \
	$(OUT)/libhytrace-guest.so

deps:
	$(Q)scripts/deps.sh build

# Everything compiled waits for the dependency check (order-only: no rebuilds).
$(OUT)/hytrace.bpf.o $(LIB_OBJS) $(CLI_OBJS): | deps

$(OUT)/hytrace.bpf.o: bpf/hytrace.bpf.c
	@mkdir -p $(@D)
	$(call msg,BPF,$@)
	$(Q)$(CLANG) -g -O2 -target bpf -D__TARGET_ARCH_x86 -Ibpf $(DEPFLAGS) -c $< -o $@

$(OUT)/hytrace.skel.h: $(OUT)/hytrace.bpf.o
	$(call msg,GEN-SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< name hytrace_bpf > $@

$(OUT)/user/kernel_recorder.o: $(OUT)/hytrace.skel.h

# The in-kernel summary: its own program and skeleton (bpf/aggregate.bpf.c).
$(OUT)/aggregate.bpf.o: bpf/aggregate.bpf.c bpf/aggregate.h bpf/hy_event.h bpf/vmlinux_min.h | deps
	@mkdir -p $(@D)
	$(call msg,BPF,$@)
	$(Q)$(CLANG) -g -O2 -target bpf -D__TARGET_ARCH_x86 -Ibpf -c $< -o $@

$(OUT)/aggregate.skel.h: $(OUT)/aggregate.bpf.o
	$(call msg,GEN-SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< name aggregate_bpf > $@

$(OUT)/user/aggregator.o: $(OUT)/aggregate.skel.h

# Only what include/hytrace.h declares (HY_API) leaves the library.
$(LIB_OBJS): ALL_CFLAGS += -fvisibility=hidden

$(OUT)/%.o: %.c
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

# The built-in tools are written as any plugin is: against include/ only. They
# are compiled without the library's include paths, so an internal #include
# fails the build.
$(BUILTIN_TOOL_SRCS:%.c=$(OUT)/%.o): ALL_CFLAGS := $(filter-out -Iuser -Ibpf -I$(OUT),$(ALL_CFLAGS)) -fvisibility=hidden

-include $(LIB_OBJS:.o=.d) $(CLI_OBJS:.o=.d) $(OUT)/hytrace.bpf.d $(UNIT_BINS:=.d)

$(OUT)/libhytrace.a: $(LIB_OBJS)
	$(call msg,AR,$@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(OUT)/libhytrace.so: $(LIB_OBJS)
	$(call msg,LD,$@)
	$(Q)$(CC) -shared -Wl,-soname,libhytrace.so.0 $(LDFLAGS) -o $@ $^ $(LIBS)

# The in-guest runtime (user/guest/rt/, --backend=guest), preloaded into guests:
# the same runtime and accessors as the library, compiled again into
# $(OUT)/guestrt/ without sanitizers (an ASan library cannot be preloaded into
# a program built without ASan) and with only what a held call needs.
GUEST_RT_SRCS := $(sort $(wildcard user/guest/rt/*.c user/guest/rt/*.S)) user/runtime.c \
	user/tool_api.c user/tool_options.c user/sysset.c user/syscall_table.c \
	user/syscallent_gen.c user/error.c user/tasks.c user/tidmap.c \
	user/procfs.c user/record.c user/clock.c $(wildcard user/decode/*.c) user/tools/tool_inject.c \
	user/live_capture.c user/capture_plan.c user/sock_meta.c user/stack/frames.c \
	user/sock_query.c
GUEST_RT_OBJS := $(patsubst %,$(OUT)/guestrt/%.o,$(GUEST_RT_SRCS))
GUEST_RT_CFLAGS := -O2 -g -std=gnu11 $(WARN) -fPIC -fvisibility=hidden \
	-DHYTRACE_VERSION='"$(VERSION)"' -DHY_GUEST_RUNTIME -Iinclude -Iuser -Ibpf

# the core's allocations in the runtime go to its own allocator (rt_alloc.c)
$(filter-out $(OUT)/guestrt/user/guest/%,$(GUEST_RT_OBJS)): GUEST_RT_CFLAGS += \
	-Dmalloc=hy_grt_malloc -Dcalloc=hy_grt_calloc -Drealloc=hy_grt_realloc \
	-Dfree=hy_grt_free -Dstrdup=hy_grt_strdup

$(OUT)/guestrt/%.c.o: %.c | deps
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) $(GUEST_RT_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(OUT)/guestrt/%.S.o: %.S | deps
	@mkdir -p $(@D)
	$(call msg,AS,$@)
	$(Q)$(CC) -c $< -o $@

$(OUT)/libhytrace-guest.so: $(GUEST_RT_OBJS)
	$(call msg,LD,$@)
	$(Q)$(CC) -shared -Wl,-z,defs -Wl,-soname,libhytrace-guest.so -o $@ $^ -ldl -lpthread

-include $(GUEST_RT_OBJS:.o=.d)

# Plugins resolve the API against the executable that loads them (one library
# instance per run): it exports the public (default-visibility) symbols only.
$(OUT)/hytrace: $(CLI_OBJS) $(OUT)/libhytrace.a
	$(call msg,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -Wl,--export-dynamic -o $@ $^ $(LIBS)

$(OUT)/hytrace.pc: scripts/hytrace.pc.in
	@mkdir -p $(@D)
	$(call msg,GEN,$@)
	$(Q)sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' $< > $@

include tools/tools.mk

# ---- tests ----
$(OUT)/unistd_list_64.h: $(ASM)/unistd_64.h scripts/unistd_list.sh
	@mkdir -p $(@D)
	$(Q)scripts/unistd_list.sh $< > $@
$(OUT)/unistd_list_32.h: $(ASM)/unistd_32.h scripts/unistd_list.sh
	$(Q)scripts/unistd_list.sh $< > $@
$(OUT)/unistd_list_x32.h: $(ASM)/unistd_x32.h scripts/unistd_list.sh
	$(Q)scripts/unistd_list.sh $< > $@

$(OUT)/tests/unit/%: tests/unit/%.c $(OUT)/libhytrace.a $(UNISTD_LISTS)
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) $(LDFLAGS) -o $@ $< $(OUT)/libhytrace.a $(LIBS) -lcmocka

# Guests are plain programs that make known syscalls; no sanitizer, no library.
$(OUT)/tests/guests/%: tests/guests/%.c tests/guests/guest.h
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) -O1 -g -std=gnu11 $(WARN) -o $@ $< -lpthread

# Static builds of the guests the tests run as static programs (the guest
# backend holds them through ptrace, auto's choice, a loader-free open): linked
# here once, not in each test (a static link is ~2.5 s in an emulated VM).
STATIC_GUESTS := $(addprefix $(OUT)/tests/guests/static/,exit_with fork_exec forker \
	getppid_storm open_read own_seccomp seccomp_status)
$(OUT)/tests/guests/static/%: tests/guests/%.c tests/guests/guest.h
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) -O1 -std=gnu11 $(WARN) -static -o $@ $< -lpthread

# 32-bit guests (tests/guests/m32/), where the compiler has i386 support
# (gcc-multilib): built here once, not in each test (~1-3 s a compile in an
# emulated VM). Where it has none, NAME.err keeps the compiler's reason and the
# tests that run them skip with it, as they did when they compiled them.
M32_GUESTS := $(addprefix $(OUT)/tests/guests/m32/,rdtsc exit_nine exec_getppid exec_getppid_dyn)
M32_CFLAGS_exec_getppid := -static -O1
M32_CFLAGS_exec_getppid_dyn := -O1
$(OUT)/tests/guests/m32/%: tests/guests/m32/%.c
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) -m32 $(M32_CFLAGS_$(@F)) -o $@ $< 2>$@.err || rm -f $@
# the same program linked dynamically
$(OUT)/tests/guests/m32/exec_getppid_dyn: tests/guests/m32/exec_getppid.c
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) -m32 $(M32_CFLAGS_$(@F)) -o $@ $< 2>$@.err || rm -f $@

# The fidelity corpus (tests/fidelity/): static, so no loader's calls mix into a
# family's trace set.
$(OUT)/tests/fidelity/%: tests/fidelity/%.c tests/fidelity/fid.h
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) -O1 -g -std=gnu11 $(WARN) -static -o $@ $<

# hytrace's lines against strace's, per family, on the kernel path and with
# --no-kernel (scripts/fidelity.py; FIDELITY_ARGS=--diff shows each difference).
fidelity: all $(FIDELITY_BINS)
	$(Q)OUT=$(OUT) python3 scripts/fidelity.py $(FIDELITY_ARGS)

# The -k guest as the unwinder meets programs: stack_chain (above) has no frame
# pointers and is PIE, as Debian builds; these add frame pointers without PIE,
# static, and both; stack_dlopen's library is loaded and unloaded at run time.
STACK_GUESTS := $(addprefix $(OUT)/tests/guests/,stack_chain_fp stack_chain_static \
	stack_chain_static_fp libstack_dl.so)
STACK_CFLAGS_stack_chain_fp := -fno-omit-frame-pointer -no-pie
STACK_CFLAGS_stack_chain_static := -fomit-frame-pointer -static
STACK_CFLAGS_stack_chain_static_fp := -fno-omit-frame-pointer -static

$(OUT)/tests/guests/stack_chain_%: tests/guests/stack_chain.c tests/guests/guest.h
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) -O1 -g -std=gnu11 $(WARN) $(STACK_CFLAGS_$(@F)) -o $@ $< -lpthread

$(OUT)/tests/guests/libstack_dl.so: tests/guests/lib/stack_dl.c
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) -O1 -g -std=gnu11 $(WARN) -shared -fPIC -o $@ $<

# Test plugins (handler operations, state lifetimes) and an embedding program.
TEST_PLUGINS := $(patsubst %.c,$(OUT)/%.so,$(sort $(wildcard tests/plugins/*.c)))

$(OUT)/tests/plugins/%.so: tests/plugins/%.c $(wildcard tests/plugins/*.h) include/hytrace.h \
			$(wildcard include/hytrace/*.h) | deps
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) $(TOOL_CFLAGS) -shared -fPIC $(LDFLAGS) -o $@ $<

$(OUT)/tests/embed/embed: tests/embed/embed.c $(OUT)/libhytrace.a
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) $(TOOL_CFLAGS) $(LDFLAGS) -o $@ $< $(OUT)/libhytrace.a $(LIBS)

# What the suite runs; `make test-deps` builds it alone (to run one test file by hand).
TEST_DEPS = all $(UNIT_BINS) $(GUEST_BINS) $(STATIC_GUESTS) $(M32_GUESTS) $(FIDELITY_BINS) $(STACK_GUESTS) $(TOOL_PLUGINS) \
	$(TEST_PLUGINS) $(OUT)/tests/embed/embed
test-deps: $(TEST_DEPS)
# Integration files in parallel lanes (tests/run.sh): one per CPU, at most two.
TEST_JOBS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); [ $$n -ge 2 ] && echo 2 || echo 1)
test: $(TEST_DEPS)
	$(Q)python3 scripts/check_layers.py
	$(Q)$(MAKE) -s check-bpf-headers
	$(Q)python3 scripts/bpf_stack.py --quiet $(OUT)/hytrace.bpf.o
	$(Q)scripts/deps.sh test
	$(Q)if [ -n "$(CI)" ]; then $(MAKE) -s check-format; fi
	$(Q)OUT=$(OUT) TEST_JOBS=$(TEST_JOBS) tests/run.sh

# The floor the kernel recorder is measured against (tests/bench/floor*.c).
$(OUT)/bench/floor.bpf.o: tests/bench/floor.bpf.c bpf/vmlinux_min.h | deps
	@mkdir -p $(@D)
	$(call msg,BPF,$@)
	$(Q)$(CLANG) -g -O2 -target bpf -D__TARGET_ARCH_x86 -Ibpf -c $< -o $@

$(OUT)/bench/floor.skel.h: $(OUT)/bench/floor.bpf.o
	$(call msg,GEN-SKEL,$@)
	$(Q)$(BPFTOOL) gen skeleton $< name floor_bpf > $@

$(OUT)/bench/floor: tests/bench/floor.c $(OUT)/bench/floor.skel.h
	$(call msg,CC,$@)
	$(Q)$(CC) -O2 -g -std=gnu11 $(WARN) -I$(OUT)/bench -o $@ $< $(LIBS)

# What formatting one line costs the tracer (links the library's internals).
$(OUT)/bench/format: tests/bench/format.c $(OUT)/libhytrace.a
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(OUT)/libhytrace.a $(LIBS)

# What one intercepted call costs with each mechanism (SUD, seccomp, ptrace, a call).
$(OUT)/bench/mech: tests/bench/mech.c
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) -O2 -g -std=gnu11 $(WARN) -o $@ $<

# A command's own CPU time, the tracer's start-up and end left out.
$(OUT)/bench/cputime: tests/bench/cputime.c
	@mkdir -p $(@D)
	$(call msg,CC,$@)
	$(Q)$(CC) -O2 -g -std=gnu11 $(WARN) -o $@ $<

bench: all $(GUEST_BINS) $(OUT)/bench/floor $(OUT)/bench/format $(OUT)/bench/mech $(OUT)/bench/cputime
	$(Q)scripts/deps.sh bench
	$(Q)OUT=$(OUT) tests/bench/run.sh $(BENCH)

# ---- fuzzing (make fuzz): libFuzzer over every parser of user input ----
# The library, the CLI and the example tools are compiled again with clang's
# coverage and ASan/UBSan into $(OUT)/fuzz/. FUZZ_TIME bounds the run (seconds);
# new inputs go to a temporary directory, tests/fuzz/corpus/ holds the seeds.
FUZZ_TIME ?= 60
FUZZ_DIR := $(OUT)/fuzz
FUZZ_CFLAGS := -g -O1 -std=gnu11 -fno-omit-frame-pointer -DHYTRACE_VERSION='"$(VERSION)"' \
	-fsanitize=fuzzer-no-link,address,undefined -Iinclude -Iuser -Ibpf -I$(OUT)
FUZZ_TOOLS := chaos count sandbox trace-export
FUZZ_OBJS := $(LIB_SRCS:%.c=$(FUZZ_DIR)/%.o) $(FUZZ_TOOLS:%=$(FUZZ_DIR)/tools/%.o) \
	$(CLI_SRCS:%.c=$(FUZZ_DIR)/%.o)

$(FUZZ_DIR)/%.o: %.c | deps $(OUT)/hytrace.skel.h $(OUT)/aggregate.skel.h
	@mkdir -p $(@D)
	$(call msg,FUZZ-CC,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) -MMD -MP -c $< -o $@

# each example tool exports hytrace_tool: here under a name of its own
$(FUZZ_DIR)/tools/%.o: tools/%.c | deps
	@mkdir -p $(@D)
	$(call msg,FUZZ-CC,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) -Dhytrace_tool=fuzz_tool_$(subst -,_,$*) -MMD -MP -c $< -o $@

deps-fuzz:
	$(Q)scripts/deps.sh fuzz

$(FUZZ_DIR)/fuzz_parsers: tests/fuzz/fuzz_parsers.c tools/hytrace.c $(FUZZ_OBJS) | deps-fuzz
	$(call msg,FUZZ-LD,$@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) -fsanitize=fuzzer -Wl,--wrap=exit -Wl,--wrap=dlopen \
		-o $@ $< $(FUZZ_OBJS) $(LIBS)

-include $(FUZZ_OBJS:.o=.d)

fuzz: $(FUZZ_DIR)/fuzz_parsers
	$(Q)tests/fuzz/run.sh $(FUZZ_DIR)/fuzz_parsers $(FUZZ_TIME)

run: all
	$(Q)$(OUT)/hytrace $(ARGS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include/hytrace $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 755 $(OUT)/hytrace $(DESTDIR)$(PREFIX)/bin/
	install -m 644 include/hytrace.h $(DESTDIR)$(PREFIX)/include/
	install -m 644 include/hytrace/*.h $(DESTDIR)$(PREFIX)/include/hytrace/
	install -m 644 $(OUT)/libhytrace.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(OUT)/libhytrace.so $(DESTDIR)$(PREFIX)/lib/libhytrace.so.0
	ln -sf libhytrace.so.0 $(DESTDIR)$(PREFIX)/lib/libhytrace.so
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@VERSION@|$(VERSION)|g' scripts/hytrace.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/hytrace.pc

gen-syscalls:
	python3 scripts/gen_syscalls.py

# .clang-format: the kernel's style with 100 columns. Generated files are left alone.
FORMAT_SRCS = $(filter-out user/syscallent_gen.c user/decode/decoders_gen.h,\
	$(shell git ls-files '*.c' '*.h' 2>/dev/null))

format:
	$(Q)clang-format -i $(FORMAT_SRCS)

# These BPF headers compile on their own: each includes what it uses and leans
# on no map or knob of the file that includes it. (watch.bpf.h is a hook of
# hytrace.bpf.c's sys_enter, on its guests map, and says so.)
STANDALONE_BPF_HEADERS := bpf/ring.bpf.h bpf/capture.bpf.h bpf/ustack.bpf.h bpf/kfilter.bpf.h bpf/fd_file.bpf.h bpf/sock.bpf.h bpf/sock_ends.bpf.h bpf/guests.bpf.h bpf/tasks.bpf.h bpf/dying.bpf.h bpf/fatal_signal.bpf.h
check-bpf-headers:
	$(Q)for h in $(STANDALONE_BPF_HEADERS); do \
		$(CLANG) -O2 -target bpf -D__TARGET_ARCH_x86 -Ibpf -fsyntax-only -x c $$h || \
		{ echo "$$h does not compile on its own"; exit 1; }; done

# No include cycle between modules; each folder uses only the layers below it.
check-layers:
	$(Q)python3 scripts/check_layers.py

# on every core: one file at a time took minutes of a loaded CI run
check-format:
	$(Q)bad=$$(printf '%s\n' $(FORMAT_SRCS) | xargs -P "$$(nproc)" -n 16 sh -c \
		'for f; do clang-format "$$f" | cmp -s - "$$f" || echo "$$f"; done' sh); \
	if [ -n "$$bad" ]; then echo "not formatted (make format):" $$bad; exit 1; fi

clean:
	rm -rf build build-san

include vmtest/vmtest.mk
