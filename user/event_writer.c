// SPDX-License-Identifier: MIT
/*
 * hy_writer: lines of events formatted on a thread of their own.
 *
 * In a syscall storm the tracer thread would spend most of its time turning
 * events into text; here it only copies each event (numbers and captured
 * memory, ~100-200 bytes) into a queue, and a worker formats and writes them in
 * order. On two CPUs that lets formatting use the time the guest is held back.
 *
 * The queue is a byte ring with one producer (the tracer thread) and one
 * consumer (the worker). The worker is woken when a batch waits or every
 * FLUSH_PERIOD, not per event, and writes in large pieces. Events whose memory
 * must still be read from the stopped guest (escalated calls) or that need the
 * session's PID namespace map are formatted on the tracer thread and queued as
 * text, so the order of lines never changes.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "decode/format.h"
#include "decode/printer.h"
#include "error.h"
#include "event.h"
#include "stack/frames.h"

#define QUEUE_SIZE (8u << 20)	  /* power of two */
#define MAX_ITEM (QUEUE_SIZE / 8) /* larger text goes in pieces */
#define WAKE_BYTES (64u << 10)	  /* queued bytes that wake the worker early */
#define OUT_SIZE (1u << 20)
#define FLUSH_AT (OUT_SIZE - 16384)
#define FLUSH_PERIOD_NS 10000000L
#define ALIGN_COLUMN 40 /* strace aligns results here */

enum item_kind { ITEM_PAD, ITEM_TEXT, ITEM_EVENT };

struct item {
	uint32_t kind;
	uint32_t len;  /* of the whole item, header included, a multiple of its size */
	uint32_t used; /* ITEM_TEXT: bytes of text after the header */
	uint32_t pad;
};

_Static_assert((sizeof(struct item) & (sizeof(struct item) - 1)) == 0,
	       "item sizes are rounded with a mask");

/* The head of a record, up to its chunk table: copied as it is, both ways. */
#define RECORD_HEAD offsetof(struct hy_record, chunk)

/* An event on the queue; chunks, store bytes and prefix follow. */
struct wire_event {
	struct item hdr;
	uint32_t store_len, prefix_len;
	uint8_t head[RECORD_HEAD] __attribute__((aligned(8)));
};

struct hy_writer {
	FILE *f;
	int fd;
	bool sync; /* no descriptor or no thread: formatted and written through f at once */
	unsigned int flags, strsize;
	unsigned int column; /* of " = result" (strace -a) */
	const char *(*fd_name)(void *ctx, int pid, int fd, int result, char *buf,
			       size_t size); /* -y */
	void *fd_ctx;
	const struct hy_sysset *full;  /* -v, -e abbrev=: calls printed unabbreviated */
	const struct hy_sysset *terse; /* -e verbose=: calls whose structures are addresses */

	uint8_t *q;
	/* each side's own cache line: they are written millions of times */
	uint64_t head __attribute__((aligned(64))); /* written by the producer */
	uint64_t woken_at;			    /* head when the worker was last woken */
	uint64_t tail __attribute__((aligned(64))); /* written by the worker */
	int sleeping __attribute__((aligned(64)));
	int waiting, stop; /* producer waiting for space, closing */
	bool started;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake, space;

	char *out;				 /* the worker's output buffer */
	struct hy_frames_text_cache *stack_text; /* the worker's, with HY_WRITER_STACKS */
	size_t out_len, out_cap;
	int err; /* the first write error (errno) */
	/* hy_writer_rotate(): the file is replaced past max bytes, keep old ones kept */
	char *rotate_path;
	uint64_t rotate_max, written;
	unsigned int rotate_keep;
};

/*
 * Items are a multiple of the header's size, so the room left before the end of
 * the ring always holds at least a padding item's header.
 */
static size_t item_size(size_t n)
{
	return (n + sizeof(struct item) - 1) & ~(sizeof(struct item) - 1);
}

/*
 * One line of @r into @buf; returns the length it needed (like snprintf). @stacks:
 * the text of stacks printed before (the worker's; NULL on other threads).
 */
