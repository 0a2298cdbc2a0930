// SPDX-License-Identifier: MIT
/* Fidelity guest: poll, ppoll, select, pselect6 and epoll with edge-placed arrays. */
#include "fid.h"

#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/select.h>

int main(void)
{
	int p[2];
	struct pollfd *pfd;
	fd_set *rd = at_edge(NULL, 8), *wr = at_edge(NULL, 8);
	struct timeval *tv = at_edge(NULL, sizeof(*tv));
	struct timespec *ts = at_edge(NULL, sizeof(*ts));
	struct epoll_event *ev = at_edge(NULL, sizeof(*ev));
	uint64_t *mask = at_edge(NULL, 8);
	int ep;

	S(SYS_pipe2, p, 0);
	S(SYS_write, p[1], "x", 1);
	pfd = at_edge(NULL, 2 * sizeof(*pfd));
	pfd[0] = (struct pollfd){ p[0], POLLIN | POLLPRI, 0 };
	pfd[1] = (struct pollfd){ p[1], POLLOUT | 0x4000, 0 };
	S(SYS_poll, pfd, 2, 0);
	S(SYS_poll, pfd, G(1), G(0));
	S(SYS_poll, BAD, 1, 0);
	S(SYS_poll, NULL, 0, 1);
	ts->tv_sec = 0;
	ts->tv_nsec = 1000;
	*mask = 1ull << (SIGUSR1 - 1);
	S(SYS_ppoll, pfd, 2, ts, mask, 8);
	S(SYS_ppoll, pfd + 1, 1, NULL, NULL, 8);
	S(SYS_ppoll, pfd, 1, BAD, NULL, 8);
	*(uint64_t *)rd = 1ull << p[0] | 1;
	*(uint64_t *)wr = 1ull << p[1];
	tv->tv_sec = 0;
	tv->tv_usec = 10;
	S(SYS_select, p[1] + 1, rd, wr, NULL, tv);
	*(uint64_t *)rd = 1ull << p[0];
	S(SYS_select, G(p[1] + 1), rd, NULL, NULL, NULL);
	S(SYS_select, 64, rd, BAD, NULL, tv);
	S(SYS_select, -1, NULL, NULL, NULL, NULL);
	*(uint64_t *)rd = 1ull << p[0];
	S(SYS_pselect6, p[1] + 1, rd, NULL, NULL, ts, NULL);
	ep = S(SYS_epoll_create1, EPOLL_CLOEXEC);
	S(SYS_epoll_create1, G(0x10));
	S(SYS_epoll_create, G(1));
	ev->events = EPOLLIN | EPOLLET | 0x800000;
	ev->data.u64 = 0x1122334455667788ull;
	S(SYS_epoll_ctl, ep, EPOLL_CTL_ADD, p[0], ev);
	S(SYS_epoll_ctl, G(ep), G(9), p[0], ev);
	S(SYS_epoll_ctl, ep, EPOLL_CTL_MOD, p[0], BAD);
	S(SYS_epoll_wait, ep, ev, 1, 0);
	S(SYS_epoll_wait, ep, BAD, G(1), G(0));
	S(SYS_epoll_pwait, ep, ev, 1, 0, mask, 8);
	/* failed: strace prints the sigmask as its address */
	S(SYS_epoll_pwait, -1, ev, 1, 0, mask, 8);
	S(SYS_close, ep);
	S(SYS_close, p[0]);
	S(SYS_close, p[1]);
	return 0;
}
