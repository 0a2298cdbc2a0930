// SPDX-License-Identifier: MIT
/*
 * NETLINK_ROUTE's bodies as strace 6.1 prints them: the link, address and
 * route messages (what `ip link`, `ip addr` and `ip route` send and read),
 * their struct then their attributes: "{ifi_family=AF_UNSPEC, ...},
 * [[{nla_len=7, nla_type=IFLA_IFNAME}, "lo"], ...]". Attribute types strace
 * names are named; the values of those without a kind here print in hex
 * (statistics, nested link info and per-family settings: HACKING.md).
 */
#define _GNU_SOURCE
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <net/if_arp.h>
#include <sys/socket.h>

#include "decode/netlink_data.h"
#include "decode/xlat.h"

#define N HY_NL_N
#define COUNT HY_NL_COUNT

/* The tables are laid out by hand, several entries a line. */
/* clang-format off */
static const struct hy_nl_name arphrd[] = {
	N(ARPHRD_NETROM),   N(ARPHRD_ETHER),  N(ARPHRD_EETHER),	 N(ARPHRD_IEEE802),
	N(ARPHRD_LOOPBACK), N(ARPHRD_SIT),    N(ARPHRD_IPGRE),	 N(ARPHRD_TUNNEL),
	N(ARPHRD_TUNNEL6),  N(ARPHRD_NONE),   N(ARPHRD_VOID),
};

static const struct hy_nl_name ifa_flags[] = {
	N(IFA_F_SECONDARY),   N(IFA_F_NODAD),	    N(IFA_F_OPTIMISTIC),
	N(IFA_F_DADFAILED),   N(IFA_F_HOMEADDRESS), N(IFA_F_DEPRECATED),
	N(IFA_F_TENTATIVE),   N(IFA_F_PERMANENT),   N(IFA_F_MANAGETEMPADDR),
	N(IFA_F_NOPREFIXROUTE), N(IFA_F_MCAUTOJOIN), N(IFA_F_STABLE_PRIVACY),
};

static const struct hy_nl_name rt_scopes[] = {
	N(RT_SCOPE_UNIVERSE), N(RT_SCOPE_SITE), N(RT_SCOPE_LINK), N(RT_SCOPE_HOST),
	N(RT_SCOPE_NOWHERE),
};

static const struct hy_nl_name rt_tables[] = {
	N(RT_TABLE_UNSPEC), N(RT_TABLE_COMPAT), N(RT_TABLE_DEFAULT), N(RT_TABLE_MAIN),
	N(RT_TABLE_LOCAL),
};

static const struct hy_nl_name rt_protos[] = {
	N(RTPROT_UNSPEC), N(RTPROT_REDIRECT), N(RTPROT_KERNEL), N(RTPROT_BOOT),
	N(RTPROT_STATIC), N(RTPROT_GATED),    N(RTPROT_RA),     N(RTPROT_MRT),
	N(RTPROT_ZEBRA),  N(RTPROT_BIRD),     N(RTPROT_DNROUTED), N(RTPROT_XORP),
	N(RTPROT_NTK),    N(RTPROT_DHCP),     N(RTPROT_MROUTED), N(RTPROT_KEEPALIVED),
	N(RTPROT_BABEL),  N(RTPROT_OPENR),    N(RTPROT_BGP),    N(RTPROT_ISIS),
	N(RTPROT_OSPF),   N(RTPROT_RIP),      N(RTPROT_EIGRP),
};

static const struct hy_nl_name rtn_types[] = {
	N(RTN_UNSPEC),	  N(RTN_UNICAST),     N(RTN_LOCAL),   N(RTN_BROADCAST),
	N(RTN_ANYCAST),	  N(RTN_MULTICAST),   N(RTN_BLACKHOLE), N(RTN_UNREACHABLE),
	N(RTN_PROHIBIT),  N(RTN_THROW),	      N(RTN_NAT),     N(RTN_XRESOLVE),
};

static const struct hy_nl_name rtm_flags[] = {
	N(RTM_F_NOTIFY), N(RTM_F_CLONED), N(RTM_F_EQUALIZE), N(RTM_F_PREFIX),
	N(RTM_F_LOOKUP_TABLE), N(RTM_F_FIB_MATCH), N(RTM_F_OFFLOAD), N(RTM_F_TRAP),
	N(RTM_F_OFFLOAD_FAILED),
};

