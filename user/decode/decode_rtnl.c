// SPDX-License-Identifier: MIT
/*
 * NETLINK_ROUTE's bodies as strace 6.1 prints them: the link, address,
 * route, neighbour and rule messages (what `ip link`, `ip addr`, `ip route`,
 * `ip neigh` and `ip rule` send and read),
 * their struct then their attributes: "{ifi_family=AF_UNSPEC, ...},
 * [[{nla_len=7, nla_type=IFLA_IFNAME}, "lo"], ...]". Attribute types strace
 * names are named; the values of those without a kind here print in hex
 * (statistics, nested link info and per-family settings: HACKING.md).
 */
#define _GNU_SOURCE
#include <linux/if_addr.h>
#include <linux/fib_rules.h>
#include <linux/if_link.h>
#include <linux/neighbour.h>
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

#define A(t, k) [t] = { .name = #t, .kind = k }
#define AX(t, k, set, unk) [t] = { .name = #t, .kind = k, .names = set, .nnames = COUNT(set), .unknown = unk }
#define AN(t, table) [t] = { .name = #t, .kind = HY_NLA_NESTED, .nested = &table }
#define TABLE(specs, unk) { .spec = specs, .n = COUNT(specs), .unknown = unk }

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

/*
 * Per-family device settings (IFLA_AF_SPEC, AF_INET6's IFLA_PROTINFO): the
 * index names strace 6.1 knows, written out because the kernel headers of a
 * newer build machine name more.
 */
static const char *const ipv4_devconf[] = {
	"IPV4_DEVCONF_FORWARDING-1", "IPV4_DEVCONF_MC_FORWARDING-1", "IPV4_DEVCONF_PROXY_ARP-1",
	"IPV4_DEVCONF_ACCEPT_REDIRECTS-1", "IPV4_DEVCONF_SECURE_REDIRECTS-1",
	"IPV4_DEVCONF_SEND_REDIRECTS-1", "IPV4_DEVCONF_SHARED_MEDIA-1", "IPV4_DEVCONF_RP_FILTER-1",
	"IPV4_DEVCONF_ACCEPT_SOURCE_ROUTE-1", "IPV4_DEVCONF_BOOTP_RELAY-1",
	"IPV4_DEVCONF_LOG_MARTIANS-1", "IPV4_DEVCONF_TAG-1", "IPV4_DEVCONF_ARPFILTER-1",
	"IPV4_DEVCONF_MEDIUM_ID-1", "IPV4_DEVCONF_NOXFRM-1", "IPV4_DEVCONF_NOPOLICY-1",
	"IPV4_DEVCONF_FORCE_IGMP_VERSION-1", "IPV4_DEVCONF_ARP_ANNOUNCE-1",
	"IPV4_DEVCONF_ARP_IGNORE-1", "IPV4_DEVCONF_PROMOTE_SECONDARIES-1",
	"IPV4_DEVCONF_ARP_ACCEPT-1", "IPV4_DEVCONF_ARP_NOTIFY-1", "IPV4_DEVCONF_ACCEPT_LOCAL-1",
	"IPV4_DEVCONF_SRC_VMARK-1", "IPV4_DEVCONF_PROXY_ARP_PVLAN-1",
	"IPV4_DEVCONF_ROUTE_LOCALNET-1", "IPV4_DEVCONF_IGMPV2_UNSOLICITED_REPORT_INTERVAL-1",
	"IPV4_DEVCONF_IGMPV3_UNSOLICITED_REPORT_INTERVAL-1",
	"IPV4_DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN-1",
	"IPV4_DEVCONF_DROP_UNICAST_IN_L2_MULTICAST-1", "IPV4_DEVCONF_DROP_GRATUITOUS_ARP-1",
	"IPV4_DEVCONF_BC_FORWARDING-1", "IPV4_DEVCONF_ARP_EVICT_NOCARRIER-1",
};