static size_t format_line(const struct hy_writer *w, const struct hy_record *r, const char *prefix,
			  size_t plen, char *buf, size_t size, struct hy_frames_text_cache *stacks)
{
	struct hy_printer p;
	size_t n;

	if (w->flags & HY_WRITER_JSON) {
		n = hy_format_json(r, buf, size > 0 ? size - 1 : 0, w->strsize,
				   w->flags & HY_WRITER_STACKS);
		if (n + 1 < size) {
			buf[n] = '\n';
			buf[n + 1] = 0;
		}
		return n + 1;
	}
	hy_pr_init(&p, buf, size, w->strsize);
	p.xflag = w->flags & HY_WRITER_HEX_ALL ? 2 : w->flags & HY_WRITER_HEX ? 1 : 0;
	p.fd_name = w->fd_name;
	p.fd_ctx = w->fd_ctx;
	p.fd_pid = r->pid;
	p.verbose = w->full && hy_sysset_contains(w->full, r->abi, r->nr);
	p.noderef = w->terse && hy_sysset_contains(w->terse, r->abi, r->nr);
	if (plen)
		hy_pr_write(&p, prefix, plen);
	p.xstyle = w->flags & HY_WRITER_CONSTS_RAW     ? HY_XSTYLE_RAW :
		   w->flags & HY_WRITER_CONSTS_VERBOSE ? HY_XSTYLE_VERBOSE :
							 HY_XSTYLE_ABBREV;
	hy_format_call(&p, r);
	do
		hy_pr_putc(&p, ' ');
	while (p.len < w->column);
	hy_pr_puts(&p, "= ");
	hy_format_result(&p, r); /* the same printer: the call's decoder may set rval_hex */
	if (w->flags & HY_WRITER_DURATIONS && !(r->flags & HY_EV_UNFINISHED)) {
		uint64_t d = r->t_exit - r->t_enter, us = d % 1000000000u / 1000;
		char frac[7];

		for (int i = 5; i >= 0; i--, us /= 10)
			frac[i] = '0' + us % 10;
		frac[6] = 0;
		hy_pr_puts(&p, " <");
		hy_pr_u64(&p, d / 1000000000u);
		hy_pr_putc(&p, '.');
		hy_pr_puts(&p, frac);
		hy_pr_putc(&p, '>');
	}
	hy_pr_putc(&p, '\n');
	if (w->flags & HY_WRITER_STACKS) /* -k: the call's stack, one line per frame */
		hy_frames_print_text_cached(&p, r, stacks);
	return p.len;
}

static void write_all(struct hy_writer *w, const char *s, size_t n)
{
	while (n && !w->err) {
		ssize_t k = write(w->fd, s, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			w->err = k < 0 ? errno : EIO;
			break;
		}
		s += k;
		n -= k;
	}
}

/*
 * PATH.(k-1) -> PATH.k down to PATH -> PATH.1; a new PATH takes the same
 * descriptor. It is created as hy_output_open() creates outputs: with the mode
 * of the file it follows (0600 unless the user chose another), and O_EXCL, so a
 * link planted at PATH after the rename is never followed.
 */
static void rotate(struct hy_writer *w)
{
	size_t n = strlen(w->rotate_path) + 16;
	char from[n], to[n];
	struct stat st;
	int fd;

	if (fstat(w->fd, &st)) {
		w->err = errno;
		return;
	}

	for (unsigned int k = w->rotate_keep; k > 0; k--) {
		if (k > 1)
			snprintf(from, n, "%s.%u", w->rotate_path, k - 1);
		else
			snprintf(from, n, "%s", w->rotate_path);
		snprintf(to, n, "%s.%u", w->rotate_path, k);
		rename(from, to); /* the older ones may not exist yet */
	}
	fd = open(w->rotate_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY,
		  st.st_mode & 0777);
	if (fd < 0 || dup2(fd, w->fd) < 0) {
		if (!w->err)
			w->err = errno;
	}
	if (fd >= 0)
		close(fd);
	w->written = 0;
}

/*
 * The buffer holds whole lines: a file is rotated between two of them, when more
 * come (so the newest file is never left empty).
 */
static void flush_out(struct hy_writer *w)
{
	if (w->rotate_max && w->written >= w->rotate_max && w->out_len && !w->err)
		rotate(w);
	/*
	 * A tool writes the same file through the stream (hy_output()); a line
	 * that overflowed the stream's buffer is half written, its rest still in
	 * the buffer. Under the stream's lock, that rest goes first: a tool's line
	 * written by one call stays whole (a line longer than the buffer aside).
	 */
	flockfile(w->f);
	fflush_unlocked(w->f);
	write_all(w, w->out, w->out_len);
	funlockfile(w->f);
	w->written += w->out_len;
	w->out_len = 0;
}

