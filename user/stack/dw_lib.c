// SPDX-License-Identifier: MIT
#include <pthread.h>
#include <stdio.h>

#include "error.h"
#include "hytrace.h"
#include "optional_lib.h"
#include "stack/dw_lib.h"

struct hy_dw_lib hy_dw;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int open_err;
static char open_why[256];

static void open_libdw(void)
{
	const struct hy_lib_sym syms[] = {
		{ "dwarf_begin_elf", (void **)&hy_dw.begin_elf },
		{ "dwarf_end", (void **)&hy_dw.end },
		{ "dwarf_getcfi", (void **)&hy_dw.getcfi },
		{ "dwarf_getcfi_elf", (void **)&hy_dw.getcfi_elf },
		{ "dwarf_cfi_addrframe", (void **)&hy_dw.cfi_addrframe },
		{ "dwarf_cfi_end", (void **)&hy_dw.cfi_end },
		{ "dwarf_frame_cfa", (void **)&hy_dw.frame_cfa },
		{ "dwarf_frame_info", (void **)&hy_dw.frame_info },
		{ "dwarf_frame_register", (void **)&hy_dw.frame_register },
		{ "dwelf_elf_gnu_build_id", (void **)&hy_dw.gnu_build_id },
	};

	open_err = hy_lib_open("libdw.so.1", syms, sizeof(syms) / sizeof(syms[0]));
	if (open_err)
		snprintf(open_why, sizeof(open_why), "%s", hy_last_error());
}

int hy_dw_open(void)
{
	pthread_once(&once, open_libdw);
	/* the reason again for every caller: hy_last_error() is per thread */
	return open_err ? hy_error(open_err, "stacks: %s", open_why) : 0;
}