static const char *const ipv6_devconf[] = {
	"DEVCONF_FORWARDING", "DEVCONF_HOPLIMIT", "DEVCONF_MTU6", "DEVCONF_ACCEPT_RA",
	"DEVCONF_ACCEPT_REDIRECTS", "DEVCONF_AUTOCONF", "DEVCONF_DAD_TRANSMITS",
	"DEVCONF_RTR_SOLICITS", "DEVCONF_RTR_SOLICIT_INTERVAL", "DEVCONF_RTR_SOLICIT_DELAY",
	"DEVCONF_USE_TEMPADDR", "DEVCONF_TEMP_VALID_LFT", "DEVCONF_TEMP_PREFERED_LFT",
	"DEVCONF_REGEN_MAX_RETRY", "DEVCONF_MAX_DESYNC_FACTOR", "DEVCONF_MAX_ADDRESSES",
	"DEVCONF_FORCE_MLD_VERSION", "DEVCONF_ACCEPT_RA_DEFRTR", "DEVCONF_ACCEPT_RA_PINFO",
	"DEVCONF_ACCEPT_RA_RTR_PREF", "DEVCONF_RTR_PROBE_INTERVAL",
	"DEVCONF_ACCEPT_RA_RT_INFO_MAX_PLEN", "DEVCONF_PROXY_NDP", "DEVCONF_OPTIMISTIC_DAD",
	"DEVCONF_ACCEPT_SOURCE_ROUTE", "DEVCONF_MC_FORWARDING", "DEVCONF_DISABLE_IPV6",
	"DEVCONF_ACCEPT_DAD", "DEVCONF_FORCE_TLLAO", "DEVCONF_NDISC_NOTIFY",
	"DEVCONF_MLDV1_UNSOLICITED_REPORT_INTERVAL", "DEVCONF_MLDV2_UNSOLICITED_REPORT_INTERVAL",
	"DEVCONF_SUPPRESS_FRAG_NDISC", "DEVCONF_ACCEPT_RA_FROM_LOCAL", "DEVCONF_USE_OPTIMISTIC",
	"DEVCONF_ACCEPT_RA_MTU", "DEVCONF_STABLE_SECRET", "DEVCONF_USE_OIF_ADDRS_ONLY",
	"DEVCONF_ACCEPT_RA_MIN_HOP_LIMIT", "DEVCONF_IGNORE_ROUTES_WITH_LINKDOWN",
	"DEVCONF_DROP_UNICAST_IN_L2_MULTICAST", "DEVCONF_DROP_UNSOLICITED_NA",
	"DEVCONF_KEEP_ADDR_ON_DOWN", "DEVCONF_RTR_SOLICIT_MAX_INTERVAL", "DEVCONF_SEG6_ENABLED",
	"DEVCONF_SEG6_REQUIRE_HMAC", "DEVCONF_ENHANCED_DAD", "DEVCONF_ADDR_GEN_MODE",
	"DEVCONF_DISABLE_POLICY", "DEVCONF_ACCEPT_RA_RT_INFO_MIN_PLEN", "DEVCONF_NDISC_TCLASS",
	"DEVCONF_RPL_SEG_ENABLED", "DEVCONF_RA_DEFRTR_METRIC", "DEVCONF_IOAM6_ENABLED",
	"DEVCONF_IOAM6_ID", "DEVCONF_IOAM6_ID_WIDE", "DEVCONF_NDISC_EVICT_NOCARRIER",
	"DEVCONF_ACCEPT_UNTRACKED_NA",
};