int hy_writer_rotate(struct hy_writer *w, const char *path, uint64_t max_bytes, unsigned int keep)
{
	struct stat st;

	if (!w || !path || !max_bytes || w->sync || w->started || fstat(w->fd, &st) ||
	    !S_ISREG(st.st_mode))
		return hy_error(-EINVAL, "only a regular file is rotated, before its first line");
	w->rotate_path = strdup(path);
	if (!w->rotate_path)
		return hy_error(-ENOMEM, "out of memory");
	w->rotate_max = max_bytes;
	w->rotate_keep = keep ? keep : 1;
	return 0;
}

/*
 * The buffer is full, or a rotated file has reached its size: written then, the
 * next line rotates it, so a file passes the size by one line, not by a buffer.
 */
static bool flush_due(const struct hy_writer *w)
{
	return w->out_len >= FLUSH_AT ||
	       (w->rotate_max && w->written + w->out_len >= w->rotate_max);
}

/* Make room for @n more bytes in the output buffer. */
static bool out_room(struct hy_writer *w, size_t n)
{
	if (w->out_cap - w->out_len > n)
		return true;
	flush_out(w);
	if (w->out_cap > n)
		return true;
	char *b = realloc(w->out, n + 1);

	if (!b) {
		w->err = ENOMEM;
		return false;
	}
	w->out = b;
	w->out_cap = n + 1;
	return true;
}

static void emit_event(struct hy_writer *w, const struct wire_event *e)
{
	const struct hy_mem_chunk *chunks = (const void *)(e + 1);
	const uint8_t *store;
	const char *prefix;
	struct hy_record r;
	size_t n;

	memcpy(&r, e->head, RECORD_HEAD);
	memcpy(r.chunk, chunks, r.nchunks * sizeof(*chunks));
	store = (const uint8_t *)(chunks + r.nchunks);
	prefix = (const char *)store + e->store_len;
	r.store = (uint8_t *)store; /* read only, in place on the queue */
	r.store_len = r.store_cap = e->store_len;
	r.live = NULL;
	r.pidns = NULL;

	n = format_line(w, &r, prefix, e->prefix_len, w->out + w->out_len, w->out_cap - w->out_len,
			w->stack_text);
	if (n >= w->out_cap - w->out_len) {
		if (!out_room(w, n))
			return;
		n = format_line(w, &r, prefix, e->prefix_len, w->out + w->out_len,
				w->out_cap - w->out_len, w->stack_text);
	}
	w->out_len += n;
	if (flush_due(w))
		flush_out(w);
}

static void emit_text(struct hy_writer *w, const char *s, size_t n)
{
	if (!out_room(w, n))
		return;
	memcpy(w->out + w->out_len, s, n);
	w->out_len += n;
	if (flush_due(w))
		flush_out(w);
}

static void *worker(void *arg)
{
	struct hy_writer *w = arg;
	uint64_t t = w->tail;

	for (;;) {
		uint64_t h = __atomic_load_n(&w->head, __ATOMIC_ACQUIRE);

		if (t == h) {
			struct timespec until;

			flush_out(w); /* idle: everything queued so far is out */
			pthread_mutex_lock(&w->lock);
			__atomic_store_n(&w->sleeping, 1, __ATOMIC_SEQ_CST);
			if (__atomic_load_n(&w->head, __ATOMIC_SEQ_CST) == t) {
				if (w->stop) {
					pthread_mutex_unlock(&w->lock);
					break;
				}
				clock_gettime(CLOCK_MONOTONIC, &until);
				until.tv_nsec += FLUSH_PERIOD_NS;
				if (until.tv_nsec >= 1000000000L) {
					until.tv_sec++;
					until.tv_nsec -= 1000000000L;
				}
				pthread_cond_timedwait(&w->wake, &w->lock, &until);
			}
			__atomic_store_n(&w->sleeping, 0, __ATOMIC_SEQ_CST);
			pthread_mutex_unlock(&w->lock);
			continue;
		}
		while (t != h) {
			const struct item *it = (const void *)(w->q + (t & (QUEUE_SIZE - 1)));

			if (!w->err) {
				if (it->kind == ITEM_EVENT)
					emit_event(w, (const struct wire_event *)it);
				else if (it->kind == ITEM_TEXT)
					emit_text(w, (const char *)(it + 1), it->used);
			}
			t += it->len;
		}
		/* give the space back, and the producer if it waits for it */
		__atomic_store_n(&w->tail, t, __ATOMIC_SEQ_CST);
		if (__atomic_load_n(&w->waiting, __ATOMIC_SEQ_CST)) {
			pthread_mutex_lock(&w->lock);
			pthread_cond_signal(&w->space);
			pthread_mutex_unlock(&w->lock);
		}
	}
	return NULL;
}

