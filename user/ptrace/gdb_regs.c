// SPDX-License-Identifier: MIT
/*
 * An x86-64 task's registers for gdb: the target description (target.xml) and
 * the 'g' packet, which is every register of that description in its order,
 * little-endian: the general registers, eflags and the segment selectors
 * (org.gnu.gdb.i386.core, with the x87 stack and control words), the SSE
 * registers, orig_rax (org.gnu.gdb.i386.linux: gdb needs it to restart
 * interrupted calls right) and the fs/gs bases. They come from PTRACE_GETREGS
 * and PTRACE_GETFPREGS (the FXSAVE area); AVX's upper halves are not offered.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/user.h>

#include "ptrace/gdb_regs.h"

enum src { GP, ST, FPCTL, XMM, MXCSR };
enum fpctl { FCTRL, FSTAT, FTAG, FISEG, FIOFF, FOSEG, FOOFF, FOP };

struct reg {
	unsigned char size;
	unsigned char src;
	unsigned short where; /* GP: offset in user_regs_struct; ST, XMM, FPCTL: index */
};

#define R(f, sz)                                                                                   \
	{                                                                                          \
		sz, GP, offsetof(struct user_regs_struct, f)                                       \
	}

static const struct reg regs[] = {
	R(rax, 8),
	R(rbx, 8),
	R(rcx, 8),
	R(rdx, 8),
	R(rsi, 8),
	R(rdi, 8),
	R(rbp, 8),
	R(rsp, 8),
	R(r8, 8),
	R(r9, 8),
	R(r10, 8),
	R(r11, 8),
	R(r12, 8),
	R(r13, 8),
	R(r14, 8),
	R(r15, 8),
	R(rip, 8),
	R(eflags, 4),
	R(cs, 4),
	R(ss, 4),
	R(ds, 4),
	R(es, 4),
	R(fs, 4),
	R(gs, 4),
	{ 10, ST, 0 },
	{ 10, ST, 1 },
	{ 10, ST, 2 },
	{ 10, ST, 3 },
	{ 10, ST, 4 },
	{ 10, ST, 5 },
	{ 10, ST, 6 },
	{ 10, ST, 7 },
	{ 4, FPCTL, FCTRL },
	{ 4, FPCTL, FSTAT },
	{ 4, FPCTL, FTAG },
	{ 4, FPCTL, FISEG },
	{ 4, FPCTL, FIOFF },
	{ 4, FPCTL, FOSEG },
	{ 4, FPCTL, FOOFF },
	{ 4, FPCTL, FOP },
	{ 16, XMM, 0 },
	{ 16, XMM, 1 },
	{ 16, XMM, 2 },
	{ 16, XMM, 3 },
	{ 16, XMM, 4 },
	{ 16, XMM, 5 },
	{ 16, XMM, 6 },
	{ 16, XMM, 7 },
	{ 16, XMM, 8 },
	{ 16, XMM, 9 },
	{ 16, XMM, 10 },
	{ 16, XMM, 11 },
	{ 16, XMM, 12 },
	{ 16, XMM, 13 },
	{ 16, XMM, 14 },
	{ 16, XMM, 15 },
	{ 4, MXCSR, 0 },
	R(orig_rax, 8),
	R(fs_base, 8),
	R(gs_base, 8),
};

#define NREGS (int)(sizeof(regs) / sizeof(regs[0]))

/*
 * Written for gdb's i386 and amd64 descriptions: gdb checks the names of each
 * feature's registers; the order here is the 'g' packet's.
 */
