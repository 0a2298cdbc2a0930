// SPDX-License-Identifier: MIT
/*
 * System V IPC: message queues, semaphores, shared memory. The *ctl calls
 * take a struct whose type (and direction) depends on the command; the ids and
 * keys print as strace does ("IPC_PRIVATE", "0x1234"). The structs are the
 * 64-bit ABI's (ipc64_perm and the *64_ds of x86-64 and x32); i386's print as
 * addresses.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#include "decode/args.h"
#include "decode/decode_ipc.h"
#include "decode/decode_time.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

#define HY_IPC_64 0x100	     /* the cmd bit of the 64-bit structs (linux/ipc.h) */
#define HY_SHM_HUGE_SHIFT 26 /* log2 of the huge page size, in shmget's flags */
#define HY_MAX_SEMBUF 32     /* sembufs captured (HY_S_SEMBUF's size / 6) */

/* struct ipc64_perm on x86-64 */
struct k_ipc_perm {
	uint32_t key, uid, gid, cuid, cgid;
	uint16_t mode, pad1, seq, pad2;
	uint64_t unused[2];
};

struct k_msqid_ds {
	struct k_ipc_perm perm;
	int64_t stime, rtime, ctime;
	uint64_t cbytes, qnum, qbytes;
	int32_t lspid, lrpid;
	uint64_t unused[2];
};

struct k_semid_ds {
	struct k_ipc_perm perm;
	int64_t otime;
	uint64_t unused1;
	int64_t ctime;
	uint64_t unused2, nsems, unused3, unused4;
};

struct k_shmid_ds {
	struct k_ipc_perm perm;
	uint64_t segsz;
	int64_t atime, dtime, ctime;
	int32_t cpid, lpid;
	uint64_t nattch, unused[2];
};

struct k_msginfo {
	int32_t msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
	uint16_t msgseg;
};

struct k_shminfo {
	uint64_t shmmax, shmmin, shmmni, shmseg, shmall;
};

struct k_shm_info {
	int32_t used_ids;
	uint64_t shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};

static void print_key(struct hy_printer *p, uint32_t key)
{
	hy_pr_const(p, key == IPC_PRIVATE ? "IPC_PRIVATE" : NULL, key, HY_NUM_HEX);
}

/* msgget/semget/shmget's flags: "IPC_CREAT|IPC_EXCL|0600", "SHM_HUGETLB|21<<SHM_HUGE_SHIFT|000" */
static void print_get_flags(struct hy_printer *p, uint32_t flags, bool shm)
{
	bool any = false;
	uint32_t rest = flags & ~0777u;
	/* -X: the bits above the mode as one number, the names in its comment */
	int token = rest ? hy_pr_const_open(p, rest, HY_NUM_HEX) : 0;

	if (rest && !token) {
		hy_pr_printf(p, "|%#03o", flags & 0777);
		return;
	}
	rest = hy_pr_bits(p, shm ? HY_X_SHMGET_FLAGS : HY_X_IPC_GET_FLAGS, rest, &any);
	if (shm && rest >> HY_SHM_HUGE_SHIFT) {
		hy_pr_printf(p, "%s%u<<SHM_HUGE_SHIFT", any ? "|" : "", rest >> HY_SHM_HUGE_SHIFT);
		rest &= (1u << HY_SHM_HUGE_SHIFT) - 1;
		any = true;
	}
	if (rest) {
		hy_pr_printf(p, "%s%#x", any ? "|" : "", rest);
		any = true;
	}
	if (token)
		hy_pr_const_close(p, token);
	hy_pr_printf(p, "%s%#03o", any ? "|" : "", flags & 0777);
}

/* msgget(key, flg), semget(key, nsems, flg), shmget(key, size, flg) */
void hy_dec_ipc_get(struct hy_printer *p, const struct hy_record *r)
{
	int nargs = r->ent ? r->ent->nargs : 2;
	bool shm = r->ent && !strcmp(r->ent->name, "shmget");

	print_key(p, r->args[0]);
	hy_pr_sep(p);
	/* semget's nsems is an int, shmget's size a size_t */
	if (nargs == 3 && shm)
		hy_pr_printf(p, "%" PRIu64 ", ", hy_uarg(r, 1));
	else if (nargs == 3)
		hy_pr_printf(p, "%d, ", (int)r->args[1]);
	print_get_flags(p, r->args[nargs - 1], shm);
}

