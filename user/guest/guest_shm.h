/* SPDX-License-Identifier: MIT */
/*
 * The in-guest backend's shared region: one file in /dev/shm that hytrace
 * creates before the tools' init and every guest process maps. It holds the
 * tools' global state (so the whole tree shares it with hytrace) and what the
 * preloaded runtime needs to run the same tools: where each tool's code is,
 * its options and its subscription. Read by both sides: fixed-size fields only.
 */
#ifndef HY_GUEST_SHM_H
#define HY_GUEST_SHM_H

#include <stdint.h>

#include "sysset.h"

#define HY_GUEST_MAGIC 0x68796775u /* "hygu" */
#define HY_GUEST_MAX_TOOLS 32
#define HY_GUEST_OPTS_BYTES 16384
/* The environment variable that names the region (the runtime removes it). */
#define HY_GUEST_ENV "HYTRACE_GUEST_SHM"

struct hy_guest_tool {
	/* "builtin:NAME" for a tool of the library, else the plugin's path */
	char where[512];
	uint64_t global_off, global_size;
	uint32_t nopts;
	uint32_t opts_off; /* nopts pairs "key\0value\0" at opts + opts_off */
	struct hy_sysset subscription;
};

struct hy_guest_hdr {
	uint32_t magic;
	uint32_t ntools;
	uint64_t size; /* of the whole region */
	pid_t hytrace_pid;
	uint32_t ready; /* the tools' init ran: the header is complete */
	struct hy_guest_tool tool[HY_GUEST_MAX_TOOLS];
	char opts[HY_GUEST_OPTS_BYTES];
	/* then the tools' global states, 64-byte aligned */
};

#endif
