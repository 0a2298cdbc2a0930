// SPDX-License-Identifier: MIT
/* System V IPC and POSIX message queues against strace 6.1's output. */
#include "test_decode_common.h"

#include <fcntl.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define BUF 0x7ffde5627740ull
#define TS 0x7ffde5627800ull

static void test_get(void **state)
{
	(void)state;
	t_x64("msgget", IPC_PRIVATE, IPC_CREAT | 0600);
	t_ret(3);
	t_expect("msgget(IPC_PRIVATE, IPC_CREAT|0600) = 3");
	t_x64("msgget", 0x1234, 0);
	t_ret(-ENOENT);
	t_expect("msgget(0x1234, 000) = -1 ENOENT (No such file or directory)");
	t_x64("msgget", 0x1234, IPC_CREAT | 0x10000000 | 0777);
	t_ret(10);
	t_expect("msgget(0x1234, IPC_CREAT|0x10000000|0777) = 10");
	t_x64("semget", IPC_PRIVATE, 2, IPC_CREAT | IPC_EXCL | 0644);
	t_expect("semget(IPC_PRIVATE, 2, IPC_CREAT|IPC_EXCL|0644) = 0");
	t_x64("shmget", IPC_PRIVATE, 100, IPC_CREAT | IPC_EXCL | SHM_NORESERVE | 0640);
	t_ret(32775);
	t_expect("shmget(IPC_PRIVATE, 100, IPC_CREAT|IPC_EXCL|SHM_NORESERVE|0640) = 32775");
	t_x64("shmget", 5, 4096, SHM_HUGETLB | 21u << 26);
	t_ret(-ENOENT);
	t_expect("shmget(0x5, 4096, SHM_HUGETLB|21<<SHM_HUGE_SHIFT|000) = -1 ENOENT (No such file "
		 "or directory)");
}

static void test_msg(void **state)
{
	struct {
		int64_t mtype;
		char text[48];
	} m = { 1, "hello\0\0\0" }, big = { 2, "0123456789012345678901234567890123456789" };

	(void)state;
	t_x64("msgsnd", 3, BUF, 5, IPC_NOWAIT);
	t_in(BUF, &m, 8 + 5);
	t_expect("msgsnd(3, {mtype=1, mtext=\"hello\"}, 5, IPC_NOWAIT) = 0");
	/* msgrcv shows the whole size asked for, as the buffer holds it after the call */
	t_x64("msgrcv", 3, BUF, 8, 0, MSG_NOERROR | IPC_NOWAIT);
	t_out(BUF, &m, 8 + 8);
	t_ret(5);
	t_expect(
		"msgrcv(3, {mtype=1, mtext=\"hello\\0\\0\\0\"}, 8, 0, MSG_NOERROR|IPC_NOWAIT) = 5");
	t_x64("msgrcv", 3, BUF, 8, 0, IPC_NOWAIT);
	t_ret(-ENOMSG);
	t_expect("msgrcv(3, 0x7ffde5627740, 8, 0, IPC_NOWAIT) = -1 ENOMSG (No message of desired "
		 "type)");
	t_x64("msgsnd", 3, BUF, 40, 0);
	t_in(BUF, &big, 8 + 32);
	t_expect("msgsnd(3, {mtype=2, mtext=\"01234567890123456789012345678901\"...}, 40, 0) = 0");
	t_x64("msgrcv", 3, BUF, 64, 0xfffffffbull, MSG_EXCEPT | MSG_COPY | IPC_NOWAIT | 1);
	t_ret(-EINVAL);
	t_expect("msgrcv(3, 0x7ffde5627740, 64, 4294967291, MSG_EXCEPT|MSG_COPY|IPC_NOWAIT|0x1) = "
		 "-1 EINVAL (Invalid argument)");
	t_x64("msgsnd", 3, 0, 4, 0);
	t_ret(-EFAULT);
	t_expect("msgsnd(3, NULL, 4, 0) = -1 EFAULT (Bad address)");
	/* the text cut by an unmapped page: not all of it was captured */
	t_x64("msgsnd", 3, BUF, 5, 0);
	t_in(BUF, &m, 10);
	t_ret(-EFAULT);
	t_expect("msgsnd(3, 0x7ffde5627740, 5, 0) = -1 EFAULT (Bad address)");
}

