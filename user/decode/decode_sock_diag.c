// SPDX-License-Identifier: MIT
/*
 * NETLINK_SOCK_DIAG's bodies, as strace 6.1 prints them: a request
 * (NLM_F_REQUEST) by its family, AF_UNIX's unix_diag_req, AF_INET(6)'s
 * inet_diag_req_v2, AF_NETLINK's netlink_diag_req and AF_PACKET's
 * packet_diag_req; an answer, AF_UNIX's unix_diag_msg, AF_INET(6)'s
 * inet_diag_msg and AF_NETLINK's netlink_diag_msg; each family's attributes
 * after its struct. Other families and answers (packet's, smc's) print as
 * "{family=AF_..., data=...}" here, where strace decodes them too.
 */
#include <arpa/inet.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/netlink_diag.h>
#include <linux/packet_diag.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "decode/netlink_data.h"
#include "decode/xlat.h"

#define COUNT HY_NL_COUNT
#define STATE(s)                                                                                   \
	{                                                                                          \
		1u << s, "1<<" #s                                                                  \
	}
#define EXT(e)                                                                                     \
	{                                                                                          \
		1u << (e - 1), "1<<(" #e "-1)"                                                     \
	}

/* the kernel's TCP states, which every family's state numbers use */
static const struct hy_nl_name tcp_states[] = {
	HY_NL_N(TCP_ESTABLISHED), HY_NL_N(TCP_SYN_SENT),   HY_NL_N(TCP_SYN_RECV),
	HY_NL_N(TCP_FIN_WAIT1),	  HY_NL_N(TCP_FIN_WAIT2),  HY_NL_N(TCP_TIME_WAIT),
	HY_NL_N(TCP_CLOSE),	  HY_NL_N(TCP_CLOSE_WAIT), HY_NL_N(TCP_LAST_ACK),
	HY_NL_N(TCP_LISTEN),	  HY_NL_N(TCP_CLOSING),	   { 12, "TCP_NEW_SYN_RECV" },
};

static const struct hy_nl_name state_bits[] = {
	STATE(TCP_ESTABLISHED), STATE(TCP_SYN_SENT),   STATE(TCP_SYN_RECV),
	STATE(TCP_FIN_WAIT1),	STATE(TCP_FIN_WAIT2),  STATE(TCP_TIME_WAIT),
	STATE(TCP_CLOSE),	STATE(TCP_CLOSE_WAIT), STATE(TCP_LAST_ACK),
	STATE(TCP_LISTEN),	STATE(TCP_CLOSING),    { 1u << 12, "1<<TCP_NEW_SYN_RECV" },
};

static const struct hy_nl_name udiag_show[] = {
	HY_NL_N(UDIAG_SHOW_NAME),   HY_NL_N(UDIAG_SHOW_VFS),   HY_NL_N(UDIAG_SHOW_PEER),
	HY_NL_N(UDIAG_SHOW_ICONS),  HY_NL_N(UDIAG_SHOW_RQLEN), HY_NL_N(UDIAG_SHOW_MEMINFO),
	{ 0x40, "UDIAG_SHOW_UID" },
};

static const struct hy_nl_name idiag_ext[] = {
	EXT(INET_DIAG_MEMINFO),	  EXT(INET_DIAG_INFO),	   EXT(INET_DIAG_VEGASINFO),
	EXT(INET_DIAG_CONG),	  EXT(INET_DIAG_TOS),	   EXT(INET_DIAG_TCLASS),
	EXT(INET_DIAG_SKMEMINFO), EXT(INET_DIAG_SHUTDOWN),
};

static const char *const sk_meminfo[] = {
	"SK_MEMINFO_RMEM_ALLOC", "SK_MEMINFO_RCVBUF",	 "SK_MEMINFO_WMEM_ALLOC",
	"SK_MEMINFO_SNDBUF",	 "SK_MEMINFO_FWD_ALLOC", "SK_MEMINFO_WMEM_QUEUED",
	"SK_MEMINFO_OPTMEM",	 "SK_MEMINFO_BACKLOG",	 "SK_MEMINFO_DROPS",
};
#define MEMINFO(t)                                                                                 \
	[t] = { .name = #t,                                                                        \
		.kind = HY_NLA_IDX_U32,                                                            \
		.unknown = "SK_MEMINFO_???",                                                       \
		.idx = sk_meminfo,                                                                 \
		.nidx = COUNT(sk_meminfo) }

