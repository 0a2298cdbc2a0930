// SPDX-License-Identifier: MIT
/*
 * The gdb server's protocol thread. It accepts one gdb at a time, reads its
 * packets and hands each to the tracer's thread, which alone may make ptrace
 * requests: the packet goes into a one-slot mailbox, the loop is woken the way
 * hy_resume() wakes it (a signal that interrupts its wait), and the thread
 * waits for the reply. The loop never waits for gdb: a resumption is answered
 * later, when the process stops, through a pipe the loop writes a byte to.
 * A packet costs a wake-up of the loop (microseconds; up to one drain period,
 * 10 ms, in the rare case the signal races with the start of the wait).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "error.h"
#include "ptrace/gdb_cmd.h"
#include "ptrace/gdb_packet.h"
#include "ptrace/gdb_server.h"
#include "ptrace/gdb_state.h"
#include "session.h"

/* "HOST:PORT" (HOST may be empty: 127.0.0.1) into a listening socket. */
static int listen_on(const char *addr, char *where, size_t size)
{
	struct addrinfo hints = { .ai_family = AF_UNSPEC,
				  .ai_socktype = SOCK_STREAM,
				  .ai_flags = AI_PASSIVE | AI_NUMERICSERV };
	char host[256], bound[64];
	const char *colon = strrchr(addr, ':');
	struct sockaddr_storage sa;
	socklen_t len = sizeof(sa);
	struct addrinfo *ai;
	int fd, one = 1, err;

	if (!colon || colon - addr >= (int)sizeof(host))
		return hy_error(-EINVAL, "--gdbserver %s: want HOST:PORT", addr);
	snprintf(host, sizeof(host), "%.*s", (int)(colon - addr), addr);
	err = getaddrinfo(*host ? host : "127.0.0.1", colon + 1, &hints, &ai);
	if (err)
		return hy_error(-EINVAL, "--gdbserver %s: %s", addr, gai_strerror(err));
	fd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) || listen(fd, 1) ||
	    getsockname(fd, (struct sockaddr *)&sa, &len)) {
		err = -errno;
		freeaddrinfo(ai);
		if (fd >= 0)
			close(fd);
		return hy_error(err, "--gdbserver %s: %s", addr, strerror(-err));
	}
	freeaddrinfo(ai);
	getnameinfo((struct sockaddr *)&sa, len, host, sizeof(host), bound, sizeof(bound),
		    NI_NUMERICHOST | NI_NUMERICSERV);
	snprintf(where, size, "%s:%s", host, bound);
	return fd;
}

int hy_gdb_open(struct hy_session *s, const char *addr, char *where, size_t size)
{
	struct hy_gdb *g;
	int fd = listen_on(addr, where, size);

	if (fd < 0)
		return fd;
	g = calloc(1, sizeof(*g));
	if (!g || pipe2(g->notify, O_CLOEXEC | O_NONBLOCK) || pipe2(g->quit, O_CLOEXEC)) {
		close(fd);
		free(g);
		return hy_error(-ENOMEM, "--gdbserver: out of memory");
	}
	g->s = s;
	g->listen_fd = fd;
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->done, NULL);
	s->pt->gdb = g;
	return 0;
}

/* ---- the protocol thread ---- */

/* Hand @pkt to the tracer's thread; its reply to @out. Returns the length, or -1: none. */
static ssize_t post(struct hy_gdb *g, const char *pkt, size_t len, char *out)
{
	ssize_t n = -1;

	pthread_mutex_lock(&g->lock);
	memcpy(g->req, pkt, len);
	g->req[len] = 0;
	g->req_len = len;
	g->req_done = false;
	atomic_store(&g->posted, true);
	pthread_mutex_unlock(&g->lock);
	g->s->defer.wake(g->s->defer.wake_ctx);
	pthread_mutex_lock(&g->lock);
	while (!g->req_done && !g->closing)
		pthread_cond_wait(&g->done, &g->lock);
	if (g->req_done && g->reply && out) {
		n = g->reply_len;
		memcpy(out, g->reply, n);
	}
	pthread_mutex_unlock(&g->lock);
	return n;
}

/* The loop said a stop reply is ready: send it (after the reason a tool gave, if any). */
static void send_stop(struct hy_gdb *g, struct hy_gdb_conn *c)
{
	char drain[64], reply[sizeof(g->stop_reply)], note[sizeof(g->stop_note)];
	char hex[2 * sizeof(note) + 2] = "O";
	bool ready;

	while (read(g->notify[0], drain, sizeof(drain)) > 0)
		;
	pthread_mutex_lock(&g->lock);
	ready = g->stop_ready;
	g->stop_ready = false;
	memcpy(reply, g->stop_reply, sizeof(reply));
	memcpy(note, g->stop_note, sizeof(note));
	pthread_mutex_unlock(&g->lock);
	if (!ready)
		return;
	if (note[0]) /* gdb prints an O packet's text while the target runs */
		hy_gdb_send(c, hex, hy_gdb_hex(hex + 1, note, strlen(note)) - hex);
	hy_gdb_send_str(c, reply);
}