/* struct msqid64_ds of x86-64 */
static void test_msgctl(void **state)
{
	uint8_t ds[120] = { 0 };
	uint32_t perm[5] = { 0xabcdef12, 0, 0, 0, 0 };
	uint16_t mode = 0600;
	int64_t times[3] = { 0, 0, 1796392723 };
	uint64_t q[3] = { 0, 0, 16384 };
	int32_t info[8] = { 512000, 16384, 8192, 16384, 32000, 16, 16384, 65535 };

	memcpy(ds, perm, sizeof(perm));
	memcpy(ds + 20, &mode, 2);
	memcpy(ds + 48, times, sizeof(times));
	memcpy(ds + 72, q, sizeof(q));
	(void)state;
	t_x64("msgctl", 3, IPC_STAT, BUF);
	t_out(BUF, ds, sizeof(ds));
	t_expect("msgctl(3, IPC_STAT, {msg_perm={uid=0, gid=0, mode=0600, key=2882400018, cuid=0, "
		 "cgid=0}, msg_stime=0, msg_rtime=0, msg_ctime=1796392723, msg_qnum=0, "
		 "msg_qbytes=16384, msg_lspid=0, msg_lrpid=0}) = 0");
	t_x64("msgctl", 3, IPC_SET, BUF);
	t_in(BUF, ds, sizeof(ds));
	t_expect("msgctl(3, IPC_SET, {msg_perm={uid=0, gid=0, mode=0600}, msg_qbytes=16384}) = 0");
	t_x64("msgctl", 3, IPC_INFO, BUF);
	t_out(BUF, info, sizeof(info));
	t_ret(3);
	t_expect("msgctl(3, IPC_INFO, {msgpool=512000, msgmap=16384, msgmax=8192, msgmnb=16384, "
		 "msgmni=32000, msgssz=16, msgtql=16384, msgseg=65535}) = 3");
	t_x64("msgctl", 3, 99, 0);
	t_ret(-EINVAL);
	t_expect("msgctl(3, 0x63 /* MSG_??? */, NULL) = -1 EINVAL (Invalid argument)");
	t_x64("msgctl", 3, IPC_STAT | 0x100, BUF);
	t_ret(-EINVAL);
	t_expect("msgctl(3, IPC_64|IPC_STAT, 0x7ffde5627740) = -1 EINVAL (Invalid argument)");
	t_x64("msgctl", 3, IPC_RMID, 0);
	t_expect("msgctl(3, IPC_RMID, NULL) = 0");
}

static void test_sem(void **state)
{
	struct {
		uint16_t num;
		int16_t op, flg;
	} sb[2] = { { 0, 1, 0 }, { 1, -1, IPC_NOWAIT | SEM_UNDO } };
	int64_t ts[2] = { 0, 1000 };
	uint8_t ds[104] = { 0 };
	uint32_t key = 119;
	uint16_t mode = 0666;
	int64_t ctime = 1796392723;
	uint64_t nsems = 1;

	memcpy(ds, &key, 4);
	memcpy(ds + 20, &mode, 2);
	memcpy(ds + 64, &ctime, 8);
	memcpy(ds + 80, &nsems, 8);
	(void)state;
	t_x64("semop", 0, BUF, 1);
	t_in(BUF, sb, sizeof(sb));
	t_expect("semop(0, [{sem_num=0, sem_op=1, sem_flg=0}], 1) = 0");
	t_x64("semop", 0, BUF, 2);
	t_in(BUF, sb, sizeof(sb));
	t_ret(-EAGAIN);
	t_expect(
		"semop(0, [{sem_num=0, sem_op=1, sem_flg=0}, {sem_num=1, sem_op=-1, "
		"sem_flg=SEM_UNDO|IPC_NOWAIT}], 2) = -1 EAGAIN (Resource temporarily unavailable)");
	t_x64("semtimedop", 0, BUF, 1, TS);
	t_in(BUF, sb, sizeof(sb));
	t_in(TS, ts, sizeof(ts));
	t_expect("semtimedop(0, [{sem_num=0, sem_op=1, sem_flg=0}], 1, {tv_sec=0, tv_nsec=1000}) = "
		 "0");
	t_x64("semtimedop", 0, 0, 0, 0);
	t_ret(-EINVAL);
	t_expect("semtimedop(0, NULL, 0, NULL) = -1 EINVAL (Invalid argument)");
	t_x64("semctl", 0, 0, GETVAL, 0);
	t_ret(2);
	t_expect("semctl(0, 0, GETVAL, NULL) = 2");
	t_x64("semctl", 0, 0, SETVAL, 5);
	t_expect("semctl(0, 0, SETVAL, 0x5) = 0");
	t_x64("semctl", 0, 0, GETALL, BUF);
	t_expect("semctl(0, 0, GETALL, 0x7ffde5627740) = 0");
	t_x64("semctl", 32782, 0, IPC_STAT, BUF);
	t_out(BUF, ds, sizeof(ds));
	t_expect("semctl(32782, 0, IPC_STAT, {sem_perm={uid=0, gid=0, mode=0666, key=119, cuid=0, "
		 "cgid=0}, sem_otime=0, sem_ctime=1796392723, sem_nsems=1}) = 0");
	t_x64("semctl", 32782, 0, IPC_SET, BUF);
	t_in(BUF, ds, sizeof(ds));
	t_expect("semctl(32782, 0, IPC_SET, {sem_perm={uid=0, gid=0, mode=0666}}) = 0");
	t_x64("semctl", 0, 0, 99, 0);
	t_ret(-EINVAL);
	t_expect("semctl(0, 0, 0x63 /* SEM_??? */, NULL) = -1 EINVAL (Invalid argument)");
}

