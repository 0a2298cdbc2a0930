// SPDX-License-Identifier: MIT
/*
 * ioctl: the request's name and, for the common terminal and file requests,
 * what the third argument is (an int, a termios, a winsize, a plain number).
 * Unknown requests print as strace's _IOC(dir, type, nr, size) with the
 * argument in hex.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <linux/fs.h>
#include <linux/loop.h>
#include <net/if.h>
#include <linux/sockios.h>
#include <stddef.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

#include "decode/args.h"
#include "decode/decode_ioctl_struct.h"
#include "decode/decode_net.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

#define HY_IBSHIFT 16 /* the input speed's place in c_cflag (asm/termbits.h) */

/* How the third argument is shown. */
enum arg_style {
	A_HEX,	    /* a number or an address, in hex (strace's default) */
	A_NONE,	    /* no argument */
	A_DEC,	    /* a plain int */
	A_PTR,	    /* an address: NULL or 0x... */
	A_FD,	    /* a file descriptor */
	A_INT_IN,   /* [int] read at entry */
	A_INT_OUT,  /* [int] written by the kernel */
	A_MODEM_IN, /* [TIOCM_...] */
	A_MODEM_OUT,
	A_TERMIOS_IN,
	A_TERMIOS_OUT,
	A_TERMIOS2_IN, /* struct termios2: termios and the two speeds, shown as termios */
	A_TERMIOS2_OUT,
	A_TERMIO_IN,
	A_TERMIO_OUT,
	A_WINSIZE_IN,
	A_WINSIZE_OUT,
	A_TCXONC,
	A_TCFLSH,
	A_CHAR,	    /* one byte, quoted */
	A_LONG_OUT, /* [long] written by the kernel */
	A_U64_OUT,  /* [u64] written by the kernel */
	A_FS_FLAGS_IN,
	A_FS_FLAGS_OUT,
	A_LOOP64_IN, /* struct loop_info64 */
	A_LOOP64_OUT,
	A_LOOP_IN, /* struct loop_info (the old LOOP_[GS]ET_STATUS) */
	A_LOOP_OUT,
	A_FSXATTR_IN, /* struct fsxattr */
	A_FSXATTR_OUT,
	A_CLONE_RANGE, /* struct file_clone_range */
	A_LOOP_CONFIG, /* struct loop_config (LOOP_CONFIGURE) */
	A_IFREQ,       /* struct ifreq: its name, then the member the request reads or fills */
	A_IFCONF,      /* struct ifconf (SIOCGIFCONF): the length in and out, the array's address */
};

struct ioctl_ent {
	uint32_t code;
	const char *name; /* "A or B" when strace knows two requests with this number */
	uint8_t style;
};

