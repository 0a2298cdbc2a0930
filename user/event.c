// SPDX-License-Identifier: MIT
/* The public view of a finished syscall (struct hy_event is a struct hy_record). */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "decode/format.h"
#include "decode/names.h"
#include "decode/printer.h"
#include "event.h"
#include "stack/frames.h"

int hy_event_tid(const struct hy_event *ev)
{
	return ev->r.tid;
}

int hy_event_pid(const struct hy_event *ev)
{
	return ev->r.pid;
}

enum hy_abi hy_event_abi(const struct hy_event *ev)
{
	return ev->r.abi;
}

long hy_event_nr(const struct hy_event *ev)
{
	return ev->r.nr;
}

const char *hy_event_name(const struct hy_event *ev)
{
	return ev->r.ent ? ev->r.ent->name : NULL;
}

uint64_t hy_event_arg(const struct hy_event *ev, int i)
{
	return i >= 0 && i < 6 ? ev->r.args[i] : 0;
}

int64_t hy_event_return(const struct hy_event *ev)
{
	return ev->r.ret;
}

uint64_t hy_event_ip(const struct hy_event *ev)
{
	return ev->r.ip;
}

uint64_t hy_event_enter_ns(const struct hy_event *ev)
{
	return ev->r.t_enter;
}

uint64_t hy_event_exit_ns(const struct hy_event *ev)
{
	return ev->r.flags & HY_EV_UNFINISHED ? 0 : ev->r.t_exit;
}

unsigned int hy_event_flags(const struct hy_event *ev)
{
	return ev->r.flags;
}

int hy_event_format(const struct hy_event *ev, char *buf, size_t size, unsigned int strsize)
{
	struct hy_printer p;

	hy_pr_init(&p, buf, size, strsize);
	hy_format_call(&p, &ev->r);
	hy_pr_puts(&p, " = ");
	hy_format_result(&p, &ev->r);
	return p.len;
}

int hy_event_format_call(const struct hy_event *ev, char *buf, size_t size, unsigned int strsize,
			 char *result, size_t result_size)
{
	struct hy_printer p, q;

	hy_pr_init(&p, buf, size, strsize);
	hy_format_call(&p, &ev->r);
	hy_pr_init(&q, result, result_size, strsize);
	q.rval_hex = p.rval_hex;
	hy_format_result(&q, &ev->r);
	return p.len;
}

int hy_event_format_json(const struct hy_event *ev, char *buf, size_t size, unsigned int strsize)
{
	return hy_format_json(&ev->r, buf, size, strsize, true);
}

/*
 * Memory the call points to that could not be read, so its text shows an
 * address (a bad pointer, an object running into an unmapped page, a page the
 * kernel recorder found not resident at entry and exit): ,"unreadable":[{"arg":
 * 1,"addr":N,"phase":"enter"}]. Absent when everything was read.
 */
static void print_unreadable(struct hy_printer *p, const struct hy_record *r)
{
	bool any = false;

	for (int i = 0; i < r->nchunks; i++) {
		const struct hy_mem_chunk *c = &r->chunk[i];

		bool seen = false;

		if (!(c->flags & HY_MEM_FAULT) || c->phase > HY_PHASE_EXIT)
			continue;
		/*
		 * the kernel path tries again at sys_exit: a fault it notes twice is
		 * one object, and one it then read is no fault at all
		 */
		for (int k = 0; k < r->nchunks && !seen; k++)
			seen = k != i && r->chunk[k].addr == c->addr &&
			       r->chunk[k].phase == c->phase &&
			       (k < i || !(r->chunk[k].flags & HY_MEM_FAULT));
		if (seen)
			continue;
		hy_pr_puts(p, any ? ",{\"arg\":" : ",\"unreadable\":[{\"arg\":");
		hy_pr_u64(p, c->arg);
		hy_pr_puts(p, ",\"addr\":");
		hy_pr_u64(p, c->addr);
		hy_pr_puts(p, c->phase == HY_PHASE_ENTER ? ",\"phase\":\"enter\"}" :
							   ",\"phase\":\"exit\"}");
		any = true;
	}
	if (any)
		hy_pr_putc(p, ']');
}

