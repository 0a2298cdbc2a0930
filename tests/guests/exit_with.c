// SPDX-License-Identifier: MIT
/* Exit with status argv[1], or die by signal N with argv[1] = "sig:N". */
#include "guest.h"

#include <signal.h>

int main(int argc, char **argv)
{
	if (argc < 2)
		die("usage: exit_with STATUS|sig:N");
	if (!strncmp(argv[1], "sig:", 4)) {
		int sig = atoi(argv[1] + 4);

		signal(sig, SIG_DFL);
		kill(getpid(), sig);
		die("still alive after signal %d", sig);
	}
	return atoi(argv[1]);
}
