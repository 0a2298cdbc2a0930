// SPDX-License-Identifier: MIT
/*
 * The guest runtime's notes (guest_shm.h), taken out of the kernel's record
 * stream and told to the merge as the ptrace backend tells it at a stop: a
 * note sits in the thread's records just before the call it is about, so the
 * merge pairs them exactly as it pairs a stop's note with the call after it.
 */
#include <stdio.h>
#include <string.h>

#include "call_notes.h"
#include "guest/guest.h"
#include "guest/guest_shm.h"
#include "hy_event.h"
#include "kernel_signals.h"
#include "merge.h"
#include "procfs.h"
#include "runtime.h"
#include "session.h"
#include "syscall_table.h"
#include "tasks.h"

static struct hy_task *task_of(struct hy_session *s, const struct hy_kev_hdr *h)
{
	return hy_rt_task_get(s, h->tid, h->tgid, 0);
}

static void skip_first(struct hy_session *s, const struct hy_kev_call *k)
{
	struct hy_task *t = task_of(s, &k->hdr);
	struct hy_call *c;

	if (!t)
		return;
	c = &t->call;
	memset(c, 0, sizeof(*c));
	c->abi = (enum hy_abi)(k->args[1] >> 32);
	c->nr = (long)(uint32_t)k->args[1];
	c->raw_nr = c->abi == HY_ABI_X32 ? c->nr | 0x40000000L : c->nr;
	memcpy(c->args, &k->args[2], 4 * sizeof(uint64_t));
	c->ts = k->enter_ts;
	/* -i: the recorder took the guest's rip at this note (the runtime's slot) */
	c->ip = hy_merge_ip_at(s->merge, k->hdr.tid, k->enter_ts);
	hy_guest_skip_start(hy_guest_skip_map(s), k->hdr.tid);
}

static void skip_second(struct hy_session *s, const struct hy_kev_call *k)
{
	struct hy_task *t = task_of(s, &k->hdr);

	if (!t)
		return;
	t->call.args[4] = k->args[1];
	t->call.args[5] = k->args[2];
	memcpy(t->call.orig_args, t->call.args, sizeof(t->call.args));
	t->call.modified = k->args[4] & HY_EV_MODIFIED;
	t->call.delayed = k->args[4] & HY_EV_DELAYED;
	if (t->call.delayed && k->args[5]) /* deferred: it began before its wait */
		t->call.ts = k->args[5];
	t->call.ret = (int64_t)k->args[3];
	t->call.cont = HY_CONT_SKIP; /* until its exit record (number -1) comes */
	if (k->args[4] & HY_GNOTE_REFUSED) {
		hy_note_refused(s, t, (int64_t)k->args[3]); /* the guest's own seccomp TRACE */
		return;
	}
	s->stats.escalations++;
	hy_note_entry(s, t, HY_CONT_SKIP, (int64_t)k->args[3]);
}

/*
 * The exit of a skipped call: the kernel answered the runtime's call of number
 * -1 with -ENOSYS, the guest saw the tool's value; the record says what the
 * guest saw, as a ptrace skip's does.
 */
static bool skip_exit(struct hy_session *s, const struct hy_kev_sys *k, size_t len)
{
	struct hy_task *t = hy_task_find(&s->tasks, k->hdr.tid);
	struct hy_kev_sys copy;

	if (!t || t->call.cont != HY_CONT_SKIP || len != HY_KEV_EXIT_SIZE)
		return false;
	memcpy(&copy, k, len);
	copy.ret = t->call.ret;
	t->call.cont = HY_CONT_RUN;
	hy_merge_kernel(s->merge, &copy, len);
	return true;
}

/*
 * What happens to a kept program's children, as exec_runtime.c decides it: a
 * static one's filter holds only its own code's calls, so a dynamic 64-bit
 * program it executes gets the runtime, unless the process runs without
 * address randomization (that program could land where the static one's
 * code was); a dynamic 32-bit or set-ID one's filter holds every call.
 */
static const char *kept_fate(pid_t pid, bool loaderless)
{
	if (!loaderless)
		return "it and every program it executes run under ptrace";
	if (hy_proc_aslr_off(pid))
		return "it runs under ptrace (its forks too), and so does every program it "
		       "executes: without address randomization a dynamic one could land where "
		       "its code is";
	return "it runs under ptrace (its forks too), a dynamic 64-bit program it executes on "
	       "the guest backend";
}