/* strace 6.1 knows these (not RTEXT_FILTER_MST, newer) */
static const struct hy_nl_name rtext_filters[] = {
	N(RTEXT_FILTER_VF), N(RTEXT_FILTER_BRVLAN), N(RTEXT_FILTER_BRVLAN_COMPRESSED),
	N(RTEXT_FILTER_SKIP_STATS), N(RTEXT_FILTER_MRP), N(RTEXT_FILTER_CFM_CONFIG),
	N(RTEXT_FILTER_CFM_STATUS),
};

#define A(t, k) [t] = { #t, k, NULL, 0, NULL, NULL }
#define AX(t, k, set, unknown) [t] = { #t, k, set, COUNT(set), unknown, NULL }
#define AN(t, table) [t] = { #t, HY_NLA_NESTED, NULL, 0, NULL, &table }

static const struct hy_nl_name xdp_attached[] = {
	N(XDP_ATTACHED_NONE), N(XDP_ATTACHED_DRV), N(XDP_ATTACHED_SKB), N(XDP_ATTACHED_HW),
	N(XDP_ATTACHED_MULTI),
};

static const struct hy_nl_name xdp_flags[] = {
	N(XDP_FLAGS_UPDATE_IF_NOEXIST), N(XDP_FLAGS_SKB_MODE), N(XDP_FLAGS_DRV_MODE),
	N(XDP_FLAGS_HW_MODE), N(XDP_FLAGS_REPLACE),
};

static const struct hy_nla_spec ifla_xdp[] = {
	A(IFLA_XDP_UNSPEC, HY_NLA_HEX),		A(IFLA_XDP_FD, HY_NLA_S32),
	AX(IFLA_XDP_ATTACHED, HY_NLA_ENUM8, xdp_attached, "XDP_ATTACHED_???"),
	AX(IFLA_XDP_FLAGS, HY_NLA_FLAGS32, xdp_flags, "XDP_FLAGS_???"),
	A(IFLA_XDP_PROG_ID, HY_NLA_U32),	A(IFLA_XDP_DRV_PROG_ID, HY_NLA_U32),
	A(IFLA_XDP_SKB_PROG_ID, HY_NLA_U32),	A(IFLA_XDP_HW_PROG_ID, HY_NLA_U32),
	A(IFLA_XDP_EXPECTED_FD, HY_NLA_S32),
};

/* a kind's own data (IFLA_INFO_DATA) in hex: strace decodes a few kinds' */
static const struct hy_nla_spec ifla_info[] = {
	A(IFLA_INFO_UNSPEC, HY_NLA_HEX),	A(IFLA_INFO_KIND, HY_NLA_STR),
	A(IFLA_INFO_DATA, HY_NLA_HEX),		A(IFLA_INFO_XSTATS, HY_NLA_HEX),
	A(IFLA_INFO_SLAVE_KIND, HY_NLA_STR),	A(IFLA_INFO_SLAVE_DATA, HY_NLA_HEX),
};

static const struct hy_nla_table ifla_xdp_table = { ifla_xdp, COUNT(ifla_xdp), "IFLA_XDP_???" };
static const struct hy_nla_table ifla_info_table = { ifla_info, COUNT(ifla_info),
						     "IFLA_INFO_???" };

