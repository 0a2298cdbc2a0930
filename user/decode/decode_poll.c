// SPDX-License-Identifier: MIT
/*
 * Waiting for descriptors: poll/ppoll, select/pselect6 and epoll events,
 * including what strace appends to their results ("= 1 (in [3], left {...})").
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <poll.h>
#include <string.h>

#include "decode/args.h"
#include "decode/decode_poll.h"
#include "decode/decode_signal.h"
#include "decode/decode_time.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/* ---- poll ---- */

struct k_pollfd {
	int32_t fd;
	int16_t events, revents;
};

/* The whole array, or nothing: a half-printed one would mislead. */
static bool read_pollfds(const struct hy_record *r, enum hy_phase phase, uint64_t addr,
			 uint64_t nfds, struct k_pollfd *out, unsigned int max)
{
	return nfds <= max && hy_read(r, phase, addr, out, nfds * sizeof(*out));
}

void hy_pr_pollfds_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr, uint64_t nfds)
{
	struct k_pollfd fds[256];

	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	if (!read_pollfds(r, HY_PHASE_ENTER, addr, nfds, fds, 256)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	for (uint64_t i = 0; i < nfds; i++) {
		if (!hy_pr_array_elem(p, i))
			break;
		hy_pr_printf(p, "{fd=%d", fds[i].fd);
		hy_pr_fd_note(p, fds[i].fd, 0);
		/* the kernel ignores the events of negative descriptors, and so does strace */
		if (fds[i].fd >= 0) {
			hy_pr_puts(p, ", events=");
			hy_pr_flags(p, HY_X_POLL_EVENTS, (uint16_t)fds[i].events, NULL);
		}
		hy_pr_putc(p, '}');
	}
	hy_pr_putc(p, ']');
}

static bool is_ppoll(const struct hy_record *r)
{
	return r->ent && !strncmp(r->ent->name, "ppoll", 5);
}

/* poll(fds, nfds, timeout) and ppoll(fds, nfds, tsp, sigmask, sigsetsize) */
void hy_dec_poll(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t nfds = hy_uarg(r, 1);

	hy_pr_pollfds_at(p, r, hy_uarg(r, 0), nfds);
	hy_pr_printf(p, ", %u, ", (unsigned int)nfds);
	if (!is_ppoll(r)) {
		hy_pr_printf(p, "%d", (int)r->args[2]);
		return;
	}
	hy_pr_timespec_at(p, r, HY_PHASE_ENTER, hy_uarg(r, 2));
	hy_pr_sep(p);
	hy_pr_sigset_at(p, r, HY_PHASE_ENTER, hy_uarg(r, 3), hy_uarg(r, 4));
	hy_pr_printf(p, ", %" PRIu64, hy_uarg(r, 4));
}

/* The time left, from what the kernel wrote back into the timeout (when it was captured). */
static void print_left(struct hy_printer *p, const struct hy_record *r, uint64_t addr, bool timeval,
		       const char *sep)
{
	uint8_t probe[16];

	if (!addr || !hy_read(r, HY_PHASE_EXIT, addr, probe, hy_time32(r) ? 8 : 16))
		return;
	hy_pr_puts(p, sep);
	hy_pr_puts(p, "left ");
	if (timeval)
		hy_pr_timeval_at(p, r, HY_PHASE_EXIT, addr);
	else
		hy_pr_timespec_at(p, r, HY_PHASE_EXIT, addr);
}

/* " ([{fd=3, revents=POLLIN}], left {...})" after a positive result. */
bool hy_pr_poll_result(struct hy_printer *p, const struct hy_record *r)
{
	struct k_pollfd fds[256];
	uint64_t nfds = hy_uarg(r, 1);
	unsigned int shown = 0;

	if (!read_pollfds(r, HY_PHASE_EXIT, hy_uarg(r, 0), nfds, fds, 256))
		return false;
	hy_pr_puts(p, " ([");
	for (uint64_t i = 0; i < nfds; i++) {
		if (!fds[i].revents)
			continue;
		if (shown++)
			hy_pr_puts(p, ", ");
		hy_pr_printf(p, "{fd=%d, revents=", fds[i].fd);
		hy_pr_flags(p, HY_X_POLL_EVENTS, (uint16_t)fds[i].revents, NULL);
		hy_pr_putc(p, '}');
	}
	hy_pr_putc(p, ']');
	if (is_ppoll(r))
		print_left(p, r, hy_uarg(r, 2), false, ", ");
	hy_pr_putc(p, ')');
	return true;
}

/* ---- select ---- */

#define HY_FDSET_MAX 1024 /* what the table captures: FD_SETSIZE bits */

/* The set's bytes: whole longs of the ABI covering nfds bits. */
static size_t fdset_bytes(const struct hy_record *r, int nfds)
{
	size_t bits = hy_ptr_size(r) * 8;

	return (nfds + bits - 1) / bits * bits / 8;
}

static bool read_fdset(const struct hy_record *r, enum hy_phase phase, uint64_t addr, int nfds,
		       uint8_t *set)
{
	return nfds >= 0 && nfds <= HY_FDSET_MAX &&
	       (!nfds || hy_read(r, phase, addr, set, fdset_bytes(r, nfds)));
}

/* @named: strace -y names the descriptors of the arguments, not of the result's note */
static void print_fds(struct hy_printer *p, const uint8_t *set, int nfds, bool named)
{
	bool first = true;

	hy_pr_putc(p, '[');
	for (int fd = 0; fd < nfds; fd++) {
		if (!(set[fd / 8] & (1u << (fd % 8))))
			continue;
		hy_pr_printf(p, first ? "%d" : " %d", fd);
		if (named)
			hy_pr_fd_note(p, fd, 0);
		first = false;
	}
	hy_pr_putc(p, ']');
}

void hy_pr_fdset_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr, int nfds)
{
	uint8_t set[HY_FDSET_MAX / 8];

	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	if (!read_fdset(r, phase, addr, nfds, set)) {
		hy_pr_ptr(p, addr);
		return;
	}
	print_fds(p, set, nfds, true);
}

