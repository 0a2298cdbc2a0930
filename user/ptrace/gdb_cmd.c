// SPDX-License-Identifier: MIT
/*
 * gdb's packets, answered on the tracer's thread: what the target is
 * (qSupported, the target description, auxv and the executable's name, which
 * gdb needs to find the program and its libraries), its threads, registers and
 * memory, software breakpoints, and resuming and stopping it. Thread ids are
 * plain tids (no multiprocess extensions: one process is debugged). Anything
 * else gets the empty reply, "not supported", and gdb does without it.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ptrace/gdb_cmd.h"
#include "ptrace/gdb_mem.h"
#include "ptrace/gdb_regs.h"
#include "ptrace/gdb_state.h"
#include "ptrace/gdb_stop.h"
#include "session.h"

#define MAX_ACTIONS 16

static ssize_t reply(char *out, size_t size, const char *s)
{
	return snprintf(out, size, "%s", s);
}

static ssize_t error_reply(char *out, size_t size, int err)
{
	return snprintf(out, size, "E%02x", (err < 0 ? -err : err) & 0xff);
}

/* The thread gdb means: the one it selected, or the one that stopped, or the leader. */
static pid_t thread_of(const struct hy_gdb *g)
{
	const struct hy_task *t = g->cur > 0 ? hy_task_find(&g->s->tasks, g->cur) : NULL;

	if (t && hy_gdb_debugged(g, t))
		return g->cur;
	t = hy_task_find(&g->s->tasks, g->stop.tid);
	return t && hy_gdb_debugged(g, t) ? g->stop.tid : g->pid;
}

/* ---- qXfer ---- */

/* Part @off, @len of @data as a qXfer reply: 'm' and more to come, or 'l' for the last. */
static ssize_t xfer(char *out, size_t size, const void *data, size_t dlen, uint64_t off,
		    uint64_t len)
{
	size_t n, used;

	if (off >= dlen)
		return reply(out, size, "l");
	if (len > dlen - off)
		len = dlen - off;
	n = hy_gdb_escape(out + 1, size - 1, (const char *)data + off, len, &used);
	out[0] = off + n < dlen ? 'm' : 'l';
	return used + 1;
}

static ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n, got = 0;

	if (fd < 0)
		return -errno;
	while ((size_t)got < size && (n = read(fd, buf + got, size - got)) > 0)
		got += n;
	close(fd);
	return got;
}

/* qXfer:OBJECT:read:ANNEX:OFF,LEN */
static ssize_t do_xfer(struct hy_gdb *g, const char *args, char *out, size_t size)
{
	char object[32], annex[64], path[64], buf[PATH_MAX];
	uint64_t off, len;
	ssize_t n;

	if (sscanf(args, "%31[^:]:read:%63[^:]:%" SCNx64 ",%" SCNx64, object, annex, &off, &len) !=
		    4 &&
	    (annex[0] = 0,
	     sscanf(args, "%31[^:]:read::%" SCNx64 ",%" SCNx64, object, &off, &len) != 3))
		return reply(out, size, "");
	if (!strcmp(object, "features") && !strcmp(annex, "target.xml"))
		return xfer(out, size, hy_gdb_target_xml(), strlen(hy_gdb_target_xml()), off, len);
	if (!g->pid)
		return error_reply(out, size, ESRCH);
	if (!strcmp(object, "auxv")) {
		snprintf(path, sizeof(path), "/proc/%d/auxv", g->pid);
		n = read_file(path, buf, sizeof(buf));
	} else if (!strcmp(object, "exec-file")) {
		snprintf(path, sizeof(path), "/proc/%d/exe", g->pid);
		n = readlink(path, buf, sizeof(buf));
		n = n < 0 ? -errno : n;
	} else {
		return reply(out, size, "");
	}
	if (n < 0)
		return error_reply(out, size, (int)n);
	return xfer(out, size, buf, n, off, len);
}

/* ---- threads ---- */

struct tids {
	const struct hy_gdb *g;
	pid_t v[1024];
	size_t n;
};

static void collect_tid(void *ctx, struct hy_task *t)
{
	struct tids *w = ctx;

	if (hy_gdb_debugged(w->g, t) && w->n < sizeof(w->v) / sizeof(w->v[0]))
		w->v[w->n++] = t->tid;
}

static int by_tid(const void *a, const void *b)
{
	return *(const pid_t *)a - *(const pid_t *)b;
}

/* qfThreadInfo: every thread in one reply, the leader first. */
static ssize_t thread_list(const struct hy_gdb *g, char *out, size_t size)
{
	struct tids *w = calloc(1, sizeof(*w));
	size_t o = 0;

	if (!w)
		return error_reply(out, size, ENOMEM);
	w->g = g;
	hy_tasks_each(&g->s->tasks, collect_tid, w);
	qsort(w->v, w->n, sizeof(w->v[0]), by_tid);
	for (size_t i = 0; i < w->n && o + 12 < size; i++)
		o += snprintf(out + o, size - o, "%c%x", i ? ',' : 'm', w->v[i]);
	free(w);
	return o ? (ssize_t)o : reply(out, size, "l");
}

