// SPDX-License-Identifier: MIT
/* A record's arguments and captured memory, as the calling ABI sees them. */
#include <string.h>

#include "decode/args.h"

unsigned int hy_ptr_size(const struct hy_record *r)
{
	if (r->abi == HY_ABI_I386)
		return 4;
	/* x32's own calls (512..547) are the kernel's compat ones: 32-bit pointers inside */
	if (r->abi == HY_ABI_X32 && (r->nr & ~(long)HY_X32_SYSCALL_BIT) >= 512)
		return 4;
	return 8;
}

bool hy_time32(const struct hy_record *r)
{
	size_t n;

	if (r->abi != HY_ABI_I386)
		return false;
	/* clock_gettime64, ppoll_time64, ...: the 64-bit time_t variants */
	n = r->ent && r->ent->name ? strlen(r->ent->name) : 0;
	return !(n > 2 && !strcmp(r->ent->name + n - 2, "64"));
}

bool hy_read(const struct hy_record *r, enum hy_phase phase, uint64_t addr, void *buf, size_t len)
{
	return addr && hy_rec_read(r, phase, addr, buf, len) == (ssize_t)len;
}

bool hy_read_word(const struct hy_record *r, enum hy_phase phase, uint64_t addr, uint64_t *val)
{
	uint32_t w32;

	if (hy_ptr_size(r) == 8)
		return hy_read(r, phase, addr, val, 8);
	if (!hy_read(r, phase, addr, &w32, 4))
		return false;
	*val = w32;
	return true;
}