static const struct hy_nla_spec unix_diag_attrs[] = {
	[UNIX_DIAG_NAME] = { "UNIX_DIAG_NAME", HY_NLA_STR },
	[UNIX_DIAG_VFS] = { "UNIX_DIAG_VFS", HY_NLA_UNIX_VFS },
	[UNIX_DIAG_PEER] = { "UNIX_DIAG_PEER", HY_NLA_U32 },
	[UNIX_DIAG_ICONS] = { "UNIX_DIAG_ICONS", HY_NLA_U32_ARRAY },
	[UNIX_DIAG_RQLEN] = { "UNIX_DIAG_RQLEN", HY_NLA_UNIX_RQLEN },
	MEMINFO(UNIX_DIAG_MEMINFO),
	[UNIX_DIAG_SHUTDOWN] = { "UNIX_DIAG_SHUTDOWN", HY_NLA_U8 },
	[7] = { "UNIX_DIAG_UID", HY_NLA_U32 },
};
static const struct hy_nla_table unix_diag_table = { unix_diag_attrs, COUNT(unix_diag_attrs),
						     "UNIX_DIAG_???", false };

static const struct hy_nla_spec inet_diag_attrs[] = {
	[INET_DIAG_MEMINFO] = { "INET_DIAG_MEMINFO", HY_NLA_INET_MEMINFO },
	[INET_DIAG_INFO] = { "INET_DIAG_INFO" },
	[INET_DIAG_VEGASINFO] = { "INET_DIAG_VEGASINFO" },
	[INET_DIAG_CONG] = { "INET_DIAG_CONG", HY_NLA_STR },
	[INET_DIAG_TOS] = { "INET_DIAG_TOS", HY_NLA_U8 },
	[INET_DIAG_TCLASS] = { "INET_DIAG_TCLASS", HY_NLA_U8 },
	MEMINFO(INET_DIAG_SKMEMINFO),
	[INET_DIAG_SHUTDOWN] = { "INET_DIAG_SHUTDOWN", HY_NLA_U8 },
	[INET_DIAG_DCTCPINFO] = { "INET_DIAG_DCTCPINFO" },
	[INET_DIAG_PROTOCOL] = { "INET_DIAG_PROTOCOL", HY_NLA_U8 },
	[INET_DIAG_SKV6ONLY] = { "INET_DIAG_SKV6ONLY", HY_NLA_U8 },
	[INET_DIAG_LOCALS] = { "INET_DIAG_LOCALS" },
	[INET_DIAG_PEERS] = { "INET_DIAG_PEERS" },
	[INET_DIAG_PAD] = { "INET_DIAG_PAD" },
	[INET_DIAG_MARK] = { "INET_DIAG_MARK", HY_NLA_U32 },
	[INET_DIAG_BBRINFO] = { "INET_DIAG_BBRINFO" },
	[INET_DIAG_CLASS_ID] = { "INET_DIAG_CLASS_ID", HY_NLA_U32 },
	[INET_DIAG_MD5SIG] = { "INET_DIAG_MD5SIG" },
	[INET_DIAG_ULP_INFO] = { "INET_DIAG_ULP_INFO" },
	[INET_DIAG_SK_BPF_STORAGES] = { "INET_DIAG_SK_BPF_STORAGES" },
	[INET_DIAG_CGROUP_ID] = { "INET_DIAG_CGROUP_ID", HY_NLA_U64 },
	[INET_DIAG_SOCKOPT] = { "INET_DIAG_SOCKOPT", HY_NLA_INET_SOCKOPT },
};
static const struct hy_nla_table inet_diag_table = { inet_diag_attrs, COUNT(inet_diag_attrs),
						     "INET_DIAG_???", false };

static const struct hy_nl_name ndiag_show[] = {
	HY_NL_N(NDIAG_SHOW_MEMINFO),
	HY_NL_N(NDIAG_SHOW_GROUPS),
	HY_NL_N(NDIAG_SHOW_RING_CFG),
	HY_NL_N(NDIAG_SHOW_FLAGS),
};

static const struct hy_nl_name pdiag_show[] = {
	HY_NL_N(PACKET_SHOW_INFO),   HY_NL_N(PACKET_SHOW_MCLIST),  HY_NL_N(PACKET_SHOW_RING_CFG),
	HY_NL_N(PACKET_SHOW_FANOUT), HY_NL_N(PACKET_SHOW_MEMINFO), HY_NL_N(PACKET_SHOW_FILTER),
};

static const struct hy_nla_spec netlink_diag_attrs[] = {
	MEMINFO(NETLINK_DIAG_MEMINFO),
	[NETLINK_DIAG_GROUPS] = { "NETLINK_DIAG_GROUPS" },
	[NETLINK_DIAG_RX_RING] = { "NETLINK_DIAG_RX_RING" },
	[NETLINK_DIAG_TX_RING] = { "NETLINK_DIAG_TX_RING" },
	[NETLINK_DIAG_FLAGS] = { "NETLINK_DIAG_FLAGS" },
};
static const struct hy_nla_table netlink_diag_table = { netlink_diag_attrs,
							COUNT(netlink_diag_attrs),
							"NETLINK_DIAG_???", false };

