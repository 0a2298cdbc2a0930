// SPDX-License-Identifier: MIT
/*
 * The key retention service: add_key, request_key and keyctl, whose four
 * arguments mean what the command says (key serials, strings, buffers, the
 * parameter structs of KEYCTL_DH_COMPUTE and KEYCTL_PKEY_*).
 *
 * keyctl's memory is captured whatever the command (capture_plan.c): its
 * arguments 1..3 as bytes at entry, as many as -s shows plus two (a string,
 * a buffer or a struct, the decoder tells), and 1..2 at exit (what the call
 * wrote), so the decoder reads strings from bytes, not from string captures.
 */
#include <inttypes.h>
#include <linux/keyctl.h>
#include <string.h>

#include "decode/args.h"
#include "decode/decode_io.h"
#include "decode/decoders_gen.h"
#include "decode/names.h"
#include "decode/printer.h"
#include "decode/values.h"
#include "decode/xlat.h"
#include "hy_event.h"
#include "record.h"

/* A key serial: a special id by name, another as its int. */
static void pr_key(struct hy_printer *p, uint64_t v)
{
	hy_pr_enum(p, HY_X_KEY_SPEC, (int32_t)v);
}

/* uid_t and gid_t: -1 ("no change") as -1, others unsigned */
static void pr_id(struct hy_printer *p, uint64_t v)
{
	if ((uint32_t)v == UINT32_MAX)
		hy_pr_puts(p, "-1");
	else
		hy_pr_printf(p, "%" PRIu32, (uint32_t)v);
}

/*
 * A NUL-terminated string from the bytes captured at @addr, as strace reads
 * one: -s + 1 bytes or up to the NUL; unterminated before an unmapped page
 * (or unreadable) prints as its address.
 */
static void pr_str(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	char buf[HY_CAP_MAX];
	size_t want = p->strsize + 1 < sizeof(buf) ? p->strsize + 1 : sizeof(buf);
	ssize_t n;
	const char *nul;

	if (!addr) {
		hy_pr_puts(p, "NULL");
		return;
	}
	n = hy_rec_read(r, HY_PHASE_ENTER, addr, buf, want);
	nul = n > 0 ? memchr(buf, 0, n) : NULL;
	if (nul && (size_t)(nul - buf) <= p->strsize)
		hy_pr_quoted(p, buf, nul - buf, false);
	else if (n >= 0 && (size_t)n == want)
		hy_pr_quoted(p, buf, want - 1, true);
	else
		hy_pr_ptr(p, addr);
}

/*
 * What the call wrote to a buffer of @size bytes: min(result, size) of them, a
 * string up to its NUL (strace's printstrn of a 0-terminated quote); a failed
 * call's buffer as its address.
 */
static void pr_out_str(struct hy_printer *p, const struct hy_record *r, uint64_t addr,
		       uint64_t size)
{
	char buf[HY_CAP_MAX];
	uint64_t n = (uint64_t)r->ret < size ? (uint64_t)r->ret : size;
	size_t show = n < p->strsize ? (size_t)n : p->strsize;
	const char *nul;

	if (show > sizeof(buf))
		show = sizeof(buf);
	if (!addr || !hy_exit_ok(r) || !hy_read(r, HY_PHASE_EXIT, addr, buf, show)) {
		hy_pr_ptr(p, addr);
		return;
	}
	nul = memchr(buf, 0, show);
	if (nul)
		hy_pr_quoted(p, buf, nul - buf, false);
	else
		hy_pr_quoted(p, buf, show, n > show);
}

/* KEYCTL_CAPABILITIES' bytes: a bit set each, the first two named */
static void pr_caps(struct hy_printer *p, const struct hy_record *r, uint64_t addr, uint64_t size)
{
	uint8_t buf[64];
	uint64_t n = (uint64_t)r->ret < size ? (uint64_t)r->ret : size;

	if (n > sizeof(buf))
		n = sizeof(buf);
	if (!addr || !hy_exit_ok(r) || !hy_read(r, HY_PHASE_EXIT, addr, buf, n)) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_putc(p, '[');
	for (uint64_t i = 0; i < n; i++) {
		if (i)
			hy_pr_puts(p, ", ");
		if (i < 2)
			hy_pr_flags(p, i ? HY_X_KEYCTL_CAPS1 : HY_X_KEYCTL_CAPS0, buf[i], NULL);
		else
			hy_pr_printf(p, "%#x", buf[i]);
	}
	hy_pr_putc(p, ']');
}