static const char *const ipstats_mib[] = {
	"IPSTATS_MIB_NUM", "IPSTATS_MIB_INPKTS", "IPSTATS_MIB_INOCTETS", "IPSTATS_MIB_INDELIVERS",
	"IPSTATS_MIB_OUTFORWDATAGRAMS", "IPSTATS_MIB_OUTPKTS", "IPSTATS_MIB_OUTOCTETS",
	"IPSTATS_MIB_INHDRERRORS", "IPSTATS_MIB_INTOOBIGERRORS", "IPSTATS_MIB_INNOROUTES",
	"IPSTATS_MIB_INADDRERRORS", "IPSTATS_MIB_INUNKNOWNPROTOS", "IPSTATS_MIB_INTRUNCATEDPKTS",
	"IPSTATS_MIB_INDISCARDS", "IPSTATS_MIB_OUTDISCARDS", "IPSTATS_MIB_OUTNOROUTES",
	"IPSTATS_MIB_REASMTIMEOUT", "IPSTATS_MIB_REASMREQDS", "IPSTATS_MIB_REASMOKS",
	"IPSTATS_MIB_REASMFAILS", "IPSTATS_MIB_FRAGOKS", "IPSTATS_MIB_FRAGFAILS",
	"IPSTATS_MIB_FRAGCREATES", "IPSTATS_MIB_INMCASTPKTS", "IPSTATS_MIB_OUTMCASTPKTS",
	"IPSTATS_MIB_INBCASTPKTS", "IPSTATS_MIB_OUTBCASTPKTS", "IPSTATS_MIB_INMCASTOCTETS",
	"IPSTATS_MIB_OUTMCASTOCTETS", "IPSTATS_MIB_INBCASTOCTETS", "IPSTATS_MIB_OUTBCASTOCTETS",
	"IPSTATS_MIB_CSUMERRORS", "IPSTATS_MIB_NOECTPKTS", "IPSTATS_MIB_ECT1PKTS",
	"IPSTATS_MIB_ECT0PKTS", "IPSTATS_MIB_CEPKTS", "IPSTATS_MIB_REASM_OVERLAPS",
};

static const char *const icmp6_mib[] = {
	"ICMP6_MIB_NUM",       "ICMP6_MIB_INMSGS",    "ICMP6_MIB_INERRORS",
	"ICMP6_MIB_OUTMSGS",   "ICMP6_MIB_OUTERRORS", "ICMP6_MIB_CSUMERRORS",
};

/* net/if_inet6.h's, not in the UAPI headers */
static const struct hy_nl_name in6_if_flags[] = {
	{ 0x10, "IF_RS_SENT" },	     { 0x20, "IF_RA_RCVD" }, { 0x40, "IF_RA_MANAGED" },
	{ 0x80, "IF_RA_OTHERCONF" }, { 0x80000000, "IF_READY" },
};

static const struct hy_nl_name in6_addr_gen_modes[] = {
	{ 0, "IN6_ADDR_GEN_MODE_EUI64" },
	{ 1, "IN6_ADDR_GEN_MODE_NONE" },
	{ 2, "IN6_ADDR_GEN_MODE_STABLE_PRIVACY" },
	{ 3, "IN6_ADDR_GEN_MODE_RANDOM" },
};

#define AI(t, k, names, unk) [t] = { .name = #t, .kind = k, .unknown = unk, .idx = names, .nidx = COUNT(names) }

static const struct hy_nla_spec ifla_inet[] = {
	A(IFLA_INET_UNSPEC, HY_NLA_HEX),
	AI(IFLA_INET_CONF, HY_NLA_IDX_S32, ipv4_devconf, "IPV4_DEVCONF_???"),
};

static const struct hy_nla_spec ifla_inet6[] = {
	A(IFLA_INET6_UNSPEC, HY_NLA_HEX),
	AX(IFLA_INET6_FLAGS, HY_NLA_FLAGS32, in6_if_flags, "IF_???"),
	AI(IFLA_INET6_CONF, HY_NLA_IDX_S32, ipv6_devconf, "DEVCONF_???"),
	AI(IFLA_INET6_STATS, HY_NLA_IDX_U64, ipstats_mib, "IPSTATS_MIB_???"),
	A(IFLA_INET6_MCAST, HY_NLA_HEX),
	A(IFLA_INET6_CACHEINFO, HY_NLA_INET6_CACHE),
	AI(IFLA_INET6_ICMP6STATS, HY_NLA_IDX_U64, icmp6_mib, "ICMP6_MIB_???"),
	A(IFLA_INET6_TOKEN, HY_NLA_IN6ADDR),
	AX(IFLA_INET6_ADDR_GEN_MODE, HY_NLA_ENUM8, in6_addr_gen_modes, "IN6_ADDR_GEN_MODE_???"),
};

static const struct hy_nla_table ifla_inet_table = TABLE(ifla_inet, "IFLA_INET_???");
static const struct hy_nla_table ifla_inet6_table = TABLE(ifla_inet6, "IFLA_INET6_???");