/* One packet (or an interrupt) from gdb. False when the connection is over. */
static bool serve_packet(struct hy_gdb *g, struct hy_gdb_conn *c, char *pkt, char *out)
{
	ssize_t n = hy_gdb_recv(c, pkt, HY_GDB_PACKET_MAX + 1), r;

	if (n == HY_GDB_INTERRUPT) {
		post(g, HY_GDB_PKT_INTERRUPT, 1, out);
		return true;
	}
	if (n <= 0)
		return false;
	r = post(g, pkt, n, out);
	if (r >= 0)
		hy_gdb_send(c, out, r);
	if (!strcmp(pkt, "QStartNoAckMode"))
		c->noack = true; /* from after our OK on */
	return pkt[0] != 'D' && pkt[0] != 'k';
}

static void converse(struct hy_gdb *g, int fd)
{
	struct hy_gdb_conn c = { .fd = fd };
	char *pkt = malloc(HY_GDB_PACKET_MAX + 1), *out = malloc(HY_GDB_PACKET_MAX + 1);

	while (pkt && out) {
		struct pollfd p[3] = { { fd, POLLIN, 0 },
				       { g->notify[0], POLLIN, 0 },
				       { g->quit[0], POLLIN, 0 } };

		if (!hy_gdb_pending(&c) && poll(p, 3, -1) < 0 && errno != EINTR)
			break;
		if (p[1].revents)
			send_stop(g, &c); /* first: the last one (W, the exit) comes with the end */
		if (p[2].revents)
			break;
		if ((p[0].revents || hy_gdb_pending(&c)) && !serve_packet(g, &c, pkt, out))
			break;
	}
	hy_gdb_conn_free(&c);
	free(pkt);
	free(out);
}

static void *serve(void *arg)
{
	struct hy_gdb *g = arg;
	int one = 1;

	for (;;) {
		struct pollfd p[2] = { { g->listen_fd, POLLIN, 0 }, { g->quit[0], POLLIN, 0 } };
		int fd;

		if (poll(p, 2, -1) < 0 && errno != EINTR)
			break;
		if (p[1].revents)
			break;
		fd = accept4(g->listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			continue;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		post(g, HY_GDB_PKT_CONNECT, 1, NULL);
		converse(g, fd);
		post(g, HY_GDB_PKT_DISCONNECT, 1, NULL);
		close(fd);
	}
	return NULL;
}

void hy_gdb_start(struct hy_session *s, const struct hy_gdb_loop_ops *ops)
{
	struct hy_gdb *g = s->pt->gdb;
	sigset_t all, old;

	g->ops = *ops;
	/* signals are the tracer's: its wake-up, and Ctrl-C for the CLI */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	g->thread_on = !pthread_create(&g->thread, NULL, serve, g);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

void hy_gdb_tick(struct hy_session *s)
{
	struct hy_gdb *g = s->pt->gdb;
	ssize_t n;

	if (!atomic_load(&g->posted))
		return;
	atomic_store(&g->posted, false);
	/* the protocol thread waits: the packet stays put without the lock */
	n = hy_gdb_command(g, g->req, g->req_len, g->reply_buf, sizeof(g->reply_buf));
	pthread_mutex_lock(&g->lock);
	g->reply = n < 0 ? NULL : g->reply_buf;
	g->reply_len = n < 0 ? 0 : (size_t)n;
	g->req_done = true;
	pthread_cond_broadcast(&g->done);
	pthread_mutex_unlock(&g->lock);
}

void hy_gdb_close(struct hy_session *s)
{
	struct hy_gdb *g = s->pt ? s->pt->gdb : NULL;

	if (!g)
		return;
	pthread_mutex_lock(&g->lock);
	g->closing = true;
	pthread_cond_broadcast(&g->done);
	pthread_mutex_unlock(&g->lock);
	if (write(g->quit[1], "q", 1) < 0) {
		/* a pipe nobody filled cannot refuse one byte */
	}
	if (g->thread_on)
		pthread_join(g->thread, NULL);
	close(g->listen_fd);
	close(g->notify[0]), close(g->notify[1]);
	close(g->quit[0]), close(g->quit[1]);
	pthread_mutex_destroy(&g->lock);
	pthread_cond_destroy(&g->done);
	free(g->bps);
	free(g);
	s->pt->gdb = NULL;
}