static void wake_worker(struct hy_writer *w)
{
	w->woken_at = w->head;
	if (__atomic_load_n(&w->sleeping, __ATOMIC_SEQ_CST)) {
		pthread_mutex_lock(&w->lock);
		pthread_cond_signal(&w->wake);
		pthread_mutex_unlock(&w->lock);
	}
}

static int start(struct hy_writer *w)
{
	sigset_t all, old;
	int err;

	/* the worker takes no signal: they are the tracer thread's business */
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	err = pthread_create(&w->thread, NULL, worker, w);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		return -err;
	w->started = true;
	return 0;
}

/* A contiguous place for an item of @need bytes; waits while the queue is full. */
static uint8_t *reserve(struct hy_writer *w, size_t need)
{
	for (;;) {
		uint64_t t = __atomic_load_n(&w->tail, __ATOMIC_SEQ_CST);
		size_t off = w->head & (QUEUE_SIZE - 1), contiguous = QUEUE_SIZE - off;
		size_t total = need <= contiguous ? need : contiguous + need;

		if (QUEUE_SIZE - (w->head - t) >= total) {
			if (need > contiguous) {
				struct item *pad = (void *)(w->q + off);

				pad->kind = ITEM_PAD;
				pad->len = contiguous;
				w->head += contiguous;
				off = 0;
			}
			return w->q + off;
		}
		pthread_mutex_lock(&w->lock);
		__atomic_store_n(&w->waiting, 1, __ATOMIC_SEQ_CST);
		if (QUEUE_SIZE - (w->head - __atomic_load_n(&w->tail, __ATOMIC_SEQ_CST)) < total) {
			pthread_cond_signal(&w->wake);
			pthread_cond_wait(&w->space, &w->lock);
		}
		__atomic_store_n(&w->waiting, 0, __ATOMIC_SEQ_CST);
		pthread_mutex_unlock(&w->lock);
	}
}

/*
 * Publish an item. Only every WAKE_BYTES does the producer look whether the
 * worker sleeps (with the full fence that look needs); between those, a worker
 * that went to sleep meanwhile wakes by its own timer within FLUSH_PERIOD.
 */
static void commit(struct hy_writer *w, size_t len)
{
	__atomic_store_n(&w->head, w->head + len, __ATOMIC_RELEASE);
	if (w->head - w->woken_at >= WAKE_BYTES) {
		__atomic_thread_fence(__ATOMIC_SEQ_CST);
		wake_worker(w);
	}
}

struct hy_writer *hy_writer_open(FILE *f, unsigned int flags, unsigned int strsize)
{
	/* aligned as its members ask (calloc only promises 16 bytes) */
	struct hy_writer *w = aligned_alloc(64, (sizeof(*w) + 63) & ~(size_t)63);
	pthread_condattr_t ca;

	if (!w) {
		hy_error(-ENOMEM, "out of memory");
		return NULL;
	}
	memset(w, 0, sizeof(*w));
	w->f = f;
	w->flags = flags;
	w->strsize = strsize;
	w->column = ALIGN_COLUMN;
	fflush(f); /* what was written before comes first */
	w->fd = fileno(f);
	w->sync = w->fd < 0 || (flags & HY_WRITER_SYNC);
	if (!w->sync) {
		w->q = malloc(QUEUE_SIZE);
		w->out = malloc(OUT_SIZE);
		w->out_cap = OUT_SIZE;
		if (flags & HY_WRITER_STACKS && !(flags & HY_WRITER_JSON))
			w->stack_text = hy_frames_text_cache_new(); /* none: printed, not kept */
		if (!w->q || !w->out) {
			free(w->q);
			free(w->out);
			hy_frames_text_cache_free(w->stack_text);
			free(w);
			hy_error(-ENOMEM, "out of memory");
			return NULL;
		}
		pthread_mutex_init(&w->lock, NULL);
		pthread_cond_init(&w->space, NULL);
		pthread_condattr_init(&ca);
		pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		pthread_cond_init(&w->wake, &ca);
		pthread_condattr_destroy(&ca);
	}
	return w;
}