static const struct ioctl_ent ioctls[] = {
	{ TCGETS, "TCGETS", A_TERMIOS_OUT },
	{ TCSETS, "SNDCTL_TMR_START or TCSETS", A_TERMIOS_IN },
	{ TCSETSW, "SNDCTL_TMR_STOP or TCSETSW", A_TERMIOS_IN },
	{ TCSETSF, "SNDCTL_TMR_CONTINUE or TCSETSF", A_TERMIOS_IN },
	{ TCGETA, "TCGETA", A_TERMIO_OUT },
	{ TCSETA, "TCSETA", A_TERMIO_IN },
	{ TCSETAW, "TCSETAW", A_TERMIO_IN },
	{ TCSETAF, "TCSETAF", A_TERMIO_IN },
	{ TCSBRK, "TCSBRK", A_DEC },
	{ TCXONC, "TCXONC", A_TCXONC },
	{ TCFLSH, "TCFLSH", A_TCFLSH },
	{ TIOCEXCL, "TIOCEXCL", A_NONE },
	{ TIOCNXCL, "TIOCNXCL", A_NONE },
	{ TIOCSCTTY, "TIOCSCTTY", A_DEC },
	{ TIOCGPGRP, "TIOCGPGRP", A_INT_OUT },
	{ TIOCSPGRP, "TIOCSPGRP", A_INT_IN },
	{ TIOCOUTQ, "TIOCOUTQ", A_INT_OUT },
	{ TIOCSTI, "TIOCSTI", A_CHAR },
	{ TIOCGWINSZ, "TIOCGWINSZ", A_WINSIZE_OUT },
	{ TIOCSWINSZ, "TIOCSWINSZ", A_WINSIZE_IN },
	{ TIOCMGET, "TIOCMGET", A_MODEM_OUT },
	{ TIOCMBIS, "TIOCMBIS", A_MODEM_IN },
	{ TIOCMBIC, "TIOCMBIC", A_MODEM_IN },
	{ TIOCMSET, "TIOCMSET", A_MODEM_IN },
	{ TIOCGSOFTCAR, "TIOCGSOFTCAR", A_INT_OUT },
	{ TIOCSSOFTCAR, "TIOCSSOFTCAR", A_INT_IN },
	{ FIONREAD, "FIONREAD", A_INT_OUT },
	{ TIOCLINUX, "TIOCLINUX", A_HEX },
	{ TIOCCONS, "TIOCCONS", A_NONE },
	{ TIOCGSERIAL, "TIOCGSERIAL", A_HEX },
	{ TIOCSSERIAL, "TIOCSSERIAL", A_NONE },
	{ TIOCPKT, "TIOCPKT", A_INT_IN },
	{ FIONBIO, "FIONBIO", A_INT_IN },
	{ TIOCNOTTY, "TIOCNOTTY", A_NONE },
	{ TIOCSETD, "TIOCSETD", A_INT_IN },
	{ TIOCGETD, "TIOCGETD", A_INT_OUT },
	{ TCSBRKP, "TCSBRKP", A_DEC },
	{ TIOCSBRK, "TIOCSBRK", A_NONE },
	{ TIOCCBRK, "TIOCCBRK", A_NONE },
	{ TIOCGSID, "TIOCGSID", A_INT_OUT },
	/* the termios2 requests; glibc does not define struct termios2 */
	{ 0x802c542a, "TCGETS2", A_TERMIOS2_OUT },
	{ 0x402c542b, "TCSETS2", A_TERMIOS2_IN },
	{ 0x402c542c, "TCSETSW2", A_TERMIOS2_IN },
	{ 0x402c542d, "TCSETSF2", A_TERMIOS2_IN },
	{ TIOCGRS485, "TIOCGRS485", A_HEX },
	{ TIOCSRS485, "TIOCSRS485", A_HEX },
	{ TIOCGPTN, "TIOCGPTN", A_INT_OUT },
	{ TIOCSPTLCK, "TIOCSPTLCK", A_INT_IN },
	{ TIOCGDEV, "TIOCGDEV", A_INT_OUT },
	{ TIOCSIG, "TIOCSIG", A_HEX },
	{ TIOCVHANGUP, "TIOCVHANGUP", A_NONE },
	{ TIOCGPKT, "TIOCGPKT", A_HEX },
	{ TIOCGPTLCK, "TIOCGPTLCK", A_HEX },
	{ TIOCGEXCL, "TIOCGEXCL", A_INT_OUT },
	{ TIOCGPTPEER, "TIOCGPTPEER", A_HEX },
	{ FIONCLEX, "FIONCLEX", A_NONE },
	{ FIOCLEX, "FIOCLEX", A_NONE },
	{ FIOASYNC, "FIOASYNC", A_INT_IN },
	{ TIOCSERCONFIG, "TIOCSERCONFIG", A_HEX },
	{ TIOCSERGWILD, "TIOCSERGWILD", A_HEX },
	{ TIOCSERSWILD, "TIOCSERSWILD", A_HEX },
	{ TIOCGLCKTRMIOS, "TIOCGLCKTRMIOS", A_TERMIOS_OUT },
	{ TIOCSLCKTRMIOS, "TIOCSLCKTRMIOS", A_TERMIOS_IN },
	{ TIOCSERGSTRUCT, "TIOCSERGSTRUCT", A_HEX },
	{ TIOCSERGETLSR, "TIOCSERGETLSR", A_HEX },
	{ TIOCSERGETMULTI, "TIOCSERGETMULTI", A_HEX },
	{ TIOCSERSETMULTI, "TIOCSERSETMULTI", A_HEX },
	{ TIOCMIWAIT, "TIOCMIWAIT", A_HEX },
	{ TIOCGICOUNT, "TIOCGICOUNT", A_HEX },
	{ FIOQSIZE, "FIOQSIZE", A_HEX },
	{ FS_IOC_GETFLAGS, "FS_IOC_GETFLAGS", A_FS_FLAGS_OUT },
	{ FS_IOC_SETFLAGS, "FS_IOC_SETFLAGS", A_FS_FLAGS_IN },
	{ FS_IOC_GETVERSION, "FS_IOC_GETVERSION", A_INT_OUT },
	{ FS_IOC_SETVERSION, "FS_IOC_SETVERSION", A_INT_IN },
	{ 0xc020660b, "FS_IOC_FIEMAP", A_PTR },
	{ FIFREEZE, "FIFREEZE", A_HEX },
	{ FITHAW, "FITHAW", A_HEX },
	{ FICLONE, "BTRFS_IOC_CLONE or FICLONE", A_FD },
	{ FICLONERANGE, "BTRFS_IOC_CLONE_RANGE or FICLONERANGE", A_CLONE_RANGE },
	{ FIDEDUPERANGE, "BTRFS_IOC_FILE_EXTENT_SAME or FIDEDUPERANGE", A_PTR },
	{ BLKGETSIZE, "BLKGETSIZE", A_LONG_OUT },
	{ BLKGETSIZE64, "BLKGETSIZE64", A_U64_OUT },
	{ BLKSSZGET, "BLKSSZGET", A_INT_OUT },
	{ BLKBSZGET, "BLKBSZGET", A_INT_OUT },
	{ BLKBSZSET, "BLKBSZSET", A_INT_IN },
	{ BLKPBSZGET, "BLKPBSZGET", A_INT_OUT },
	{ BLKIOMIN, "BLKIOMIN", A_INT_OUT },
	{ BLKIOOPT, "BLKIOOPT", A_INT_OUT },
	{ BLKALIGNOFF, "BLKALIGNOFF", A_INT_OUT },
	{ BLKDISCARDZEROES, "BLKDISCARDZEROES", A_INT_OUT },
	{ BLKROTATIONAL, "BLKROTATIONAL", A_INT_OUT },
	{ BLKSECTGET, "BLKSECTGET", A_INT_OUT },
	{ BLKROGET, "BLKROGET", A_INT_OUT },
	{ BLKROSET, "BLKROSET", A_INT_IN },
	{ BLKRAGET, "BLKRAGET", A_LONG_OUT },
	{ BLKFRAGET, "BLKFRAGET", A_LONG_OUT },
	{ BLKRASET, "BLKRASET", A_DEC },
	{ BLKFRASET, "BLKFRASET", A_DEC },
	{ BLKFLSBUF, "BLKFLSBUF", A_NONE },
	{ BLKRRPART, "BLKRRPART", A_NONE },
	{ BLKDISCARD, "BLKDISCARD", A_PTR },
	{ BLKSECDISCARD, "BLKSECDISCARD", A_PTR },
	{ BLKZEROOUT, "BLKZEROOUT", A_PTR },
	{ BLKTRACESTART, "BLKTRACESTART", A_NONE },
	{ BLKTRACESTOP, "BLKTRACESTOP", A_NONE },
	{ BLKTRACETEARDOWN, "BLKTRACETEARDOWN", A_NONE },
	{ LOOP_SET_FD, "LOOP_SET_FD", A_FD },
	{ LOOP_CLR_FD, "LOOP_CLR_FD", A_NONE },
	{ LOOP_SET_STATUS, "LOOP_SET_STATUS", A_LOOP_IN },
	{ LOOP_GET_STATUS, "LOOP_GET_STATUS", A_LOOP_OUT },
	{ LOOP_SET_STATUS64, "LOOP_SET_STATUS64", A_LOOP64_IN },
	{ LOOP_GET_STATUS64, "LOOP_GET_STATUS64", A_LOOP64_OUT },
	{ LOOP_CHANGE_FD, "LOOP_CHANGE_FD", A_FD },
	{ LOOP_SET_CAPACITY, "LOOP_SET_CAPACITY", A_NONE },
	{ LOOP_SET_DIRECT_IO, "LOOP_SET_DIRECT_IO", A_DEC },
	{ LOOP_SET_BLOCK_SIZE, "LOOP_SET_BLOCK_SIZE", A_DEC },
	{ LOOP_CONFIGURE, "LOOP_CONFIGURE", A_LOOP_CONFIG },
	{ LOOP_CTL_ADD, "LOOP_CTL_ADD", A_DEC },
	{ LOOP_CTL_REMOVE, "LOOP_CTL_REMOVE", A_DEC },
	{ LOOP_CTL_GET_FREE, "LOOP_CTL_GET_FREE", A_NONE },
	{ FS_IOC_FSGETXATTR, "FS_IOC_FSGETXATTR", A_FSXATTR_OUT },
	{ FS_IOC_FSSETXATTR, "FS_IOC_FSSETXATTR", A_FSXATTR_IN },
	{ FIOGETOWN, "FIOGETOWN", A_INT_OUT },
	{ FIOSETOWN, "FIOSETOWN", A_INT_IN },
	{ SIOCGPGRP, "SIOCGPGRP", A_INT_OUT },
	{ SIOCSPGRP, "SIOCSPGRP", A_INT_IN },
	{ SIOCSIFMTU, "SIOCSIFMTU", A_IFREQ },
	{ SIOCGIFBRDADDR, "SIOCGIFBRDADDR", A_IFREQ },
	{ SIOCGIFNETMASK, "SIOCGIFNETMASK", A_IFREQ },
	{ SIOCGIFDSTADDR, "SIOCGIFDSTADDR", A_IFREQ },
	{ SIOCGIFCONF, "SIOCGIFCONF", A_IFCONF },
	{ SIOCGIFFLAGS, "SIOCGIFFLAGS", A_IFREQ },
	{ SIOCSIFFLAGS, "SIOCSIFFLAGS", A_IFREQ },
	{ SIOCGIFADDR, "SIOCGIFADDR", A_IFREQ },
	{ SIOCGIFMTU, "SIOCGIFMTU", A_IFREQ },
	{ SIOCGIFHWADDR, "SIOCGIFHWADDR", A_IFREQ },
	{ SIOCGIFINDEX, "SIOCGIFINDEX", A_IFREQ },
	{ SIOCGIFNAME, "SIOCGIFNAME", A_IFREQ },
	{ SIOCGSKNS, "SIOCGSKNS", A_PTR },
	{ SIOCETHTOOL, "SIOCETHTOOL", A_PTR },
	{ SIOCATMARK, "SIOCATMARK", A_PTR },
};