static bool alive(const struct hy_gdb *g, pid_t tid)
{
	const struct hy_task *t = hy_task_find(&g->s->tasks, tid);

	return t && hy_gdb_debugged(g, t);
}

static ssize_t do_query(struct hy_gdb *g, const char *p, char *out, size_t size)
{
	if (!strncmp(p, "qSupported", 10)) {
		g->swbreak = strstr(p, "swbreak+") != NULL;
		return snprintf(out, size,
				"PacketSize=%x;QStartNoAckMode+;qXfer:features:read+;"
				"qXfer:auxv:read+;qXfer:exec-file:read+;swbreak+",
				HY_GDB_PACKET_MAX);
	}
	if (!strncmp(p, "qXfer:", 6))
		return do_xfer(g, p + 6, out, size);
	if (!strcmp(p, "qfThreadInfo"))
		return thread_list(g, out, size);
	if (!strcmp(p, "qsThreadInfo"))
		return reply(out, size, "l");
	if (!strcmp(p, "qC"))
		return snprintf(out, size, "QC%x", thread_of(g));
	if (!strcmp(p, "qAttached"))
		return reply(out, size, "1"); /* gdb detaches when it quits: the run goes on */
	if (!strncmp(p, "qSymbol", 7))
		return reply(out, size, "OK");
	return reply(out, size, "");
}

/* ---- registers and memory ---- */

static ssize_t do_regs(struct hy_gdb *g, const char *p, char *out, size_t size)
{
	uint8_t regs[HY_GDB_REGS_SIZE];
	pid_t tid = thread_of(g);
	size_t off = 0, len = sizeof(regs);
	int err = hy_gdb_regs_get(tid, regs);
	unsigned int regno = 0;

	if (err)
		return error_reply(out, size, err);
	if ((p[0] == 'p' || p[0] == 'P') &&
	    (sscanf(p + 1, "%x", &regno) != 1 || hy_gdb_reg_span(regno, &off, &len)))
		return error_reply(out, size, EINVAL);
	if (p[0] == 'g' || p[0] == 'p')
		return hy_gdb_hex(out, regs + off, len) - out;
	p = p[0] == 'G' ? p + 1 : strchr(p, '=');
	if (!p ||
	    hy_gdb_unhex(p + (*p == '='), strlen(p + (*p == '=')), regs + off, len) != (ssize_t)len)
		return error_reply(out, size, EINVAL);
	err = hy_gdb_regs_set(tid, regs);
	return err ? error_reply(out, size, err) : reply(out, size, "OK");
}

static ssize_t do_mem_read(struct hy_gdb *g, const char *p, char *out, size_t size)
{
	uint64_t addr, len;
	uint8_t *buf;
	ssize_t n;

	if (sscanf(p, "%" SCNx64 ",%" SCNx64, &addr, &len) != 2)
		return error_reply(out, size, EINVAL);
	if (len > (size - 1) / 2)
		len = (size - 1) / 2;
	buf = malloc(len ? len : 1);
	if (!buf)
		return error_reply(out, size, ENOMEM);
	n = hy_gdb_mem_read(g, addr, buf, len);
	n = n <= 0 && len ? error_reply(out, size, EFAULT) : hy_gdb_hex(out, buf, n) - out;
	free(buf);
	return n;
}

/* M addr,len:hex and X addr,len:binary */
static ssize_t do_mem_write(struct hy_gdb *g, char *p, size_t plen, char *out, size_t size)
{
	char *data = strchr(p, ':');
	uint64_t addr, len;
	ssize_t n;

	if (!data || sscanf(p + 1, "%" SCNx64 ",%" SCNx64, &addr, &len) != 2)
		return error_reply(out, size, EINVAL);
	data++;
	n = p + plen - data;
	if (p[0] == 'M')
		n = hy_gdb_unhex(data, n, data, n);
	else
		n = hy_gdb_unescape(data, n);
	if (n < 0 || (uint64_t)n < len)
		return error_reply(out, size, EINVAL);
	if (len && hy_gdb_mem_write(g, addr, data, len) != (ssize_t)len)
		return error_reply(out, size, EFAULT);
	return reply(out, size, "OK");
}

static ssize_t do_breakpoint(struct hy_gdb *g, const char *p, char *out, size_t size)
{
	uint64_t addr;
	int err;

	if (p[1] != '0')
		return reply(out, size,
			     ""); /* hardware breakpoints, watchpoints: gdb steps instead */
	if (sscanf(p + 2, ",%" SCNx64, &addr) != 1)
		return error_reply(out, size, EINVAL);
	err = p[0] == 'Z' ? hy_gdb_bp_insert(g, addr) : hy_gdb_bp_remove(g, addr);
	return err ? error_reply(out, size, err) : reply(out, size, "OK");
}