void hy_writer_set_fd_names(struct hy_writer *w,
			    const char *(*name)(void *ctx, int pid, int fd, int result, char *buf,
						size_t size),
			    void *ctx)
{
	if (w) {
		w->fd_name = name;
		w->fd_ctx = ctx;
	}
}

void hy_writer_set_unabbreviated(struct hy_writer *w, const struct hy_sysset *full)
{
	if (w)
		w->full = full;
}

void hy_writer_set_terse(struct hy_writer *w, const struct hy_sysset *terse)
{
	if (w)
		w->terse = terse;
}

void hy_writer_set_column(struct hy_writer *w, unsigned int column)
{
	if (w)
		w->column = column;
}

/* The worker starts with the first item (after the guest was forked, too). */
static bool threaded(struct hy_writer *w)
{
	if (!w->sync && !w->started && start(w))
		w->sync = true; /* nothing was queued yet: the order holds */
	return !w->sync;
}

int hy_writer_text(struct hy_writer *w, const char *text, size_t n)
{
	if (!threaded(w)) {
		if (fwrite(text, 1, n, w->f) != n && !w->err)
			w->err = errno ? errno : EIO;
		return 0;
	}
	while (n) {
		size_t k = n < MAX_ITEM ? n : MAX_ITEM, len = item_size(sizeof(struct item) + k);
		struct item *it = (void *)reserve(w, len);

		it->kind = ITEM_TEXT;
		it->len = len;
		it->used = k;
		memcpy(it + 1, text, k);
		commit(w, len);
		text += k;
		n -= k;
	}
	return 0;
}

/* Formatted here and now, queued as text: for events the worker cannot format. */
static int event_now(struct hy_writer *w, const struct hy_record *r, const char *prefix,
		     size_t plen)
{
	char stack[16384], *buf = stack;
	size_t n = format_line(w, r, prefix, plen, buf, sizeof(stack), NULL);
	int err;

	if (n >= sizeof(stack)) {
		buf = malloc(n + 1);
		if (!buf)
			return -ENOMEM;
		n = format_line(w, r, prefix, plen, buf, n + 1, NULL);
	}
	err = hy_writer_text(w, buf, n);
	if (buf != stack)
		free(buf);
	return err;
}

int hy_writer_event(struct hy_writer *w, const struct hy_event *ev, const char *prefix)
{
	const struct hy_record *r = &ev->r;
	size_t plen = prefix ? strlen(prefix) : 0;
	size_t chunks = r->nchunks * sizeof(r->chunk[0]);
	size_t len = item_size(sizeof(struct wire_event) + chunks + r->store_len + plen);
	struct wire_event *e;

	/* the guest's live memory, the PID map and -y's descriptors belong to the tracer thread */
	if (!threaded(w) || r->live || r->pidns || w->fd_name || len > MAX_ITEM)
		return event_now(w, r, prefix, plen);
	e = (void *)reserve(w, len);
	e->hdr.kind = ITEM_EVENT;
	e->hdr.len = len;
	e->store_len = r->store_len;
	e->prefix_len = plen;
	memcpy(e->head, r, RECORD_HEAD);
	memcpy(e + 1, r->chunk, chunks);
	if (r->store_len) /* a record without memory may have no store at all */
		memcpy((char *)(e + 1) + chunks, r->store, r->store_len);
	if (plen)
		memcpy((char *)(e + 1) + chunks + r->store_len, prefix, plen);
	commit(w, len);
	return 0;
}

int hy_writer_close(struct hy_writer *w)
{
	int err;

	if (!w)
		return 0;
	if (w->started) {
		pthread_mutex_lock(&w->lock);
		w->stop = 1;
		pthread_cond_signal(&w->wake);
		pthread_mutex_unlock(&w->lock);
		pthread_join(w->thread, NULL);
	}
	err = w->err ? -w->err : 0;
	if (w->q) {
		pthread_mutex_destroy(&w->lock);
		pthread_cond_destroy(&w->wake);
		pthread_cond_destroy(&w->space);
	}
	free(w->q);
	free(w->out);
	hy_frames_text_cache_free(w->stack_text);
	free(w->rotate_path);
	free(w);
	return err;
}