/* The kernel's struct termios (glibc's has more c_cc and the speeds). */
struct k_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line, c_cc[19];
};

/* struct termios2 (asm/termbits.h; glibc's headers clash with it): 44 bytes */
struct k_termios2 {
	struct k_termios t;
	uint32_t c_ispeed, c_ospeed;
};

/* and struct termio, the System V one: 16-bit flags */
struct k_termio {
	uint16_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line, c_cc[8];
};

static const struct ioctl_ent *lookup(uint32_t code)
{
	for (size_t i = 0; i < sizeof(ioctls) / sizeof(ioctls[0]); i++)
		if (ioctls[i].code == code)
			return &ioctls[i];
	return NULL;
}

/*
 * strace 6.1 prints an empty flag set as nothing at all ("c_iflag=,"), in
 * every -X style, and so do we; -X raw and verbose print the rest as other
 * flags (0x500 / * ICRNL|IXON * /).
 */
static void print_term_bits(struct hy_printer *p, enum hy_xlat_id set, uint64_t val)
{
	bool any = false;

	if (val && p->xstyle != HY_XSTYLE_ABBREV) {
		hy_pr_flags(p, set, val, NULL);
		return;
	}
	val = hy_pr_bits(p, set, val, &any);
	if (val)
		hy_pr_printf(p, any ? "|%#" PRIx64 : "%#" PRIx64, val);
}

