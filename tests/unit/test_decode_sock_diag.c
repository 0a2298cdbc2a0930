// SPDX-License-Identifier: MIT
/*
 * NETLINK_SOCK_DIAG's answers (decode_sock_diag.c) from bytes given here:
 * strace 6.1's lines for the same bytes (taken from its dumps of this
 * machine's sockets). The requests are in the fidelity corpus (net.c), whose
 * answers echo them; an answer's inodes and cookies differ from run to run.
 */
#define _GNU_SOURCE
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <linux/unix_diag.h>
#include <netinet/tcp.h>
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

/* An answer's body (no NLM_F_REQUEST) as the printer shows it. */
static const char *answer(bool verbose)
{
	struct hy_printer p;
	struct hy_nl_data d = {
		.p = &p, .buf = msg, .have = used, .addr = 0x1000, .proto = NETLINK_SOCK_DIAG
	};

	hy_pr_init(&p, out, sizeof(out), 32);
	p.verbose = verbose;
	assert_true(hy_nl_sock_diag_body(&d, NLM_F_MULTI, 0, used));
	return out;
}

static void test_unix_diag_msg(void **state)
{
	struct unix_diag_msg m = { .udiag_family = AF_UNIX,
				   .udiag_type = SOCK_STREAM,
				   .udiag_state = TCP_ESTABLISHED,
				   .udiag_ino = 1083,
				   .udiag_cookie = { 4098, 0 } };
	uint32_t peer = 1084, rqlen[2] = { 0, 0 }, icons[2] = { 302880, 302881 };
	uint32_t vfs[2] = { 10953939, 0x0fe00000 };

	(void)state;
	reset();
	put(&m, sizeof(m));
	attr(UNIX_DIAG_PEER, &peer, 4);
	attr(UNIX_DIAG_RQLEN, rqlen, 8);
	attr(UNIX_DIAG_SHUTDOWN, "", 1);
	assert_string_equal(
		answer(false),
		"{udiag_family=AF_UNIX, udiag_type=SOCK_STREAM, "
		"udiag_state=TCP_ESTABLISHED, udiag_ino=1083, udiag_cookie=[4098, 0]}, "
		"[[{nla_len=8, nla_type=UNIX_DIAG_PEER}, 1084], "
		"[{nla_len=12, nla_type=UNIX_DIAG_RQLEN}, {udiag_rqueue=0, udiag_wqueue=0}], "
		"[{nla_len=5, nla_type=UNIX_DIAG_SHUTDOWN}, 0]]");
	reset();
	m.udiag_state = TCP_LISTEN;
	put(&m, sizeof(m));
	attr(UNIX_DIAG_VFS, vfs, 8);
	attr(UNIX_DIAG_ICONS, icons, 8);
	assert_string_equal(answer(false),
			    "{udiag_family=AF_UNIX, udiag_type=SOCK_STREAM, "
			    "udiag_state=TCP_LISTEN, udiag_ino=1083, udiag_cookie=[4098, 0]}, "
			    "[[{nla_len=12, nla_type=UNIX_DIAG_VFS}, "
			    "{udiag_vfs_dev=makedev(0, 0xfe00), udiag_vfs_ino=10953939}], "
			    "[{nla_len=12, nla_type=UNIX_DIAG_ICONS}, [302880, 302881]]]");
}

static void test_inet_diag_msg(void **state)
{
	struct inet_diag_msg m = { .idiag_family = AF_INET,
				   .idiag_state = TCP_LISTEN,
				   .id = { .idiag_sport = 0x1338, /* htons(14355) */
					   .idiag_src = { 0x0100007f },
					   .idiag_cookie = { 108, 0 } },
				   .idiag_wqueue = 5,
				   .idiag_inode = 281597 };
	uint8_t sockopt[2] = { 0x52, 0 };
	uint32_t meminfo[4] = { 0, 0, 0, 0 };

	(void)state;
	reset();
	put(&m, sizeof(m));
	attr(INET_DIAG_SHUTDOWN, "", 1);
	attr(INET_DIAG_SOCKOPT, sockopt, 2);
	attr(INET_DIAG_MEMINFO, meminfo, 16);
	assert_string_equal(
		answer(false),
		"{idiag_family=AF_INET, idiag_state=TCP_LISTEN, idiag_timer=0, idiag_retrans=0, "
		"id={idiag_sport=htons(14355), idiag_dport=htons(0), "
		"idiag_src=inet_addr(\"127.0.0.1\"), idiag_dst=inet_addr(\"0.0.0.0\"), idiag_if=0, "
		"idiag_cookie=[108, 0]}, idiag_expires=0, idiag_rqueue=0, idiag_wqueue=5, "
		"idiag_uid=0, idiag_inode=281597}, "
		"[[{nla_len=5, nla_type=INET_DIAG_SHUTDOWN}, 0], "
		"[{nla_len=6, nla_type=INET_DIAG_SOCKOPT}, {is_icsk=1, mc_loop=1, mc_all=1}], "
		"[{nla_len=20, nla_type=INET_DIAG_MEMINFO}, "
		"{idiag_rmem=0, idiag_wmem=0, idiag_fmem=0, idiag_tmem=0}]]");
	/* -v: every bit field */
	assert_non_null(strstr(answer(true), "{recverr=0, is_icsk=1, freebind=0, hdrincl=0, "
					     "mc_loop=1, transparent=0, mc_all=1, nodefrag=0, "
					     "bind_address_no_port=0, recverr_rfc4884=0, "
					     "defer_connect=0, unused=0 /* bits 3..8 */}"));
}

/* A body shorter than its struct, and one not captured past its family. */
static void test_short_bodies(void **state)
{
	struct hy_printer p;
	struct hy_nl_data d = {
		.p = &p, .buf = msg, .have = 1, .addr = 0x1000, .proto = NETLINK_SOCK_DIAG
	};

	(void)state;
	reset();
	msg[0] = AF_UNIX;
	hy_pr_init(&p, out, sizeof(out), 32);
	assert_true(hy_nl_sock_diag_body(&d, NLM_F_REQUEST, 0, 3));
	assert_string_equal(out, "{sdiag_family=AF_UNIX, ...}");
	hy_pr_init(&p, out, sizeof(out), 32);
	assert_true(hy_nl_sock_diag_body(&d, NLM_F_REQUEST, 0, sizeof(struct unix_diag_req)));
	assert_string_equal(out, "{sdiag_family=AF_UNIX, 0x1001}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unix_diag_msg),
		cmocka_unit_test(test_inet_diag_msg),
		cmocka_unit_test(test_short_bodies),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
