// SPDX-License-Identifier: MIT
/* strace -ff for the log tool: see log_files.h. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log_files.h"

struct task_file {
	int tid;      /* 0: free slot */
	bool created; /* opened once: later opens append */
	FILE *f;
	struct hy_writer *w;
};

struct log_files {
	char *prefix;
	bool append;
	int err;		/* the first error, as -errno */
	struct task_file *slot; /* open addressing by tid; never shrinks */
	size_t cap, used;
};

int log_files_init(struct hy_ctx *ctx, struct log_files **out, const char *prefix, bool append)
{
	struct log_files *f = calloc(1, sizeof(*f));

	if (!f || !(f->prefix = strdup(prefix))) {
		free(f);
		return hy_fail(ctx, -ENOMEM, "out of memory");
	}
	f->append = append;
	*out = f;
	return 0;
}

static struct task_file *find(struct log_files *f, int tid, bool add)
{
	if (add && (f->used + 1) * 2 > f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 64;
		struct task_file *v = calloc(cap, sizeof(*v)), *old = f->slot;

		if (!v)
			return NULL;
		for (size_t i = 0; i < f->cap; i++) {
			size_t k = (unsigned int)old[i].tid % cap;

			if (!old[i].tid)
				continue;
			while (v[k].tid)
				k = (k + 1) % cap;
			v[k] = old[i];
		}
		free(old);
		f->slot = v;
		f->cap = cap;
	}
	if (!f->cap)
		return NULL;
	for (size_t k = (unsigned int)tid % f->cap;; k = (k + 1) % f->cap) {
		if (f->slot[k].tid == tid)
			return &f->slot[k];
		if (!f->slot[k].tid) {
			if (!add)
				return NULL;
			f->slot[k].tid = tid;
			f->used++;
			return &f->slot[k];
		}
	}
}

struct hy_writer *log_files_writer(struct hy_ctx *ctx, struct log_files *f, int tid,
				   unsigned int flags, unsigned int strsize, unsigned int column)
{
	struct task_file *t = find(f, tid, true);
	char path[4200];

	if (!t)
		return NULL;
	if (t->w)
		return t->w;
	snprintf(path, sizeof(path), "%s.%d", f->prefix, tid);
	t->f = hy_output_open(path, f->append || t->created ? HY_OUTPUT_APPEND : 0);
	if (!t->f) {
		if (!f->err)
			hy_fail(ctx, f->err = -errno, "%s", hy_last_error());
		return NULL;
	}
	t->created = true;
	setvbuf(t->f, NULL, _IOFBF, 1u << 16);
	t->w = hy_writer_open(t->f, flags | HY_WRITER_SYNC, strsize);
	if (!t->w) {
		fclose(t->f);
		t->f = NULL;
		return NULL;
	}
	hy_writer_set_column(t->w, column);
	return t->w;
}

static void close_one(struct log_files *f, struct task_file *t)
{
	int err = hy_writer_close(t->w);

	if (fclose(t->f) && !err)
		err = -errno;
	if (err && !f->err)
		f->err = err;
	t->w = NULL;
	t->f = NULL;
}

void log_files_done(struct log_files *f, int tid)
{
	struct task_file *t = f ? find(f, tid, false) : NULL;

	if (t && t->w)
		close_one(f, t);
}

int log_files_close(struct log_files *f)
{
	int err;

	if (!f)
		return 0;
	for (size_t i = 0; i < f->cap; i++)
		if (f->slot[i].w)
			close_one(f, &f->slot[i]);
	err = f->err;
	free(f->slot);
	free(f->prefix);
	free(f);
	return err;
}
