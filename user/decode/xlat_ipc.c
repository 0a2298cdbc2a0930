// SPDX-License-Identifier: MIT
/*
 * Named constants for System V IPC and POSIX message queues.
 * How the tables are written: decode/xlat_def.h.
 */
#define _GNU_SOURCE
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/file.h>

#include "decode/xlat_def.h"

/* clang-format off */
static const struct hy_xlat_ent ipc_get_flags_ent[] = { X(IPC_CREAT), X(IPC_EXCL) };
END(ipc_get_flags, NULL);

static const struct hy_xlat_ent shmget_flags_ent[] = {
	X(IPC_CREAT), X(IPC_EXCL), X(SHM_HUGETLB), X(SHM_NORESERVE),
};
END(shmget_flags, NULL);

static const struct hy_xlat_ent ipc_msg_flags_ent[] = {
	X(MSG_NOERROR), X(MSG_EXCEPT), X(MSG_COPY), X(IPC_NOWAIT),
};
END(ipc_msg_flags, "MSG_???");

static const struct hy_xlat_ent sem_flags_ent[] = { X(SEM_UNDO), X(IPC_NOWAIT) };
END(sem_flags, "SEM_???");

static const struct hy_xlat_ent shmat_flags_ent[] = {
	X(SHM_RDONLY), X(SHM_RND), X(SHM_REMAP), X(SHM_EXEC),
};
END(shmat_flags, "SHM_???");

static const struct hy_xlat_ent msgctl_cmd_ent[] = {
	X(IPC_RMID), X(IPC_SET), X(IPC_STAT), X(IPC_INFO), X(MSG_STAT), X(MSG_INFO),
	X(MSG_STAT_ANY),
};
END(msgctl_cmd, "MSG_???");

static const struct hy_xlat_ent semctl_cmd_ent[] = {
	X(IPC_RMID), X(IPC_SET), X(IPC_STAT), X(IPC_INFO), X(GETPID), X(GETVAL), X(GETALL),
	X(GETNCNT), X(GETZCNT), X(SETVAL), X(SETALL), X(SEM_STAT), X(SEM_INFO), X(SEM_STAT_ANY),
};
END(semctl_cmd, "SEM_???");

static const struct hy_xlat_ent shmctl_cmd_ent[] = {
	X(IPC_RMID), X(IPC_SET), X(IPC_STAT), X(IPC_INFO), X(SHM_LOCK), X(SHM_UNLOCK),
	X(SHM_STAT), X(SHM_INFO), X(SHM_STAT_ANY),
};
END(shmctl_cmd, "SHM_???");

static const struct hy_xlat_ent mq_flags_ent[] = { X(O_NONBLOCK) };
END(mq_flags, "O_???");

const struct hy_xlat *const hy_xlat_ipc[HY_X_XLAT_COUNT] = {
	[HY_X_IPC_GET_FLAGS] = &x_ipc_get_flags,
	[HY_X_SHMGET_FLAGS] = &x_shmget_flags,
	[HY_X_IPC_MSG_FLAGS] = &x_ipc_msg_flags,
	[HY_X_SEM_FLAGS] = &x_sem_flags,
	[HY_X_SHMAT_FLAGS] = &x_shmat_flags,
	[HY_X_MSGCTL_CMD] = &x_msgctl_cmd,
	[HY_X_SEMCTL_CMD] = &x_semctl_cmd,
	[HY_X_SHMCTL_CMD] = &x_shmctl_cmd,
	[HY_X_MQ_FLAGS] = &x_mq_flags,
};
/* clang-format on */
