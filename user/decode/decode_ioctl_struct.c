// SPDX-License-Identifier: MIT
/* ioctl argument structs printed whole (decode_ioctl_struct.h). */
#define _GNU_SOURCE
#include <inttypes.h>
#include <linux/fs.h>
#include <linux/loop.h>
#include <net/if_arp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/sysmacros.h>

#include "decode/decode_ioctl_struct.h"
#include "decode/netlink_data.h"
#include "decode/xlat.h"

#define N HY_NL_N
#define COUNT HY_NL_COUNT

/* clang-format off */
static const struct hy_nl_name fs_xflags[] = {
	N(FS_XFLAG_REALTIME),	 N(FS_XFLAG_PREALLOC),	   N(FS_XFLAG_IMMUTABLE),
	N(FS_XFLAG_APPEND),	 N(FS_XFLAG_SYNC),	   N(FS_XFLAG_NOATIME),
	N(FS_XFLAG_NODUMP),	 N(FS_XFLAG_RTINHERIT),	   N(FS_XFLAG_PROJINHERIT),
	N(FS_XFLAG_NOSYMLINKS),	 N(FS_XFLAG_EXTSIZE),	   N(FS_XFLAG_EXTSZINHERIT),
	N(FS_XFLAG_NODEFRAG),	 N(FS_XFLAG_FILESTREAM),   N(FS_XFLAG_DAX),
	N(FS_XFLAG_COWEXTSIZE),	 N(FS_XFLAG_HASATTR),
};

static const struct hy_nl_name lo_crypt[] = {
	N(LO_CRYPT_NONE), N(LO_CRYPT_XOR),	N(LO_CRYPT_DES),   N(LO_CRYPT_FISH2),
	N(LO_CRYPT_BLOW), N(LO_CRYPT_CAST128),	N(LO_CRYPT_IDEA),  N(LO_CRYPT_DUMMY),
	N(LO_CRYPT_SKIPJACK), N(LO_CRYPT_CRYPTOAPI),
};

/*
 * Bytes of a hardware address by device type, as strace prints them (others:
 * all 14). Numbers where glibc's <net/if_arp.h> has no name.
 */
static const struct {
	uint16_t type;
	uint8_t len;
} hwaddr_lens[] = {
	{ ARPHRD_NETROM, 7 },	  { ARPHRD_ETHER, 6 },	      { ARPHRD_AX25, 7 },
	{ ARPHRD_IEEE802, 6 },	  { ARPHRD_ARCNET, 1 },	      { ARPHRD_DLCI, 2 },
	{ ARPHRD_IEEE1394, 16 },  { ARPHRD_EUI64, 8 },	      { ARPHRD_INFINIBAND, 20 },
	{ ARPHRD_SLIP, 0 },	  { ARPHRD_ROSE, 5 },	      { ARPHRD_X25, 0 },
	{ ARPHRD_CAN, 0 },	  { ARPHRD_PPP, 0 },	      { ARPHRD_RAWHDLC, 0 },
	{ ARPHRD_RAWIP, 0 },	  { ARPHRD_TUNNEL, 4 },	      { ARPHRD_TUNNEL6, 16 },
	{ ARPHRD_LOOPBACK, 6 },	  { ARPHRD_LOCALTLK, 1 },     { ARPHRD_FDDI, 6 },
	{ ARPHRD_SIT, 4 },	  { ARPHRD_IPDDP, 0 },	      { ARPHRD_IPGRE, 4 },
	{ ARPHRD_PIMREG, 0 },	  { ARPHRD_HIPPI, 6 },	      { ARPHRD_IRDA, 4 },
	{ ARPHRD_IEEE80211, 6 },  { ARPHRD_IEEE80211_PRISM, 6 }, { ARPHRD_IEEE80211_RADIOTAP, 6 },
	{ ARPHRD_IEEE802154, 8 }, { 805 /* ARPHRD_IEEE802154_MONITOR */, 8 }, { 820 /* ARPHRD_PHONET */, 1 },
	{ 821 /* ARPHRD_PHONET_PIPE */, 1 }, { 822 /* ARPHRD_CAIF */, 0 },	      { 823 /* ARPHRD_IP6GRE */, 16 },
	{ 824 /* ARPHRD_NETLINK */, 0 },	  { 825 /* ARPHRD_6LOWPAN */, 8 },      { 826 /* ARPHRD_VSOCKMON */, 0 },
};
/* clang-format on */