static const struct hy_nla_spec inet_diag_req_attrs[] = {
	[INET_DIAG_REQ_BYTECODE] = { "INET_DIAG_REQ_BYTECODE" },
};
static const struct hy_nla_table inet_diag_req_table = { inet_diag_req_attrs,
							 COUNT(inet_diag_req_attrs),
							 "INET_DIAG_REQ_???", false };

static void put_cookie(struct hy_printer *p, const char *field, const uint32_t c[2])
{
	hy_pr_printf(p, ", %s=[%u, %u]", field, c[0], c[1]);
}

static void put_unix_req(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct unix_diag_req r = { .sdiag_family = family };

	if (!hy_nl_body_struct(d, "sdiag_family", off, len, &r, sizeof(r)))
		return;
	hy_pr_printf(d->p, "sdiag_protocol=%u, udiag_states=", r.sdiag_protocol);
	hy_nl_flags(d->p, state_bits, COUNT(state_bits), r.udiag_states, "1<<TCP_???");
	hy_pr_printf(d->p, ", udiag_ino=%u, udiag_show=", r.udiag_ino);
	hy_nl_flags(d->p, udiag_show, COUNT(udiag_show), r.udiag_show, "UDIAG_SHOW_???");
	put_cookie(d->p, "udiag_cookie", r.udiag_cookie);
	hy_pr_putc(d->p, '}');
}

static void put_unix_msg(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct unix_diag_msg m = { .udiag_family = family };

	if (!hy_nl_body_struct(d, "udiag_family", off, len, &m, sizeof(m)))
		return;
	hy_pr_puts(d->p, "udiag_type=");
	hy_pr_enum(d->p, HY_X_SOCKET_TYPE, m.udiag_type);
	hy_pr_puts(d->p, ", udiag_state=");
	hy_nl_enum(d->p, tcp_states, COUNT(tcp_states), m.udiag_state, "TCP_???");
	hy_pr_printf(d->p, ", udiag_ino=%u", m.udiag_ino);
	put_cookie(d->p, "udiag_cookie", m.udiag_cookie);
	hy_pr_putc(d->p, '}');
	hy_nl_body_attrs(d, off, len, sizeof(m), &unix_diag_table, family);
}

/* An address of the id: AF_INET's as inet_addr(), AF_INET6's as inet_pton(..., &field). */
static void put_id_addr(struct hy_printer *p, const char *field, int family, const __be32 a[4])
{
	char s[INET6_ADDRSTRLEN];

	if (family == AF_INET6 && inet_ntop(AF_INET6, a, s, sizeof(s)))
		hy_pr_printf(p, ", inet_pton(AF_INET6, \"%s\", &%s)", s, field);
	else if (inet_ntop(AF_INET, a, s, sizeof(s)))
		hy_pr_printf(p, ", %s=inet_addr(\"%s\")", field, s);
}

static void put_id(struct hy_printer *p, int family, const struct inet_diag_sockid *id)
{
	hy_pr_printf(p, "id={idiag_sport=htons(%u), idiag_dport=htons(%u)", ntohs(id->idiag_sport),
		     ntohs(id->idiag_dport));
	put_id_addr(p, "idiag_src", family, id->idiag_src);
	put_id_addr(p, "idiag_dst", family, id->idiag_dst);
	hy_pr_puts(p, ", idiag_if=");
	hy_nl_ifindex(p, id->idiag_if);
	put_cookie(p, "idiag_cookie", id->idiag_cookie);
	hy_pr_putc(p, '}');
}

static void put_inet_req(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct inet_diag_req_v2 r = { .sdiag_family = family };

	if (!hy_nl_body_struct(d, "sdiag_family", off, len, &r, sizeof(r)))
		return;
	hy_pr_puts(d->p, "sdiag_protocol=");
	hy_pr_enum(d->p, HY_X_IPPROTO, r.sdiag_protocol);
	hy_pr_puts(d->p, ", idiag_ext=");
	hy_nl_flags(d->p, idiag_ext, COUNT(idiag_ext), r.idiag_ext, "1<<(INET_DIAG_\?\?\?-1)");
	hy_pr_puts(d->p, ", idiag_states=");
	hy_nl_flags(d->p, state_bits, COUNT(state_bits), r.idiag_states, "1<<TCP_???");
	hy_pr_puts(d->p, ", ");
	put_id(d->p, family, &r.id);
	hy_pr_putc(d->p, '}');
	hy_nl_body_attrs(d, off, len, sizeof(r), &inet_diag_req_table, family);
}

