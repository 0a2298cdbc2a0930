// SPDX-License-Identifier: MIT
/*
 * Named constants for signals: sigprocmask, sigaction, sigaltstack, sigevent.
 * How the tables are written: decode/xlat_def.h.
 */
#define _GNU_SOURCE

#include "decode/xlat_def.h"

/* clang-format off */
static const struct hy_xlat_ent sigprocmask_how_ent[] = {
	X(SIG_BLOCK), X(SIG_UNBLOCK), X(SIG_SETMASK),
};
END(sigprocmask_how, "SIG_???");

static const struct hy_xlat_ent sa_flags_ent[] = {
	{ 0x04000000, "SA_RESTORER" }, X(SA_ONSTACK), X(SA_RESTART), X(SA_INTERRUPT), X(SA_NODEFER),
	X(SA_RESETHAND), X(SA_SIGINFO), X(SA_NOCLDSTOP), X(SA_NOCLDWAIT),
};
END(sa_flags, "SA_???");

static const struct hy_xlat_ent ss_flags_ent[] = {
	X(SS_ONSTACK), X(SS_DISABLE), { 1u << 31, "SS_AUTODISARM" },
};
END(ss_flags, "SS_???");

static const struct hy_xlat_ent sigev_notify_ent[] = {
	X(SIGEV_SIGNAL), X(SIGEV_NONE), X(SIGEV_THREAD), X(SIGEV_THREAD_ID),
};
END(sigev_notify, "SIGEV_???");

const struct hy_xlat *const hy_xlat_signal[HY_X_XLAT_COUNT] = {
	[HY_X_SIGPROCMASK_HOW] = &x_sigprocmask_how,
	[HY_X_SA_FLAGS] = &x_sa_flags,
	[HY_X_SS_FLAGS] = &x_ss_flags,
	[HY_X_SIGEV_NOTIFY] = &x_sigev_notify,
};
/* clang-format on */
