// SPDX-License-Identifier: MIT
/* Fidelity guest: SysV messages, semaphores, shared memory and POSIX queues. */
#include "fid.h"

#include <mqueue.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

int main(void)
{
	struct msqid_ds *mds = at_edge(NULL, sizeof(*mds));
	struct sembuf *sb = at_edge(NULL, sizeof(*sb));
	struct {
		long type;
		char text[8];
	} *msg = at_edge(NULL, 16);
	struct mq_attr *ma = at_edge(NULL, sizeof(*ma));
	unsigned int *prio = at_edge(NULL, sizeof(*prio));
	int q, k, s, m, mq;
	void *a;

	q = S(SYS_msgget, IPC_PRIVATE, 0600);
	/* a fresh machine creates it (and the next run would find it): removed */
	k = S(SYS_msgget, G(0x1234), G(IPC_CREAT | IPC_EXCL | 0640));
	if (k >= 0)
		S(SYS_msgctl, k, IPC_RMID, NULL);
	S(SYS_msgctl, q, IPC_STAT, BAD);
	S(SYS_msgctl, q, G(0x7f), mds);
	msg->type = 1;
	memcpy(msg->text, "message", 8);
	S(SYS_msgsnd, q, msg, 8, IPC_NOWAIT);
	S(SYS_msgrcv, q, msg, 8, 0, IPC_NOWAIT | MSG_NOERROR);
	S(SYS_msgrcv, q, BAD, 8, 0, G(IPC_NOWAIT));
	S(SYS_msgctl, q, IPC_RMID, NULL);
	s = S(SYS_semget, IPC_PRIVATE, 1, IPC_CREAT | 0600);
	sb->sem_num = 0;
	sb->sem_op = 1;
	sb->sem_flg = SEM_UNDO | IPC_NOWAIT;
	S(SYS_semop, s, sb, 1);
	S(SYS_semop, s, BAD, G(1));
	S(SYS_semctl, s, 0, GETVAL, 0);
	S(SYS_semctl, s, G(0), G(IPC_RMID), 0);
	m = S(SYS_shmget, IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	S(SYS_shmget, 0x4321, G(4096), 0);
	a = (void *)S(SYS_shmat, m, NULL, SHM_RDONLY);
	S(SYS_shmat, G(m), BAD, G(0x1000));
	S(SYS_shmdt, a);
	S(SYS_shmctl, m, IPC_RMID, NULL);
	S(SYS_shmctl, G(m), 99, BAD);
	ma->mq_maxmsg = 4;
	ma->mq_msgsize = 16;
	mq = S(SYS_mq_open, "fidelity", O_RDWR | O_CREAT, 0600, ma);
	S(SYS_mq_open, str_edge("nope"), G(O_RDONLY), 0, NULL);
	/* O_RDONLY named beside O_CREAT; an unreadable attr: EFAULT, nothing created */
	S(SYS_mq_open, "nope", O_RDONLY | O_CREAT, 0600, BAD);
	/* a message, and its priority written back through the fourth argument */
	S(SYS_mq_timedsend, mq, "queued", 6, 3, NULL);
	S(SYS_mq_timedreceive, mq, msg->text, 16, prio, NULL);
	S(SYS_mq_timedreceive, mq, msg->text, 16, prio, BAD);
	S(SYS_mq_unlink, "fidelity");
	S(SYS_mq_unlink, BAD);
	S(SYS_close, mq);
	return 0;
}
