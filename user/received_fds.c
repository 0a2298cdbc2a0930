// SPDX-License-Identifier: MIT
/*
 * The descriptors a call received over a socket: recvmsg's msghdr, or
 * recvmmsg's entries, walked in the record's memory at exit (the control
 * buffer as the kernel filled it, msg_controllen as it set it). The kernel
 * path reads the same descriptors' files at sys_exit (bpf/sock_ends.bpf.h's
 * msg_fds_put), the tracer at the exit stop (sock_diag.c).
 */
#include <string.h>
#include <sys/socket.h>

#include "event.h"
#include "hy_event.h"
#include "received_fds.h"
#include "syscall_table.h"

/* One received msghdr at @msg: its control messages' SCM_RIGHTS descriptors */
static size_t msg_fds(const struct hy_record *r, uint64_t msg, int *fds, size_t n, size_t max)
{
	uint64_t ctl[2]; /* msg_control, msg_controllen (as the kernel set it) */
	uint8_t buf[4096];
	ssize_t got;

	if (hy_rec_read(r, HY_PHASE_EXIT, msg + 32, ctl, sizeof(ctl)) != sizeof(ctl) || !ctl[0])
		return n;
	got = hy_rec_read(r, HY_PHASE_EXIT, ctl[0], buf,
			  ctl[1] < sizeof(buf) ? ctl[1] : sizeof(buf));
	for (size_t off = 0; got > 0 && off + 16 <= (size_t)got;) {
		uint64_t len;
		int32_t level, type;

		memcpy(&len, buf + off, 8);
		memcpy(&level, buf + off + 8, 4);
		memcpy(&type, buf + off + 12, 4);
		if (len < 16 || len > (size_t)got - off)
			break;
		for (size_t i = off + 16;
		     level == SOL_SOCKET && type == SCM_RIGHTS && i + 4 <= off + len && n < max;
		     i += 4)
			memcpy(&fds[n++], buf + i, 4);
		off += (len + 7) & ~(uint64_t)7; /* CMSG_ALIGN */
	}
	return n;
}

size_t hy_rec_received_fds(const struct hy_record *r, int *fds, size_t max)
{
	size_t n = 0;

	if (!r->ent || r->abi != HY_ABI_X86_64 || r->ret <= 0)
		return 0;
	for (int i = 0; i < r->ent->nargs && i < 6; i++) {
		if (r->ent->args[i].kind != HY_A_STRUCT_OUT)
			continue;
		if (r->ent->args[i].aux == HY_S_MSGHDR)
			n = msg_fds(r, r->args[i], fds, n, max);
		else if (r->ent->args[i].aux == HY_S_MMSGHDR)
			for (int64_t m = 0; m < r->ret && m < HY_MMSG_MAX; m++)
				n = msg_fds(r, r->args[i] + m * 64, fds, n, max);
	}
	return n;
}

int hy_event_received_fds(const struct hy_event *ev, int *fds, size_t max)
{
	return (int)hy_rec_received_fds(&ev->r, fds, max);
}
