// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: calls that make or move descriptors and their data (dup*,
 * close_range, inotify, fanotify, memfd, eventfd, signalfd, pidfds, splice,
 * tee, vmsplice, copy_file_range, flock, fallocate, fadvise, sync_file_range).
 */
#include "fid.h"

#include <signal.h>
#include <sys/fanotify.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/uio.h>

int main(void)
{
	uint64_t *set = at_edge(NULL, 8);
	loff_t *off = at_edge(NULL, sizeof(loff_t));
	struct iovec *iov = at_edge(NULL, sizeof(*iov));
	siginfo_t *si = at_edge(NULL, sizeof(*si));
	char *unterminated = at_edge("fid-memfd", 9);
	int pfd[2], mfd, ifd, wd, pid_fd, fd;

	mfd = S(SYS_memfd_create, "fid", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	S(SYS_memfd_create, unterminated, 0);
	S(SYS_memfd_create, BAD, G(0));
	S(SYS_memfd_create, str_edge("fid-2"), 0x1000);
	S(SYS_fallocate, mfd, 0, 0, 4096);
	S(SYS_fallocate, G(mfd), 0x100, 0, 4096);
	S(SYS_fallocate, mfd, FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE, 0, -1);
	S(SYS_dup, G(mfd));
	S(SYS_dup, -1);
	S(SYS_dup2, mfd, 100);
	S(SYS_dup2, mfd, G(-1));
	S(SYS_dup3, mfd, 101, O_CLOEXEC);
	S(SYS_dup3, mfd, mfd, 0);
	S(SYS_dup3, mfd, 102, G(0x4));
	S(SYS_close_range, 100, 101, 0);
	S(SYS_close_range, G(200), ~0u, 4);
	S(SYS_close_range, 3, 2, 0x80);
	ifd = S(SYS_inotify_init1, IN_NONBLOCK | IN_CLOEXEC);
	S(SYS_inotify_init1, 0x1);
	wd = S(SYS_inotify_add_watch, ifd, "/", IN_ACCESS | IN_ONLYDIR | IN_MASK_ADD);
	S(SYS_inotify_add_watch, ifd, at_edge("/tmp", 4), IN_ALL_EVENTS);
	S(SYS_inotify_add_watch, G(ifd), BAD, G(0x10000000));
	S(SYS_inotify_rm_watch, ifd, wd);
	S(SYS_inotify_rm_watch, ifd, G(999));
	S(SYS_close, ifd);
	fd = S(SYS_inotify_init);
	S(SYS_close, fd);
	S(SYS_fanotify_init, G(0xfff0), O_RDONLY);
	S(SYS_fanotify_init, 0x4, G(O_RDWR | O_LARGEFILE | 0x40000000));
	S(SYS_fanotify_mark, -1, FAN_MARK_ADD | FAN_MARK_ONLYDIR, FAN_OPEN | FAN_EVENT_ON_CHILD,
	  AT_FDCWD, "/tmp");
	S(SYS_fanotify_mark, G(-1), 0x8000, ~0ull, -7, BAD);
	S(SYS_fanotify_mark, -1, FAN_MARK_REMOVE, FAN_ACCESS, AT_FDCWD, NULL);
	fd = S(SYS_eventfd, G(5));
	S(SYS_close, fd);
	*set = 1ull << (SIGUSR1 - 1);
	S(SYS_signalfd, -1, set, 8);
	S(SYS_signalfd, G(-1), BAD, 8);
	pid_fd = S(SYS_pidfd_open, S(SYS_getpid), 0);
	S(SYS_pidfd_open, G(S(SYS_getpid)), 0x1234);
	S(SYS_pidfd_open, -1, 0);
	S(SYS_pidfd_send_signal, pid_fd, 0, NULL, 0);
	memset(si, 0, sizeof(*si));
	si->si_signo = 0;
	si->si_code = SI_QUEUE;
	S(SYS_pidfd_send_signal, pid_fd, 0, si, 0);
	S(SYS_pidfd_send_signal, G(pid_fd), G(SIGUSR1), BAD, 5);
	fd = S(SYS_pidfd_getfd, pid_fd, mfd, 0);
	S(SYS_close, fd);
	S(SYS_pidfd_getfd, G(pid_fd), G(-1), 7);
	S(SYS_close, pid_fd);
	S(SYS_pipe2, pfd, O_NONBLOCK);
	S(SYS_write, pfd[1], "fidelity-data-16", 16);
	S(SYS_tee, pfd[0], pfd[1], 8, G(SPLICE_F_NONBLOCK));
	S(SYS_tee, pfd[0], pfd[0], 8, 0x80);
	*off = 2;
	S(SYS_splice, pfd[0], NULL, mfd, off, 8, SPLICE_F_NONBLOCK | SPLICE_F_MORE);
	S(SYS_splice, G(pfd[0]), BAD, mfd, NULL, G(8), 0);
	S(SYS_splice, pfd[0], NULL, mfd, BAD, 8, 0x40);
	iov->iov_base = "vmsplice";
	iov->iov_len = 8;
	S(SYS_vmsplice, pfd[1], iov, 1, SPLICE_F_GIFT);
	S(SYS_vmsplice, pfd[1], BAD, G(1), 0);
	*off = 0;
	fd = S(SYS_memfd_create, "fid-3", 0);
	S(SYS_copy_file_range, mfd, off, fd, NULL, 8, 0);
	S(SYS_copy_file_range, G(mfd), BAD, fd, off, 8, 0);
	S(SYS_copy_file_range, mfd, NULL, fd, NULL, 8, G(1));
	S(SYS_flock, mfd, LOCK_SH | LOCK_NB);
	S(SYS_flock, mfd, LOCK_UN);
	S(SYS_flock, G(-1), 0x40);
	S(SYS_fadvise64, mfd, 0, 0, POSIX_FADV_DONTNEED);
	S(SYS_fadvise64, mfd, 4096, 1, 99);
	S(SYS_readahead, mfd, 0, 4096);
	S(SYS_readahead, -1, -1, G(1));
	S(SYS_sync_file_range, mfd, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE);
	S(SYS_sync_file_range, mfd, -5, 0, 0x80);
	S(SYS_fdatasync, G(mfd));
	S(SYS_syncfs, -1);
	S(SYS_close, fd);
	S(SYS_close, mfd);
	return 0;
}
