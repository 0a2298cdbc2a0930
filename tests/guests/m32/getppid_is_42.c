// SPDX-License-Identifier: MIT
/* i386, static: exits 7 when getppid() returns 42 (an injected value), else 8
 * (test_guest_backend.sh: a 32-bit program a guest executes is held through
 * ptrace). */
#include <unistd.h>

int main(void)
{
	return getppid() == 42 ? 7 : 8;
}
