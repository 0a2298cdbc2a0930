/* SPDX-License-Identifier: MIT */
/*
 * GENERATED FILE - DO NOT EDIT. Regenerate with
 *	python3 scripts/gen_syscalls.py	(or: make gen-syscalls)
 * from the decoders section of scripts/syscalls.overlay. Each is defined in a
 * user/decode/decode_*.c file, which includes this header, so the compiler
 * checks the signatures and the linker that none is missing.
 */
#ifndef HY_DECODERS_GEN_H
#define HY_DECODERS_GEN_H

struct hy_printer;
struct hy_record;

void hy_dec_open(struct hy_printer *p, const struct hy_record *r);
void hy_dec_openat(struct hy_printer *p, const struct hy_record *r);
void hy_dec_futex_waitv(struct hy_printer *p, const struct hy_record *r);
void hy_dec_name_to_handle_at(struct hy_printer *p, const struct hy_record *r);
void hy_dec_open_by_handle_at(struct hy_printer *p, const struct hy_record *r);
void hy_dec_fcntl(struct hy_printer *p, const struct hy_record *r);
void hy_dec_ioctl(struct hy_printer *p, const struct hy_record *r);
void hy_dec_mmap(struct hy_printer *p, const struct hy_record *r);
void hy_dec_old_mmap(struct hy_printer *p, const struct hy_record *r);
void hy_dec_clone(struct hy_printer *p, const struct hy_record *r);
void hy_dec_clone3(struct hy_printer *p, const struct hy_record *r);
void hy_dec_futex(struct hy_printer *p, const struct hy_record *r);
void hy_dec_prctl(struct hy_printer *p, const struct hy_record *r);
void hy_dec_arch_prctl(struct hy_printer *p, const struct hy_record *r);
void hy_dec_wait4(struct hy_printer *p, const struct hy_record *r);
void hy_dec_rt_sigaction(struct hy_printer *p, const struct hy_record *r);
void hy_dec_execve(struct hy_printer *p, const struct hy_record *r);
void hy_dec_execveat(struct hy_printer *p, const struct hy_record *r);
void hy_dec_socket(struct hy_printer *p, const struct hy_record *r);
void hy_dec_sockopt(struct hy_printer *p, const struct hy_record *r);
void hy_dec_poll(struct hy_printer *p, const struct hy_record *r);
void hy_dec_select(struct hy_printer *p, const struct hy_record *r);
void hy_dec_epoll_pwait(struct hy_printer *p, const struct hy_record *r);
void hy_dec_preadv(struct hy_printer *p, const struct hy_record *r);
void hy_dec_llseek(struct hy_printer *p, const struct hy_record *r);
void hy_dec_socketcall(struct hy_printer *p, const struct hy_record *r);
void hy_dec_socketpair(struct hy_printer *p, const struct hy_record *r);
void hy_dec_sockname(struct hy_printer *p, const struct hy_record *r);
void hy_dec_recvfrom(struct hy_printer *p, const struct hy_record *r);
void hy_dec_sendto(struct hy_printer *p, const struct hy_record *r);
void hy_dec_statx(struct hy_printer *p, const struct hy_record *r);
void hy_dec_getdents(struct hy_printer *p, const struct hy_record *r);
void hy_dec_getdents64(struct hy_printer *p, const struct hy_record *r);
void hy_dec_mount(struct hy_printer *p, const struct hy_record *r);
void hy_dec_swapon(struct hy_printer *p, const struct hy_record *r);
void hy_dec_fsconfig(struct hy_printer *p, const struct hy_record *r);
void hy_dec_quotactl(struct hy_printer *p, const struct hy_record *r);
void hy_dec_quotactl_fd(struct hy_printer *p, const struct hy_record *r);
void hy_dec_remap_file_pages(struct hy_printer *p, const struct hy_record *r);
void hy_dec_ustat(struct hy_printer *p, const struct hy_record *r);
void hy_dec_reboot(struct hy_printer *p, const struct hy_record *r);
void hy_dec_kexec_load(struct hy_printer *p, const struct hy_record *r);
void hy_dec_restart_syscall(struct hy_printer *p, const struct hy_record *r);
void hy_dec_getcwd(struct hy_printer *p, const struct hy_record *r);
void hy_dec_nanosleep(struct hy_printer *p, const struct hy_record *r);
void hy_dec_clock_nanosleep(struct hy_printer *p, const struct hy_record *r);
void hy_dec_getrandom(struct hy_printer *p, const struct hy_record *r);
void hy_dec_mremap(struct hy_printer *p, const struct hy_record *r);
void hy_dec_pread(struct hy_printer *p, const struct hy_record *r);
void hy_dec_thread_area(struct hy_printer *p, const struct hy_record *r);
void hy_dec_mknod(struct hy_printer *p, const struct hy_record *r);
void hy_dec_sched_affinity(struct hy_printer *p, const struct hy_record *r);
void hy_dec_ipc_get(struct hy_printer *p, const struct hy_record *r);
void hy_dec_msgsnd(struct hy_printer *p, const struct hy_record *r);
void hy_dec_msgrcv(struct hy_printer *p, const struct hy_record *r);
void hy_dec_semop(struct hy_printer *p, const struct hy_record *r);
void hy_dec_shmat(struct hy_printer *p, const struct hy_record *r);
void hy_dec_msgctl(struct hy_printer *p, const struct hy_record *r);
void hy_dec_semctl(struct hy_printer *p, const struct hy_record *r);
void hy_dec_shmctl(struct hy_printer *p, const struct hy_record *r);
void hy_dec_mq_open(struct hy_printer *p, const struct hy_record *r);
void hy_dec_fanotify_init(struct hy_printer *p, const struct hy_record *r);
void hy_dec_personality(struct hy_printer *p, const struct hy_record *r);
void hy_dec_capget(struct hy_printer *p, const struct hy_record *r);
void hy_dec_ioprio(struct hy_printer *p, const struct hy_record *r);
void hy_dec_membarrier(struct hy_printer *p, const struct hy_record *r);
void hy_dec_kcmp(struct hy_printer *p, const struct hy_record *r);
void hy_dec_syslog(struct hy_printer *p, const struct hy_record *r);
void hy_dec_mincore(struct hy_printer *p, const struct hy_record *r);
void hy_dec_set_mempolicy(struct hy_printer *p, const struct hy_record *r);
void hy_dec_mbind(struct hy_printer *p, const struct hy_record *r);
void hy_dec_get_mempolicy(struct hy_printer *p, const struct hy_record *r);
void hy_dec_bpf(struct hy_printer *p, const struct hy_record *r);
void hy_dec_add_key(struct hy_printer *p, const struct hy_record *r);
void hy_dec_request_key(struct hy_printer *p, const struct hy_record *r);
void hy_dec_keyctl(struct hy_printer *p, const struct hy_record *r);
void hy_dec_migrate_pages(struct hy_printer *p, const struct hy_record *r);

#endif