static void print_term_flags(struct hy_printer *p, uint32_t iflag, uint32_t oflag, uint32_t cflag,
			     uint32_t lflag)
{
	static const struct {
		enum hy_xlat_id set;
		uint32_t mask;
	} delays[] = {
		{ HY_X_TERM_NLDLY, NLDLY },   { HY_X_TERM_CRDLY, CRDLY },
		{ HY_X_TERM_TABDLY, TABDLY }, { HY_X_TERM_BSDLY, BSDLY },
		{ HY_X_TERM_VTDLY, VTDLY },   { HY_X_TERM_FFDLY, FFDLY },
	};

	hy_pr_puts(p, "{c_iflag=");
	print_term_bits(p, HY_X_TERM_IFLAGS, iflag);
	hy_pr_puts(p, ", c_oflag=");
	/* each delay field is a value, always shown, each followed by '|' */
	for (size_t i = 0; i < sizeof(delays) / sizeof(delays[0]); i++) {
		hy_pr_enum(p, delays[i].set, oflag & delays[i].mask);
		hy_pr_putc(p, '|');
		oflag &= ~delays[i].mask;
	}
	print_term_bits(p, HY_X_TERM_OFLAGS, oflag);
	hy_pr_puts(p, ", c_cflag=");
	hy_pr_enum(p, HY_X_TERM_BAUD, cflag & CBAUD);
	hy_pr_putc(p, '|');
	if (cflag & CIBAUD) {
		hy_pr_enum(p, HY_X_TERM_BAUD, (cflag & CIBAUD) >> HY_IBSHIFT);
		hy_pr_puts(p, "<<IBSHIFT|");
	}
	hy_pr_enum(p, HY_X_TERM_CSIZE, cflag & CSIZE);
	hy_pr_putc(p, '|');
	print_term_bits(p, HY_X_TERM_CFLAGS, cflag & ~(CBAUD | CIBAUD | CSIZE));
	hy_pr_puts(p, ", c_lflag=");
	print_term_bits(p, HY_X_TERM_LFLAGS, lflag);
}

