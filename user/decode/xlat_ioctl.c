// SPDX-License-Identifier: MIT
/*
 * Named constants for terminals and ioctl arguments: termios bits, baud rates,
 * tc* values, file, loop and interface flags.
 * How the tables are written: decode/xlat_def.h.
 */
#define _GNU_SOURCE
#include <sys/ioctl.h>
#include <termios.h>
#include <linux/fs.h>
#include <linux/loop.h>
#include <net/if.h>

#include "decode/xlat_def.h"

/* clang-format off */
static const struct hy_xlat_ent term_iflags_ent[] = {
	X(IGNBRK), X(BRKINT), X(IGNPAR), X(PARMRK), X(INPCK), X(ISTRIP), X(INLCR), X(IGNCR),
	X(ICRNL), X(IUCLC), X(IXON), X(IXANY), X(IXOFF), X(IMAXBEL), X(IUTF8),
};
END(term_iflags, NULL);

static const struct hy_xlat_ent term_oflags_ent[] = {
	X(OPOST), X(OLCUC), X(ONLCR), X(OCRNL), X(ONOCR), X(ONLRET), X(OFILL), X(OFDEL),
};
END(term_oflags, NULL);

static const struct hy_xlat_ent term_cflags_ent[] = {
	X(CSTOPB), X(CREAD), X(PARENB), X(PARODD), X(HUPCL), X(CLOCAL), X(CMSPAR), X(CRTSCTS),
};
END(term_cflags, NULL);

static const struct hy_xlat_ent term_lflags_ent[] = {
	X(ISIG), X(ICANON), X(XCASE), X(ECHO), X(ECHOE), X(ECHOK), X(ECHONL), X(NOFLSH), X(IEXTEN),
	X(ECHOCTL), X(ECHOPRT), X(ECHOKE), X(FLUSHO), X(PENDIN), X(TOSTOP), X(EXTPROC),
};
END(term_lflags, NULL);

static const struct hy_xlat_ent term_baud_ent[] = {
	X(B0), X(B50), X(B75), X(B110), X(B134), X(B150), X(B200), X(B300), X(B600), X(B1200),
	X(B1800), X(B2400), X(B4800), X(B9600), X(B19200), X(B38400), { 0010000, "BOTHER" },
	X(B57600), X(B115200), X(B230400), X(B460800), X(B500000), X(B576000), X(B921600),
	X(B1000000), X(B1152000), X(B1500000), X(B2000000), X(B2500000), X(B3000000), X(B3500000),
	X(B4000000),
};
END(term_baud, "B???");

static const struct hy_xlat_ent term_csize_ent[] = {
	X(CS5), X(CS6), X(CS7), X(CS8),
};
END(term_csize, "CS?");

static const struct hy_xlat_ent term_nldly_ent[] = {
	X(NL0), X(NL1),
};
END(term_nldly, "NL?");
static const struct hy_xlat_ent term_crdly_ent[] = {
	X(CR0), X(CR1), X(CR2), X(CR3),
};
END(term_crdly, "CR?");
/* TAB3 is XTABS on x86, and strace 6.1 calls it that */
static const struct hy_xlat_ent term_tabdly_ent[] = {
	X(TAB0), X(TAB1), X(TAB2), { TAB3, "XTABS" },
};
END(term_tabdly, "TAB?");
static const struct hy_xlat_ent term_bsdly_ent[] = {
	X(BS0), X(BS1),
};
END(term_bsdly, "BS?");
static const struct hy_xlat_ent term_vtdly_ent[] = {
	X(VT0), X(VT1),
};
END(term_vtdly, "VT?");
static const struct hy_xlat_ent term_ffdly_ent[] = {
	X(FF0), X(FF1),
};
END(term_ffdly, "FF?");

static const struct hy_xlat_ent modem_flags_ent[] = {
	X(TIOCM_LE), X(TIOCM_DTR), X(TIOCM_RTS), X(TIOCM_ST), X(TIOCM_SR), X(TIOCM_CTS),
	X(TIOCM_CAR), X(TIOCM_RNG), X(TIOCM_DSR), { 0x2000, "TIOCM_OUT1" },
	{ 0x4000, "TIOCM_OUT2" }, { 0x8000, "TIOCM_LOOP" },
};
END(modem_flags, "TIOCM_???");

