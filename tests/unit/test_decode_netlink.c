// SPDX-License-Identifier: MIT
/*
 * Netlink attributes and NETLINK_ROUTE bodies (decode_nlattr.c, decode_rtnl.c)
 * from bytes given here: strace 6.1's lines for the same bytes, and hostile
 * lengths (zero, past the call's end, past what was captured) that must end
 * the walk the way strace ends it.
 */
#define _GNU_SOURCE
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>

#include <cmocka.h>

#include "decode/netlink_data.h"
#include "decode/printer.h"

static char out[8192];
static uint8_t msg[512] __attribute__((aligned(4)));
static size_t used;

static void reset(void)
{
	memset(msg, 0, sizeof(msg));
	used = 0;
}

static void put(const void *data, size_t len)
{
	memcpy(msg + used, data, len);
	used += NLA_ALIGN(len);
}

static void attr(uint16_t type, const void *data, uint16_t len)
{
	struct nlattr a = { .nla_len = NLA_HDRLEN + len, .nla_type = type };

	memcpy(msg + used, &a, sizeof(a));
	memcpy(msg + used + NLA_HDRLEN, data, len);
	used += NLA_ALIGN(a.nla_len);
}

/* A route body of @len bytes (@have of them captured) as the printer shows it. */
static const char *body(uint16_t type, size_t len, size_t have, unsigned int strsize, bool verbose)
{
	struct hy_printer p;
	struct hy_nl_data d = {
		.p = &p, .buf = msg, .have = have, .addr = 0x1000, .proto = NETLINK_ROUTE
	};

	hy_pr_init(&p, out, sizeof(out), strsize);
	p.verbose = verbose;
	assert_true(hy_nl_rtnl_body(&d, type, 0, len));
	return out;
}

static void test_ifaddrmsg_attrs(void **state)
{
	struct ifaddrmsg ifa = { .ifa_family = AF_INET,
				 .ifa_prefixlen = 8,
				 .ifa_flags = IFA_F_PERMANENT,
				 .ifa_scope = RT_SCOPE_HOST };
	uint8_t lo[4] = { 127, 0, 0, 1 };
	uint32_t flags = IFA_F_PERMANENT;

	(void)state;
	reset();
	put(&ifa, sizeof(ifa));
	attr(IFA_ADDRESS, lo, 4);
	attr(IFA_LABEL, "lo", 3);
	attr(IFA_FLAGS, &flags, 4);
	attr(IFA_PROTO, "\x01", 1);
	assert_string_equal(body(RTM_NEWADDR, used, used, 32, false),
			    "{ifa_family=AF_INET, ifa_prefixlen=8, ifa_flags=IFA_F_PERMANENT, "
			    "ifa_scope=RT_SCOPE_HOST, ifa_index=0}, "
			    "[[{nla_len=8, nla_type=IFA_ADDRESS}, inet_addr(\"127.0.0.1\")], "
			    "[{nla_len=7, nla_type=IFA_LABEL}, \"lo\"], "
			    "[{nla_len=8, nla_type=IFA_FLAGS}, IFA_F_PERMANENT], "
			    "[{nla_len=5, nla_type=IFA_PROTO}, \"\\x01\"]]");
	/* -s 2: two attributes, then "..." (not with -v) */
	assert_string_equal(body(RTM_NEWADDR, used, used, 2, false),
			    "{ifa_family=AF_INET, ifa_prefixlen=8, ifa_flags=IFA_F_PERMANENT, "
			    "ifa_scope=RT_SCOPE_HOST, ifa_index=0}, "
			    "[[{nla_len=8, nla_type=IFA_ADDRESS}, inet_addr(\"127.0.0.1\")], "
			    "[{nla_len=7, nla_type=IFA_LABEL}, \"lo\"...], ...]");
	assert_non_null(strstr(body(RTM_NEWADDR, used, used, 2, true), "IFA_PROTO"));
}

/* An attribute whose value, or the next attribute, was not captured: its address. */
static void test_past_the_capture(void **state)
{
	struct ifinfomsg ifi = { .ifi_family = AF_UNSPEC };
	uint32_t mtu = 1500;

	(void)state;
	reset();
	put(&ifi, sizeof(ifi));
	attr(IFLA_MTU, &mtu, 4);
	attr(IFLA_IFNAME, "eth0", 5);
	/* the call said 64 bytes; the capture holds the struct and the first attribute */
	assert_string_equal(body(RTM_NEWLINK, 64, sizeof(ifi) + 8, 32, false),
			    "{ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=0, "
			    "ifi_flags=0, ifi_change=0}, [[{nla_len=8, nla_type=IFLA_MTU}, 1500], "
			    "... /* 0x1018 */]");
	/* the second header captured, its value not */
	assert_string_equal(body(RTM_NEWLINK, 64, sizeof(ifi) + 12, 32, false),
			    "{ifi_family=AF_UNSPEC, ifi_type=ARPHRD_NETROM, ifi_index=0, "
			    "ifi_flags=0, ifi_change=0}, [[{nla_len=8, nla_type=IFLA_MTU}, 1500], "
			    "[{nla_len=9, nla_type=IFLA_IFNAME}, 0x101c], ... /* 0x1024 */]");
}