/*
 * The rest of a termios: "...}" abbreviated; with -v the line discipline, the
 * control characters by index and, for termios2 (@speeds), the two speeds.
 */
static void print_term_tail(struct hy_printer *p, uint8_t line, const uint8_t *cc, size_t ncc,
			    const uint32_t *speeds)
{
	static const char *const cc_names[] = {
		"VINTR",    "VQUIT",	"VERASE",  "VKILL",  "VEOF",  "VTIME",
		"VMIN",	    "VSWTC",	"VSTART",  "VSTOP",  "VSUSP", "VEOL",
		"VREPRINT", "VDISCARD", "VWERASE", "VLNEXT", "VEOL2",
	};
	static const char *const disciplines[] = {
		"N_TTY",	  "N_SLIP",	    "N_MOUSE",	  "N_PPP",	 "N_STRIP",
		"N_AX25",	  "N_X25",	    "N_6PACK",	  "N_MASC",	 "N_R3964",
		"N_PROFIBUS_FDL", "N_IRDA",	    "N_SMSBLOCK", "N_HDLC",	 "N_SYNC_PPP",
		"N_HCI",	  "N_GIGASET_M101", "N_SLCAN",	  "N_PPS",	 "N_V253",
		"N_CAIF",	  "N_GSM0710",	    "N_TI_WL",	  "N_TRACESINK", "N_TRACEROUTER",
		"N_NCI",	  "N_SPEAKUP",	    "N_NULL",	  "N_MCTP",	 "N_DEVELOPMENT",
		"N_CAN327",
	};

	if (!p->verbose) {
		hy_pr_puts(p, ", ...}");
		return;
	}
	if (line < sizeof(disciplines) / sizeof(disciplines[0]))
		hy_pr_printf(p, ", c_line=%s, c_cc=[", disciplines[line]);
	else
		hy_pr_printf(p, ", c_line=%#x /* N_??? */, c_cc=[", line);
	for (size_t i = 0; i < ncc; i++) {
		if (i < sizeof(cc_names) / sizeof(cc_names[0]))
			hy_pr_printf(p, "%s[%s]=%#x", i ? ", " : "", cc_names[i], cc[i]);
		else
			hy_pr_printf(p, "%s[%zu]=%#x", i ? ", " : "", i, cc[i]);
	}
	hy_pr_putc(p, ']');
	if (speeds)
		hy_pr_printf(p, ", c_ispeed=%u, c_ospeed=%u", speeds[0], speeds[1]);
	hy_pr_putc(p, '}');
}

/*
 * Memory the call only reads: as captured at entry, or else as seen at exit,
 * which the "set" requests leave unchanged.
 */
static bool read_in(const struct hy_record *r, uint64_t addr, void *buf, size_t len)
{
	return hy_read(r, HY_PHASE_ENTER, addr, buf, len) ||
	       (hy_exit_ok(r) && hy_read(r, HY_PHASE_EXIT, addr, buf, len));
}

static bool read_arg(const struct hy_record *r, bool out, uint64_t addr, void *buf, size_t len)
{
	if (out)
		return hy_exit_ok(r) && hy_read(r, HY_PHASE_EXIT, addr, buf, len);
	return read_in(r, addr, buf, len);
}

static void print_ifr_name(struct hy_printer *p, const struct ifreq *ifr)
{
	hy_pr_puts(p, "ifr_name=");
	hy_pr_quoted(p, ifr->ifr_name, strnlen(ifr->ifr_name, IFNAMSIZ), false);
}