/* struct keyctl_dh_params: three key serials */
static void pr_dh_params(struct hy_printer *p, const struct hy_record *r, uint64_t addr)
{
	struct keyctl_dh_params dh;

	if (!hy_read(r, HY_PHASE_ENTER, addr, &dh, sizeof(dh))) {
		hy_pr_ptr(p, addr);
		return;
	}
	hy_pr_puts(p, "{private=");
	pr_key(p, (uint32_t)dh.private);
	hy_pr_puts(p, ", prime=");
	pr_key(p, (uint32_t)dh.prime);
	hy_pr_puts(p, ", base=");
	pr_key(p, (uint32_t)dh.base);
	hy_pr_putc(p, '}');
}

/*
 * keyctl(KEYCTL_PKEY_{ENCRYPT,DECRYPT,SIGN,VERIFY}, params, info, in, out):
 * the struct's lengths say how much of the data there is; out is written
 * (its address), but for VERIFY a second input whose bytes are not captured.
 */
static void pr_pkey_op(struct hy_printer *p, const struct hy_record *r, uint32_t cmd)
{
	struct keyctl_pkey_params pp;
	bool have = hy_read(r, HY_PHASE_ENTER, r->args[1], &pp, sizeof(pp));

	if (have) {
		hy_pr_puts(p, "{key_id=");
		pr_key(p, (uint32_t)pp.key_id);
		hy_pr_printf(p, ", in_len=%" PRIu32 ", %s=%" PRIu32 "}", pp.in_len,
			     cmd == KEYCTL_PKEY_VERIFY ? "in2_len" : "out_len", pp.out_len);
	} else {
		hy_pr_ptr(p, r->args[1]);
	}
	hy_pr_sep(p);
	pr_str(p, r, r->args[2]);
	hy_pr_sep(p);
	if (have)
		hy_pr_buf_arg(p, r, HY_PHASE_ENTER, r->args[3], pp.in_len);
	else
		hy_pr_ptr(p, r->args[3]);
	hy_pr_sep(p);
	hy_pr_ptr(p, r->args[4]);
}

void hy_dec_add_key(struct hy_printer *p, const struct hy_record *r)
{
	hy_pr_str_arg(p, r, r->args[0], p->strsize);
	hy_pr_sep(p);
	hy_pr_str_arg(p, r, r->args[1], p->strsize);
	hy_pr_sep(p);
	hy_pr_buf_arg(p, r, HY_PHASE_ENTER, r->args[2], (int64_t)r->args[3]);
	hy_pr_printf(p, ", %" PRIu64 ", ", r->args[3]);
	pr_key(p, r->args[4]);
}

void hy_dec_request_key(struct hy_printer *p, const struct hy_record *r)
{
	for (int i = 0; i < 3; i++) {
		hy_pr_str_arg(p, r, r->args[i], p->strsize);
		hy_pr_sep(p);
	}
	pr_key(p, r->args[3]);
}

/*
 * keyctl's arguments 1..4 per command, one letter each (strace's order):
 * k key serial, s string, i uid/gid, d int, u unsigned int, U the previous
 * buffer's size (u64), b a buffer whose size is the next argument, o what the
 * call wrote to a buffer of the next argument's size, p an address, x hex,
 * P permissions, M KEYCTL_MOVE's flags, e an errno, c KEYCTL_CAPABILITIES'
 * bytes (size next), D struct keyctl_dh_params, R KEY_REQKEY_DEFL_*, v an
 * iovec array (count next, captured by a HY_CAP_FOLLOW rule).
 * A command with no entry prints its four arguments in hex.
 */
