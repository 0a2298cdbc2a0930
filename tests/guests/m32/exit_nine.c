// SPDX-License-Identifier: MIT
/* i386: exits with status 9 (test_tree.sh: a 32-bit exec is followed). */
int main(void)
{
	return 9;
}