/*
 * struct ifreq: the name (SIOCGIFNAME: the index) the caller gave, then what
 * the kernel filled in or the caller set: "{ifr_name="lo", ifr_mtu=65536}".
 */
static void print_ifreq(struct hy_printer *p, const struct hy_record *r, uint32_t code,
			uint64_t addr)
{
	bool set = code == SIOCSIFFLAGS || code == SIOCSIFMTU;
	struct ifreq ifr;
	size_t off = offsetof(struct ifreq, ifr_ifru);

	if (!addr || !read_in(r, addr, &ifr, sizeof(ifr))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '{');
	if (code == SIOCGIFNAME)
		hy_pr_printf(p, "ifr_ifindex=%d", ifr.ifr_ifindex);
	else
		print_ifr_name(p, &ifr);
	if (!set && !(hy_exit_ok(r) && hy_read(r, HY_PHASE_EXIT, addr, &ifr, sizeof(ifr)))) {
		hy_pr_putc(p, '}');
		return;
	}
	switch (code) {
	case SIOCGIFNAME:
		hy_pr_sep(p);
		print_ifr_name(p, &ifr);
		break;
	case SIOCGIFFLAGS:
	case SIOCSIFFLAGS:
		hy_pr_puts(p, ", ifr_flags=");
		hy_pr_flags(p, HY_X_IFF_FLAGS, (uint16_t)ifr.ifr_flags, NULL);
		break;
	case SIOCGIFINDEX:
		hy_pr_printf(p, ", ifr_ifindex=%d", ifr.ifr_ifindex);
		break;
	case SIOCGIFMTU:
	case SIOCSIFMTU:
		hy_pr_printf(p, ", ifr_mtu=%d", ifr.ifr_mtu);
		break;
	case SIOCGIFHWADDR:
		hy_pr_puts(p, ", ifr_hwaddr=");
		hy_pr_ifr_hwaddr(p, &ifr.ifr_hwaddr);
		break;
	default: {
		const char *name = code == SIOCGIFBRDADDR ? "ifr_broadaddr" :
				   code == SIOCGIFNETMASK ? "ifr_netmask" :
				   code == SIOCGIFDSTADDR ? "ifr_dstaddr" :
							    "ifr_addr";

		hy_pr_printf(p, ", %s=", name);
		hy_pr_sockaddr_at(p, r, HY_PHASE_EXIT, addr + off, sizeof(struct sockaddr));
		break;
	}
	}
	hy_pr_putc(p, '}');
}

static void print_ifc_len(struct hy_printer *p, int32_t len)
{
	hy_pr_printf(p, "%d", len);
	if (len > 0 && len % (int32_t)sizeof(struct ifreq) == 0)
		hy_pr_printf(p, " /* %d * sizeof(struct ifreq) */",
			     len / (int)sizeof(struct ifreq));
}

/*
 * SIOCGIFCONF's filled records, as strace's print_array: each record's name
 * and address; -s of them without -v, then "..."; a record that cannot be
 * read ends the array as "... / * 0xADDR * /" (the first: the buffer's address).
 * Captured at exit by the plan's HY_CAP_FOLLOW slot (capture_plan.c).
 */
static void print_ifconf_buf(struct hy_printer *p, const struct hy_record *r, uint64_t buf,
			     int32_t len)
{
	size_t n = (size_t)len / sizeof(struct ifreq);
	struct ifreq ifr;

	for (size_t k = 0; k < n; k++) {
		uint64_t at = buf + k * sizeof(ifr);

		if (!hy_read(r, HY_PHASE_EXIT, at, &ifr, sizeof(ifr))) {
			if (!k)
				hy_pr_ptr(p, buf);
			else
				hy_pr_printf(p, ", ... /* %#" PRIx64 " */]", at);
			return;
		}
		hy_pr_puts(p, k ? ", " : "[");
		if (!p->verbose && k >= p->strsize) {
			hy_pr_puts(p, "...]");
			return;
		}
		hy_pr_putc(p, '{');
		print_ifr_name(p, &ifr);
		hy_pr_puts(p, ", ifr_addr=");
		hy_pr_sockaddr_at(p, r, HY_PHASE_EXIT, at + offsetof(struct ifreq, ifr_addr),
				  sizeof(struct sockaddr));
		hy_pr_putc(p, '}');
	}
	hy_pr_puts(p, n ? "]" : "[]");
}

