// SPDX-License-Identifier: MIT
/*
 * bpf(cmd, attr, size): union bpf_attr as the command reads it, strace 6.1's
 * fields for the commands decoded here (map creation and element access,
 * program loading, pinning, ids, object info); another command's attr prints
 * as its address. A field prints only when the size covers it, and ", ..."
 * ends the struct when bytes past the command's fields are not zero.
 *
 * The attr is captured whole up to HY_BPF_ATTR_CAP bytes (capture_plan.c);
 * the strings it points to (a program's license, a pinned path) by
 * HY_CAP_FOLLOW rules of the command.
 */
#include <inttypes.h>
#include <linux/bpf.h>
#include <stddef.h>
#include <string.h>

#include "decode/args.h"
#include "decode/decoders_gen.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"
#include "syscall_table.h"

/* The attr as read, the size the caller gave, and where printing stands. */
struct attr {
	uint8_t b[256];
	uint32_t size;
	bool any;
};

/* A field of @len bytes at @off is printed when the size covers it. */
static bool has(const struct attr *a, size_t off, size_t len)
{
	return off + len <= a->size;
}

static uint64_t u(const struct attr *a, size_t off, size_t len)
{
	uint64_t v = 0;

	memcpy(&v, a->b + off, len);
	return v;
}

static bool field(struct hy_printer *p, struct attr *a, const char *name, size_t off, size_t len)
{
	if (!has(a, off, len))
		return false;
	hy_pr_printf(p, "%s%s=", a->any ? ", " : "", name);
	a->any = true;
	return true;
}

static void pr_u32(struct hy_printer *p, struct attr *a, const char *name, size_t off)
{
	if (field(p, a, name, off, 4))
		hy_pr_printf(p, "%" PRIu32, (uint32_t)u(a, off, 4));
}

static void pr_s32(struct hy_printer *p, struct attr *a, const char *name, size_t off)
{
	if (field(p, a, name, off, 4))
		hy_pr_printf(p, "%d", (int32_t)u(a, off, 4));
}

static void pr_addr(struct hy_printer *p, struct attr *a, const char *name, size_t off)
{
	if (field(p, a, name, off, 8))
		hy_pr_ptr(p, u(a, off, 8));
}

static void pr_xval(struct hy_printer *p, struct attr *a, const char *name, size_t off,
		    enum hy_xlat_id set)
{
	if (field(p, a, name, off, 4))
		hy_pr_enum(p, set, (uint32_t)u(a, off, 4));
}

static void pr_flags(struct hy_printer *p, struct attr *a, const char *name, size_t off, size_t len,
		     enum hy_xlat_id set)
{
	if (field(p, a, name, off, len))
		hy_pr_flags(p, set, u(a, off, len), NULL);
}

/* a char array inside the attr (map_name, prog_name): up to its NUL */
static void pr_name(struct hy_printer *p, struct attr *a, const char *name, size_t off)
{
	const char *s = (const char *)a->b + off;

	if (field(p, a, name, off, BPF_OBJ_NAME_LEN))
		hy_pr_quoted(p, s, strnlen(s, BPF_OBJ_NAME_LEN), false);
}

/* a string the attr points to, as the HY_CAP_FOLLOW rule captured it */
static void pr_str(struct hy_printer *p, const struct hy_record *r, struct attr *a,
		   const char *name, size_t off, size_t max)
{
	if (field(p, a, name, off, 8))
		hy_pr_str_arg(p, r, u(a, off, 8), max);
}

/* ", ..." when the caller's bytes past what the command reads are not all zero */
static void pr_tail(struct hy_printer *p, const struct attr *a, size_t end)
{
	for (size_t i = end; i < a->size && i < sizeof(a->b); i++) {
		if (a->b[i]) {
			hy_pr_puts(p, ", ...");
			return;
		}
	}
}

static void map_create(struct hy_printer *p, struct attr *a)
{
	pr_xval(p, a, "map_type", 0, HY_X_BPF_MAP_TYPE);
	pr_u32(p, a, "key_size", 4);
	pr_u32(p, a, "value_size", 8);
	pr_u32(p, a, "max_entries", 12);
	pr_flags(p, a, "map_flags", 16, 4, HY_X_BPF_MAP_FLAGS);
	pr_s32(p, a, "inner_map_fd", 20);
	if (u(a, 16, 4) & BPF_F_NUMA_NODE)
		pr_u32(p, a, "numa_node", 24);
	pr_name(p, a, "map_name", 28);
	pr_u32(p, a, "map_ifindex", 44);
	pr_s32(p, a, "btf_fd", 48);
	pr_u32(p, a, "btf_key_type_id", 52);
	pr_u32(p, a, "btf_value_type_id", 56);
	pr_u32(p, a, "btf_vmlinux_value_type_id", 60);
	if (field(p, a, "map_extra", 64, 8))
		hy_pr_printf(p, "%#" PRIx64, u(a, 64, 8));
	pr_tail(p, a, 72);
}