int hy_format_json(const struct hy_record *r, char *buf, size_t size, unsigned int strsize,
		   bool stack)
{
	struct hy_printer p;
	int nargs = r->ent ? r->ent->nargs : 6;

	hy_pr_init(&p, buf, size, strsize);
	hy_pr_puts(&p, "{\"ts\":");
	hy_pr_u64(&p, r->t_enter);
	hy_pr_puts(&p, ",\"pid\":");
	hy_pr_i64(&p, r->pid);
	hy_pr_puts(&p, ",\"tid\":");
	hy_pr_i64(&p, r->tid);
	hy_pr_puts(&p, ",\"abi\":\"");
	hy_pr_puts(&p, hy_abi_name(r->abi));
	hy_pr_puts(&p, "\",\"nr\":");
	hy_pr_i64(&p, r->nr);
	hy_pr_puts(&p, ",\"name\":");
	if (r->ent)
		hy_pr_json_str(&p, r->ent->name);
	else
		hy_pr_puts(&p, "null");
	hy_pr_puts(&p, ",\"args\":[");
	for (int i = 0; i < nargs; i++) {
		if (i)
			hy_pr_putc(&p, ',');
		hy_pr_u64(&p, r->args[i]);
	}
	/* the strace text goes straight into its JSON string, escaped as it is written */
	hy_pr_puts(&p, "],\"text\":\"");
	p.json = true;
	hy_format_call(&p, r);
	p.json = false;
	hy_pr_putc(&p, '"');
	if (r->flags & HY_EV_UNFINISHED) {
		hy_pr_puts(&p, ",\"ret\":null,\"errno\":null,\"dur_ns\":null");
	} else {
		int64_t ret = r->abi == HY_ABI_X86_64 ? r->ret : (int32_t)r->ret;

		hy_pr_puts(&p, ",\"ret\":");
		hy_pr_i64(&p, ret);
		hy_pr_puts(&p, ",\"errno\":");
		if (ret < 0 && ret >= -4095 && hy_errno_name(-ret))
			hy_pr_json_str(&p, hy_errno_name(-ret));
		else
			hy_pr_puts(&p, "null");
		hy_pr_puts(&p, ",\"dur_ns\":");
		hy_pr_u64(&p, r->t_exit - r->t_enter);
	}
	hy_pr_puts(&p, ",\"result\":\"");
	p.json = true;
	hy_format_result(&p, r); /* after the call: its decoder may have set rval_hex */
	p.json = false;
	hy_pr_putc(&p, '"');
	hy_pr_puts(&p, r->flags & HY_EV_ESCALATED ? ",\"escalated\":true" : ",\"escalated\":false");
	if (r->ip) { /* -i */
		hy_pr_puts(&p, ",\"ip\":");
		hy_pr_u64(&p, r->ip);
	}
	if (r->flags & HY_EV_MODIFIED)
		hy_pr_puts(&p, ",\"modified\":true");
	if (r->flags & HY_EV_SKIPPED)
		hy_pr_puts(&p, ",\"skipped\":true");
	if (r->flags & HY_EV_INJECTED)
		hy_pr_puts(&p, ",\"injected\":true");
	if (r->flags & HY_EV_DELAYED)
		hy_pr_puts(&p, ",\"delayed\":true");
	if (r->flags & HY_EV_RETVAL_SET)
		hy_pr_puts(&p, ",\"retval_set\":true");
	if (hy_event_cgroup((const struct hy_event *)r)) {
		const char *container = hy_event_container((const struct hy_event *)r);

		hy_pr_puts(&p, ",\"cgroup\":");
		hy_pr_json_str(&p, hy_event_cgroup((const struct hy_event *)r));
		hy_pr_puts(&p, ",\"container\":");
		if (container)
			hy_pr_json_str(&p, container);
		else
			hy_pr_puts(&p, "null");
	}
	hy_pr_puts(&p, r->flags & HY_EV_FROM_TRACER ? ",\"source\":\"tracer\"" :
						      ",\"source\":\"kernel\"");
	print_unreadable(&p, r);
	if (stack)
		hy_frames_print_json(&p, r);
	hy_pr_putc(&p, '}');
	return p.len;
}

ssize_t hy_event_mem(const struct hy_event *ev, uint64_t addr, void *buf, size_t len)
{
	/* an output buffer is the exit's, an input one the entry's */
	ssize_t n = hy_rec_read(&ev->r, HY_PHASE_EXIT, addr, buf, len);

	if (n < 0)
		n = hy_rec_read(&ev->r, HY_PHASE_ENTER, addr, buf, len);
	return n < 0 ? -ENOENT : n;
}

ssize_t hy_event_str(const struct hy_event *ev, int i, char *buf, size_t size)
{
	const char *s;
	size_t len;
	bool trunc;

	if (i < 0 || i > 5 || !size ||
	    hy_rec_str(&ev->r, ev->r.args[i], &s, &len, &trunc, buf, size))
		return -ENOENT;
	len = len < size - 1 ? len : size - 1;
	memmove(buf, s, len); /* s may point into buf (a live read) */
	buf[len] = 0;
	return len;
}
