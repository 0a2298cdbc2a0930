/* SPDX-License-Identifier: MIT */
/* The named-constant tables of each family (xlat_<family>.c), by id, for xlat.c. */
#ifndef HY_XLAT_TABLES_H
#define HY_XLAT_TABLES_H

#include "syscall_table.h"

struct hy_xlat;

/* One family's tables by id (NULL: another family's, or none). */
extern const struct hy_xlat *const hy_xlat_file[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_mm[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_process[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_signal[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_net[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_time[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_poll[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_ioctl[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_ipc[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_mount[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_keys[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_aio[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_perf[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_landlock[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_bpf[HY_X_XLAT_COUNT];
extern const struct hy_xlat *const hy_xlat_admin[HY_X_XLAT_COUNT];

#endif
