// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: the rest (uname, sysinfo, random, capabilities, arch_prctl, kcmp, eventfd...).
 * runs: -v
 */
#include "fid.h"

#include <linux/capability.h>
#include <sys/utsname.h>

int main(void)
{
	struct utsname *u = at_edge(NULL, sizeof(*u));
	struct __user_cap_header_struct *ch = at_edge(NULL, sizeof(*ch));
	struct __user_cap_data_struct *cd = at_edge(NULL, 2 * sizeof(*cd));
	unsigned long *fs = at_edge(NULL, 8);
	char *host = at_edge(NULL, 8);
	int efd;

	{
		struct f_owner_ex *own = at_edge(NULL, sizeof(*own));
		struct flock *fl = at_edge(NULL, sizeof(*fl));
		int fd = S(SYS_openat, AT_FDCWD, "/dev/null", O_RDWR);

		S(SYS_fcntl, fd, F_GETOWN_EX, own);
		own->type = F_OWNER_PID;
		own->pid = 0;
		S(SYS_fcntl, fd, F_SETOWN_EX, own);
		fl->l_type = F_RDLCK;
		fl->l_whence = SEEK_SET;
		fl->l_len = 10;
		S(SYS_fcntl, fd, F_GETLK, fl);
		S(SYS_fcntl, fd, F_SETLK, BAD);
		S(SYS_fcntl, G(fd), G(F_GETFD));
		S(SYS_fcntl, fd, 0x7777, 1);
		S(SYS_close, fd);
	}
	S(SYS_uname, u);
	S(SYS_uname, BAD);
	S(SYS_getrandom, BAD, 16, GRND_NONBLOCK);
	S(SYS_getrandom, NULL, 0, G(0x40));
	ch->version = _LINUX_CAPABILITY_VERSION_3;
	ch->pid = 0;
	S(SYS_capget, ch, cd);
	S(SYS_capget, BAD, NULL);
	ch->version = 0x12345678;
	S(SYS_capget, ch, NULL);
	S(SYS_arch_prctl, 0x1003, fs);
	S(SYS_arch_prctl, G(0x1003), BAD);
	S(SYS_arch_prctl, 0x9999, 0);
	S(SYS_kcmp, 0, 0, 99, 0, 0);
	S(SYS_kcmp, G(0), G(0), G(0), 1, 2);
	efd = S(SYS_eventfd2, G(3), 0x80001);
	S(SYS_eventfd2, 0, 0x40000);
	S(SYS_close, efd);
	S(SYS_getcpu, BAD, NULL, NULL);
	S(SYS_sethostname, BAD, 8);
	S(SYS_setdomainname, host, G(-1));
	S(SYS_syslog, 3, BAD, 16);
	S(SYS_syslog, G(10), NULL, 0);
	/* only actions that change nothing: a bad level, unknown actions */
	S(SYS_syslog, 8, BAD, G(16));
	S(SYS_syslog, 11, NULL, 3);
	S(SYS_syslog, -1, BAD, 0);
	S(SYS_ptrace, G(0x4206), 1, 0, 0);
	S(SYS_seccomp, 99, 0, NULL);
	S(SYS_getuid);
	S(SYS_setns, -1, G(0x20000000));
	S(SYS_unshare, 0x80);
	return 0;
}
