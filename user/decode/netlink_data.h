/* SPDX-License-Identifier: MIT */
/*
 * What the netlink printers share (decode_netlink.c: messages; decode_nlattr.c:
 * attributes; decode_rtnl.c: NETLINK_ROUTE's bodies and attributes;
 * decode_sock_diag.c: NETLINK_SOCK_DIAG's): the bytes
 * of a call's data that the record holds, and name tables.
 *
 * A call's data may be longer than what was captured (HY_SOCK_DATA_CAP): the
 * printers walk the lengths the messages declare, bounded by the call's length,
 * as strace does, and where a read runs past the captured bytes they print what
 * strace prints when it cannot read the guest's memory (the address).
 */
#ifndef HY_NETLINK_DATA_H
#define HY_NETLINK_DATA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "decode/printer.h"

struct hy_nl_data {
	struct hy_printer *p;
	const uint8_t *buf; /* the captured bytes from addr on */
	size_t have;	    /* how many */
	uint64_t addr;	    /* the guest's address of buf[0] */
	int proto;	    /* NETLINK_*, or -1: not known */
};

/* @n bytes at offset @off, if the capture holds them all. */
static inline bool hy_nl_fetch(const struct hy_nl_data *d, size_t off, void *dst, size_t n)
{
	if (off > d->have || n > d->have - off)
		return false;
	memcpy(dst, d->buf + off, n);
	return true;
}

/* A name table, laid out by hand: value and name. */
struct hy_nl_name {
	uint32_t v;
	const char *name;
};
#define HY_NL_N(v)                                                                                 \
	{                                                                                          \
		v, #v                                                                              \
	}
#define HY_NL_COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *hy_nl_lookup(const struct hy_nl_name *t, size_t n, uint32_t v);
/** The name of @v, or "0x.. / * @unknown * /" (a NULL @unknown: the number alone). */
void hy_nl_enum(struct hy_printer *p, const struct hy_nl_name *t, size_t n, uint32_t v,
		const char *unknown);
/** Bits of @v by name joined with '|', leftovers in hex, "0" for none (strace's printflags). */
void hy_nl_flags(struct hy_printer *p, const struct hy_nl_name *t, size_t n, uint32_t v,
		 const char *unknown);
/** A device type (ifi_type, sa_family of a hardware address): ARPHRD_ETHER... */
void hy_pr_arphrd(struct hy_printer *p, uint32_t type);
/** "if_nametoindex(\"lo\")" for an interface this machine knows, else the number. */
void hy_nl_ifindex(struct hy_printer *p, uint32_t idx);

/*
 * An item's header (@size bytes) at @off, @len bytes left in the call: false,
 * with what strace prints there, when fewer than @size bytes are left (their
 * hex) or the capture ends (the address; "... / * addr * /" inside a @list).
 */
bool hy_nl_fetch_item(struct hy_nl_data *d, size_t off, size_t len, void *hdr, size_t size,
		      bool list);
/*
 * A list of netlink items of @len bytes at @off, messages or attributes: each
 * a header of @hdrsize bytes (at most 16) whose first @lensize bytes are its
 * length, 4-byte aligned. Walked as strace walks them: one alone, several in
 * a list, at most -s without -v, to the call's end; @put prints an item, its
 * header fetched, @len the bytes left from its start.
 */
void hy_nl_walk(struct hy_nl_data *d, size_t off, size_t len, size_t hdrsize, size_t lensize,
		void (*put)(struct hy_nl_data *d, const void *hdr, size_t off, size_t len,
			    const void *arg),
		const void *arg);

/** @len bytes at @off in hex, cut at -s (strace's QUOTE_FORCE_HEX), or their address. */
void hy_nl_hex(struct hy_nl_data *d, size_t off, size_t len);

/*
 * An attribute's value by its type: a kind of printer, and for names its
 * table. A type a table has no entry for prints its bytes in hex.
 */