static const char target_xml[] =
	"<?xml version=\"1.0\"?>\n"
	"<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	"<target>\n"
	"<architecture>i386:x86-64</architecture>\n"
	"<osabi>GNU/Linux</osabi>\n"
	"<feature name=\"org.gnu.gdb.i386.core\">\n"
	"<flags id=\"i386_eflags\" size=\"4\">\n"
	"<field name=\"CF\" start=\"0\" end=\"0\"/>\n"
	"<field name=\"PF\" start=\"2\" end=\"2\"/><field name=\"AF\" start=\"4\" end=\"4\"/>\n"
	"<field name=\"ZF\" start=\"6\" end=\"6\"/><field name=\"SF\" start=\"7\" end=\"7\"/>\n"
	"<field name=\"TF\" start=\"8\" end=\"8\"/><field name=\"IF\" start=\"9\" end=\"9\"/>\n"
	"<field name=\"DF\" start=\"10\" end=\"10\"/><field name=\"OF\" start=\"11\" end=\"11\"/>\n"
	"<field name=\"NT\" start=\"14\" end=\"14\"/><field name=\"RF\" start=\"16\" end=\"16\"/>\n"
	"<field name=\"VM\" start=\"17\" end=\"17\"/><field name=\"AC\" start=\"18\" end=\"18\"/>\n"
	"<field name=\"VIF\" start=\"19\" end=\"19\"/><field name=\"VIP\" start=\"20\" end=\"20\"/>\n"
	"<field name=\"ID\" start=\"21\" end=\"21\"/>\n"
	"</flags>\n"
	"<reg name=\"rax\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"rbx\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"rcx\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"rdx\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"rsi\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"rdi\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"rbp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
	"<reg name=\"rsp\" bitsize=\"64\" type=\"data_ptr\"/>\n"
	"<reg name=\"r8\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"r9\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"r10\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"r11\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"r12\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"r13\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"r14\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"r15\" bitsize=\"64\" type=\"int64\"/>\n"
	"<reg name=\"rip\" bitsize=\"64\" type=\"code_ptr\"/>\n"
	"<reg name=\"eflags\" bitsize=\"32\" type=\"i386_eflags\"/>\n"
	"<reg name=\"cs\" bitsize=\"32\" type=\"int32\"/>\n"
	"<reg name=\"ss\" bitsize=\"32\" type=\"int32\"/>\n"
	"<reg name=\"ds\" bitsize=\"32\" type=\"int32\"/>\n"
	"<reg name=\"es\" bitsize=\"32\" type=\"int32\"/>\n"
	"<reg name=\"fs\" bitsize=\"32\" type=\"int32\"/>\n"
	"<reg name=\"gs\" bitsize=\"32\" type=\"int32\"/>\n"
	"<reg name=\"st0\" bitsize=\"80\" type=\"i387_ext\"/>\n"
	"<reg name=\"st1\" bitsize=\"80\" type=\"i387_ext\"/>\n"
	"<reg name=\"st2\" bitsize=\"80\" type=\"i387_ext\"/>\n"
	"<reg name=\"st3\" bitsize=\"80\" type=\"i387_ext\"/>\n"
	"<reg name=\"st4\" bitsize=\"80\" type=\"i387_ext\"/>\n"
	"<reg name=\"st5\" bitsize=\"80\" type=\"i387_ext\"/>\n"
	"<reg name=\"st6\" bitsize=\"80\" type=\"i387_ext\"/>\n"
	"<reg name=\"st7\" bitsize=\"80\" type=\"i387_ext\"/>\n"
	"<reg name=\"fctrl\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
	"<reg name=\"fstat\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
	"<reg name=\"ftag\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
	"<reg name=\"fiseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
	"<reg name=\"fioff\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
	"<reg name=\"foseg\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
	"<reg name=\"fooff\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
	"<reg name=\"fop\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n"
	"</feature>\n"
	"<feature name=\"org.gnu.gdb.i386.sse\">\n"
	"<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>\n"
	"<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>\n"
	"<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>\n"
	"<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>\n"
	"<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>\n"
	"<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>\n"
	"<union id=\"vec128\">\n"
	"<field name=\"v4_float\" type=\"v4f\"/><field name=\"v2_double\" type=\"v2d\"/>\n"
	"<field name=\"v16_int8\" type=\"v16i8\"/><field name=\"v8_int16\" type=\"v8i16\"/>\n"
	"<field name=\"v4_int32\" type=\"v4i32\"/><field name=\"v2_int64\" type=\"v2i64\"/>\n"
	"<field name=\"uint128\" type=\"uint128\"/>\n"
	"</union>\n"
	"<flags id=\"i386_mxcsr\" size=\"4\">\n"
	"<field name=\"IE\" start=\"0\" end=\"0\"/><field name=\"DE\" start=\"1\" end=\"1\"/>\n"
	"<field name=\"ZE\" start=\"2\" end=\"2\"/><field name=\"OE\" start=\"3\" end=\"3\"/>\n"
	"<field name=\"UE\" start=\"4\" end=\"4\"/><field name=\"PE\" start=\"5\" end=\"5\"/>\n"
	"<field name=\"DAZ\" start=\"6\" end=\"6\"/><field name=\"IM\" start=\"7\" end=\"7\"/>\n"
	"<field name=\"DM\" start=\"8\" end=\"8\"/><field name=\"ZM\" start=\"9\" end=\"9\"/>\n"
	"<field name=\"OM\" start=\"10\" end=\"10\"/><field name=\"UM\" start=\"11\" end=\"11\"/>\n"
	"<field name=\"PM\" start=\"12\" end=\"12\"/><field name=\"FZ\" start=\"15\" end=\"15\"/>\n"
	"</flags>\n"
	"<reg name=\"xmm0\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm1\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm2\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm3\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm4\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm5\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm6\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm7\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm8\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm9\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm10\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm11\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm12\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm13\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm14\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"xmm15\" bitsize=\"128\" type=\"vec128\"/>\n"
	"<reg name=\"mxcsr\" bitsize=\"32\" type=\"i386_mxcsr\" group=\"vector\"/>\n"
	"</feature>\n"
	"<feature name=\"org.gnu.gdb.i386.linux\">\n"
	"<reg name=\"orig_rax\" bitsize=\"64\" type=\"int\" group=\"system\"/>\n"
	"</feature>\n"
	"<feature name=\"org.gnu.gdb.i386.segments\">\n"
	"<reg name=\"fs_base\" bitsize=\"64\" type=\"int\"/>\n"
	"<reg name=\"gs_base\" bitsize=\"64\" type=\"int\"/>\n"
	"</feature>\n"
	"</target>\n";