static void map_elem(struct hy_printer *p, struct attr *a, uint32_t cmd)
{
	pr_s32(p, a, "map_fd", 0);
	pr_addr(p, a, "key", 8);
	if (cmd == BPF_MAP_DELETE_ELEM) {
		pr_tail(p, a, 16);
		return;
	}
	pr_addr(p, a, cmd == BPF_MAP_GET_NEXT_KEY ? "next_key" : "value", 16);
	if (cmd == BPF_MAP_GET_NEXT_KEY) {
		pr_tail(p, a, 24);
		return;
	}
	if (field(p, a, "flags", 24, 8)) {
		uint64_t f = u(a, 24, 8);

		if (cmd == BPF_MAP_UPDATE_ELEM)
			hy_pr_enum(p, HY_X_BPF_UPDATE_FLAGS, f);
		else
			hy_pr_flags(p, HY_X_BPF_LOOKUP_FLAGS, f, NULL);
	}
	pr_tail(p, a, 32);
}

static void prog_load(struct hy_printer *p, const struct hy_record *r, struct attr *a)
{
	pr_xval(p, a, "prog_type", 0, HY_X_BPF_PROG_TYPE);
	pr_u32(p, a, "insn_cnt", 4);
	pr_addr(p, a, "insns", 8);
	pr_str(p, r, a, "license", 16, p->strsize);
	pr_u32(p, a, "log_level", 24);
	pr_u32(p, a, "log_size", 28);
	pr_addr(p, a, "log_buf", 32);
	if (field(p, a, "kern_version", 40, 4)) {
		uint32_t v = (uint32_t)u(a, 40, 4);

		hy_pr_printf(p, "KERNEL_VERSION(%u, %u, %u)", v >> 16, (v >> 8) & 0xff, v & 0xff);
	}
	pr_flags(p, a, "prog_flags", 44, 4, HY_X_BPF_PROG_FLAGS);
	pr_name(p, a, "prog_name", 48);
	pr_u32(p, a, "prog_ifindex", 64);
	pr_xval(p, a, "expected_attach_type", 68, HY_X_BPF_ATTACH_TYPE);
	pr_s32(p, a, "prog_btf_fd", 72);
	pr_u32(p, a, "func_info_rec_size", 76);
	pr_addr(p, a, "func_info", 80);
	pr_u32(p, a, "func_info_cnt", 88);
	pr_u32(p, a, "line_info_rec_size", 92);
	pr_addr(p, a, "line_info", 96);
	pr_u32(p, a, "line_info_cnt", 104);
	pr_u32(p, a, "attach_btf_id", 108);
	pr_u32(p, a, "attach_prog_fd", 112);
	pr_addr(p, a, "fd_array", 120);
	pr_tail(p, a, 128);
}

static void obj_path(struct hy_printer *p, const struct hy_record *r, struct attr *a)
{
	/* a path: whole, whatever -s says */
	pr_str(p, r, a, "pathname", 0, 0);
	pr_s32(p, a, "bpf_fd", 8);
	pr_flags(p, a, "file_flags", 12, 4, HY_X_BPF_MAP_FLAGS);
	pr_tail(p, a, 16);
}

static void get_fd_by_id(struct hy_printer *p, struct attr *a, uint32_t cmd)
{
	pr_u32(p, a, cmd == BPF_PROG_GET_FD_BY_ID ? "prog_id" : "map_id", 0);
	pr_u32(p, a, "next_id", 4);
	pr_flags(p, a, "open_flags", 8, 4, HY_X_BPF_MAP_FLAGS);
	pr_tail(p, a, 12);
}

static void obj_info(struct hy_printer *p, struct attr *a)
{
	if (!has(a, 0, 4))
		return;
	hy_pr_puts(p, "info={");
	pr_s32(p, a, "bpf_fd", 0);
	pr_u32(p, a, "info_len", 4);
	pr_addr(p, a, "info", 8);
	hy_pr_putc(p, '}');
	pr_tail(p, a, 16);
}

void hy_dec_bpf(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t cmd = (uint32_t)r->args[0];
	uint64_t addr = r->args[1];
	struct attr a = { .size = (uint32_t)r->args[2] };
	size_t want = a.size < sizeof(a.b) ? a.size : sizeof(a.b);
	bool known = cmd <= BPF_MAP_GET_NEXT_KEY || cmd == BPF_PROG_LOAD || cmd == BPF_OBJ_PIN ||
		     cmd == BPF_OBJ_GET || cmd == BPF_PROG_GET_FD_BY_ID ||
		     cmd == BPF_MAP_GET_FD_BY_ID || cmd == BPF_OBJ_GET_INFO_BY_FD;

	hy_pr_enum(p, HY_X_BPF_CMD, cmd);
	hy_pr_sep(p);
	if (!known || !addr || !hy_read(r, HY_PHASE_ENTER, addr, a.b, want)) {
		hy_pr_ptr(p, addr);
	} else {
		hy_pr_putc(p, '{');
		switch (cmd) {
		case BPF_MAP_CREATE:
			map_create(p, &a);
			break;
		case BPF_PROG_LOAD:
			prog_load(p, r, &a);
			break;
		case BPF_OBJ_PIN:
		case BPF_OBJ_GET:
			obj_path(p, r, &a);
			break;
		case BPF_PROG_GET_FD_BY_ID:
		case BPF_MAP_GET_FD_BY_ID:
			get_fd_by_id(p, &a, cmd);
			break;
		case BPF_OBJ_GET_INFO_BY_FD:
			obj_info(p, &a);
			break;
		default:
			map_elem(p, &a, cmd);
			break;
		}
		hy_pr_putc(p, '}');
	}
	hy_pr_printf(p, ", %" PRIu32, a.size);
}