static const char *const keyctl_args[] = {
	[KEYCTL_GET_KEYRING_ID] = "kd",
	[KEYCTL_JOIN_SESSION_KEYRING] = "s",
	[KEYCTL_UPDATE] = "kbU",
	[KEYCTL_REVOKE] = "k",
	[KEYCTL_CHOWN] = "kii",
	[KEYCTL_SETPERM] = "kP",
	[KEYCTL_DESCRIBE] = "koU",
	[KEYCTL_CLEAR] = "k",
	[KEYCTL_LINK] = "kk",
	[KEYCTL_UNLINK] = "kk",
	[KEYCTL_SEARCH] = "kssk",
	[KEYCTL_READ] = "koU",
	[KEYCTL_INSTANTIATE] = "kbUk",
	[KEYCTL_NEGATE] = "kuk",
	[KEYCTL_SET_REQKEY_KEYRING] = "R",
	[KEYCTL_SET_TIMEOUT] = "ku",
	[KEYCTL_ASSUME_AUTHORITY] = "k",
	[KEYCTL_GET_SECURITY] = "koU",
	[KEYCTL_SESSION_TO_PARENT] = "",
	[KEYCTL_REJECT] = "kuek",
	[KEYCTL_INSTANTIATE_IOV] = "kvUk",
	[KEYCTL_INVALIDATE] = "k",
	[KEYCTL_GET_PERSISTENT] = "ik",
	/* the result bytes and struct keyctl_kdf_params are not captured */
	[KEYCTL_DH_COMPUTE] = "DpUp",
	/* struct keyctl_pkey_query (written) is not captured: its address */
	[KEYCTL_PKEY_QUERY] = "kxsp",
	[KEYCTL_RESTRICT_KEYRING] = "kss",
	[KEYCTL_MOVE] = "kkkM",
	[KEYCTL_CAPABILITIES] = "cU",
};

/* KEY_REQKEY_DEFL_*, or the number and strace's comment */
static void pr_reqkey_defl(struct hy_printer *p, uint64_t v)
{
	const char *name = hy_xlat_name(HY_X_KEY_REQKEY_DEFL, (int32_t)v);

	if (name)
		hy_pr_const(p, name, (uint64_t)(int32_t)v, HY_NUM_DEC);
	else
		hy_pr_printf(p, "%d /* KEY_REQKEY_DEFL_??? */", (int32_t)v);
}

/* keyctl's argument @i (1..4) as @kind says (keyctl_args); the one after it is a size */
static void pr_keyctl_arg(struct hy_printer *p, const struct hy_record *r, char kind, int i)
{
	const uint64_t *a = r->args;

	switch (kind) {
	case 'k':
		pr_key(p, a[i]);
		break;
	case 's':
		pr_str(p, r, a[i]);
		break;
	case 'i':
		pr_id(p, a[i]);
		break;
	case 'd':
		hy_pr_printf(p, "%d", (int)a[i]);
		break;
	case 'u':
		hy_pr_printf(p, "%" PRIu32, (uint32_t)a[i]);
		break;
	case 'U':
		hy_pr_printf(p, "%" PRIu64, a[i]);
		break;
	case 'b':
		hy_pr_buf_arg(p, r, HY_PHASE_ENTER, a[i], (int64_t)a[i + 1]);
		break;
	case 'o':
		pr_out_str(p, r, a[i], a[i + 1]);
		break;
	case 'c':
		pr_caps(p, r, a[i], a[i + 1]);
		break;
	case 'x':
		hy_pr_printf(p, "%#" PRIx64, a[i]);
		break;
	case 'P':
		hy_pr_flags(p, HY_X_KEY_PERM, (uint32_t)a[i], NULL);
		break;
	case 'M':
		hy_pr_flags(p, HY_X_KEYCTL_MOVE_FLAGS, (uint32_t)a[i], NULL);
		break;
	case 'e':
		hy_pr_const(p, hy_errno_name((int)(uint32_t)a[i]), (uint32_t)a[i], HY_NUM_DEC);
		break;
	case 'v':
		hy_pr_iovec_at(p, r, HY_PHASE_ENTER, a[i], a[i + 1], -1);
		break;
	case 'D':
		pr_dh_params(p, r, a[i]);
		break;
	case 'R':
		pr_reqkey_defl(p, a[i]);
		break;
	default: /* 'p' */
		hy_pr_ptr(p, a[i]);
		break;
	}
}

void hy_dec_keyctl(struct hy_printer *p, const struct hy_record *r)
{
	uint32_t cmd = (uint32_t)r->args[0];
	const char *kinds = cmd < sizeof(keyctl_args) / sizeof(keyctl_args[0]) ? keyctl_args[cmd] :
										 NULL;

	hy_pr_enum(p, HY_X_KEYCTL_CMD, cmd);
	if (cmd == KEYCTL_PKEY_ENCRYPT || cmd == KEYCTL_PKEY_DECRYPT || cmd == KEYCTL_PKEY_SIGN ||
	    cmd == KEYCTL_PKEY_VERIFY) {
		hy_pr_sep(p);
		pr_pkey_op(p, r, cmd);
		return;
	}
	if (!kinds)
		kinds = "xxxx";
	for (int i = 0; kinds[i]; i++) {
		hy_pr_sep(p);
		pr_keyctl_arg(p, r, kinds[i], i + 1);
	}
}
