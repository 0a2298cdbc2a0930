// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: the system-administration calls and the rest nobody else
 * makes (reboot, modules, kexec, ports, accounting, locking, unimplemented
 * numbers). The corpus runs as root: every call here must fail on its
 * arguments before the kernel does anything (a bad magic, an unknown flag, a
 * bad descriptor or clock, an unmapped address), or be harmless (sync,
 * munlockall, getppid). Never vhangup, pause, rt_sigreturn, and never a
 * reboot magic, kexec flags or an acct path the kernel would accept.
 * trace: exit_group
 */
#include "fid.h"

#include <signal.h>
#include <sys/epoll.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/timex.h>
#include <mqueue.h>
#include <time.h>

int main(void)
{
	struct timespec *ts = at_edge(NULL, sizeof(*ts));
	struct timex *tx = at_edge(NULL, sizeof(*tx));
	struct sembuf *sops = at_edge(NULL, 2 * sizeof(*sops));
	struct sigevent *sev = at_edge(NULL, sizeof(*sev));
	struct mq_attr *mqa = at_edge(NULL, sizeof(*mqa));
	struct epoll_event *ev = at_edge(NULL, sizeof(*ev));
	sigset_t *mask = at_edge(NULL, 8);
	long *tp = at_edge(NULL, 8);
	char *buf = at_edge(NULL, 64);
	int *fds = at_edge(NULL, 2 * sizeof(int));

	/* reboot: the magic numbers are checked before the command. */
	S(SYS_reboot, 0, 0, 0, 0);
	S(SYS_reboot, 0xfee1dead, 0x12345678, 0x4321fedc, NULL);
	S(SYS_iopl, G(4));
	S(SYS_ioperm, 0x10000, 8, G(1));
	/* Modules: a zero length is no ELF header; no such fd; no such module. */
	S(SYS_init_module, BAD, 0, "");
	S(SYS_finit_module, G(-1), "", 0);
	S(SYS_delete_module, "hytrace_none", O_NONBLOCK | O_TRUNC);
	S(SYS_delete_module, BAD, 0);
	/* kexec: an unknown architecture and unknown flags. */
	S(SYS_kexec_load, 0, 0, NULL, 0xdead0000);
	S(SYS_kexec_file_load, G(-1), G(-1), 0, NULL, 0xdead);
	S(SYS_acct, BAD);
	S(SYS_mlockall, 0);
	S(SYS_mlockall, G(0xf0 | MCL_CURRENT));
	S(SYS_munlockall);
	S(SYS_modify_ldt, 9, BAD, 0);
	S(SYS_time, NULL);
	S(SYS_time, tp);
	S(SYS_time, BAD);
	S(SYS_timer_gettime, G(0x7777), BAD);
	ts->tv_sec = 1;
	S(SYS_clock_settime, G(99), ts);
	S(SYS_clock_settime, 99, BAD);
	S(SYS_clock_adjtime, G(99), tx);
	S(SYS_clock_adjtime, 99, BAD);
	sev->sigev_notify = SIGEV_SIGNAL;
	sev->sigev_signo = SIGUSR1;
	S(SYS_mq_notify, G(-1), sev);
	S(SYS_mq_notify, -1, NULL);
	/* strace prints a value only when it is not 0, whatever the notification */
	sev->sigev_notify = SIGEV_NONE;
	sev->sigev_value.sival_int = 5;
	S(SYS_mq_notify, -1, sev);
	mqa->mq_flags = O_NONBLOCK;
	mqa->mq_maxmsg = 3;
	S(SYS_mq_getsetattr, G(-1), mqa, BAD);
	S(SYS_move_pages, 0, 0, NULL, NULL, NULL, 0);
	S(SYS_move_pages, G(0), 1, BAD, NULL, BAD, 0x7);
	sops[0].sem_num = 1;
	sops[0].sem_op = -1;
	sops[0].sem_flg = IPC_NOWAIT;
	sops[1].sem_flg = SEM_UNDO;
	ts->tv_nsec = 5;
	S(SYS_semtimedop, G(0x7ffffff0), sops, 2, ts);
	S(SYS_semtimedop, 0x7ffffff0, BAD, 1, BAD);
	S(SYS_accept4, G(-1), NULL, NULL, SOCK_CLOEXEC | 0x40000000);
	S(SYS_accept4, -1, BAD, BAD, G(SOCK_NONBLOCK));
	S(SYS_userfaultfd, G(0x7f0));
	S(SYS_memfd_secret, G(0x7f0));
	S(SYS_pkey_mprotect, (char *)BAD + 1, 4096, PROT_READ, G(5));
	S(SYS_pkey_mprotect, BAD, 4096, 0x80 | PROT_WRITE, -1);
	S(SYS_epoll_pwait2, G(-1), ev, 1, ts, mask, 8);
	S(SYS_epoll_pwait2, -1, BAD, G(-1), BAD, BAD, 7);
	S(SYS_quotactl_fd, G(-1), 0x800002, 0, NULL);
	S(SYS_quotactl_fd, -1, G(0x12345), G(1000), BAD);
	S(SYS_remap_file_pages, BAD, 4096, 0, 0, 0);
	S(SYS_remap_file_pages, BAD, 8192, G(PROT_READ), 3, 0x10000);
	S(SYS_set_mempolicy_home_node, (char *)BAD + 1, 4096, G(-1), 0x55);
	S(SYS_sysfs, 1, "ext4");
	S(SYS_sysfs, 1, BAD);
	S(SYS_sysfs, 2, 0, buf);
	S(SYS_sysfs, 2, 0, BAD);
	S(SYS_sysfs, 3);
	S(SYS_sysfs, G(0x77), 1, 2);
	S(SYS_ustat, 0x12345, BAD);
	S(SYS_ustat, G(0), NULL);
	S(SYS_getppid);
	S(SYS_getpgrp);
	S(SYS_uselib, BAD);
	S(SYS_uselib, "/nonexistent");
	S(SYS_sync);
	S(SYS_pipe, BAD);
	S(SYS_pipe, fds);
	S(SYS_close, fds[0]);
	S(SYS_close, fds[1]);
	S(SYS_get_thread_area, BAD);
	S(SYS_set_thread_area, BAD);
	S(SYS_rt_sigsuspend, mask, 7);
	S(SYS_rt_sigsuspend, BAD, G(9));
	S(SYS_restart_syscall);
	/* Numbers the kernel has no call for: ENOSYS, printed by name. */
	S(SYS_create_module, "hytrace_none", 4096);
	S(SYS_get_kernel_syms, BAD);
	S(SYS_query_module, "hytrace_none", 1, BAD, 16, BAD);
	S(SYS_nfsservctl, 1, BAD, BAD);
	S(SYS_getpmsg, -1, BAD, BAD, BAD, BAD);
	S(SYS_putpmsg, -1, BAD, BAD, 1, 2);
	S(SYS_afs_syscall, 1, 2, 3, 4, 5);
	S(SYS_tuxcall, 1, 2, 3);
	S(SYS_security, 1, 2, 3);
	S(SYS_vserver, 1, 2, 3, 4, 5);
	S(SYS__sysctl, BAD);
	S(SYS_epoll_ctl_old, 1, 2, 3, 4);
	S(SYS_epoll_wait_old, 1, 2, 3, 4);
	S(SYS_lookup_dcookie, 0x1234, BAD, 16);
	S(SYS_setsid);
	return 0;
}