static void test_shm(void **state)
{
	uint8_t ds[112] = { 0 };
	uint16_t mode = 01600;
	uint64_t segsz = 100, nattch = 1;
	int64_t times[3] = { 1796392723, 0, 1796392723 };
	int32_t pids[2] = { 7044, 7044 };
	uint64_t info[5] = { 18446744073692774399ull, 1, 4096, 4096, 18446744073692774399ull };

	memcpy(ds + 20, &mode, 2);
	memcpy(ds + 48, &segsz, 8);
	memcpy(ds + 56, times, sizeof(times));
	memcpy(ds + 80, pids, sizeof(pids));
	memcpy(ds + 88, &nattch, 8);
	(void)state;
	t_x64("shmat", 32775, 0x10000, SHM_RND | SHM_EXEC | SHM_REMAP);
	t_ret(0x10000);
	t_expect("shmat(32775, 0x10000, SHM_RND|SHM_REMAP|SHM_EXEC) = 0x10000");
	t_x64("shmat", 0, 0, SHM_RDONLY);
	t_ret(0x7f16caa3a000);
	t_expect("shmat(0, NULL, SHM_RDONLY) = 0x7f16caa3a000");
	t_x64("shmdt", 0x7f16caa3a000);
	t_expect("shmdt(0x7f16caa3a000) = 0");
	t_x64("shmctl", 32782, IPC_STAT, BUF);
	t_out(BUF, ds, sizeof(ds));
	t_expect("shmctl(32782, IPC_STAT, {shm_perm={uid=0, gid=0, mode=01600, key=0, cuid=0, "
		 "cgid=0}, shm_segsz=100, shm_cpid=7044, shm_lpid=7044, shm_nattch=1, "
		 "shm_atime=1796392723, shm_dtime=0, shm_ctime=1796392723}) = 0");
	t_x64("shmctl", 32775, IPC_INFO, BUF);
	t_out(BUF, info, sizeof(info));
	t_ret(7);
	t_expect("shmctl(32775, IPC_INFO, {shmmax=18446744073692774399, shmmin=1, shmmni=4096, "
		 "shmseg=4096, shmall=18446744073692774399}) = 7");
	t_x64("shmctl", 0, SHM_LOCK, 0);
	t_expect("shmctl(0, SHM_LOCK, NULL) = 0");
	/* the struct of a failed IPC_STAT was not written: its address */
	t_x64("shmctl", 0, IPC_STAT, BUF);
	t_ret(-EINVAL);
	t_expect("shmctl(0, IPC_STAT, 0x7ffde5627740) = -1 EINVAL (Invalid argument)");
}

static void test_mq(void **state)
{
	int64_t attr[4] = { O_NONBLOCK, 4, 32, 0 }, old[4] = { 0, 4, 32, 0 };

	(void)state;
	t_x64("mq_open", BUF, O_RDONLY | O_CREAT, 0600, TS);
	t_str(BUF, "xq");
	t_in(TS, attr, sizeof(attr));
	t_ret(3);
	t_expect("mq_open(\"xq\", O_RDONLY|O_CREAT, 0600, {mq_flags=0x800, mq_maxmsg=4, "
		 "mq_msgsize=32, mq_curmsgs=0}) = 3");
	t_x64("mq_open", BUF, O_RDWR, 0, 0);
	t_str(BUF, "xq");
	t_ret(4);
	t_expect("mq_open(\"xq\", O_RDWR) = 4");
	t_x64("mq_getsetattr", 3, TS, BUF);
	t_in(TS, attr, sizeof(attr));
	t_out(BUF, old, sizeof(old));
	t_expect(
		"mq_getsetattr(3, {mq_flags=O_NONBLOCK, mq_maxmsg=4, mq_msgsize=32, mq_curmsgs=0}, "
		"{mq_flags=0, mq_maxmsg=4, mq_msgsize=32, mq_curmsgs=0}) = 0");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_get, t_teardown),
		cmocka_unit_test_teardown(test_msg, t_teardown),
		cmocka_unit_test_teardown(test_msgctl, t_teardown),
		cmocka_unit_test_teardown(test_sem, t_teardown),
		cmocka_unit_test_teardown(test_shm, t_teardown),
		cmocka_unit_test_teardown(test_mq, t_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
