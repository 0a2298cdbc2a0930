// SPDX-License-Identifier: MIT
/* Looking a named-constant set up by id: each family's tables are in xlat_<family>.c. */
#include "decode/xlat.h"
#include "decode/xlat_tables.h"

static const struct hy_xlat empty = { 0 };

static const struct hy_xlat *const *const families[] = {
	hy_xlat_file, hy_xlat_mm,	hy_xlat_process, hy_xlat_signal, hy_xlat_net,  hy_xlat_time,
	hy_xlat_poll, hy_xlat_ioctl,	hy_xlat_ipc,	 hy_xlat_mount,	 hy_xlat_keys, hy_xlat_aio,
	hy_xlat_perf, hy_xlat_landlock, hy_xlat_bpf,	 hy_xlat_admin,
};

const struct hy_xlat *hy_xlat_get(enum hy_xlat_id id)
{
	if ((unsigned int)id >= HY_X_XLAT_COUNT)
		return &empty;
	for (unsigned int f = 0; f < sizeof(families) / sizeof(families[0]); f++)
		if (families[f][id])
			return families[f][id];
	return &empty;
}

const char *hy_xlat_name(enum hy_xlat_id id, uint64_t val)
{
	const struct hy_xlat *x = hy_xlat_get(id);

	for (unsigned int i = 0; i < x->n; i++)
		if (x->ent[i].val == val)
			return x->ent[i].name;
	return NULL;
}
