// SPDX-License-Identifier: MIT
/*
 * Run argv[1..] with transparent huge pages refused to it (PR_SET_THP_DISABLE:
 * inherited, kept across exec), as on a machine where they are "never": for
 * hytrace itself, whose start asks for them (user/load_heap.h).
 */
#include "guest.h"

#include <sys/prctl.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		die("usage: thp_off COMMAND [ARG...]");
	if (prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0))
		die("prctl(PR_SET_THP_DISABLE): %s", strerror(errno));
	execvp(argv[1], argv + 1);
	die("%s: %s", argv[1], strerror(errno));
}