/* IFLA_*: the types strace 6.1 names (up to IFLA_ALLMULTI) and the kinds it decodes */
static const struct hy_nla_spec ifla[] = {
	A(IFLA_UNSPEC, HY_NLA_HEX),		A(IFLA_ADDRESS, HY_NLA_HWADDR),
	A(IFLA_BROADCAST, HY_NLA_HWADDR),	A(IFLA_IFNAME, HY_NLA_STR),
	A(IFLA_MTU, HY_NLA_U32),		A(IFLA_LINK, HY_NLA_U32),
	A(IFLA_QDISC, HY_NLA_STR),		A(IFLA_STATS, HY_NLA_STATS32),
	A(IFLA_COST, HY_NLA_HEX),		A(IFLA_PRIORITY, HY_NLA_HEX),
	A(IFLA_MASTER, HY_NLA_U32),		A(IFLA_WIRELESS, HY_NLA_HEX),
	A(IFLA_PROTINFO, HY_NLA_HEX),		A(IFLA_TXQLEN, HY_NLA_U32),
	A(IFLA_MAP, HY_NLA_IFMAP),		A(IFLA_WEIGHT, HY_NLA_U32),
	A(IFLA_OPERSTATE, HY_NLA_U8),		A(IFLA_LINKMODE, HY_NLA_U8),
	AN(IFLA_LINKINFO, ifla_info_table),		A(IFLA_NET_NS_PID, HY_NLA_U32),
	A(IFLA_IFALIAS, HY_NLA_STR),		A(IFLA_NUM_VF, HY_NLA_U32),
	A(IFLA_VFINFO_LIST, HY_NLA_HEX),	A(IFLA_STATS64, HY_NLA_STATS64),
	A(IFLA_VF_PORTS, HY_NLA_HEX),		A(IFLA_PORT_SELF, HY_NLA_HEX),
	A(IFLA_AF_SPEC, HY_NLA_HEX),		A(IFLA_GROUP, HY_NLA_U32),
	A(IFLA_NET_NS_FD, HY_NLA_S32),
	AX(IFLA_EXT_MASK, HY_NLA_FLAGS32, rtext_filters, "RTEXT_FILTER_???"),
	A(IFLA_PROMISCUITY, HY_NLA_U32),	A(IFLA_NUM_TX_QUEUES, HY_NLA_U32),
	A(IFLA_NUM_RX_QUEUES, HY_NLA_U32),	A(IFLA_CARRIER, HY_NLA_U8),
	A(IFLA_PHYS_PORT_ID, HY_NLA_HEX),	A(IFLA_CARRIER_CHANGES, HY_NLA_U32),
	A(IFLA_PHYS_SWITCH_ID, HY_NLA_HEX),	A(IFLA_LINK_NETNSID, HY_NLA_S32),
	A(IFLA_PHYS_PORT_NAME, HY_NLA_STR),	A(IFLA_PROTO_DOWN, HY_NLA_U8),
	A(IFLA_GSO_MAX_SEGS, HY_NLA_U32),	A(IFLA_GSO_MAX_SIZE, HY_NLA_U32),
	A(IFLA_PAD, HY_NLA_HEX),		AN(IFLA_XDP, ifla_xdp_table),
	A(IFLA_EVENT, HY_NLA_HEX),		A(IFLA_NEW_NETNSID, HY_NLA_S32),
	A(IFLA_TARGET_NETNSID, HY_NLA_S32),	A(IFLA_CARRIER_UP_COUNT, HY_NLA_U32),
	A(IFLA_CARRIER_DOWN_COUNT, HY_NLA_U32),	A(IFLA_NEW_IFINDEX, HY_NLA_IFINDEX),
	A(IFLA_MIN_MTU, HY_NLA_U32),		A(IFLA_MAX_MTU, HY_NLA_U32),
	A(IFLA_PROP_LIST, HY_NLA_HEX),		A(IFLA_ALT_IFNAME, HY_NLA_STR),
	A(IFLA_PERM_ADDRESS, HY_NLA_HWADDR),	A(IFLA_PROTO_DOWN_REASON, HY_NLA_HEX),
	A(IFLA_PARENT_DEV_NAME, HY_NLA_STR),	A(IFLA_PARENT_DEV_BUS_NAME, HY_NLA_STR),
	A(IFLA_GRO_MAX_SIZE, HY_NLA_U32),	A(IFLA_TSO_MAX_SIZE, HY_NLA_U32),
	A(IFLA_TSO_MAX_SEGS, HY_NLA_U32),	A(IFLA_ALLMULTI, HY_NLA_U32),
};

/* IFA_*: IFA_PROTO is named but strace 6.1 prints its byte in hex */
static const struct hy_nla_spec ifa[] = {
	A(IFA_UNSPEC, HY_NLA_HEX),		A(IFA_ADDRESS, HY_NLA_INADDR),
	A(IFA_LOCAL, HY_NLA_INADDR),		A(IFA_LABEL, HY_NLA_STR),
	A(IFA_BROADCAST, HY_NLA_INADDR),	A(IFA_ANYCAST, HY_NLA_INADDR),
	A(IFA_CACHEINFO, HY_NLA_IFA_CACHE),	A(IFA_MULTICAST, HY_NLA_INADDR),
	AX(IFA_FLAGS, HY_NLA_FLAGS32, ifa_flags, "IFA_F_???"),
	A(IFA_RT_PRIORITY, HY_NLA_U32),		A(IFA_TARGET_NETNSID, HY_NLA_S32),
	A(IFA_PROTO, HY_NLA_HEX),
};