/*
 * SIOCGIFCONF's struct ifconf, as strace 6.1 prints it: without a buffer, the
 * length the kernel wants ("{ifc_len=80 / * 2 * sizeof(struct ifreq) * /,
 * ifc_buf=NULL}"); with one, the length given and the length used ("=>"),
 * then the records the kernel wrote there (a failed call: the address).
 */
static void print_ifconf(struct hy_printer *p, const struct hy_record *r, uint64_t arg)
{
	struct ifconf in, out;
	bool ok = hy_exit_ok(r);
	bool have_out = ok && hy_read(r, HY_PHASE_EXIT, arg, &out, sizeof(out));

	/* the 32-bit layout (i386, x32's compat ioctl) is not decoded */
	if (hy_ptr_size(r) != sizeof(void *) || !read_in(r, arg, &in, sizeof(in))) {
		hy_pr_ptr(p, arg);
		return;
	}
	hy_pr_puts(p, "{ifc_len=");
	if (!in.ifc_buf) {
		print_ifc_len(p, have_out ? out.ifc_len : in.ifc_len);
		hy_pr_puts(p, ", ifc_buf=NULL}");
		return;
	}
	print_ifc_len(p, in.ifc_len);
	if (have_out && out.ifc_len != in.ifc_len) {
		hy_pr_puts(p, " => ");
		print_ifc_len(p, out.ifc_len);
	}
	hy_pr_puts(p, ", ifc_buf=");
	if (have_out && out.ifc_len <= 0)
		hy_pr_puts(p, "[]");
	else if (have_out)
		print_ifconf_buf(p, r, (uint64_t)(uintptr_t)in.ifc_buf, out.ifc_len);
	else
		hy_pr_ptr(p, (uint64_t)(uintptr_t)in.ifc_buf);
	hy_pr_putc(p, '}');
}

