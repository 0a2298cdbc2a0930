// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: asynchronous I/O (io_setup, io_submit with iocb arrays,
 * io_getevents, io_pgetevents, io_cancel, io_destroy) and io_uring's three
 * calls. Nothing blocks: events are collected with min_nr 0 and a zero
 * timeout, and the only request that could wait (a poll) is cancelled.
 * runs: -s 7
 */
#include "fid.h"

#include <linux/aio_abi.h>
#include <linux/io_uring.h>
#include <poll.h>
#include <signal.h>
#include <sys/uio.h>
#include <time.h>

int main(void)
{
	aio_context_t *ctxp = at_edge(NULL, sizeof(*ctxp));
	aio_context_t ctx;
	struct iocb *cb = at_edge(NULL, 5 * sizeof(*cb));
	struct iocb **cbs = at_edge(NULL, 5 * sizeof(*cbs));
	struct io_event *ev = at_edge(NULL, 4 * sizeof(*ev));
	struct timespec *ts = at_edge(NULL, sizeof(*ts));
	struct iovec *iov = at_edge(NULL, 2 * sizeof(*iov));
	char *data = at_edge("abcdefghij", 10);
	char *rbuf = at_edge(NULL, 16);
	struct {
		const sigset_t *sigmask;
		size_t sigsetsize;
	} *ss = at_edge(NULL, 16);
	sigset_t *set = at_edge(NULL, 8);
	struct io_uring_params *up = at_edge(NULL, sizeof(*up));
	int fd = S(SYS_openat, AT_FDCWD, "/dev/null", O_RDWR);
	int pfd[2];

	if (pipe(pfd))
		return 99;
	S(SYS_io_setup, 4, ctxp);
	ctx = *ctxp;
	S(SYS_io_setup, G(0), BAD);
	S(SYS_io_setup, 1, ctxp);

	cb[0].aio_data = 0x1234;
	cb[0].aio_lio_opcode = IOCB_CMD_PREAD;
	cb[0].aio_fildes = fd;
	cb[0].aio_buf = (uintptr_t)rbuf;
	cb[0].aio_nbytes = 16;
	cb[1].aio_lio_opcode = IOCB_CMD_PWRITE;
	cb[1].aio_fildes = fd;
	cb[1].aio_buf = (uintptr_t)data;
	cb[1].aio_nbytes = 10;
	cb[1].aio_offset = 5;
	cb[1].aio_reqprio = 1;
	iov[0].iov_base = data;
	iov[0].iov_len = 4;
	iov[1].iov_base = data + 4;
	iov[1].iov_len = 6;
	cb[2].aio_lio_opcode = IOCB_CMD_PWRITEV;
	cb[2].aio_fildes = fd;
	cb[2].aio_buf = (uintptr_t)iov;
	cb[2].aio_nbytes = 2;
	cb[3].aio_lio_opcode = IOCB_CMD_FSYNC;
	cb[3].aio_fildes = fd;
	cb[3].aio_flags = IOCB_FLAG_RESFD;
	cb[3].aio_resfd = 77;
	cb[4].aio_data = 0x5678;
	cb[4].aio_lio_opcode = IOCB_CMD_POLL;
	cb[4].aio_fildes = pfd[0];
	cb[4].aio_buf = POLLIN;
	for (int i = 0; i < 5; i++)
		cbs[i] = &cb[i];
	S(SYS_io_submit, ctx, 3, cbs);
	S(SYS_io_getevents, ctx, 0, 4, ev, ts);
	/* the pipe is readable: the poll completes as it is submitted */
	if (write(pfd[1], "x", 1) != 1)
		return 99;
	S(SYS_io_submit, ctx, 1, &cbs[4]);
	S(SYS_io_cancel, ctx, &cb[4], ev);
	S(SYS_io_submit, ctx, 2, &cbs[3]);
	S(SYS_io_submit, ctx, G(5), cbs);
	S(SYS_io_submit, ctx, 1, BAD);
	S(SYS_io_submit, ctx, 2, &cbs[4]);
	S(SYS_io_submit, G(ctx), -1, NULL);
	cb[0].aio_lio_opcode = 99;
	S(SYS_io_submit, ctx, 1, cbs);
	cb[0].aio_lio_opcode = IOCB_CMD_PREADV;
	cb[0].aio_buf = (uintptr_t)BAD;
	S(SYS_io_submit, ctx, 1, cbs);
	S(SYS_io_cancel, ctx, BAD, BAD);
	S(SYS_io_getevents, ctx, 0, 4, ev, ts);
	S(SYS_io_getevents, ctx, G(0), G(1), BAD, NULL + 1);
	S(SYS_io_getevents, ctx, 2, 1, ev, BAD);
	sigemptyset(set);
	sigaddset(set, SIGUSR1);
	ss->sigmask = set;
	ss->sigsetsize = 8;
	S(SYS_io_pgetevents, ctx, 0, 4, ev, ts, ss);
	S(SYS_io_pgetevents, ctx, 0, 1, ev, ts, BAD);
	ss->sigsetsize = 9;
	S(SYS_io_pgetevents, ctx, 0, 1, BAD, ts, ss);
	S(SYS_io_pgetevents, ctx, 0, 1, ev, NULL, NULL);
	S(SYS_io_destroy, ctx);
	S(SYS_io_destroy, G(0));

	up->flags = IORING_SETUP_CLAMP;
	{
		int ring = S(SYS_io_uring_setup, 2, up);

		S(SYS_io_uring_enter, ring, 0, 0, IORING_ENTER_GETEVENTS, set, 8);
		S(SYS_io_uring_enter, ring, G(0), G(0), 0x7fff, NULL, 0);
		S(SYS_io_uring_enter, G(ring), 1, 0, IORING_ENTER_GETEVENTS, BAD, 9);
		S(SYS_io_uring_register, ring, IORING_REGISTER_FILES, BAD, 1);
		S(SYS_io_uring_register, ring, IORING_REGISTER_PROBE, NULL, 0);
		S(SYS_io_uring_register, ring, IORING_UNREGISTER_BUFFERS, NULL, 0);
		S(SYS_io_uring_register, ring, IORING_REGISTER_EVENTFD, BAD, 1);
		S(SYS_io_uring_register, G(ring), G(99), BAD, G(2));
		S(SYS_close, ring);
	}
	memset(up, 0, sizeof(*up));
	up->flags = 0xffff0000;
	S(SYS_io_uring_setup, 1, up);
	S(SYS_io_uring_setup, G(1), BAD);
	up->flags = 0;
	up->resv[1] = 1;
	S(SYS_io_uring_setup, 1, up);
	S(SYS_io_uring_setup, 0, NULL);
	S(SYS_io_uring_enter, -1, 0, 0, 0, NULL, 0);
	S(SYS_close, fd);
	return 0;
}