/* ---- going on ---- */

/* "c", "C0b", "s", "S05" with an optional ":tid": one action. */
static bool parse_action(const char *p, struct hy_gdb_action *a)
{
	const char *colon = strchr(p, ':');
	unsigned int sig = 0;

	a->kind = p[0] == 'C' ? 'c' : p[0] == 'S' ? 's' : p[0];
	if (a->kind != 'c' && a->kind != 's')
		return false;
	if ((p[0] == 'C' || p[0] == 'S') && sscanf(p + 1, "%x", &sig) != 1)
		return false;
	a->sig = hy_gdb_signal_from_gdb(sig);
	a->tid = colon && strncmp(colon + 1, "-1", 2) ? (pid_t)strtol(colon + 1, NULL, 16) : -1;
	return true;
}

static ssize_t do_vcont(struct hy_gdb *g, char *p, char *out, size_t size)
{
	struct hy_gdb_action acts[MAX_ACTIONS];
	int n = 0;

	for (char *save = NULL, *a = strtok_r(p, ";", &save); a && n < MAX_ACTIONS;
	     a = strtok_r(NULL, ";", &save))
		if (parse_action(a, &acts[n]))
			n++;
	if (!n)
		return error_reply(out, size, EINVAL);
	hy_gdb_resume(g, acts, n);
	return -1; /* the stop reply comes when the process stops */
}

/* c, C sig, s, S sig: the selected thread does it, the others continue. */
static ssize_t do_legacy_resume(struct hy_gdb *g, const char *p)
{
	struct hy_gdb_action acts[2] = { { 0 }, { 'c', 0, -1 } };
	char one[8] = { p[0] };

	if (p[0] == 'C' || p[0] == 'S')
		snprintf(one, sizeof(one), "%c%.2s", p[0], p + 1);
	parse_action(one, &acts[0]);
	acts[0].tid = thread_of(g);
	hy_gdb_resume(g, acts, 2);
	return -1;
}

static ssize_t do_v(struct hy_gdb *g, char *p, char *out, size_t size)
{
	if (!strcmp(p, "vCont?"))
		return reply(out, size, "vCont;c;C;s;S");
	if (!strncmp(p, "vCont;", 6))
		return do_vcont(g, p + 6, out, size);
	if (!strncmp(p, "vKill", 5)) {
		hy_gdb_kill(g);
		return reply(out, size, "OK");
	}
	return reply(out, size, "");
}

static ssize_t do_stop_query(struct hy_gdb *g, char *out, size_t size)
{
	if (g->run == HY_GDB_STOPPED || g->run == HY_GDB_EXITED) {
		hy_gdb_format_stop(g, out, size);
		return strlen(out);
	}
	g->want_stop_reply = true; /* it comes when the process stops */
	return -1;
}

static ssize_t do_internal(struct hy_gdb *g, char c)
{
	if (c == HY_GDB_PKT_INTERRUPT[0])
		hy_gdb_interrupt(g);
	else if (c == HY_GDB_PKT_DISCONNECT[0])
		hy_gdb_disconnect(g);
	else
		hy_gdb_connect(g);
	return -1;
}

ssize_t hy_gdb_command(struct hy_gdb *g, char *pkt, size_t len, char *out, size_t size)
{
	switch (pkt[0]) {
	case 0x03:
	case 0x04:
	case 0x05:
		return do_internal(g, pkt[0]);
	case '?':
		return do_stop_query(g, out, size);
	case 'q':
		return do_query(g, pkt, out, size);
	case 'Q':
		return reply(out, size, !strcmp(pkt, "QStartNoAckMode") ? "OK" : "");
	case 'H':
		if (pkt[1] == 'g' || pkt[1] == 'c')
			g->cur = strncmp(pkt + 2, "-1", 2) ? (pid_t)strtol(pkt + 2, NULL, 16) : 0;
		return reply(out, size, "OK");
	case 'T':
		return alive(g, (pid_t)strtol(pkt + 1, NULL, 16)) ? reply(out, size, "OK") :
								    error_reply(out, size, ESRCH);
	case 'g':
	case 'G':
	case 'p':
	case 'P':
		return do_regs(g, pkt, out, size);
	case 'm':
		return do_mem_read(g, pkt + 1, out, size);
	case 'M':
	case 'X':
		return do_mem_write(g, pkt, len, out, size);
	case 'Z':
	case 'z':
		return do_breakpoint(g, pkt, out, size);
	case 'c':
	case 'C':
	case 's':
	case 'S':
		return do_legacy_resume(g, pkt);
	case 'v':
		return do_v(g, pkt, out, size);
	case 'D':
		hy_gdb_disconnect(g);
		return reply(out, size, "OK");
	case 'k':
		hy_gdb_kill(g);
		return -1;
	default:
		return reply(out, size, "");
	}
}