/* IFLA_AF_SPEC's attributes are typed by family: the value is that family's attributes */
static const struct hy_nla_spec af_spec[] = {
	[AF_INET] = { .kind = HY_NLA_NESTED, .nested = &ifla_inet_table },
	[AF_INET6] = { .kind = HY_NLA_NESTED, .nested = &ifla_inet6_table },
};

static const struct hy_nla_table af_spec_table = { .spec = af_spec,
						   .n = COUNT(af_spec),
						   .unknown = "AF_???",
						   .families = true };

static const struct hy_nla_table ifla_xdp_table = TABLE(ifla_xdp, "IFLA_XDP_???");
static const struct hy_nla_table ifla_info_table = TABLE(ifla_info, "IFLA_INFO_???");

/* IFLA_*: the types strace 6.1 names (up to IFLA_ALLMULTI) and the kinds it decodes */
static const struct hy_nla_spec ifla[] = {
	A(IFLA_UNSPEC, HY_NLA_HEX),		A(IFLA_ADDRESS, HY_NLA_HWADDR),
	A(IFLA_BROADCAST, HY_NLA_HWADDR),	A(IFLA_IFNAME, HY_NLA_STR),
	A(IFLA_MTU, HY_NLA_U32),		A(IFLA_LINK, HY_NLA_U32),
	A(IFLA_QDISC, HY_NLA_STR),		A(IFLA_STATS, HY_NLA_STATS32),
	A(IFLA_COST, HY_NLA_HEX),		A(IFLA_PRIORITY, HY_NLA_HEX),
	A(IFLA_MASTER, HY_NLA_U32),		A(IFLA_WIRELESS, HY_NLA_HEX),
	[IFLA_PROTINFO] = { .name = "IFLA_PROTINFO", .kind = HY_NLA_PROTINFO, .nested = &ifla_inet6_table },		A(IFLA_TXQLEN, HY_NLA_U32),
	A(IFLA_MAP, HY_NLA_IFMAP),		A(IFLA_WEIGHT, HY_NLA_U32),
	A(IFLA_OPERSTATE, HY_NLA_U8),		A(IFLA_LINKMODE, HY_NLA_U8),
	AN(IFLA_LINKINFO, ifla_info_table),		A(IFLA_NET_NS_PID, HY_NLA_U32),
	A(IFLA_IFALIAS, HY_NLA_STR),		A(IFLA_NUM_VF, HY_NLA_U32),
	A(IFLA_VFINFO_LIST, HY_NLA_HEX),	A(IFLA_STATS64, HY_NLA_STATS64),
	A(IFLA_VF_PORTS, HY_NLA_HEX),		A(IFLA_PORT_SELF, HY_NLA_HEX),
	[IFLA_AF_SPEC] = { .name = "IFLA_AF_SPEC", .kind = HY_NLA_AF_SPEC, .nested = &af_spec_table },		A(IFLA_GROUP, HY_NLA_U32),
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

/* clang-format off */
static const struct hy_nl_name nud_states[] = {
	N(NUD_INCOMPLETE), N(NUD_REACHABLE), N(NUD_STALE), N(NUD_DELAY), N(NUD_PROBE),
	N(NUD_FAILED), N(NUD_NOARP), N(NUD_PERMANENT),
};

static const struct hy_nl_name ntf_flags[] = {
	N(NTF_USE), N(NTF_SELF), N(NTF_MASTER), N(NTF_PROXY), N(NTF_EXT_LEARNED),
	N(NTF_OFFLOADED), N(NTF_STICKY), N(NTF_ROUTER),
};

static const struct hy_nl_name fr_actions[] = {
	N(FR_ACT_UNSPEC), N(FR_ACT_TO_TBL), N(FR_ACT_GOTO), N(FR_ACT_NOP), N(FR_ACT_RES3),
	N(FR_ACT_RES4), N(FR_ACT_BLACKHOLE), N(FR_ACT_UNREACHABLE), N(FR_ACT_PROHIBIT),
};

static const struct hy_nl_name fib_rule_flags[] = {
	N(FIB_RULE_PERMANENT), N(FIB_RULE_INVERT), N(FIB_RULE_UNRESOLVED),
	N(FIB_RULE_IIF_DETACHED), N(FIB_RULE_OIF_DETACHED), N(FIB_RULE_FIND_SADDR),
};

/* NDA_*: strace 6.1's names up to NDA_NH_ID; NDA_PORT (be16) and the rest in hex */
static const struct hy_nla_spec nda[] = {
	A(NDA_UNSPEC, HY_NLA_HEX),		A(NDA_DST, HY_NLA_INADDR),
	A(NDA_LLADDR, HY_NLA_HWADDR),		A(NDA_CACHEINFO, HY_NLA_NDA_CACHE),
	A(NDA_PROBES, HY_NLA_U32),		A(NDA_VLAN, HY_NLA_U16),
	A(NDA_PORT, HY_NLA_HEX),		A(NDA_VNI, HY_NLA_U32),
	A(NDA_IFINDEX, HY_NLA_IFINDEX),		A(NDA_MASTER, HY_NLA_IFINDEX),
	A(NDA_LINK_NETNSID, HY_NLA_S32),	A(NDA_SRC_VNI, HY_NLA_U32),
	A(NDA_PROTOCOL, HY_NLA_U8),		A(NDA_NH_ID, HY_NLA_U32),
};

/* FRA_*: the port and uid ranges and the tunnel id in hex */
static const struct hy_nla_spec fra[] = {
	A(FRA_UNSPEC, HY_NLA_HEX),		A(FRA_DST, HY_NLA_INADDR),
	A(FRA_SRC, HY_NLA_INADDR),		A(FRA_IIFNAME, HY_NLA_STR),
	A(FRA_GOTO, HY_NLA_U32),		A(FRA_UNUSED2, HY_NLA_HEX),
	A(FRA_PRIORITY, HY_NLA_U32),		A(FRA_UNUSED3, HY_NLA_HEX),
	A(FRA_UNUSED4, HY_NLA_HEX),		A(FRA_UNUSED5, HY_NLA_HEX),
	A(FRA_FWMARK, HY_NLA_U32),		A(FRA_FLOW, HY_NLA_HEX),
	A(FRA_TUN_ID, HY_NLA_HEX),		A(FRA_SUPPRESS_IFGROUP, HY_NLA_U32),
	A(FRA_SUPPRESS_PREFIXLEN, HY_NLA_U32),
	AX(FRA_TABLE, HY_NLA_ENUM32, rt_tables, NULL),
	A(FRA_FWMASK, HY_NLA_U32),		A(FRA_OIFNAME, HY_NLA_STR),
	A(FRA_PAD, HY_NLA_HEX),			A(FRA_L3MDEV, HY_NLA_U8),
	A(FRA_UID_RANGE, HY_NLA_HEX),
	AX(FRA_PROTOCOL, HY_NLA_ENUM8, rt_protos, "RTPROT_???"),
	A(FRA_IP_PROTO, HY_NLA_HEX),		A(FRA_SPORT_RANGE, HY_NLA_HEX),
	A(FRA_DPORT_RANGE, HY_NLA_HEX),
};
/* clang-format on */

static const struct hy_nla_table nda_table = TABLE(nda, "NDA_???");
static const struct hy_nla_table fra_table = TABLE(fra, "FRA_???");
static const struct hy_nla_table ifla_table = TABLE(ifla, "IFLA_???");
static const struct hy_nla_table ifa_table = TABLE(ifa, "IFA_???");
static const struct hy_nla_table rta_table = TABLE(rta, "RTA_???");

static void put_ifinfomsg(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct ifinfomsg ifi = { .ifi_family = family };

	if (!hy_nl_body_struct(d, "ifi_family", off, len, &ifi, sizeof(ifi)))
		return;
	hy_pr_puts(d->p, "ifi_type=");
	hy_pr_arphrd(d->p, ifi.ifi_type);
	hy_pr_puts(d->p, ", ifi_index=");
	hy_nl_ifindex(d->p, (uint32_t)ifi.ifi_index);
	hy_pr_puts(d->p, ", ifi_flags=");
	hy_pr_flags(d->p, HY_X_IFF_FLAGS, ifi.ifi_flags, NULL);
	hy_pr_puts(d->p, ", ifi_change=");
	hy_pr_flags(d->p, HY_X_IFF_FLAGS, ifi.ifi_change, NULL);
	hy_pr_putc(d->p, '}');
	hy_nl_body_attrs(d, off, len, sizeof(ifi), &ifla_table, family);
}

static void put_ifaddrmsg(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct ifaddrmsg ifa = { .ifa_family = family };

	if (!hy_nl_body_struct(d, "ifa_family", off, len, &ifa, sizeof(ifa)))
		return;
	hy_pr_printf(d->p, "ifa_prefixlen=%u, ifa_flags=", ifa.ifa_prefixlen);
	hy_nl_flags(d->p, ifa_flags, COUNT(ifa_flags), ifa.ifa_flags, "IFA_F_???");
	hy_pr_puts(d->p, ", ifa_scope=");
	hy_nl_enum(d->p, rt_scopes, COUNT(rt_scopes), ifa.ifa_scope, NULL);
	hy_pr_puts(d->p, ", ifa_index=");
	hy_nl_ifindex(d->p, ifa.ifa_index);
	hy_pr_putc(d->p, '}');
	hy_nl_body_attrs(d, off, len, sizeof(ifa), &ifa_table, family);
}

static void put_rtmsg(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct rtmsg rtm = { .rtm_family = family };

	if (!hy_nl_body_struct(d, "rtm_family", off, len, &rtm, sizeof(rtm)))
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
	hy_nl_body_attrs(d, off, len, sizeof(rtm), &rta_table, family);
}

static void put_ndmsg(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct ndmsg ndm = { .ndm_family = family };

	if (!hy_nl_body_struct(d, "ndm_family", off, len, &ndm, sizeof(ndm)))
		return;
	hy_pr_puts(d->p, "ndm_ifindex=");
	hy_nl_ifindex(d->p, (uint32_t)ndm.ndm_ifindex);
	hy_pr_puts(d->p, ", ndm_state=");
	if (ndm.ndm_state)
		hy_nl_flags(d->p, nud_states, COUNT(nud_states), ndm.ndm_state, "NUD_???");
	else
		hy_pr_puts(d->p, "NUD_NONE");
	hy_pr_puts(d->p, ", ndm_flags=");
	hy_nl_flags(d->p, ntf_flags, COUNT(ntf_flags), ndm.ndm_flags, "NTF_???");
	hy_pr_puts(d->p, ", ndm_type=");
	hy_nl_enum(d->p, rtn_types, COUNT(rtn_types), ndm.ndm_type, "RTN_???");
	hy_pr_putc(d->p, '}');
	hy_nl_body_attrs(d, off, len, sizeof(ndm), &nda_table, family);
}

static void put_fib_rule_hdr(struct hy_nl_data *d, uint8_t family, size_t off, size_t len)
{
	struct fib_rule_hdr fr = { .family = family };

	if (!hy_nl_body_struct(d, "family", off, len, &fr, sizeof(fr)))
		return;
	hy_pr_printf(d->p, "dst_len=%u, src_len=%u, tos=%u, table=", fr.dst_len, fr.src_len,
		     fr.tos);
	hy_nl_enum(d->p, rt_tables, COUNT(rt_tables), fr.table, NULL);
	hy_pr_puts(d->p, ", action=");
	hy_nl_enum(d->p, fr_actions, COUNT(fr_actions), fr.action, "FR_ACT_???");
	hy_pr_puts(d->p, ", flags=");
	hy_nl_flags(d->p, fib_rule_flags, COUNT(fib_rule_flags), fr.flags, "FIB_RULE_???");
	hy_pr_putc(d->p, '}');
	hy_nl_body_attrs(d, off, len, sizeof(fr), &fra_table, family);
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
	else if (type >= RTM_NEWNEIGH && type <= RTM_GETNEIGH)
		put = put_ndmsg;
	else if (type >= RTM_NEWRULE && type <= RTM_GETRULE)
		put = put_fib_rule_hdr;
	else
		return false;
	/* strace reads the family first: what it cannot read prints as the address */
	if (!hy_nl_fetch(d, off, &family, 1))
		hy_pr_ptr(d->p, d->addr + off);
	else
		put(d, family, off, len);
	return true;
}

void hy_pr_arphrd(struct hy_printer *p, uint32_t type)
{
	hy_nl_enum(p, arphrd, COUNT(arphrd), type, "ARPHRD_???");
}