/* strace's PRINT_FIELD_X: 0, or the value in hex. */
static void print_xv(struct hy_printer *p, uint64_t v)
{
	hy_pr_printf(p, "%#" PRIx64, v);
}

static void print_x(struct hy_printer *p, const char *name, uint64_t v)
{
	hy_pr_printf(p, "%s=", name);
	print_xv(p, v);
}

void hy_pr_fsxattr(struct hy_printer *p, const struct fsxattr *fx, bool get)
{
	hy_pr_puts(p, "{fsx_xflags=");
	hy_nl_flags(p, fs_xflags, COUNT(fs_xflags), fx->fsx_xflags, "FS_XFLAG_???");
	hy_pr_printf(p, ", fsx_extsize=%u", fx->fsx_extsize);
	if (get)
		hy_pr_printf(p, ", fsx_nextents=%u", fx->fsx_nextents);
	hy_pr_puts(p, ", ");
	print_x(p, "fsx_projid", fx->fsx_projid);
	hy_pr_printf(p, ", fsx_cowextsize=%u}", fx->fsx_cowextsize);
}

void hy_pr_clone_range(struct hy_printer *p, const struct file_clone_range *c)
{
	hy_pr_printf(p, "{src_fd=%" PRId64, (int64_t)c->src_fd);
	hy_pr_fd_note(p, (int)c->src_fd, 0);
	hy_pr_printf(p, ", src_offset=%llu, src_length=%llu, dest_offset=%llu}",
		     (unsigned long long)c->src_offset, (unsigned long long)c->src_length,
		     (unsigned long long)c->dest_offset);
}

static void print_dev(struct hy_printer *p, const char *name, uint64_t dev)
{
	hy_pr_printf(p, ", %s=makedev(%#x, %#x)", name, major(dev), minor(dev));
}

/*
 * struct loop_info and loop_info64 as one view: strace prints the same fields
 * of both, in two orders, under two names for the file.
 */
struct loop_view {
	bool info64; /* loop_info64's order and fields, else loop_info's */
	int64_t number;
	uint64_t device, inode, rdevice, offset, sizelimit, init[2];
	uint32_t encrypt_type, encrypt_key_size, flags;
	const char *name;	/* lo_name or lo_file_name: LO_NAME_SIZE bytes */
	const char *crypt_name; /* loop_info64's, else NULL */
	const uint8_t *key;	/* LO_KEY_SIZE bytes */
	const char *reserved;	/* loop_info's 4 bytes, else NULL */
};

static void print_name(struct hy_printer *p, const char *field, const char *name)
{
	hy_pr_printf(p, ", %s=", field);
	hy_pr_quoted(p, name, strnlen(name, LO_NAME_SIZE), false);
}

/*
 * strace's loop_info (number, offset, flags, name) and loop_info64 (offset,
 * number, flags, file name); the encryption when set; the devices, the size
 * limit (64), lo_init and the spare bytes (32) only with -v, which prints all
 * and no "...".
 */
static void print_loop(struct hy_printer *p, const struct loop_view *v)
{
	bool crypt = p->verbose || v->encrypt_type != LO_CRYPT_NONE;

	hy_pr_putc(p, '{');
	if (!v->info64)
		hy_pr_printf(p, "lo_number=%" PRId64 ", ", v->number);
	if (p->verbose) {
		hy_pr_printf(p, "lo_device=makedev(%#x, %#x)", major(v->device), minor(v->device));
		hy_pr_printf(p, ", lo_inode=%" PRIu64, v->inode);
		print_dev(p, "lo_rdevice", v->rdevice);
		hy_pr_puts(p, ", ");
	}
	print_x(p, "lo_offset", v->offset);
	if (v->info64 && p->verbose)
		hy_pr_printf(p, ", lo_sizelimit=%" PRIu64, v->sizelimit);
	if (v->info64)
		hy_pr_printf(p, ", lo_number=%" PRId64, v->number);
	if (crypt) {
		hy_pr_puts(p, ", lo_encrypt_type=");
		hy_nl_enum(p, lo_crypt, COUNT(lo_crypt), v->encrypt_type, "LO_CRYPT_???");
		hy_pr_printf(p, ", lo_encrypt_key_size=%u", v->encrypt_key_size);
	}
	hy_pr_puts(p, ", lo_flags=");
	hy_pr_flags(p, HY_X_LOOP_FLAGS, v->flags, NULL);
	print_name(p, v->info64 ? "lo_file_name" : "lo_name", v->name);
	if (crypt) {
		if (v->crypt_name)
			print_name(p, "lo_crypt_name", v->crypt_name);
		hy_pr_puts(p, ", lo_encrypt_key=");
		hy_pr_quoted(p, (const char *)v->key,
			     v->encrypt_key_size < LO_KEY_SIZE ? v->encrypt_key_size : LO_KEY_SIZE,
			     false);
	}
	if (!p->verbose) {
		hy_pr_puts(p, ", ...}");
		return;
	}
	hy_pr_puts(p, ", lo_init=[");
	for (int i = 0; i < 2; i++) {
		hy_pr_puts(p, i ? ", " : "");
		print_xv(p, v->init[i]);
	}
	hy_pr_putc(p, ']');
	for (int i = 0; v->reserved && i < 4; i++) {
		hy_pr_puts(p, i ? ", " : ", reserved=[");
		print_xv(p, (uint8_t)v->reserved[i]);
	}
	hy_pr_puts(p, v->reserved ? "]}" : "}");
}

