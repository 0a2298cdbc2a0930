// SPDX-License-Identifier: MIT
/* i386: prints the time stamp counter RDTSC reads (test_insn.sh: a 32-bit
 * program's RDTSC is armed through int $0x80). */
#include <stdio.h>
#include <x86intrin.h>

int main(void)
{
	printf("tsc %llu\n", (unsigned long long)__rdtsc());
	return 0;
}
