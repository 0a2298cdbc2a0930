// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: ioctl requests on a pipe, /dev/null and a socket, named and not.
 * runs: -v
 */
#include "fid.h"

#include <sys/sysmacros.h>

#include <linux/fs.h>
#include <linux/loop.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <termios.h>

/* <asm/termbits.h>'s termios2 requests (it clashes with <termios.h>) */
#define TCGETS2_ 0x802c542a
#define TCSETS2_ 0x402c542b
#define TCSETSF2_ 0x402c542d

int main(void)
{
	int p[2];
	int *n = at_edge(NULL, sizeof(int));
	struct termios *tio = at_edge(NULL, sizeof(*tio));
	struct winsize *ws = at_edge(NULL, sizeof(*ws));
	char *tio2 = at_edge(NULL, 44);
	int nul = S(SYS_openat, AT_FDCWD, "/dev/null", O_RDONLY);
	int sk = S(SYS_socket, AF_INET, SOCK_DGRAM, 0);

	S(SYS_pipe2, p, 0);
	S(SYS_write, p[1], "abc", 3);
	S(SYS_ioctl, p[0], FIONREAD, n);
	S(SYS_ioctl, p[0], G(FIONREAD), BAD);
	*n = 1;
	S(SYS_ioctl, p[0], FIONBIO, n);
	S(SYS_ioctl, p[0], FIOCLEX);
	S(SYS_ioctl, nul, TCGETS, tio);
	S(SYS_ioctl, nul, TIOCGWINSZ, ws);
	S(SYS_ioctl, nul, TIOCSWINSZ, BAD);
	S(SYS_ioctl, -1, BLKBSZSET, NULL);
	S(SYS_ioctl, -1, BLKGETSIZE64, n);
	S(SYS_ioctl, nul, FS_IOC_GETFLAGS, n);
	S(SYS_ioctl, G(-1), _IOC(_IOC_READ, 0xfe, 0x12, 8), n);
	S(SYS_ioctl, -1, 0x1234, 0x5678);
	S(SYS_ioctl, sk, SIOCGIFCONF, BAD);
	{
		/* the size query (no buffer), an empty buffer, a bad one; at a page's end */
		struct ifconf *ifc = at_edge(NULL, sizeof(*ifc));
		struct ifreq *rq = at_edge(NULL, sizeof(*rq));

		S(SYS_ioctl, sk, SIOCGIFCONF, ifc);
		ifc->ifc_len = 0;
		ifc->ifc_req = rq;
		S(SYS_ioctl, sk, SIOCGIFCONF, ifc);
		ifc->ifc_len = -(int)sizeof(*rq);
		S(SYS_ioctl, sk, SIOCGIFCONF, ifc);
		ifc->ifc_len = 2 * sizeof(*rq);
		ifc->ifc_req = BAD;
		S(SYS_ioctl, sk, SIOCGIFCONF, ifc);
		ifc->ifc_req = NULL;
		S(SYS_ioctl, -1, SIOCGIFCONF, ifc);
		/*
		 * filled: the records behind ifc_buf, read at exit (all the
		 * interfaces, then a buffer for one), at a page's end
		 */
		ifc->ifc_len = 8 * sizeof(*rq);
		ifc->ifc_req = at_edge(NULL, 8 * sizeof(*rq));
		S(SYS_ioctl, sk, SIOCGIFCONF, ifc);
		ifc->ifc_len = sizeof(*rq);
		ifc->ifc_req = rq;
		S(SYS_ioctl, sk, SIOCGIFCONF, ifc);
	}
	S(SYS_ioctl, sk, FIONREAD, n);
	{
		int pt = S(SYS_openat, AT_FDCWD, "/dev/ptmx", O_RDWR | O_NOCTTY);

		S(SYS_ioctl, pt, TCGETS, tio);
		S(SYS_ioctl, pt, TIOCGWINSZ, ws);
		S(SYS_ioctl, pt, TIOCGPTN, n);
		/* termios2 (44 bytes: 0x2c in the request), shown as termios */
		S(SYS_ioctl, pt, TCGETS2_, tio2);
		S(SYS_ioctl, pt, TCSETS2_, tio2);
		S(SYS_ioctl, pt, TCGETS2_, tio2 + 1);
		S(SYS_ioctl, pt, TCSETSF2_, BAD);
		S(SYS_close, pt);
	}
	{
		/* structs of file, loop and interface requests, at a page's end */
		struct ifreq *hw = at_edge(NULL, sizeof(*hw));
		struct fsxattr *fx = at_edge(NULL, sizeof(*fx));
		struct loop_info *li = at_edge(NULL, sizeof(*li));
		struct file_clone_range *cr = at_edge(NULL, sizeof(*cr));
		int self = S(SYS_openat, AT_FDCWD, "/proc/self/exe", O_RDONLY);

		strcpy(hw->ifr_name, "lo");
		S(SYS_ioctl, sk, SIOCGIFHWADDR, hw);
		strcpy(hw->ifr_name, "nonexistent0");
		S(SYS_ioctl, sk, SIOCGIFHWADDR, hw);
		S(SYS_ioctl, self, FS_IOC_FSGETXATTR, fx);
		fx->fsx_xflags = FS_XFLAG_EXTSIZE | 0x40000000;
		fx->fsx_extsize = 4096;
		fx->fsx_projid = 5;
		fx->fsx_cowextsize = 7;
		S(SYS_ioctl, -1, FS_IOC_FSSETXATTR, fx);
		li->lo_number = 3;
		li->lo_offset = 512;
		li->lo_flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR;
		strcpy(li->lo_name, "fidelity");
		S(SYS_ioctl, -1, LOOP_SET_STATUS, li);
		S(SYS_ioctl, -1, LOOP_GET_STATUS, li);
		{
			/* the 64-bit status, with and without encryption; the -v run prints all */
			struct loop_config *lc = at_edge(NULL, sizeof(*lc));
			struct loop_info64 *l64 = &lc->info;

			l64->lo_device = makedev(8, 1);
			l64->lo_inode = 77;
			l64->lo_offset = 512;
			l64->lo_sizelimit = 1 << 20;
			l64->lo_number = 3;
			l64->lo_flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR | 0x1000;
			strcpy((char *)l64->lo_file_name, "fidelity-file");
			strcpy((char *)l64->lo_crypt_name, "crypt-name");
			S(SYS_ioctl, -1, LOOP_SET_STATUS64, l64);
			l64->lo_encrypt_type = LO_CRYPT_XOR;
			l64->lo_encrypt_key_size = 5;
			strcpy((char *)l64->lo_encrypt_key, "secret");
			l64->lo_init[1] = ~0ull;
			S(SYS_ioctl, -1, LOOP_SET_STATUS64, l64);
			l64->lo_encrypt_type = 77;
			l64->lo_encrypt_key_size = 100;
			S(SYS_ioctl, -1, LOOP_SET_STATUS64, l64);
			S(SYS_ioctl, -1, LOOP_GET_STATUS64, l64);
			lc->fd = 5;
			lc->block_size = 4096;
			lc->__reserved[7] = 0x1234;
			S(SYS_ioctl, -1, LOOP_CONFIGURE, lc);
		}
		*cr = (struct file_clone_range){
			.src_fd = self, .src_offset = 4096, .src_length = 8192, .dest_offset = 1
		};
		S(SYS_ioctl, -1, FICLONERANGE, cr);
		S(SYS_close, self);
	}
	S(SYS_close, sk);
	S(SYS_close, nul);
	S(SYS_close, p[0]);
	S(SYS_close, p[1]);
	return 0;
}