static bool is_pselect(const struct hy_record *r)
{
	return r->ent && !strncmp(r->ent->name, "pselect6", 8);
}

/* pselect6's sixth argument: { const sigset_t *ss; size_t ss_len; } */
static void print_sigmask_arg(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	uint64_t ss, len;

	if (!addr || !hy_read_word(r, HY_PHASE_ENTER, addr, &ss) ||
	    !hy_read_word(r, HY_PHASE_ENTER, addr + hy_ptr_size(r), &len)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{sigmask=");
	hy_pr_sigset_at(p, r, HY_PHASE_ENTER, ss, len);
	hy_pr_printf(p, ", sigsetsize=%" PRIu64 "}", len);
}

/* select(nfds, in, out, except, timeval) and pselect6(..., timespec, sigmask) */
void hy_dec_select(struct hy_printer *p, const struct hy_record *r)
{
	int nfds = r->args[0];

	hy_pr_printf(p, "%d", nfds);
	for (int i = 1; i <= 3; i++) {
		hy_pr_sep(p);
		hy_pr_fdset_at(p, r, HY_PHASE_ENTER, hy_uarg(r, i), nfds);
	}
	hy_pr_sep(p);
	if (is_pselect(r)) {
		hy_pr_timespec_at(p, r, HY_PHASE_ENTER, hy_uarg(r, 4));
		hy_pr_sep(p);
		print_sigmask_arg(p, r, hy_uarg(r, 5));
	} else {
		hy_pr_timeval_at(p, r, HY_PHASE_ENTER, hy_uarg(r, 4));
	}
}

/* " (in [3], out [4], left {...})": the ready descriptors, from the sets at exit. */
bool hy_pr_select_result(struct hy_printer *p, const struct hy_record *r)
{
	static const char *const names[] = { "in", "out", "except" };
	uint8_t set[3][HY_FDSET_MAX / 8];
	int nfds = r->args[0];
	bool any = false;

	for (int i = 0; i < 3; i++)
		if (hy_uarg(r, i + 1) &&
		    !read_fdset(r, HY_PHASE_EXIT, hy_uarg(r, i + 1), nfds, set[i]))
			return false;
	hy_pr_puts(p, " (");
	for (int i = 0; i < 3; i++) {
		bool bits = false;

		if (!hy_uarg(r, i + 1))
			continue;
		for (int fd = 0; fd < nfds && !bits; fd++)
			bits = set[i][fd / 8] & (1u << (fd % 8));
		if (!bits)
			continue;
		hy_pr_printf(p, "%s%s ", any ? ", " : "", names[i]);
		print_fds(p, set[i], nfds, false);
		any = true;
	}
	print_left(p, r, hy_uarg(r, 4), !is_pselect(r), any ? ", " : "");
	hy_pr_putc(p, ')');
	return true;
}

/* ---- epoll ---- */

static void print_epoll_event(struct hy_printer *p, const uint8_t *ev)
{
	uint32_t events;
	uint64_t data;

	memcpy(&events, ev, 4);
	memcpy(&data, ev + 4, 8);
	hy_pr_puts(p, "{events=");
	hy_pr_flags(p, HY_X_EPOLL_EVENTS, events, NULL);
	hy_pr_printf(p, ", data={u32=%u, u64=%" PRIu64 "}}", (uint32_t)data, data);
}

/* One event (epoll_ctl, @count < 0) or an array of @count (epoll_wait's result). */
void hy_pr_epoll_events_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			   uint64_t addr, int64_t count)
{
	/* struct epoll_event is packed on x86: 12 bytes on every ABI */
	uint8_t ev[12];

	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	if (count < 0) {
		if (hy_read(r, phase, addr, ev, sizeof(ev)))
			print_epoll_event(p, ev);
		else
			hy_pr_ptr(p, addr);
		return;
	}
	for (int64_t i = 0; i < count && i < p->strsize; i++) {
		if (!hy_read(r, phase, addr + 12 * i, ev, sizeof(ev))) {
			hy_pr_ptr(p, addr);
			return;
		}
	}
	hy_pr_putc(p, '[');
	for (int64_t i = 0; i < count; i++) {
		if (!hy_pr_array_elem(p, i))
			break;
		hy_read(r, phase, addr + 12 * i, ev, sizeof(ev));
		print_epoll_event(p, ev);
	}
	hy_pr_putc(p, ']');
}