static void put_inet_msg(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct inet_diag_msg m = { .idiag_family = family };

	if (!hy_nl_body_struct(d, "idiag_family", off, len, &m, sizeof(m)))
		return;
	hy_pr_puts(d->p, "idiag_state=");
	hy_nl_enum(d->p, tcp_states, COUNT(tcp_states), m.idiag_state, "TCP_???");
	hy_pr_printf(d->p, ", idiag_timer=%u, idiag_retrans=%u, ", m.idiag_timer, m.idiag_retrans);
	put_id(d->p, family, &m.id);
	hy_pr_printf(d->p,
		     ", idiag_expires=%u, idiag_rqueue=%u, idiag_wqueue=%u, idiag_uid=%u, "
		     "idiag_inode=%u}",
		     m.idiag_expires, m.idiag_rqueue, m.idiag_wqueue, m.idiag_uid, m.idiag_inode);
	hy_nl_body_attrs(d, off, len, sizeof(m), &inet_diag_table, family);
}

static void put_netlink_req(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct netlink_diag_req r = { .sdiag_family = family };

	if (!hy_nl_body_struct(d, "sdiag_family", off, len, &r, sizeof(r)))
		return;
	hy_pr_puts(d->p, "sdiag_protocol=");
	hy_pr_enum(d->p, HY_X_NETLINK_PROTO, r.sdiag_protocol);
	hy_pr_printf(d->p, ", ndiag_ino=%u, ndiag_show=", r.ndiag_ino);
	hy_nl_flags(d->p, ndiag_show, COUNT(ndiag_show), r.ndiag_show, "NDIAG_SHOW_???");
	put_cookie(d->p, "ndiag_cookie", r.ndiag_cookie);
	hy_pr_putc(d->p, '}');
}

static void put_netlink_msg(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct netlink_diag_msg m = { .ndiag_family = family };

	if (!hy_nl_body_struct(d, "ndiag_family", off, len, &m, sizeof(m)))
		return;
	hy_pr_puts(d->p, "ndiag_type=");
	hy_pr_enum(d->p, HY_X_SOCKET_TYPE, m.ndiag_type);
	hy_pr_puts(d->p, ", ndiag_protocol=");
	hy_pr_enum(d->p, HY_X_NETLINK_PROTO, m.ndiag_protocol);
	hy_pr_puts(d->p, ", ndiag_state=");
	hy_nl_enum(d->p, tcp_states, COUNT(tcp_states), m.ndiag_state, "TCP_???");
	hy_pr_printf(d->p,
		     ", ndiag_portid=%u, ndiag_dst_portid=%u, ndiag_dst_group=%u, ndiag_ino=%u",
		     m.ndiag_portid, m.ndiag_dst_portid, m.ndiag_dst_group, m.ndiag_ino);
	put_cookie(d->p, "ndiag_cookie", m.ndiag_cookie);
	hy_pr_putc(d->p, '}');
	hy_nl_body_attrs(d, off, len, sizeof(m), &netlink_diag_table, family);
}

static void put_packet_req(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct packet_diag_req r = { .sdiag_family = family };

	if (!hy_nl_body_struct(d, "sdiag_family", off, len, &r, sizeof(r)))
		return;
	hy_pr_printf(d->p, "sdiag_protocol=%u, pdiag_ino=%u, pdiag_show=", r.sdiag_protocol,
		     r.pdiag_ino);
	hy_nl_flags(d->p, pdiag_show, COUNT(pdiag_show), r.pdiag_show, "PACKET_SHOW_???");
	put_cookie(d->p, "pdiag_cookie", r.pdiag_cookie);
	hy_pr_putc(d->p, '}');
}

/* A family without a decoder here: its number, then the rest in hex (strace's form). */
static void put_other(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	hy_pr_puts(d->p, "{family=");
	hy_pr_enum(d->p, HY_X_SOCKET_FAMILY, family);
	hy_pr_puts(d->p, ", data=");
	hy_nl_hex(d, off + 1, len - 1);
	hy_pr_putc(d->p, '}');
}

bool hy_nl_sock_diag_body(struct hy_nl_data *d, uint16_t flags, size_t off, size_t len)
{
	void (*put)(struct hy_nl_data *, uint8_t, size_t, size_t) = put_other;
	bool req = flags & NLM_F_REQUEST;
	uint8_t family;

	/* strace reads the family first: what it cannot read prints as the address */
	if (!hy_nl_fetch(d, off, &family, 1)) {
		hy_pr_ptr(d->p, d->addr + off);
		return true;
	}
	if (family == AF_UNIX)
		put = req ? put_unix_req : put_unix_msg;
	else if (family == AF_INET || family == AF_INET6)
		put = req ? put_inet_req : put_inet_msg;
	else if (family == AF_NETLINK)
		put = req ? put_netlink_req : put_netlink_msg;
	else if (family == AF_PACKET && req)
		put = put_packet_req;
	put(d, family, off, len);
	return true;
}
