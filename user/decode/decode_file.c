// SPDX-License-Identifier: MIT
/*
 * Opening files and directories: open, openat, openat2's struct open_how, and
 * getcwd. The rest of the path calls (access, unlink, rename, mkdir, chmod,
 * chown...) print well by their table kinds.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <inttypes.h>
#include <linux/openat2.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "decode/args.h"
#include "decode/decode_file.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"

/* O_TMPFILE includes O_DIRECTORY; only its own bit says a mode follows. */
#define HY_O_TMPFILE_BIT (O_TMPFILE & ~O_DIRECTORY)

static void print_open(struct hy_printer *p, const struct hy_record *r, int path)
{
	uint64_t flags = (uint32_t)r->args[path + 1];

	hy_pr_path(p, r, r->args[path]);
	hy_pr_sep(p);
	hy_pr_open_flags(p, flags);
	if (flags & (O_CREAT | HY_O_TMPFILE_BIT)) {
		hy_pr_sep(p);
		hy_pr_mode(p, (uint32_t)r->args[path + 2]);
	}
}

void hy_dec_open(struct hy_printer *p, const struct hy_record *r)
{
	print_open(p, r, 0);
}

void hy_dec_openat(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_dirfd(p, (int)r->args[0]);
	hy_pr_sep(p);
	print_open(p, r, 1);
}

void hy_pr_open_how_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr,
		       uint64_t size)
{
	struct open_how how;

	/* the kernel refuses anything shorter than the first version of the struct */
	if (size < sizeof(how) || !hy_read(r, HY_PHASE_ENTER, addr, &how, sizeof(how))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{flags=");
	hy_pr_open_flags(p, how.flags);
	if ((how.flags & (O_CREAT | HY_O_TMPFILE_BIT)) || how.mode) {
		hy_pr_puts(p, ", mode=");
		hy_pr_mode(p, how.mode);
	}
	hy_pr_puts(p, ", resolve=");
	hy_pr_flags(p, HY_X_RESOLVE_FLAGS, how.resolve, NULL);
	hy_pr_struct_tail(p, r, HY_PHASE_ENTER, addr, sizeof(how), size, HY_S_OPEN_HOW);
	hy_pr_putc(p, '}');
}

/* getcwd(buf, size): the path whole (its length counts the NUL), the size unsigned long. */
void hy_dec_getcwd(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_path_out(p, r, r->args[0]);
	hy_pr_printf(p, ", %" PRIu64, hy_uarg(r, 1));
}

/* mknod(path, mode, dev) and mknodat(dirfd, path, mode, dev): a device number only for devices. */
void hy_dec_mknod(struct hy_printer *p, const struct hy_record *r)
{
	int path = r->ent && !strcmp(r->ent->name, "mknodat") ? 1 : 0;
	uint32_t mode = r->args[path + 1];
	uint64_t dev = hy_uarg(r, path + 2);

	if (path) {
		hy_pr_dirfd(p, (int)r->args[0]);
		hy_pr_sep(p);
	}
	hy_pr_path(p, r, r->args[path]);
	hy_pr_sep(p);
	hy_pr_mode_type(p, mode);
	if (S_ISCHR(mode) || S_ISBLK(mode)) {
		int tok;

		hy_pr_sep(p);
		tok = hy_pr_const_open(p, dev, HY_NUM_HEX);
		if (tok) {
			hy_pr_printf(p, "makedev(%#x, %#x)", major(dev), minor(dev));
			hy_pr_const_close(p, tok);
		}
	}
}