const char *hy_gdb_target_xml(void)
{
	return target_xml;
}

int hy_gdb_reg_span(int regno, size_t *offset, size_t *size)
{
	size_t off = 0;

	if (regno < 0 || regno >= NREGS)
		return -1;
	for (int i = 0; i < regno; i++)
		off += regs[i].size;
	*offset = off;
	*size = regs[regno].size;
	return 0;
}

/* FXSAVE keeps one bit per x87 register (valid or empty); gdb wants two (11: empty). */
static uint32_t full_tag(uint16_t abridged)
{
	uint32_t tag = 0;

	for (int i = 0; i < 8; i++)
		tag |= (abridged & (1u << i) ? 0u : 3u) << (2 * i);
	return tag;
}

static uint16_t abridged_tag(uint32_t full)
{
	uint16_t tag = 0;

	for (int i = 0; i < 8; i++)
		if (((full >> (2 * i)) & 3) != 3)
			tag |= 1u << i;
	return tag;
}

static uint32_t fpctl_get(const struct user_fpregs_struct *f, int which)
{
	switch (which) {
	case FCTRL:
		return f->cwd;
	case FSTAT:
		return f->swd;
	case FTAG:
		return full_tag(f->ftw);
	case FISEG:
		return (uint32_t)(f->rip >> 32);
	case FIOFF:
		return (uint32_t)f->rip;
	case FOSEG:
		return (uint32_t)(f->rdp >> 32);
	case FOOFF:
		return (uint32_t)f->rdp;
	default:
		return f->fop;
	}
}

static void fpctl_set(struct user_fpregs_struct *f, int which, uint32_t v)
{
	switch (which) {
	case FCTRL:
		f->cwd = v;
		break;
	case FSTAT:
		f->swd = v;
		break;
	case FTAG:
		f->ftw = abridged_tag(v);
		break;
	case FISEG:
		f->rip = (f->rip & 0xffffffffull) | (uint64_t)v << 32;
		break;
	case FIOFF:
		f->rip = (f->rip & ~0xffffffffull) | v;
		break;
	case FOSEG:
		f->rdp = (f->rdp & 0xffffffffull) | (uint64_t)v << 32;
		break;
	case FOOFF:
		f->rdp = (f->rdp & ~0xffffffffull) | v;
		break;
	default:
		f->fop = v;
		break;
	}
}

/* Where register @r lives in the two structs (FPCTL and MXCSR: NULL, by value). */
static void *place(const struct reg *r, struct user_regs_struct *g, struct user_fpregs_struct *f)
{
	switch (r->src) {
	case GP:
		return (char *)g + r->where;
	case ST:
		return (char *)f->st_space + 16 * r->where;
	case XMM:
		return (char *)f->xmm_space + 16 * r->where;
	default:
		return NULL;
	}
}

int hy_gdb_regs_get(pid_t tid, uint8_t *out)
{
	struct user_regs_struct g;
	struct user_fpregs_struct f;

	if (ptrace(PTRACE_GETREGS, tid, 0, &g) || ptrace(PTRACE_GETFPREGS, tid, 0, &f))
		return -errno;
	for (int i = 0; i < NREGS; i++) {
		const struct reg *r = &regs[i];
		void *p = place(r, &g, &f);
		uint32_t v = r->src == MXCSR ? f.mxcsr :
			     r->src == FPCTL ? fpctl_get(&f, r->where) :
					       0;

		memcpy(out, p ? p : &v,
		       r->size); /* little-endian: a 4-byte field is the low half */
		out += r->size;
	}
	return 0;
}

int hy_gdb_regs_set(pid_t tid, const uint8_t *in)
{
	struct user_regs_struct g;
	struct user_fpregs_struct f;

	if (ptrace(PTRACE_GETREGS, tid, 0, &g) || ptrace(PTRACE_GETFPREGS, tid, 0, &f))
		return -errno;
	for (int i = 0; i < NREGS; i++) {
		const struct reg *r = &regs[i];
		void *p = place(r, &g, &f);
		uint32_t v = 0;

		if (p && r->src == GP && r->size == 4)
			*(uint64_t *)p = 0; /* a 32-bit view of a 64-bit field: zero-extended */
		memcpy(p ? p : &v, in, r->size);
		if (r->src == MXCSR)
			f.mxcsr = v;
		else if (r->src == FPCTL)
			fpctl_set(&f, r->where, v);
		in += r->size;
	}
	if (ptrace(PTRACE_SETREGS, tid, 0, &g) || ptrace(PTRACE_SETFPREGS, tid, 0, &f))
		return -errno;
	return 0;
}