void hy_pr_loop_info(struct hy_printer *p, const struct loop_info *li)
{
	const struct loop_view v = {
		.number = li->lo_number,
		.device = li->lo_device,
		.inode = li->lo_inode,
		.rdevice = li->lo_rdevice,
		.offset = (uint32_t)li->lo_offset,
		.init = { li->lo_init[0], li->lo_init[1] },
		.encrypt_type = (uint32_t)li->lo_encrypt_type,
		.encrypt_key_size = (uint32_t)li->lo_encrypt_key_size,
		.flags = (uint32_t)li->lo_flags,
		.name = li->lo_name,
		.key = li->lo_encrypt_key,
		.reserved = li->reserved,
	};

	print_loop(p, &v);
}

void hy_pr_loop_info64(struct hy_printer *p, const struct loop_info64 *li)
{
	const struct loop_view v = {
		.info64 = true,
		.number = li->lo_number,
		.device = li->lo_device,
		.inode = li->lo_inode,
		.rdevice = li->lo_rdevice,
		.offset = li->lo_offset,
		.sizelimit = li->lo_sizelimit,
		.init = { li->lo_init[0], li->lo_init[1] },
		.encrypt_type = li->lo_encrypt_type,
		.encrypt_key_size = li->lo_encrypt_key_size,
		.flags = li->lo_flags,
		.name = (const char *)li->lo_file_name,
		.crypt_name = (const char *)li->lo_crypt_name,
		.key = li->lo_encrypt_key,
	};

	print_loop(p, &v);
}

/* LOOP_CONFIGURE's struct loop_config: the descriptor, block size, info and the reserved words. */
void hy_pr_loop_config(struct hy_printer *p, const struct loop_config *lc)
{
	hy_pr_printf(p, "{fd=%d, block_size=%u, info=", (int)lc->fd, lc->block_size);
	hy_pr_loop_info64(p, &lc->info);
	hy_pr_puts(p, ", __reserved=[");
	for (size_t i = 0; i < sizeof(lc->__reserved) / sizeof(lc->__reserved[0]); i++) {
		hy_pr_puts(p, i ? ", " : "");
		print_xv(p, lc->__reserved[i]);
	}
	hy_pr_puts(p, "]}");
}

void hy_pr_ifr_hwaddr(struct hy_printer *p, const struct sockaddr *sa)
{
	size_t n = sizeof(sa->sa_data);
	const uint8_t *b = (const uint8_t *)sa->sa_data;

	for (size_t i = 0; i < sizeof(hwaddr_lens) / sizeof(hwaddr_lens[0]); i++)
		if (hwaddr_lens[i].type == sa->sa_family)
			n = hwaddr_lens[i].len;
	if (n > sizeof(sa->sa_data))
		n = sizeof(sa->sa_data);
	hy_pr_puts(p, "{sa_family=");
	hy_pr_arphrd(p, sa->sa_family);
	hy_pr_puts(p, ", sa_data=");
	for (size_t i = 0; i < n; i++)
		hy_pr_printf(p, "%s%02x", i ? ":" : "", b[i]);
	hy_pr_putc(p, '}');
}