static const struct hy_xlat_ent tcxonc_ent[] = {
	X(TCOOFF), X(TCOON), X(TCIOFF), X(TCION),
};
END(tcxonc, "TC???");

static const struct hy_xlat_ent tcflsh_ent[] = {
	X(TCIFLUSH), X(TCOFLUSH), X(TCIOFLUSH),
};
END(tcflsh, "TC???");

static const struct hy_xlat_ent fs_flags_ent[] = {
	X(FS_SECRM_FL), X(FS_UNRM_FL), X(FS_COMPR_FL), X(FS_SYNC_FL), X(FS_IMMUTABLE_FL),
	X(FS_APPEND_FL), X(FS_NODUMP_FL), X(FS_NOATIME_FL), X(FS_DIRTY_FL), X(FS_COMPRBLK_FL),
	X(FS_NOCOMP_FL), X(FS_ENCRYPT_FL), X(FS_BTREE_FL), X(FS_IMAGIC_FL),
	X(FS_JOURNAL_DATA_FL), X(FS_NOTAIL_FL), X(FS_DIRSYNC_FL), X(FS_TOPDIR_FL),
	X(FS_HUGE_FILE_FL), X(FS_EXTENT_FL), X(FS_VERITY_FL), X(FS_EA_INODE_FL),
	X(FS_EOFBLOCKS_FL), X(FS_NOCOW_FL), X(FS_DAX_FL), X(FS_INLINE_DATA_FL),
	X(FS_PROJINHERIT_FL), X(FS_CASEFOLD_FL), X(FS_RESERVED_FL),
};
END(fs_flags, "FS_???");

static const struct hy_xlat_ent loop_flags_ent[] = {
	X(LO_FLAGS_READ_ONLY), X(LO_FLAGS_AUTOCLEAR), X(LO_FLAGS_PARTSCAN), X(LO_FLAGS_DIRECT_IO),
};
END(loop_flags, "LO_FLAGS_???");

static const struct hy_xlat_ent iff_flags_ent[] = {
	X(IFF_UP), X(IFF_BROADCAST), X(IFF_DEBUG), X(IFF_LOOPBACK), X(IFF_POINTOPOINT),
	X(IFF_NOTRAILERS), X(IFF_RUNNING), X(IFF_NOARP), X(IFF_PROMISC), X(IFF_ALLMULTI),
	X(IFF_MASTER), X(IFF_SLAVE), X(IFF_MULTICAST), X(IFF_PORTSEL), X(IFF_AUTOMEDIA),
	X(IFF_DYNAMIC),
	/* <linux/if.h>'s, which clashes with <net/if.h> */
	{ 1 << 16, "IFF_LOWER_UP" }, { 1 << 17, "IFF_DORMANT" }, { 1 << 18, "IFF_ECHO" },
};
END(iff_flags, "IFF_???");

const struct hy_xlat *const hy_xlat_ioctl[HY_X_XLAT_COUNT] = {
	[HY_X_TERM_IFLAGS] = &x_term_iflags,
	[HY_X_TERM_OFLAGS] = &x_term_oflags,
	[HY_X_TERM_CFLAGS] = &x_term_cflags,
	[HY_X_TERM_LFLAGS] = &x_term_lflags,
	[HY_X_TERM_BAUD] = &x_term_baud,
	[HY_X_TERM_CSIZE] = &x_term_csize,
	[HY_X_TERM_NLDLY] = &x_term_nldly,
	[HY_X_TERM_CRDLY] = &x_term_crdly,
	[HY_X_TERM_TABDLY] = &x_term_tabdly,
	[HY_X_TERM_BSDLY] = &x_term_bsdly,
	[HY_X_TERM_VTDLY] = &x_term_vtdly,
	[HY_X_TERM_FFDLY] = &x_term_ffdly,
	[HY_X_MODEM_FLAGS] = &x_modem_flags,
	[HY_X_TCXONC] = &x_tcxonc,
	[HY_X_TCFLSH] = &x_tcflsh,
	[HY_X_FS_FLAGS] = &x_fs_flags,
	[HY_X_LOOP_FLAGS] = &x_loop_flags,
	[HY_X_IFF_FLAGS] = &x_iff_flags,
};
/* clang-format on */
