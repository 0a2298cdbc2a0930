/* SPDX-License-Identifier: MIT */
/*
 * What the decode_* files share: reading a record's arguments and captured
 * memory ABI-correctly, and printing the values and structs syscall arguments
 * point to, in strace's notation. Unreadable memory always prints as the
 * address (NULL for 0), as strace does.
 */
#ifndef HY_DECODE_STRUCT_H
#define HY_DECODE_STRUCT_H

#include "decode/printer.h"

/* ---- arguments ---- */

/** The call returned, successfully: what it wrote to memory is worth showing. */
static inline bool hy_exit_ok(const struct hy_record *r)
{
	return !(r->flags & HY_EV_UNFINISHED) && r->ret >= 0;
}

/** An i386 call: 32-bit arguments, longs and pointers. */
static inline bool hy_compat32(const struct hy_record *r)
{
	return r->abi == HY_ABI_I386;
}

/** Argument @i as a signed long of the calling ABI. */
static inline int64_t hy_sarg(const struct hy_record *r, int i)
{
	return hy_compat32(r) ? (int32_t)r->args[i] : (int64_t)r->args[i];
}

/** Argument @i as an unsigned long of the calling ABI. */
static inline uint64_t hy_uarg(const struct hy_record *r, int i)
{
	return hy_compat32(r) ? (uint32_t)r->args[i] : r->args[i];
}

static inline void hy_pr_sep(struct hy_printer *p)
{
	hy_pr_puts(p, ", ");
}

/** Bytes of a pointer (and long) inside the structs of this call. */
unsigned int hy_ptr_size(const struct hy_record *r);
/** The call takes 32-bit time_t structs (i386, except the *64 calls). */
bool hy_time32(const struct hy_record *r);

/** Exactly @len bytes at @addr as of @phase; false when not all were captured. */
bool hy_read(const struct hy_record *r, enum hy_phase phase, uint64_t addr, void *buf, size_t len);
/** One pointer-sized word of the call's ABI. */
bool hy_read_word(const struct hy_record *r, enum hy_phase phase, uint64_t addr, uint64_t *val);

/* ---- values ---- */

/** A file descriptor, or AT_FDCWD. */
void hy_pr_dirfd(struct hy_printer *p, int fd);
/** A path argument: quoted whole (strace does not cut paths at -s). */
void hy_pr_path(struct hy_printer *p, const struct hy_record *r, uint64_t addr);
/** A permission mode in octal, at least three digits: 0644, 000. */
void hy_pr_mode(struct hy_printer *p, uint64_t mode);
/** Clock ticks, with the seconds they make as a comment when not 0: "150 / * 1.50 s * /". */
void hy_pr_clock_t(struct hy_printer *p, int64_t ticks);
/** "S_IFREG|0644" */
void hy_pr_mode_type(struct hy_printer *p, unsigned int mode);
/** open(2) flags: the access mode, then the other bits ("O_WRONLY|O_CREAT"). */
void hy_pr_open_flags(struct hy_printer *p, uint64_t flags);
/**
 * The names of @val's bits in @set, each preceded by '|' once *@any; returns
 * the bits without a name. For building composite values (mmap flags).
 */
uint64_t hy_pr_bits(struct hy_printer *p, enum hy_xlat_id set, uint64_t val, bool *any);
/** The name of @val in @set, or @val in decimal (strace's printxval_d style). */
void hy_pr_enum_d(struct hy_printer *p, enum hy_xlat_id set, int64_t val);

/* "[value]" of an int / a long / a 64-bit value at @addr (NULL, or the address). */
void hy_pr_int_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		  uint64_t addr);
void hy_pr_long_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr);
void hy_pr_s64_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		  uint64_t addr);
/** "[0x...]": a pointer-sized value written by the kernel (arch_prctl ARCH_GET_FS). */
void hy_pr_addr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr);

/* ---- structs: each prints NULL, the address when unreadable, or {...} ---- */

void hy_pr_timespec_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr);
void hy_pr_timeval_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr);
void hy_pr_itimerspec_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			 uint64_t addr);
void hy_pr_rlimit_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr);
void hy_pr_utsname_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr);

/* decode_stat.c */
void hy_pr_stat_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		   uint64_t addr);
void hy_pr_statx_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr);
void hy_pr_statfs_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr);

/* decode_file.c */
void hy_pr_open_how_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr,
		       uint64_t size);

/* decode_io.c: @count iovecs; at most @data bytes of their buffers are shown (-1: all) */
void hy_pr_iovec_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr, uint64_t count, int64_t data);

/* decode_signal.c */
/** "[INT CHLD]", "~[KILL STOP]", "[]" of a @bytes-long mask. */
void hy_pr_sigmask(struct hy_printer *p, const void *mask, unsigned int bytes);
/** A sigset_t of @size bytes (the call's sigsetsize argument) at @addr. */
void hy_pr_sigset_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr, uint64_t size);
void hy_pr_sigaction_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			uint64_t addr);
void hy_pr_stack_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr);
void hy_pr_siginfo_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		      uint64_t addr);

/* decode_process.c */
/** argv: at most -s strings, each cut at -s bytes ("[\"ls\", \"-l\"]"). */
void hy_pr_argv_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr);
void hy_pr_rusage_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr);

/* decode_net.c */
/** A sockaddr of @len bytes (the call's addrlen) at @addr. */
void hy_pr_sockaddr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		       uint64_t addr, int64_t len);
/** A msghdr; @data bytes of its iovec buffers are shown (-1: as many as they hold). */
void hy_pr_msghdr_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     uint64_t addr, int64_t data);

/* decode_poll.c */
void hy_pr_pollfds_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr,
		      uint64_t nfds);
void hy_pr_fdset_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr, int nfds);
void hy_pr_epoll_events_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			   uint64_t addr, int64_t count);

/* ---- the table's struct kinds ---- */

/** Bytes of struct @id on x86-64 (what is captured), 0 for variable-size or unknown ones. */
size_t hy_struct_size(enum hy_struct_id id);

/**
 * Print struct @id at @addr as of @phase in strace's notation; @arg is the
 * argument index (some structs take their length from another argument).
 * Unreadable memory prints as the address.
 */
void hy_print_struct(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		     enum hy_struct_id id, uint64_t addr, int arg);

/**
 * i386 socketcall: fill @sub with the socket call it stands for (name, number,
 * the arguments from its array) so it prints as strace shows it, "socket(...)".
 * False for other calls, or when the array was not captured.
 */
bool hy_rec_unwrap(const struct hy_record *r, struct hy_record *sub);

/* ---- the return value (decode_rval.c) ---- */

enum hy_rval_fmt {
	HY_RVAL_DEC,
	HY_RVAL_HEX, /* addresses (mmap, brk), fcntl's flags */
	HY_RVAL_OCT, /* umask */
};

/** How strace shows the call's successful return value. */
enum hy_rval_fmt hy_rval_format(const struct hy_record *r);
/** What strace adds after a successful return value: " (flags O_RDWR)", " (Timeout)"... */
void hy_pr_rval_note(struct hy_printer *p, const struct hy_record *r);

#endif