/* Lengths a hostile guest writes: zero, shorter than a header, past the call's end. */
static void test_hostile_lengths(void **state)
{
	struct rtmsg rtm = { .rtm_family = AF_INET6, .rtm_table = RT_TABLE_MAIN };
	struct nlattr zero = { 0 }, big = { .nla_len = 400, .nla_type = RTA_DST };

	(void)state;
	reset();
	put(&rtm, sizeof(rtm));
	put(&zero, sizeof(zero));
	assert_string_equal(body(RTM_NEWROUTE, used + 8, used + 8, 32, false),
			    "{rtm_family=AF_INET6, rtm_dst_len=0, rtm_src_len=0, rtm_tos=0, "
			    "rtm_table=RT_TABLE_MAIN, rtm_protocol=RTPROT_UNSPEC, "
			    "rtm_scope=RT_SCOPE_UNIVERSE, rtm_type=RTN_UNSPEC, rtm_flags=0}, "
			    "{nla_len=0, nla_type=RTA_UNSPEC}");
	reset();
	put(&rtm, sizeof(rtm));
	put(&big, sizeof(big));
	memset(msg + used, 0xab, 16);
	used += 16;
	/* cut at the call's length: 16 bytes of a 396-byte value, too short for an address */
	assert_string_equal(body(RTM_NEWROUTE, used, used, 32, false),
			    "{rtm_family=AF_INET6, rtm_dst_len=0, rtm_src_len=0, rtm_tos=0, "
			    "rtm_table=RT_TABLE_MAIN, rtm_protocol=RTPROT_UNSPEC, "
			    "rtm_scope=RT_SCOPE_UNIVERSE, rtm_type=RTN_UNSPEC, rtm_flags=0}, "
			    "[{nla_len=400, nla_type=RTA_DST}, inet_pton(AF_INET6, "
			    "\"abab:abab:abab:abab:abab:abab:abab:abab\")]");
	/* a body shorter than its struct */
	assert_string_equal(body(RTM_NEWROUTE, 3, 3, 32, false), "{rtm_family=AF_INET6, ...}");
	/* three bytes after the struct (the big header's first): no room for a header */
	assert_string_equal(body(RTM_NEWROUTE, sizeof(rtm) + 3, sizeof(rtm) + 3, 32, false),
			    "{rtm_family=AF_INET6, rtm_dst_len=0, rtm_src_len=0, rtm_tos=0, "
			    "rtm_table=RT_TABLE_MAIN, rtm_protocol=RTPROT_UNSPEC, "
			    "rtm_scope=RT_SCOPE_UNIVERSE, rtm_type=RTN_UNSPEC, rtm_flags=0}, "
			    "\"\\x90\\x01\\x01\"");
}

/* The body helpers every family-led struct shares (rtnl's and sock_diag's). */
static void test_body_helpers(void **state)
{
	static const struct hy_nla_spec specs[] = { [IFLA_MTU] = { "IFLA_MTU", HY_NLA_U32 } };
	static const struct hy_nla_table t = { specs, 1 + IFLA_MTU, "IFLA_???", false };
	struct rtgenmsg g = { .rtgen_family = AF_INET }, s;
	uint32_t mtu = 1500;
	struct hy_printer p;
	struct hy_nl_data d = { .p = &p, .buf = msg, .addr = 0x1000, .proto = NETLINK_ROUTE };

	(void)state;
	reset();
	put(&g, sizeof(g));
	attr(IFLA_MTU, &mtu, sizeof(mtu));
	d.have = used;
	hy_pr_init(&p, out, sizeof(out), 32);
	s = (struct rtgenmsg){ .rtgen_family = AF_INET };
	assert_true(hy_nl_body_struct(&d, "f", 0, used, &s, sizeof(s)));
	hy_pr_puts(&p, "x}");
	hy_nl_body_attrs(&d, 0, used, sizeof(s), &t, AF_INET);
	assert_string_equal(out, "{f=AF_INET, x}, [{nla_len=8, nla_type=IFLA_MTU}, 1500]");
	/* a body of the struct alone has no attributes to print */
	hy_pr_init(&p, out, sizeof(out), 32);
	hy_nl_body_attrs(&d, 0, NLMSG_ALIGN(sizeof(s)), sizeof(s), &t, AF_INET);
	assert_string_equal(out, "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ifaddrmsg_attrs),
		cmocka_unit_test(test_past_the_capture),
		cmocka_unit_test(test_hostile_lengths),
		cmocka_unit_test(test_body_helpers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