/* {mtype=1, mtext="hello"}: the text as long as the size argument says, cut at -s */
static void print_msgbuf(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr, uint64_t size)
{
	size_t want = size < p->strsize ? (size_t)size : p->strsize;
	char buf[8 + 4096];
	int64_t mtype;

	if (want > sizeof(buf) - 8)
		want = sizeof(buf) - 8;
	if (!addr || hy_compat32(r) || !hy_read(r, phase, addr, buf, 8 + want)) {
		hy_pr_ptr(p, addr);
		return;
	}
	memcpy(&mtype, buf, sizeof(mtype));
	hy_pr_printf(p, "{mtype=%" PRId64 ", mtext=", mtype);
	hy_pr_quoted(p, buf + 8, want, size > want);
	hy_pr_putc(p, '}');
}

/* msgsnd(id, msgp, msgsz, msgflg) */
void hy_dec_msgsnd(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_printf(p, "%d, ", (int)r->args[0]);
	print_msgbuf(p, r, HY_PHASE_ENTER, hy_uarg(r, 1), hy_uarg(r, 2));
	hy_pr_printf(p, ", %" PRIu64 ", ", hy_uarg(r, 2));
	hy_pr_flags(p, HY_X_IPC_MSG_FLAGS, (uint32_t)r->args[3], NULL);
}

/* msgrcv(id, msgp, msgsz, msgtyp, msgflg): the message only when one came */
void hy_dec_msgrcv(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_printf(p, "%d, ", (int)r->args[0]);
	if (hy_exit_ok(r))
		print_msgbuf(p, r, HY_PHASE_EXIT, hy_uarg(r, 1), hy_uarg(r, 2));
	else
		hy_pr_ptr(p, hy_uarg(r, 1));
	hy_pr_printf(p, ", %" PRIu64 ", %" PRId64 ", ", hy_uarg(r, 2), hy_sarg(r, 3));
	hy_pr_flags(p, HY_X_IPC_MSG_FLAGS, (uint32_t)r->args[4], NULL);
}

/* semop(id, sops, nsops) and semtimedop(id, sops, nsops, timeout) */
void hy_dec_semop(struct hy_printer *p, const struct hy_record *r)
{
	uint64_t addr = hy_uarg(r, 1), n = hy_uarg(r, 2);
	uint64_t show = n < p->strsize ? n : p->strsize;
	struct {
		uint16_t num;
		int16_t op;
		int16_t flg;
	} sb[HY_MAX_SEMBUF];

	if (show > HY_MAX_SEMBUF)
		show = HY_MAX_SEMBUF;
	hy_pr_printf(p, "%d, ", (int)r->args[0]);
	if (!addr || !n || !hy_read(r, HY_PHASE_ENTER, addr, sb, show * sizeof(sb[0]))) {
		hy_pr_ptr(p, addr);
	} else {
		for (uint64_t i = 0; i < show; i++) {
			hy_pr_printf(p, "%s{sem_num=%u, sem_op=%d, sem_flg=", i ? ", " : "[",
				     sb[i].num, sb[i].op);
			hy_pr_flags(p, HY_X_SEM_FLAGS, (uint16_t)sb[i].flg, NULL);
			hy_pr_putc(p, '}');
		}
		hy_pr_puts(p, n > show ? ", ...]" : "]");
	}
	hy_pr_printf(p, ", %" PRIu64, n);
	if (r->ent && r->ent->nargs > 3) {
		hy_pr_sep(p);
		hy_pr_timespec_at(p, r, HY_PHASE_ENTER, hy_uarg(r, 3));
	}
}

/* shmat(id, addr, flg) */
void hy_dec_shmat(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_printf(p, "%d, ", (int)r->args[0]);
	hy_pr_ptr(p, hy_uarg(r, 1));
	hy_pr_sep(p);
	hy_pr_flags(p, HY_X_SHMAT_FLAGS, (uint32_t)r->args[2], NULL);
}

/* "{uid=0, gid=0, mode=0600" and, but for IPC_SET, ", key=0, cuid=0, cgid=0" */
static void print_perm(struct hy_printer *p, const char *name, const struct k_ipc_perm *perm,
		       bool set)
{
	hy_pr_printf(p, "{%s={uid=%u, gid=%u, mode=%#03o", name, perm->uid, perm->gid, perm->mode);
	if (!set)
		hy_pr_printf(p, ", key=%u, cuid=%u, cgid=%u", perm->key, perm->cuid, perm->cgid);
	hy_pr_putc(p, '}');
}

enum ipc_obj { OBJ_MSG, OBJ_SEM, OBJ_SHM };

/* A struct the command reads (IPC_SET) or fills (the others), or NULL for none. */
static bool cmd_struct(enum ipc_obj obj, uint32_t cmd, bool *in)
{
	*in = cmd == IPC_SET;
	switch (cmd) {
	case IPC_SET:
	case IPC_STAT:
	case IPC_INFO:
		return true;
	}
	switch (obj) {
	case OBJ_MSG:
		return cmd == MSG_STAT || cmd == MSG_INFO || cmd == MSG_STAT_ANY;
	case OBJ_SEM:
		return cmd == SEM_STAT || cmd == SEM_INFO || cmd == SEM_STAT_ANY;
	case OBJ_SHM:
		return cmd == SHM_STAT || cmd == SHM_INFO || cmd == SHM_STAT_ANY;
	}
	return false;
}