static void print_arg(struct hy_printer *p, const struct hy_record *r, uint8_t style, uint64_t arg)
{
	bool out = style == A_INT_OUT || style == A_MODEM_OUT || style == A_TERMIOS_OUT ||
		   style == A_TERMIOS2_OUT || style == A_TERMIO_OUT || style == A_WINSIZE_OUT ||
		   style == A_FS_FLAGS_OUT || style == A_LOOP64_OUT || style == A_LOOP_OUT ||
		   style == A_FSXATTR_OUT;
	struct k_termios t;
	struct k_termios2 t2;
	struct k_termio t1;
	union {
		struct loop_info li;
		struct loop_info64 li64;
		struct loop_config lc;
		struct fsxattr fx;
		struct file_clone_range cr;
	} u;
	uint16_t ws[4];
	int32_t v;
	char c;

	switch (style) {
	case A_DEC:
	case A_FD:
		hy_pr_printf(p, "%d", (int)arg);
		return;
	case A_TCXONC:
		hy_pr_enum(p, HY_X_TCXONC, arg);
		return;
	case A_TCFLSH:
		hy_pr_enum(p, HY_X_TCFLSH, arg);
		return;
	case A_HEX:
		hy_pr_printf(p, "%#" PRIx64, arg);
		return;
	}
	if (!arg) {
		hy_pr_puts(p, "NULL");
		return;
	}
	switch (style) {
	case A_INT_IN:
	case A_INT_OUT:
		if (read_arg(r, out, arg, &v, sizeof(v))) {
			hy_pr_printf(p, "[%d]", v);
			return;
		}
		break;
	case A_MODEM_IN:
	case A_MODEM_OUT:
		if (read_arg(r, out, arg, &v, sizeof(v))) {
			hy_pr_putc(p, '[');
			hy_pr_flags(p, HY_X_MODEM_FLAGS, (uint32_t)v, NULL);
			hy_pr_putc(p, ']');
			return;
		}
		break;
	case A_TERMIOS_IN:
	case A_TERMIOS_OUT:
		if (read_arg(r, out, arg, &t, sizeof(t))) {
			print_term_flags(p, t.c_iflag, t.c_oflag, t.c_cflag, t.c_lflag);
			print_term_tail(p, t.c_line, t.c_cc, sizeof(t.c_cc), NULL);
			return;
		}
		break;
	case A_TERMIOS2_IN:
	case A_TERMIOS2_OUT:
		/* as strace prints it: the speeds only in its verbose form */
		if (read_arg(r, out, arg, &t2, sizeof(t2))) {
			print_term_flags(p, t2.t.c_iflag, t2.t.c_oflag, t2.t.c_cflag, t2.t.c_lflag);
			print_term_tail(p, t2.t.c_line, t2.t.c_cc, sizeof(t2.t.c_cc),
					(uint32_t[]){ t2.c_ispeed, t2.c_ospeed });
			return;
		}
		break;
	case A_TERMIO_IN:
	case A_TERMIO_OUT:
		if (read_arg(r, out, arg, &t1, sizeof(t1))) {
			print_term_flags(p, t1.c_iflag, t1.c_oflag, t1.c_cflag, t1.c_lflag);
			print_term_tail(p, t1.c_line, t1.c_cc, sizeof(t1.c_cc), NULL);
			return;
		}
		break;
	case A_WINSIZE_IN:
	case A_WINSIZE_OUT:
		if (read_arg(r, out, arg, ws, sizeof(ws))) {
			hy_pr_printf(p, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}", ws[0],
				     ws[1], ws[2], ws[3]);
			return;
		}
		break;
	case A_LONG_OUT:
	case A_U64_OUT:
		if (hy_exit_ok(r)) {
			if (style == A_LONG_OUT)
				hy_pr_long_at(p, r, HY_PHASE_EXIT, arg);
			else
				hy_pr_s64_at(p, r, HY_PHASE_EXIT, arg);
			return;
		}
		break;
	case A_FS_FLAGS_IN:
	case A_FS_FLAGS_OUT:
		if (read_arg(r, out, arg, &v, sizeof(v))) {
			hy_pr_putc(p, '[');
			hy_pr_flags(p, HY_X_FS_FLAGS, (uint32_t)v, NULL);
			hy_pr_putc(p, ']');
			return;
		}
		break;
	case A_LOOP64_IN:
	case A_LOOP64_OUT:
		if (read_arg(r, out, arg, &u.li64, sizeof(u.li64))) {
			hy_pr_loop_info64(p, &u.li64);
			return;
		}
		break;
	case A_LOOP_CONFIG:
		if (read_arg(r, false, arg, &u.lc, sizeof(u.lc))) {
			hy_pr_loop_config(p, &u.lc);
			return;
		}
		break;
	case A_LOOP_IN:
	case A_LOOP_OUT:
		if (read_arg(r, out, arg, &u.li, sizeof(u.li))) {
			hy_pr_loop_info(p, &u.li);
			return;
		}
		break;
	case A_FSXATTR_IN:
	case A_FSXATTR_OUT:
		if (read_arg(r, out, arg, &u.fx, sizeof(u.fx))) {
			hy_pr_fsxattr(p, &u.fx, out);
			return;
		}
		break;
	case A_CLONE_RANGE:
		if (read_in(r, arg, &u.cr, sizeof(u.cr))) {
			hy_pr_clone_range(p, &u.cr);
			return;
		}
		break;
	case A_CHAR:
		if (read_in(r, arg, &c, 1)) {
			hy_pr_quoted(p, &c, 1, false);
			return;
		}
		break;
	}
	hy_pr_ptr(p, arg);
}

static void print_ioc(struct hy_printer *p, uint32_t code)
{
	static const char *const dirs[] = { "_IOC_NONE", "_IOC_WRITE", "_IOC_READ",
					    "_IOC_READ|_IOC_WRITE" };

	hy_pr_printf(p, "_IOC(%s, %#x, %#x, %#x)", dirs[_IOC_DIR(code)], _IOC_TYPE(code),
		     _IOC_NR(code), _IOC_SIZE(code));
}

void hy_dec_ioctl(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t code = r->args[1];
	const struct ioctl_ent *e = lookup(code);
	uint64_t arg = hy_uarg(r, 2);
	int tok;

	hy_pr_printf(p, "%d", (int)r->args[0]);
	hy_pr_fd_note(p, (int)r->args[0], 0);
	hy_pr_puts(p, ", ");
	tok = hy_pr_const_open(p, code, HY_NUM_HEX); /* -X: 0x5401 / * TCGETS * / */
	if (tok) {
		if (e)
			hy_pr_puts(p, e->name);
		else
			print_ioc(p, code);
		hy_pr_const_close(p, tok);
	}
	if (e && e->style == A_NONE)
		return;
	hy_pr_sep(p);
	if (e && e->style == A_IFREQ)
		print_ifreq(p, r, code, arg);
	else if (e && e->style == A_IFCONF)
		print_ifconf(p, r, arg);
	else
		print_arg(p, r, e ? e->style : A_HEX, arg);
}
