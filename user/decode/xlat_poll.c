// SPDX-License-Identifier: MIT
/*
 * Named constants for polling and events: poll, epoll, eventfd, timerfd,
 * signalfd, futex, getrandom.
 * How the tables are written: decode/xlat_def.h.
 */
#define _GNU_SOURCE
#include <linux/futex.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <sys/eventfd.h>
#include <sys/random.h>

#include "decode/xlat_def.h"

/* clang-format off */
static const struct hy_xlat_ent poll_events_ent[] = {
	X(POLLIN), X(POLLPRI), X(POLLOUT), X(POLLERR), X(POLLHUP), X(POLLNVAL), X(POLLRDNORM),
	X(POLLRDBAND), X(POLLWRNORM), X(POLLWRBAND), X(POLLMSG), X(POLLREMOVE), X(POLLRDHUP),
	{ 0x8000, "POLL_BUSY_LOOP" },
};
END(poll_events, "POLL???");

static const struct hy_xlat_ent epoll_events_ent[] = {
	X(EPOLLIN), X(EPOLLPRI), X(EPOLLOUT), X(EPOLLERR), X(EPOLLHUP), { 0x20, "EPOLLNVAL" },
	X(EPOLLRDNORM), X(EPOLLRDBAND), X(EPOLLWRNORM), X(EPOLLWRBAND), X(EPOLLMSG), X(EPOLLRDHUP),
	X(EPOLLEXCLUSIVE), X(EPOLLWAKEUP), X(EPOLLONESHOT), X(EPOLLET),
};
END(epoll_events, "EPOLL???");

static const struct hy_xlat_ent epoll_flags_ent[] = {
	X(EPOLL_CLOEXEC),
};
END(epoll_flags, "EPOLL_???");

static const struct hy_xlat_ent epoll_ctl_ent[] = {
	X(EPOLL_CTL_ADD), X(EPOLL_CTL_DEL), X(EPOLL_CTL_MOD),
};
END(epoll_ctl, "EPOLL_CTL_???");

/* strace's timerfd_create set has the timer flags too, first */
static const struct hy_xlat_ent tfd_flags_ent[] = {
	X(TFD_TIMER_ABSTIME),
	X(TFD_TIMER_CANCEL_ON_SET),
	X(TFD_CLOEXEC),
	X(TFD_NONBLOCK),
};
END(tfd_flags, "TFD_???");

static const struct hy_xlat_ent tfd_timer_flags_ent[] = {
	X(TFD_TIMER_ABSTIME),
	X(TFD_TIMER_CANCEL_ON_SET),
};
END(tfd_timer_flags, "TFD_TIMER_???");

static const struct hy_xlat_ent sfd_flags_ent[] = {
	X(SFD_CLOEXEC),
	X(SFD_NONBLOCK),
};
END(sfd_flags, "SFD_???");

static const struct hy_xlat_ent efd_flags_ent[] = {
	X(EFD_SEMAPHORE), X(EFD_CLOEXEC), X(EFD_NONBLOCK),
};
END(efd_flags, "EFD_???");

/* The futex command; FUTEX_PRIVATE_FLAG and FUTEX_CLOCK_REALTIME are added by the decoder. */
static const struct hy_xlat_ent futex_op_ent[] = {
	X(FUTEX_WAIT), X(FUTEX_WAKE), X(FUTEX_FD), X(FUTEX_REQUEUE), X(FUTEX_CMP_REQUEUE),
	X(FUTEX_WAKE_OP), X(FUTEX_LOCK_PI), X(FUTEX_UNLOCK_PI), X(FUTEX_TRYLOCK_PI),
	X(FUTEX_WAIT_BITSET), X(FUTEX_WAKE_BITSET), X(FUTEX_WAIT_REQUEUE_PI),
	X(FUTEX_CMP_REQUEUE_PI), { 13, "FUTEX_LOCK_PI2" },
};
END(futex_op, "FUTEX_???");

static const struct hy_xlat_ent futex_wake_op_ent[] = {
	X(FUTEX_OP_SET), X(FUTEX_OP_ADD), X(FUTEX_OP_OR), X(FUTEX_OP_ANDN), X(FUTEX_OP_XOR),
};
END(futex_wake_op, "FUTEX_OP_???");

static const struct hy_xlat_ent futex_wake_cmp_ent[] = {
	X(FUTEX_OP_CMP_EQ), X(FUTEX_OP_CMP_NE), X(FUTEX_OP_CMP_LT), X(FUTEX_OP_CMP_LE),
	X(FUTEX_OP_CMP_GT), X(FUTEX_OP_CMP_GE),
};
END(futex_wake_cmp, "FUTEX_OP_CMP_???");

/* a futex_waitv entry's flags: the word's size (FUTEX_32 is the only one) and private */
static const struct hy_xlat_ent futex_waitv_flags_ent[] = {
	{ 2, "FUTEX_32" }, X(FUTEX_PRIVATE_FLAG),
};
END(futex_waitv_flags, "FUTEX_???");

static const struct hy_xlat_ent grnd_flags_ent[] = {
	X(GRND_NONBLOCK), X(GRND_RANDOM), X(GRND_INSECURE),
};
END(grnd_flags, "GRND_???");

const struct hy_xlat *const hy_xlat_poll[HY_X_XLAT_COUNT] = {
	[HY_X_POLL_EVENTS] = &x_poll_events,
	[HY_X_EPOLL_EVENTS] = &x_epoll_events,
	[HY_X_EPOLL_FLAGS] = &x_epoll_flags,
	[HY_X_EPOLL_CTL] = &x_epoll_ctl,
	[HY_X_TFD_FLAGS] = &x_tfd_flags,
	[HY_X_TFD_TIMER_FLAGS] = &x_tfd_timer_flags,
	[HY_X_SFD_FLAGS] = &x_sfd_flags,
	[HY_X_EFD_FLAGS] = &x_efd_flags,
	[HY_X_FUTEX_OP] = &x_futex_op,
	[HY_X_FUTEX_WAKE_OP] = &x_futex_wake_op,
	[HY_X_FUTEX_WAKE_CMP] = &x_futex_wake_cmp,
	[HY_X_FUTEX_WAITV_FLAGS] = &x_futex_waitv_flags,
	[HY_X_GRND_FLAGS] = &x_grnd_flags,
};
/* clang-format on */
