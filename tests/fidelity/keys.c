// SPDX-License-Identifier: MIT
/*
 * Fidelity guest: the kernel's key retention service (add_key, request_key,
 * keyctl: every command strace decodes, and an unknown one).
 * The guest first joins a fresh anonymous session keyring: the keys it adds
 * live in it and go with the process; each one it adds is revoked too.
 * runs: -s 7
 */
#include "fid.h"

#include <linux/keyctl.h>
#include <sys/uio.h>
#include <sys/wait.h>

int main(void)
{
	char *type = str_edge("user");
	char *desc = str_edge("fid:desc");
	char *pay = at_edge("payload!", 8);
	char *out = at_edge(NULL, 64);
	char *unterm = at_edge("keyring", 7);
	struct iovec *iov = at_edge(NULL, 2 * sizeof(*iov));
	struct keyctl_dh_params *dh = at_edge(NULL, sizeof(*dh));
	struct keyctl_pkey_query *pq = at_edge(NULL, sizeof(*pq));
	struct keyctl_pkey_params *pp = at_edge(NULL, sizeof(*pp));
	long key, ring;

	S(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL);
	S(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, BAD);
	S(SYS_keyctl, G(KEYCTL_GET_KEYRING_ID), G(KEY_SPEC_SESSION_KEYRING), G(0));
	S(SYS_keyctl, KEYCTL_GET_KEYRING_ID, KEY_SPEC_REQKEY_AUTH_KEY, 0);
	S(SYS_keyctl, KEYCTL_GET_KEYRING_ID, 0x12345, 1);

	key = S(SYS_add_key, type, desc, pay, 8, KEY_SPEC_SESSION_KEYRING);
	S(SYS_add_key, type, desc, pay, G(8), G(KEY_SPEC_SESSION_KEYRING));
	S(SYS_add_key, "bad-type", desc, pay, 8, KEY_SPEC_SESSION_KEYRING);
	S(SYS_add_key, BAD, BAD, BAD, 8, KEY_SPEC_THREAD_KEYRING);
	S(SYS_add_key, unterm, desc, NULL, 0, KEY_SPEC_PROCESS_KEYRING);
	S(SYS_add_key, type, "fid:long description", pay, 9, KEY_SPEC_USER_SESSION_KEYRING);
	ring = S(SYS_add_key, "keyring", "fid:ring", NULL, 0, KEY_SPEC_SESSION_KEYRING);
	S(SYS_add_key, "keyring", "fid:ring2", NULL, 0, 0x7777);
	S(SYS_add_key, type, desc, pay, 8, -9);

	S(SYS_request_key, type, desc, NULL, KEY_SPEC_SESSION_KEYRING);
	/* a callout with a destination that does not exist: no upcall is made */
	S(SYS_request_key, type, "fid:none", "callout info", 0x7777);
	S(SYS_request_key, BAD, BAD, BAD, G(KEY_SPEC_GROUP_KEYRING));
	S(SYS_request_key, unterm, desc, unterm, KEY_SPEC_REQUESTOR_KEYRING);

	S(SYS_keyctl, KEYCTL_UPDATE, key, pay, 8);
	S(SYS_keyctl, KEYCTL_UPDATE, key, BAD, 3);
	S(SYS_keyctl, KEYCTL_UPDATE, G(key), pay, G(9));
	S(SYS_keyctl, KEYCTL_DESCRIBE, key, out, 64);
	S(SYS_keyctl, KEYCTL_DESCRIBE, key, out, 4);
	S(SYS_keyctl, KEYCTL_DESCRIBE, key, BAD, 64);
	S(SYS_keyctl, KEYCTL_READ, key, out, 64);
	S(SYS_keyctl, KEYCTL_READ, key, out, 3);
	S(SYS_keyctl, KEYCTL_READ, key, NULL, 0);
	S(SYS_keyctl, KEYCTL_CHOWN, key, -1, -1);
	S(SYS_keyctl, KEYCTL_CHOWN, key, G(1234), G(-1));
	S(SYS_keyctl, KEYCTL_SETPERM, key, 0x3f3f0000);
	S(SYS_keyctl, KEYCTL_SETPERM, 0x7777, G(0xc0000101));
	S(SYS_keyctl, KEYCTL_SET_TIMEOUT, key, 1000);
	S(SYS_keyctl, KEYCTL_SET_TIMEOUT, key, G(0));
	S(SYS_keyctl, KEYCTL_LINK, key, ring);
	S(SYS_keyctl, KEYCTL_SEARCH, KEY_SPEC_SESSION_KEYRING, type, desc, 0);
	S(SYS_keyctl, KEYCTL_SEARCH, ring, type, "fid:none", KEY_SPEC_SESSION_KEYRING);
	S(SYS_keyctl, KEYCTL_SEARCH, ring, BAD, unterm, G(KEY_SPEC_THREAD_KEYRING));
	S(SYS_keyctl, KEYCTL_UNLINK, key, ring);
	S(SYS_keyctl, KEYCTL_UNLINK, G(key), G(KEY_SPEC_PROCESS_KEYRING));
	S(SYS_keyctl, KEYCTL_CLEAR, ring);
	S(SYS_keyctl, KEYCTL_INSTANTIATE, key, pay, 8, ring);
	S(SYS_keyctl, KEYCTL_INSTANTIATE, key, BAD, G(3), 0);
	iov[0].iov_base = pay;
	iov[0].iov_len = 8;
	iov[1].iov_base = BAD;
	iov[1].iov_len = 2;
	S(SYS_keyctl, KEYCTL_INSTANTIATE_IOV, key, iov, 2, ring);
	S(SYS_keyctl, KEYCTL_INSTANTIATE_IOV, key, BAD, 1, 0);
	S(SYS_keyctl, KEYCTL_NEGATE, key, 10, ring);
	S(SYS_keyctl, KEYCTL_REJECT, key, 10, EKEYREJECTED, ring);
	S(SYS_keyctl, KEYCTL_REJECT, G(key), G(5), G(0x999), G(0));
	S(SYS_keyctl, KEYCTL_SET_REQKEY_KEYRING, KEY_REQKEY_DEFL_NO_CHANGE);
	S(SYS_keyctl, KEYCTL_SET_REQKEY_KEYRING, G(KEY_REQKEY_DEFL_REQUESTOR_KEYRING));
	S(SYS_keyctl, KEYCTL_SET_REQKEY_KEYRING, 99);
	S(SYS_keyctl, KEYCTL_ASSUME_AUTHORITY, 0);
	S(SYS_keyctl, KEYCTL_ASSUME_AUTHORITY, key);
	S(SYS_keyctl, KEYCTL_GET_SECURITY, key, out, 64);
	S(SYS_keyctl, KEYCTL_GET_SECURITY, key, BAD, 5);
	/* destinations that do not exist: no persistent keyring is made */
	S(SYS_keyctl, KEYCTL_GET_PERSISTENT, -1, 0x7777);
	S(SYS_keyctl, KEYCTL_GET_PERSISTENT, G(0x7777), BAD);
	dh->private = key;
	dh->prime = key;
	dh->base = ring;
	S(SYS_keyctl, KEYCTL_DH_COMPUTE, dh, out, 64, NULL);
	S(SYS_keyctl, KEYCTL_DH_COMPUTE, BAD, BAD, 4, BAD);
	S(SYS_keyctl, KEYCTL_PKEY_QUERY, key, 0, "enc=raw", pq);
	S(SYS_keyctl, KEYCTL_PKEY_QUERY, key, G(0), BAD, BAD);
	pp->key_id = key;
	pp->in_len = 8;
	pp->out_len = 16;
	S(SYS_keyctl, KEYCTL_PKEY_ENCRYPT, pp, "enc=pkcs1", pay, out);
	S(SYS_keyctl, KEYCTL_PKEY_DECRYPT, pp, unterm, pay, out);
	S(SYS_keyctl, KEYCTL_PKEY_SIGN, BAD, "hash=sha256", pay, out);
	S(SYS_keyctl, KEYCTL_PKEY_VERIFY, pp, "hash=sha1", pay, BAD);
	S(SYS_keyctl, KEYCTL_RESTRICT_KEYRING, ring, type, NULL);
	S(SYS_keyctl, KEYCTL_RESTRICT_KEYRING, ring, "asymmetric", "key_or_keyring:0");
	S(SYS_keyctl, KEYCTL_RESTRICT_KEYRING, G(ring), BAD, unterm);
	S(SYS_keyctl, KEYCTL_MOVE, key, ring, KEY_SPEC_SESSION_KEYRING, KEYCTL_MOVE_EXCL);
	S(SYS_keyctl, KEYCTL_CAPABILITIES, out, 2);
	S(SYS_keyctl, KEYCTL_INVALIDATE, ring);
	S(SYS_keyctl, KEYCTL_REVOKE, key);
	S(SYS_keyctl, KEYCTL_REVOKE, G(KEY_SPEC_SESSION_KEYRING) + 0x100000000ull);
	S(SYS_keyctl, KEYCTL_SETPERM, key, 0);
	/* from a child, whose parent is this guest: the tracer's keyrings stay */
	if (fork() == 0) {
		S(SYS_keyctl, KEYCTL_SESSION_TO_PARENT);
		_exit(0);
	}
	wait(NULL);
	S(SYS_keyctl, 0x99, 1, 2, 3, 4);
	S(SYS_keyctl, G(0x40), BAD, G(1), 3, 4);
	return 0;
}
