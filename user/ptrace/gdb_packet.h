/* SPDX-License-Identifier: MIT */
/*
 * GDB's remote serial protocol on the wire: "$data#checksum" packets, their
 * acknowledgements, the interrupt byte, hex and binary escaping (internal to
 * user/ptrace/).
 */
#ifndef HY_GDB_PACKET_H
#define HY_GDB_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define HY_GDB_PACKET_MAX 0x4000 /* PacketSize we offer gdb */
#define HY_GDB_INTERRUPT (-2)	 /* hy_gdb_recv(): gdb sent Ctrl-C (0x03) */

struct hy_gdb_conn {
	int fd;
	bool noack; /* after QStartNoAckMode: no '+' either way */
	char in[2 * HY_GDB_PACKET_MAX];
	size_t in_len;
	char *last; /* the last packet sent, for a '-' */
	size_t last_len;
};

/**
 * The next packet from @c into @buf (NUL-terminated, @size bytes at most),
 * reading the socket as needed. Returns its length, HY_GDB_INTERRUPT, 0 when
 * gdb closed the connection, or -errno.
 */
ssize_t hy_gdb_recv(struct hy_gdb_conn *c, char *buf, size_t size);
/** Whether a whole packet (or an interrupt) is already buffered. */
bool hy_gdb_pending(const struct hy_gdb_conn *c);
/** Send @len bytes of @data as one packet. Returns 0 or -errno. */
int hy_gdb_send(struct hy_gdb_conn *c, const char *data, size_t len);
/** Send a NUL-terminated string as one packet. */
int hy_gdb_send_str(struct hy_gdb_conn *c, const char *s);
void hy_gdb_conn_free(struct hy_gdb_conn *c);

/** @len bytes as 2*@len hex digits at @out (NUL-terminated); returns @out's end. */
char *hy_gdb_hex(char *out, const void *data, size_t len);
/** Hex digits to bytes: at most @max of them; returns how many, or -1 on a bad digit. */
ssize_t hy_gdb_unhex(const char *hex, size_t nhex, void *out, size_t max);
/**
 * @len bytes escaped for a binary reply ('#', '$', '}', '*' as '}' and the byte
 * xor 0x20) into @out of @size bytes; returns how many input bytes fitted.
 */
size_t hy_gdb_escape(char *out, size_t size, const void *data, size_t len, size_t *out_len);
/** Undo the escaping of an X packet's data in place; returns the length. */
size_t hy_gdb_unescape(char *data, size_t len);

/** A Linux signal as the protocol numbers it (gdb's own numbering), and back (0: none). */
int hy_gdb_signal_to_gdb(int sig);
int hy_gdb_signal_from_gdb(int gsig);

#endif