static void print_msq(struct hy_printer *p, const void *buf, uint32_t cmd)
{
	const struct k_msqid_ds *d = buf;
	const struct k_msginfo *i = buf;

	if (cmd == IPC_INFO || cmd == MSG_INFO) {
		hy_pr_printf(p,
			     "{msgpool=%d, msgmap=%d, msgmax=%d, msgmnb=%d, msgmni=%d, msgssz=%d, "
			     "msgtql=%d, msgseg=%u}",
			     i->msgpool, i->msgmap, i->msgmax, i->msgmnb, i->msgmni, i->msgssz,
			     i->msgtql, i->msgseg);
		return;
	}
	print_perm(p, "msg_perm", &d->perm, cmd == IPC_SET);
	if (cmd == IPC_SET) {
		hy_pr_printf(p, ", msg_qbytes=%" PRIu64 "}", d->qbytes);
		return;
	}
	hy_pr_printf(p,
		     ", msg_stime=%" PRId64 ", msg_rtime=%" PRId64 ", msg_ctime=%" PRId64
		     ", msg_qnum=%" PRIu64 ", msg_qbytes=%" PRIu64 ", msg_lspid=%d, msg_lrpid=%d}",
		     d->stime, d->rtime, d->ctime, d->qnum, d->qbytes, d->lspid, d->lrpid);
}

static void print_sem(struct hy_printer *p, const void *buf, uint32_t cmd)
{
	const struct k_semid_ds *d = buf;
	const int32_t *i = buf;

	if (cmd == IPC_INFO || cmd == SEM_INFO) {
		hy_pr_printf(p,
			     "{semmap=%d, semmni=%d, semmns=%d, semmnu=%d, semmsl=%d, semopm=%d, "
			     "semume=%d, semusz=%d, semvmx=%d, semaem=%d}",
			     i[0], i[1], i[2], i[3], i[4], i[5], i[6], i[7], i[8], i[9]);
		return;
	}
	print_perm(p, "sem_perm", &d->perm, cmd == IPC_SET);
	if (cmd == IPC_SET) {
		hy_pr_putc(p, '}');
		return;
	}
	hy_pr_printf(p, ", sem_otime=%" PRId64 ", sem_ctime=%" PRId64 ", sem_nsems=%" PRIu64 "}",
		     d->otime, d->ctime, d->nsems);
}

static void print_shm(struct hy_printer *p, const void *buf, uint32_t cmd)
{
	const struct k_shmid_ds *d = buf;
	const struct k_shminfo *i = buf;
	const struct k_shm_info *s = buf;

	if (cmd == IPC_INFO) {
		hy_pr_printf(p,
			     "{shmmax=%" PRIu64 ", shmmin=%" PRIu64 ", shmmni=%" PRIu64
			     ", shmseg=%" PRIu64 ", shmall=%" PRIu64 "}",
			     i->shmmax, i->shmmin, i->shmmni, i->shmseg, i->shmall);
		return;
	}
	if (cmd == SHM_INFO) {
		hy_pr_printf(p,
			     "{used_ids=%d, shm_tot=%" PRIu64 ", shm_rss=%" PRIu64
			     ", shm_swp=%" PRIu64 ", swap_attempts=%" PRIu64
			     ", swap_successes=%" PRIu64 "}",
			     s->used_ids, s->shm_tot, s->shm_rss, s->shm_swp, s->swap_attempts,
			     s->swap_successes);
		return;
	}
	print_perm(p, "shm_perm", &d->perm, cmd == IPC_SET);
	if (cmd == IPC_SET) {
		hy_pr_putc(p, '}');
		return;
	}
	hy_pr_printf(p,
		     ", shm_segsz=%" PRIu64 ", shm_cpid=%d, shm_lpid=%d, shm_nattch=%" PRIu64
		     ", shm_atime=%" PRId64 ", shm_dtime=%" PRId64 ", shm_ctime=%" PRId64 "}",
		     d->segsz, d->cpid, d->lpid, d->nattch, d->atime, d->dtime, d->ctime);
}

/* "IPC_64|IPC_STAT", "0x63 / * MSG_??? * /" */
static void print_cmd(struct hy_printer *p, enum hy_xlat_id set, uint32_t cmd)
{
	if (cmd & HY_IPC_64) {
		hy_pr_puts(p, "IPC_64|");
		cmd &= ~HY_IPC_64;
	}
	hy_pr_enum(p, set, cmd);
}

