/* SPDX-License-Identifier: MIT */
/*
 * Shared libraries that only some runs need (libmicrohttpd for --metrics, libdw
 * for -k), opened when first needed instead of by the loader at every start:
 * linked, the two pulled in sixteen libraries and ~14 ms of CPU per start on
 * this machine (gnutls' constructors, mostly), a tenth of a start's whole cost
 * and ~0.15 s in vmtest's emulated VMs.
 */
#ifndef HY_OPTIONAL_LIB_H
#define HY_OPTIONAL_LIB_H

#include <stddef.h>

/** One function of a library and the pointer that receives its address. */
struct hy_lib_sym {
	const char *name;
	void **slot;
};

/**
 * Open @soname and fill each of @syms' slots. Returns 0, or a negative errno
 * with the reason in hy_last_error() (the library or a symbol missing). The
 * library stays open for the rest of the process.
 */
int hy_lib_open(const char *soname, const struct hy_lib_sym *syms, size_t n);

#endif
