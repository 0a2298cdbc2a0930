// SPDX-License-Identifier: MIT
/* The sample build's program: sums what the units compute. */
#include <stdio.h>

int unit1(int), unit2(int), unit3(int), unit4(int), unit5(int), unit6(int);

int main(void)
{
	printf("%d\n", unit1(10) + unit2(10) + unit3(10) + unit4(10) + unit5(10) + unit6(10));
	return 0;
}