void hy_guest_say_unheld(struct hy_session *s, pid_t pid, const char *name, int kind, bool held,
			 bool loaderless)
{
	char msg[400];

	if (!s->opts.notice || !hy_guest_first_unheld(s))
		return;
	snprintf(msg, sizeof(msg), "%s: pid %d executes %s, a %s%s program: %s",
		 s->guest_auto ? "the guest backend (the default's choice)" : "--backend=guest",
		 pid, name,
		 kind == HY_IMAGE_SETID ? "set-user-ID" :
		 kind == HY_IMAGE_32BIT ? "32-bit" :
					  "static",
		 kind != HY_IMAGE_STATIC && loaderless ? " static" : "",
		 !held ? "its calls are recorded, not held (--backend=ptrace holds them)" :
			 kept_fate(pid, loaderless));
	s->opts.notice(s->opts.notice_ctx, msg);
}

/*
 * A guest process executes a program the runtime cannot go into (static or
 * 32-bit: held through ptrace; set-user-ID, or one whose hand-off was not
 * granted: recorded, not held). Said once per run, in one line.
 */
static void unheld_exec(struct hy_session *s, const struct hy_kev_call *k)
{
	char name[33] = "";

	memcpy(name, &k->args[2], 32);
	hy_guest_say_unheld(s, k->hdr.tid, name, k->args[1] & 0xff,
			    k->args[1] & HY_GNOTE_EXEC_PTRACE,
			    k->args[1] & HY_GNOTE_EXEC_LOADERLESS);
}

/*
 * A held call its tools let run as it was: no note, the recorder marked it
 * (made from the gate's held entry), so the merge gets the note it stands for.
 */
static void held_mark(struct hy_session *s, const void *rec, size_t len)
{
	const struct hy_kev_call *k = rec;
	const struct hy_kev_sys *e = rec;
	uint64_t ts;

	if (len >= sizeof(*k) && k->hdr.type == HY_KEV_CALL && k->flags & HY_CALL_HELD)
		ts = k->enter_ts;
	else if (len >= sizeof(*e) && e->hdr.type == HY_KEV_ENTER && e->flags & HY_SYS_HELD)
		ts = e->hdr.ts;
	else
		return;
	s->stats.escalations++;
	hy_merge_note_run(s->merge, k->hdr.tid, ts - 1, HY_EV_ESCALATED, false);
}

bool hy_guest_note(struct hy_session *s, const void *rec, size_t len)
{
	const struct hy_kev_call *k = rec;
	const struct hy_kev_sys *e = rec;

	if (hy_guest_own_record(s, rec, len))
		return true;
	hy_guest_count_record(s, rec, len);
	if (hy_guest_exec_env_record(s, rec, len))
		return true;
	held_mark(s, rec, len);
	if (hy_kernel_signal(s, rec, len))
		return true;
	if (len == HY_KEV_EXIT_SIZE && e->hdr.type == HY_KEV_EXIT && e->nr == -1)
		return skip_exit(s, e, len);
	if (len < sizeof(*k) || k->hdr.type != HY_KEV_CALL || k->abi != HY_KABI_X86_64 ||
	    k->nr != HY_GUEST_NOTE_NR)
		return false;
	switch (k->args[0]) {
	case HY_GNOTE_RUN:
		if (k->args[1] & HY_EV_ESCALATED)
			s->stats.escalations++;
		/* a deferred call began before its wait: -T counts the delay, as with ptrace */
		hy_merge_note_run(s->merge, k->hdr.tid,
				  k->args[1] & HY_EV_DELAYED && k->args[3] ? k->args[3] :
									     k->enter_ts,
				  (unsigned int)k->args[1], k->args[2]);
		break;
	case HY_GNOTE_SKIP1:
		skip_first(s, k);
		break;
	case HY_GNOTE_SKIP2:
		skip_second(s, k);
		break;
	case HY_GNOTE_EXIT:
		hy_merge_note_exit(s->merge, k->hdr.tid, (int64_t)k->args[1], k->args[2],
				   (unsigned int)k->args[3] & HY_EV_DELAYED);
		break;
	case HY_GNOTE_UNHELD_EXEC:
		unheld_exec(s, k);
		break;
	case HY_GNOTE_EXEC_ENV:
		hy_guest_exec_env_note(hy_guest_exec_env_map(s), k->hdr.tid, k->args[1],
				       k->args[2]);
		break;
	case HY_GNOTE_SKIP_MEM:
	case HY_GNOTE_SKIP_MORE:
		hy_guest_skip_mem(hy_guest_skip_map(s), k);
		break;
	case HY_GNOTE_BYHAND1:
	case HY_GNOTE_BYHAND_MEM:
	case HY_GNOTE_BYHAND2:
		hy_guest_by_hand(s, hy_guest_by_hand_map(s), k);
		break;
	case HY_GNOTE_OUTPUT:
		hy_guest_output(s, hy_guest_output_map(s), k);
		break;
	}
	return true;
}