/* RTA_*: nested and variable ones (metrics, multipath, encap, via) in hex */
static const struct hy_nla_spec rta[] = {
	A(RTA_UNSPEC, HY_NLA_HEX),		A(RTA_DST, HY_NLA_INADDR),
	A(RTA_SRC, HY_NLA_INADDR),		A(RTA_IIF, HY_NLA_IFINDEX),
	A(RTA_OIF, HY_NLA_IFINDEX),		A(RTA_GATEWAY, HY_NLA_INADDR),
	A(RTA_PRIORITY, HY_NLA_U32),		A(RTA_PREFSRC, HY_NLA_INADDR),
	A(RTA_METRICS, HY_NLA_HEX),		A(RTA_MULTIPATH, HY_NLA_HEX),
	A(RTA_PROTOINFO, HY_NLA_HEX),		A(RTA_FLOW, HY_NLA_HEX),
	A(RTA_CACHEINFO, HY_NLA_RTA_CACHE),	A(RTA_SESSION, HY_NLA_HEX),
	A(RTA_MP_ALGO, HY_NLA_HEX),
	AX(RTA_TABLE, HY_NLA_ENUM32, rt_tables, NULL),
	A(RTA_MARK, HY_NLA_U32),		A(RTA_MFC_STATS, HY_NLA_HEX),
	A(RTA_VIA, HY_NLA_HEX),			A(RTA_NEWDST, HY_NLA_HEX),
	A(RTA_PREF, HY_NLA_U8),		A(RTA_ENCAP_TYPE, HY_NLA_HEX),
	A(RTA_ENCAP, HY_NLA_HEX),		A(RTA_EXPIRES, HY_NLA_U64),
	A(RTA_PAD, HY_NLA_HEX),			A(RTA_UID, HY_NLA_U32),
	A(RTA_TTL_PROPAGATE, HY_NLA_U8),	A(RTA_IP_PROTO, HY_NLA_HEX),
	A(RTA_SPORT, HY_NLA_HEX),		A(RTA_DPORT, HY_NLA_HEX),
	A(RTA_NH_ID, HY_NLA_U32),
};
/* clang-format on */

static const struct hy_nla_table ifla_table = { ifla, COUNT(ifla), "IFLA_???" };
static const struct hy_nla_table ifa_table = { ifa, COUNT(ifa), "IFA_???" };
static const struct hy_nla_table rta_table = { rta, COUNT(rta), "RTA_???" };

static void put_family(struct hy_printer *p, const char *field, uint8_t family)
{
	hy_pr_printf(p, "{%s=", field);
	hy_pr_enum(p, HY_X_SOCKET_FAMILY, family);
	hy_pr_puts(p, ", ");
}

/*
 * What every body does (strace's decoders of ifinfomsg, ifaddrmsg, rtmsg):
 * the family, then the rest of the struct if the message has it all (else
 * "..."), read past the family (its address if that was not captured); then
 * the attributes after the struct. Returns whether the struct was printed.
 */
static bool body_struct(struct hy_nl_data *d, size_t off, size_t len, void *s, size_t size)
{
	if (len < size) {
		hy_pr_puts(d->p, "...}");
		return false;
	}
	if (!hy_nl_fetch(d, off + 1, (uint8_t *)s + 1, size - 1)) {
		hy_pr_ptr(d->p, d->addr + off + 1);
		hy_pr_putc(d->p, '}');
		return false;
	}
	return true;
}

static void body_attrs(struct hy_nl_data *d, size_t off, size_t len, size_t size,
		       const struct hy_nla_table *t, int family)
{
	size_t at = NLMSG_ALIGN(size);

	if (len <= at)
		return;
	hy_pr_puts(d->p, ", ");
	hy_nl_attrs(d, off + at, len - at, t, family);
}

