// SPDX-License-Identifier: MIT
/*
 * The public API a guest process has no use for, so that a plugin that calls
 * it loads in the guest as in hytrace (a missing symbol would stop the
 * guest's start): the event accessors and writers serve on_event, which runs
 * in hytrace; stacks of events, totals and hy_run are hytrace's (a held
 * call's stack is not: rt_backtrace.c). In the guest they do
 * nothing and say -ENOSYS (docs/writing-tools.md).
 */
#include <errno.h>
#include <stdio.h>

#include "hytrace.h"

int hy_want_environment(struct hy_ctx *ctx)
{
	(void)ctx;
	return -ENOSYS;
}

int hy_want_dirents(struct hy_ctx *ctx)
{
	(void)ctx;
	return -ENOSYS;
}

int hy_want_stacks(struct hy_ctx *ctx)
{
	(void)ctx;
	return -ENOSYS;
}

int hy_totals_group(struct hy_ctx *ctx, const char *by)
{
	(void)ctx, (void)by;
	return -ENOSYS;
}

int hy_totals_each(struct hy_ctx *ctx, void (*cb)(void *arg, const struct hy_totals *t), void *arg)
{
	(void)ctx, (void)cb, (void)arg;
	return -ENOSYS;
}

int hy_event_tid(const struct hy_event *ev)
{
	(void)ev;
	return 0;
}

int hy_event_pid(const struct hy_event *ev)
{
	(void)ev;
	return 0;
}

enum hy_abi hy_event_abi(const struct hy_event *ev)
{
	(void)ev;
	return HY_ABI_X86_64;
}

long hy_event_nr(const struct hy_event *ev)
{
	(void)ev;
	return -1;
}

const char *hy_event_name(const struct hy_event *ev)
{
	(void)ev;
	return NULL;
}

uint64_t hy_event_arg(const struct hy_event *ev, int i)
{
	(void)ev, (void)i;
	return 0;
}

int64_t hy_event_return(const struct hy_event *ev)
{
	(void)ev;
	return -ENOSYS;
}

ssize_t hy_event_str(const struct hy_event *ev, int i, char *buf, size_t size)
{
	(void)ev, (void)i;
	if (size)
		*buf = 0;
	return -ENOSYS;
}

ssize_t hy_event_mem(const struct hy_event *ev, uint64_t addr, void *buf, size_t len)
{
	(void)ev, (void)addr, (void)buf, (void)len;
	return -ENOSYS;
}

uint64_t hy_event_ip(const struct hy_event *ev)
{
	(void)ev;
	return 0;
}

int hy_event_socket(const struct hy_event *ev, int fd, int result, struct hy_socket *out)
{
	(void)ev, (void)fd, (void)result, (void)out;
	return -ENOSYS;
}

int hy_event_file_name(const struct hy_event *ev, int fd, int result, char *buf, size_t size)
{
	(void)ev, (void)fd, (void)result;
	if (size)
		*buf = 0;
	return -ENOSYS;
}

int hy_event_fd_cloexec(const struct hy_event *ev, int fd, int result)
{
	(void)ev, (void)fd, (void)result;
	return -ENOSYS;
}

int hy_event_pidfd_pid(const struct hy_event *ev, int fd, int result)
{
	(void)ev, (void)fd, (void)result;
	return -ENOSYS;
}

int hy_event_received_fds(const struct hy_event *ev, int *fds, size_t max)
{
	(void)ev, (void)fds, (void)max;
	return -ENOSYS;
}

uint64_t hy_event_enter_ns(const struct hy_event *ev)
{
	(void)ev;
	return 0;
}

uint64_t hy_event_exit_ns(const struct hy_event *ev)
{
	(void)ev;
	return 0;
}

unsigned int hy_event_flags(const struct hy_event *ev)
{
	(void)ev;
	return 0;
}

const char *hy_event_cgroup(const struct hy_event *ev)
{
	(void)ev;
	return NULL;
}

const char *hy_event_container(const struct hy_event *ev)
{
	(void)ev;
	return NULL;
}

int hy_event_format(const struct hy_event *ev, char *buf, size_t size, unsigned int strsize)
{
	(void)ev, (void)strsize;
	if (size)
		*buf = 0;
	return -ENOSYS;
}

int hy_event_format_call(const struct hy_event *ev, char *buf, size_t size, unsigned int strsize,
			 char *result, size_t result_size)
{
	(void)ev, (void)strsize;
	if (size)
		*buf = 0;
	if (result_size)
		*result = 0;
	return -ENOSYS;
}

int hy_event_format_json(const struct hy_event *ev, char *buf, size_t size, unsigned int strsize)
{
	(void)ev, (void)strsize;
	if (size)
		*buf = 0;
	return -ENOSYS;
}

FILE *hy_output_open(const char *path, unsigned int flags)
{
	(void)path, (void)flags;
	errno = ENOSYS;
	return NULL;
}

struct hy_writer *hy_writer_open(FILE *f, unsigned int flags, unsigned int strsize)
{
	(void)f, (void)flags, (void)strsize;
	return NULL;
}

int hy_writer_event(struct hy_writer *w, const struct hy_event *ev, const char *prefix)
{
	(void)w, (void)ev, (void)prefix;
	return -ENOSYS;
}

void hy_writer_set_unabbreviated(struct hy_writer *w, const struct hy_sysset *full)
{
	(void)w, (void)full;
}

void hy_writer_set_terse(struct hy_writer *w, const struct hy_sysset *terse)
{
	(void)w, (void)terse;
}

void hy_writer_set_fd_names(struct hy_writer *w,
			    const char *(*name)(void *ctx, int pid, int fd, int result, char *buf,
						size_t size),
			    void *ctx)
{
	(void)w, (void)name, (void)ctx;
}

void hy_writer_set_column(struct hy_writer *w, unsigned int column)
{
	(void)w, (void)column;
}

int hy_writer_text(struct hy_writer *w, const char *text, size_t len)
{
	(void)w, (void)text, (void)len;
	return -ENOSYS;
}

int hy_writer_close(struct hy_writer *w)
{
	(void)w;
	return -ENOSYS;
}

int hy_writer_rotate(struct hy_writer *w, const char *path, uint64_t max_bytes, unsigned int keep)
{
	(void)w, (void)path, (void)max_bytes, (void)keep;
	return -ENOSYS;
}

int hy_which(const char *name, char *path, size_t size)
{
	(void)name;
	if (size)
		*path = 0;
	return -ENOSYS;
}

int hy_run(const struct hy_run_opts *opts, char *const argv[], int *wstatus,
	   struct hy_run_stats *stats)
{
	(void)opts, (void)argv, (void)wstatus, (void)stats;
	return -ENOSYS;
}

void hy_request_stop(void)
{
}

void hy_request_end(int sig)
{
	(void)sig;
}
