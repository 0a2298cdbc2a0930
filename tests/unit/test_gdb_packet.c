// SPDX-License-Identifier: MIT
/*
 * GDB's remote protocol on the wire (user/ptrace/gdb_packet.c), over a socket
 * pair: packets with their checksums and acknowledgements, a bad checksum asked
 * for again, Ctrl-C between packets, a packet split across reads, hex and the
 * binary escaping of qXfer and X, and gdb's signal numbers.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "ptrace/gdb_packet.h"

struct pair {
	struct hy_gdb_conn c; /* our end */
	int peer;	      /* gdb's end */
};

static int setup(void **state)
{
	struct pair *p = calloc(1, sizeof(*p));
	int sv[2];

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	p->c.fd = sv[0];
	p->peer = sv[1];
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	struct pair *p = *state;

	hy_gdb_conn_free(&p->c);
	close(p->c.fd);
	close(p->peer);
	free(p);
	return 0;
}

static void peer_says(struct pair *p, const char *bytes)
{
	assert_int_equal(write(p->peer, bytes, strlen(bytes)), (ssize_t)strlen(bytes));
}

/* What gdb's end received, as a string. */
static const char *peer_got(struct pair *p)
{
	static char buf[256];
	ssize_t n = read(p->peer, buf, sizeof(buf) - 1);

	assert_true(n >= 0);
	buf[n] = 0;
	return buf;
}

static void test_send_frames_with_checksum(void **state)
{
	struct pair *p = *state;

	assert_int_equal(hy_gdb_send_str(&p->c, "OK"), 0);
	assert_string_equal(peer_got(p), "$OK#9a");
	assert_int_equal(hy_gdb_send(&p->c, "", 0), 0);
	assert_string_equal(peer_got(p), "$#00");
}

static void test_recv_acks_and_returns_the_packet(void **state)
{
	struct pair *p = *state;
	char buf[64];

	peer_says(p, "+$qC#b4");
	assert_int_equal(hy_gdb_recv(&p->c, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "qC");
	assert_string_equal(peer_got(p), "+");
}

static void test_bad_checksum_is_asked_again(void **state)
{
	struct pair *p = *state;
	char buf[64];

	peer_says(p, "$qC#00$qC#b4");
	assert_int_equal(hy_gdb_recv(&p->c, buf, sizeof(buf)), 2);
	assert_string_equal(peer_got(p), "-+");
}

static void test_no_ack_mode_sends_no_plus(void **state)
{
	struct pair *p = *state;
	char buf[64];

	p->c.noack = true;
	peer_says(p, "$g#67");
	assert_int_equal(hy_gdb_recv(&p->c, buf, sizeof(buf)), 1);
	assert_int_equal(hy_gdb_send_str(&p->c, "E01"), 0);
	assert_string_equal(peer_got(p), "$E01#a6");
}

static void test_nak_sends_the_last_packet_again(void **state)
{
	struct pair *p = *state;
	char buf[64];

	hy_gdb_send_str(&p->c, "S05");
	assert_string_equal(peer_got(p), "$S05#b8");
	peer_says(p, "-$?#3f");
	assert_int_equal(hy_gdb_recv(&p->c, buf, sizeof(buf)), 1);
	assert_string_equal(peer_got(p), "$S05#b8+");
}

static void test_interrupt_between_packets(void **state)
{
	struct pair *p = *state;
	char buf[64];

	peer_says(p, "\x03$c#63");
	assert_true(hy_gdb_pending(&p->c) == false); /* nothing read yet */
	assert_int_equal(hy_gdb_recv(&p->c, buf, sizeof(buf)), HY_GDB_INTERRUPT);
	assert_true(hy_gdb_pending(&p->c));
	assert_int_equal(hy_gdb_recv(&p->c, buf, sizeof(buf)), 1);
	assert_string_equal(buf, "c");
	assert_false(hy_gdb_pending(&p->c));
}

static void test_packet_split_across_reads(void **state)
{
	struct pair *p = *state;
	char buf[64];

	peer_says(p, "$m1000,");
	/* the rest arrives while hy_gdb_recv waits for it */
	peer_says(p, "4#8e");
	assert_int_equal(hy_gdb_recv(&p->c, buf, sizeof(buf)), 7);
	assert_string_equal(buf, "m1000,4");
}

static void test_closed_connection(void **state)
{
	struct pair *p = *state;
	char buf[64];

	shutdown(p->peer, SHUT_WR);
	assert_int_equal(hy_gdb_recv(&p->c, buf, sizeof(buf)), 0);
}

static void test_hex_both_ways(void **state)
{
	uint8_t bytes[4] = { 0x00, 0x7f, 0xab, 0xff }, back[4];
	char hex[16];

	(void)state;
	assert_ptr_equal(hy_gdb_hex(hex, bytes, 4), hex + 8);
	assert_string_equal(hex, "007fabff");
	assert_int_equal(hy_gdb_unhex("007FabFF", 8, back, 4), 4);
	assert_memory_equal(back, bytes, 4);
	assert_int_equal(hy_gdb_unhex("0g", 2, back, 4), -1);
	assert_int_equal(hy_gdb_unhex("00112233", 8, back, 2), 2); /* at most max */
}

static void test_binary_escaping(void **state)
{
	const char data[] = { 'a', '#', '$', '}', '*', 'z' };
	char out[32], x[32];
	size_t used;

	(void)state;
	assert_int_equal(hy_gdb_escape(out, sizeof(out), data, sizeof(data), &used), 6);
	assert_int_equal(used, 10);
	assert_memory_equal(out, "a}\x03}\x04}]}\x0az", 10);
	memcpy(x, out, used);
	assert_int_equal(hy_gdb_unescape(x, used), 6);
	assert_memory_equal(x, data, 6);
	/* an escape never splits: what fits is whole bytes */
	assert_int_equal(hy_gdb_escape(out, 2, data, sizeof(data), &used), 1);
	assert_int_equal(used, 1);
}

static void test_signal_numbers(void **state)
{
	(void)state;
	assert_int_equal(hy_gdb_signal_to_gdb(SIGTRAP), 5);
	assert_int_equal(hy_gdb_signal_to_gdb(SIGSEGV), 11);
	assert_int_equal(hy_gdb_signal_to_gdb(SIGUSR1), 30);
	assert_int_equal(hy_gdb_signal_to_gdb(SIGCHLD), 20);
	assert_int_equal(hy_gdb_signal_to_gdb(SIGBUS), 10);
	assert_int_equal(hy_gdb_signal_to_gdb(32), 77);
	assert_int_equal(hy_gdb_signal_to_gdb(34), 46);
	assert_int_equal(hy_gdb_signal_to_gdb(64), 78);
	assert_int_equal(hy_gdb_signal_to_gdb(0), 0);
	for (int sig = 1; sig <= 64; sig++)
		if (sig != SIGSTKFLT) /* gdb has no number for it */
			assert_int_equal(hy_gdb_signal_from_gdb(hy_gdb_signal_to_gdb(sig)), sig);
	assert_int_equal(hy_gdb_signal_from_gdb(0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_send_frames_with_checksum, setup, teardown),
		cmocka_unit_test_setup_teardown(test_recv_acks_and_returns_the_packet, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_bad_checksum_is_asked_again, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_ack_mode_sends_no_plus, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nak_sends_the_last_packet_again, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_interrupt_between_packets, setup, teardown),
		cmocka_unit_test_setup_teardown(test_packet_split_across_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closed_connection, setup, teardown),
		cmocka_unit_test(test_hex_both_ways),
		cmocka_unit_test(test_binary_escaping),
		cmocka_unit_test(test_signal_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