static void print_ctl_buf(struct hy_printer *p, const struct hy_record *r, enum ipc_obj obj,
			  uint32_t cmd, uint64_t addr)
{
	static void (*const printers[])(struct hy_printer *, const void *, uint32_t) = {
		[OBJ_MSG] = print_msq,
		[OBJ_SEM] = print_sem,
		[OBJ_SHM] = print_shm,
	};
	uint8_t buf[sizeof(struct k_msqid_ds)];
	size_t size = obj == OBJ_MSG ? sizeof(struct k_msqid_ds) :
		      obj == OBJ_SEM ? sizeof(struct k_semid_ds) :
				       sizeof(struct k_shmid_ds);
	bool in;

	memset(buf, 0, sizeof(buf));
	if (!addr || hy_compat32(r) || (cmd & HY_IPC_64) || !cmd_struct(obj, cmd, &in)) {
		hy_pr_ptr(p, addr);
		return;
	}
	/* the INFO structs are smaller than the _ds ones: read what each needs */
	if (cmd == IPC_INFO || cmd == MSG_INFO || cmd == SEM_INFO || cmd == SHM_INFO)
		size = obj == OBJ_MSG  ? sizeof(struct k_msginfo) :
		       obj == OBJ_SEM  ? 10 * sizeof(int32_t) :
		       cmd == IPC_INFO ? sizeof(struct k_shminfo) :
					 sizeof(struct k_shm_info);
	if (in ? !hy_read(r, HY_PHASE_ENTER, addr, buf, size) :
		 !hy_exit_ok(r) || !hy_read(r, HY_PHASE_EXIT, addr, buf, size)) {
		hy_pr_ptr(p, addr);
		return;
	}
	printers[obj](p, buf, cmd);
}

/* msgctl(id, cmd, buf) */
void hy_dec_msgctl(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t cmd = r->args[1];

	hy_pr_printf(p, "%d, ", (int)r->args[0]);
	print_cmd(p, HY_X_MSGCTL_CMD, cmd);
	hy_pr_sep(p);
	print_ctl_buf(p, r, OBJ_MSG, cmd, hy_uarg(r, 2));
}

/* semctl(id, semnum, cmd, arg): arg is a union passed by value, shown as a pointer */
void hy_dec_semctl(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t cmd = r->args[2];

	hy_pr_printf(p, "%d, %d, ", (int)r->args[0], (int)r->args[1]);
	print_cmd(p, HY_X_SEMCTL_CMD, cmd);
	hy_pr_sep(p);
	print_ctl_buf(p, r, OBJ_SEM, cmd, hy_uarg(r, 3));
}

/* shmctl(id, cmd, buf) */
void hy_dec_shmctl(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t cmd = r->args[1];

	hy_pr_printf(p, "%d, ", (int)r->args[0]);
	print_cmd(p, HY_X_SHMCTL_CMD, cmd);
	hy_pr_sep(p);
	print_ctl_buf(p, r, OBJ_SHM, cmd, hy_uarg(r, 2));
}

/*
 * struct mq_attr: "{mq_flags=O_NONBLOCK, mq_maxmsg=4, mq_msgsize=32, mq_curmsgs=0}";
 * strace shows mq_open's flags in hex and mq_getsetattr's by name.
 */
static void print_mq_attr(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			  uint64_t addr, bool named)
{
	int64_t a[4];

	if (!addr || hy_compat32(r) || !hy_read(r, phase, addr, a, sizeof(a))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{mq_flags=");
	if (named)
		hy_pr_flags(p, HY_X_MQ_FLAGS, (uint64_t)a[0], NULL);
	else
		hy_pr_hex(p, (uint64_t)a[0]);
	hy_pr_printf(p, ", mq_maxmsg=%" PRId64 ", mq_msgsize=%" PRId64 ", mq_curmsgs=%" PRId64 "}",
		     a[1], a[2], a[3]);
}

void hy_pr_mq_attr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr)
{
	print_mq_attr(p, r, phase, addr, true);
}

/* mq_open(name, oflag, mode, attr): the mode and attributes only with O_CREAT */
void hy_dec_mq_open(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t flags = r->args[1];

	hy_pr_str_arg(p, r, hy_uarg(r, 0), 0); /* a path to strace: never cut */
	hy_pr_sep(p);
	hy_pr_open_flags(p, flags);
	if (!(flags & O_CREAT))
		return;
	hy_pr_sep(p);
	hy_pr_mode(p, r->args[2] & 07777);
	hy_pr_sep(p);
	print_mq_attr(p, r, HY_PHASE_ENTER, hy_uarg(r, 3), false);
}