static void put_ifinfomsg(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct ifinfomsg ifi = { .ifi_family = family };

	put_family(d->p, "ifi_family", family);
	if (!body_struct(d, off, len, &ifi, sizeof(ifi)))
		return;
	hy_pr_puts(d->p, "ifi_type=");
	hy_nl_enum(d->p, arphrd, COUNT(arphrd), ifi.ifi_type, "ARPHRD_???");
	hy_pr_puts(d->p, ", ifi_index=");
	hy_nl_ifindex(d->p, (uint32_t)ifi.ifi_index);
	hy_pr_puts(d->p, ", ifi_flags=");
	hy_pr_flags(d->p, HY_X_IFF_FLAGS, ifi.ifi_flags, NULL);
	hy_pr_puts(d->p, ", ifi_change=");
	hy_pr_flags(d->p, HY_X_IFF_FLAGS, ifi.ifi_change, NULL);
	hy_pr_putc(d->p, '}');
	body_attrs(d, off, len, sizeof(ifi), &ifla_table, family);
}

static void put_ifaddrmsg(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct ifaddrmsg ifa = { .ifa_family = family };

	put_family(d->p, "ifa_family", family);
	if (!body_struct(d, off, len, &ifa, sizeof(ifa)))
		return;
	hy_pr_printf(d->p, "ifa_prefixlen=%u, ifa_flags=", ifa.ifa_prefixlen);
	hy_nl_flags(d->p, ifa_flags, COUNT(ifa_flags), ifa.ifa_flags, "IFA_F_???");
	hy_pr_puts(d->p, ", ifa_scope=");
	hy_nl_enum(d->p, rt_scopes, COUNT(rt_scopes), ifa.ifa_scope, NULL);
	hy_pr_puts(d->p, ", ifa_index=");
	hy_nl_ifindex(d->p, ifa.ifa_index);
	hy_pr_putc(d->p, '}');
	body_attrs(d, off, len, sizeof(ifa), &ifa_table, family);
}

static void put_rtmsg(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct rtmsg rtm = { .rtm_family = family };

	put_family(d->p, "rtm_family", family);
	if (!body_struct(d, off, len, &rtm, sizeof(rtm)))
		return;
	hy_pr_printf(d->p,
		     "rtm_dst_len=%u, rtm_src_len=%u, rtm_tos=%u, rtm_table=", rtm.rtm_dst_len,
		     rtm.rtm_src_len, rtm.rtm_tos);
	hy_nl_enum(d->p, rt_tables, COUNT(rt_tables), rtm.rtm_table, NULL);
	hy_pr_puts(d->p, ", rtm_protocol=");
	hy_nl_enum(d->p, rt_protos, COUNT(rt_protos), rtm.rtm_protocol, "RTPROT_???");
	hy_pr_puts(d->p, ", rtm_scope=");
	hy_nl_enum(d->p, rt_scopes, COUNT(rt_scopes), rtm.rtm_scope, NULL);
	hy_pr_puts(d->p, ", rtm_type=");
	hy_nl_enum(d->p, rtn_types, COUNT(rtn_types), rtm.rtm_type, "RTN_???");
	hy_pr_puts(d->p, ", rtm_flags=");
	hy_nl_flags(d->p, rtm_flags, COUNT(rtm_flags), rtm.rtm_flags, "RTM_F_???");
	hy_pr_putc(d->p, '}');
	body_attrs(d, off, len, sizeof(rtm), &rta_table, family);
}

bool hy_nl_rtnl_body(struct hy_nl_data *d, uint16_t type, size_t off, size_t len)
{
	void (*put)(struct hy_nl_data *, uint8_t, size_t, size_t);
	uint8_t family;

	if (type >= RTM_NEWLINK && type <= RTM_SETLINK)
		put = put_ifinfomsg;
	else if (type >= RTM_NEWADDR && type <= RTM_GETADDR)
		put = put_ifaddrmsg;
	else if (type >= RTM_NEWROUTE && type <= RTM_GETROUTE)
		put = put_rtmsg;
	else
		return false;
	/* strace reads the family first: what it cannot read prints as the address */
	if (!hy_nl_fetch(d, off, &family, 1))
		hy_pr_ptr(d->p, d->addr + off);
	else
		put(d, family, off, len);
	return true;
}