enum hy_nla_kind {
	HY_NLA_HEX = 0,
	HY_NLA_STR, /* NUL-terminated string */
	HY_NLA_U8,
	HY_NLA_U32,
	HY_NLA_S32,
	HY_NLA_U64,
	HY_NLA_HWADDR,	    /* 02:fc:00:00:00:01 */
	HY_NLA_IFINDEX,	    /* if_nametoindex("lo") */
	HY_NLA_INADDR,	    /* inet_addr("127.0.0.1"), by the message's family */
	HY_NLA_FLAGS32,	    /* a u32 of flags of @names */
	HY_NLA_ENUM32,	    /* a u32 value of @names */
	HY_NLA_IFA_CACHE,   /* struct ifa_cacheinfo */
	HY_NLA_RTA_CACHE,   /* struct rta_cacheinfo */
	HY_NLA_ENUM8,	    /* a u8 value of @names */
	HY_NLA_STATS32,	    /* struct rtnl_link_stats */
	HY_NLA_STATS64,	    /* struct rtnl_link_stats64 */
	HY_NLA_IFMAP,	    /* struct rtnl_link_ifmap */
	HY_NLA_NESTED,	    /* attributes of @nested */
	HY_NLA_IDX_S32,	    /* s32s by index: "[[@idx[0]]=1, ...]" */
	HY_NLA_IDX_U64,	    /* the same, u64s */
	HY_NLA_IN6ADDR,	    /* an IPv6 address whatever the message's family */
	HY_NLA_INET6_CACHE, /* struct ifla_cacheinfo */
	HY_NLA_AF_SPEC,	    /* attributes typed by address family, of @nested's kinds */
	HY_NLA_PROTINFO,    /* @nested's attributes when the message is AF_INET6's */
	HY_NLA_U16,
	HY_NLA_NDA_CACHE,    /* struct nda_cacheinfo */
	HY_NLA_UNIX_RQLEN,   /* struct unix_diag_rqlen */
	HY_NLA_IDX_U32,	     /* u32s by index, as HY_NLA_IDX_S32 */
	HY_NLA_INET_MEMINFO, /* struct inet_diag_meminfo */
	HY_NLA_INET_SOCKOPT, /* struct inet_diag_sockopt */
	HY_NLA_UNIX_VFS,     /* struct unix_diag_vfs */
	HY_NLA_U32_ARRAY,    /* u32s: "[1, 2]" */
};

struct hy_nla_table;

struct hy_nla_spec {
	const char *name; /* NULL: a type strace 6.1 does not name */
	enum hy_nla_kind kind;
	const struct hy_nl_name *names;
	size_t nnames;
	const char *unknown; /* names' default comment */
	const struct hy_nla_table *nested;
	const char *const *idx; /* HY_NLA_IDX_*: the indexes' names */
	size_t nidx;
};

struct hy_nla_table {
	const struct hy_nla_spec *spec; /* indexed by type */
	size_t n;
	const char *unknown; /* "IFLA_???" */
	bool families;	     /* types are address families (AF_INET...) */
};

/**
 * The attributes in @len bytes at @off (strace's decode_nlattr): one alone,
 * several as a list, at most -s of them without -v; @family for addresses.
 */
void hy_nl_attrs(struct hy_nl_data *d, size_t off, size_t len, const struct hy_nla_table *t,
		 int family);

/**
 * The start of a body that is a struct led by an address family (ifinfomsg,
 * rtmsg, unix_diag_msg...): "{@field=AF_..., ", then the struct's other bytes
 * (@size in all) at @off read into @s, whose first byte holds the family
 * already. False, the struct closed with what strace prints there, when the
 * body (@len bytes) is shorter ("...}") or the capture ends (the address).
 */
bool hy_nl_body_struct(struct hy_nl_data *d, const char *field, size_t off, size_t len, void *s,
		       size_t size);
/**
 * The attributes after a body's struct of @size bytes (NLMSG_ALIGNed), if the
 * body of @len bytes at @off has any: ", [...]" by table @t.
 */
void hy_nl_body_attrs(struct hy_nl_data *d, size_t off, size_t len, size_t size,
		      const struct hy_nla_table *t, int family);

/**
 * A NETLINK_ROUTE message's body of @len bytes at @off: its struct and
 * attributes (decode_rtnl.c); false: a type without a decoder here.
 */
bool hy_nl_rtnl_body(struct hy_nl_data *d, uint16_t type, size_t off, size_t len);

/**
 * A NETLINK_SOCK_DIAG message's body of @len bytes at @off: a request
 * (@flags has NLM_F_REQUEST) or an answer, by its family (decode_sock_diag.c).
 */
bool hy_nl_sock_diag_body(struct hy_nl_data *d, uint16_t flags, size_t off, size_t len);

#endif
