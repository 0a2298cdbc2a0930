// SPDX-License-Identifier: MIT
#include <dlfcn.h>
#include <errno.h>

#include "error.h"
#include "optional_lib.h"

int hy_lib_open(const char *soname, const struct hy_lib_sym *syms, size_t n)
{
	/* RTLD_NOW: a missing symbol is one error here, not a crash at a later call */
	void *h = dlopen(soname, RTLD_NOW | RTLD_LOCAL);

	if (!h)
		return hy_error(-ELIBACC, "cannot load %s: %s", soname, dlerror());
	for (size_t i = 0; i < n; i++) {
		*syms[i].slot = dlsym(h, syms[i].name);
		if (!*syms[i].slot) {
			int err = hy_error(-ELIBBAD, "%s has no %s", soname, syms[i].name);

			dlclose(h);
			return err;
		}
	}
	return 0;
}
