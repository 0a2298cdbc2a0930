// SPDX-License-Identifier: MIT
/* ioctl requests and their arguments against strace 6.1's output. */
#include "test_decode_common.h"
#include "decode/decode_ioctl_struct.h"

#include <arpa/inet.h>
#include <linux/fs.h>
#include <linux/loop.h>
#include <net/if.h>
#include <netinet/in.h>
#include <sys/ioctl.h>
#include <termios.h>

#define ARG 0x7fff8c4bc4b0ull

/* The kernel's struct termios (36 bytes). */
struct k_termios {
	uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
	uint8_t c_line, c_cc[19];
};

static const struct k_termios cooked = {
	.c_iflag = ICRNL | IXON,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B38400 | CS8 | CREAD,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK | IEXTEN | ECHOCTL | ECHOKE,
};

#define COOKED                                                                                     \
	"{c_iflag=ICRNL|IXON, c_oflag=NL0|CR0|TAB0|BS0|VT0|FF0|OPOST|ONLCR, "                      \
	"c_cflag=B38400|CS8|CREAD, c_lflag=ISIG|ICANON|ECHO|ECHOE|ECHOK|IEXTEN|ECHOCTL|ECHOKE, "   \
	"...}"

static void test_termios(void **state)
{
	struct k_termios t = { 0 };

	(void)state;
	t_x64("ioctl", 3, TCGETS, ARG);
	t_out(ARG, &cooked, sizeof(cooked));
	t_expect("ioctl(3, TCGETS, " COOKED ") = 0");
	t_x64("ioctl", 3, TCSETS, ARG);
	t_in(ARG, &cooked, sizeof(cooked));
	t_expect("ioctl(3, SNDCTL_TMR_START or TCSETS, " COOKED ") = 0");
	/* a set request leaves the struct as it was: what was seen at exit will do */
	t_x64("ioctl", 3, TCSETSW, ARG);
	t_out(ARG, &cooked, sizeof(cooked));
	t_expect("ioctl(3, SNDCTL_TMR_STOP or TCSETSW, " COOKED ") = 0");
	t_x64("ioctl", 1, TCGETS, ARG);
	t_ret(-ENOTTY);
	t_expect("ioctl(1, TCGETS, 0x7fff8c4bc4b0) = -1 ENOTTY (Inappropriate ioctl for device)");
	t_x64("ioctl", 3, TCGETS, 0);
	t_ret(-EFAULT);
	t_expect("ioctl(3, TCGETS, NULL) = -1 EFAULT (Bad address)");

	/* strace 6.1 leaves empty sets empty, with the '|' after each value */
	t.c_cflag = B9600 | CS7;
	t_x64("ioctl", 3, TCSETSF, ARG);
	t_in(ARG, &t, sizeof(t));
	t_expect("ioctl(3, SNDCTL_TMR_CONTINUE or TCSETSF, {c_iflag=, c_oflag=NL0|CR0|TAB0|BS0|VT0|"
		 "FF0|, c_cflag=B9600|CS7|, c_lflag=, ...}) = 0");
	t.c_iflag = t.c_oflag = t.c_cflag = t.c_lflag = 0x7fffffff;
	t_x64("ioctl", 999, TCSETS, ARG);
	t_in(ARG, &t, sizeof(t));
	t_ret(-EBADF);
	t_expect("ioctl(999, SNDCTL_TMR_START or TCSETS, "
		 "{c_iflag=IGNBRK|BRKINT|IGNPAR|PARMRK|INPCK|"
		 "ISTRIP|INLCR|IGNCR|ICRNL|IUCLC|IXON|IXANY|IXOFF|IMAXBEL|IUTF8|0x7fff8000, "
		 "c_oflag=NL1|CR3|XTABS|BS1|VT1|FF1|OPOST|OLCUC|ONLCR|OCRNL|ONOCR|ONLRET|OFILL|"
		 "OFDEL|"
		 "0x7fff0000, "
		 "c_cflag=B4000000|B4000000<<IBSHIFT|CS8|CSTOPB|CREAD|PARENB|PARODD|HUPCL|"
		 "CLOCAL|CMSPAR|0x2ff0e000, "
		 "c_lflag=ISIG|ICANON|XCASE|ECHO|ECHOE|ECHOK|ECHONL|NOFLSH|"
		 "IEXTEN|ECHOCTL|ECHOPRT|ECHOKE|FLUSHO|PENDIN|TOSTOP|EXTPROC|0x7ffe2000, ...}) = "
		 "-1 EBADF (Bad file descriptor)");
	t.c_cflag = B38400 | (B9600 << 16) | CS8;
	t_x64("ioctl", 999, TCSETS, ARG);
	t_in(ARG, &t, sizeof(t));
	t_ret(-EBADF);
	assert_non_null(strstr(t_fmt(), ", c_cflag=B38400|B9600<<IBSHIFT|CS8|, "));
}

static void test_tty(void **state)
{
	uint16_t ws[4] = { 24, 80, 0, 0 };
	int32_t zero = 0, one = 1, modem = TIOCM_DTR | TIOCM_RTS;

	(void)state;
	t_x64("ioctl", 3, TIOCSWINSZ, ARG);
	t_in(ARG, ws, sizeof(ws));
	t_expect("ioctl(3, TIOCSWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}) = 0");
	t_x64("ioctl", 3, TIOCGWINSZ, ARG);
	t_out(ARG, ws, sizeof(ws));
	t_expect("ioctl(3, TIOCGWINSZ, {ws_row=24, ws_col=80, ws_xpixel=0, ws_ypixel=0}) = 0");
	t_x64("ioctl", 1, TIOCGWINSZ, ARG);
	t_ret(-ENOTTY);
	t_expect("ioctl(1, TIOCGWINSZ, 0x7fff8c4bc4b0) = -1 ENOTTY (Inappropriate ioctl for "
		 "device)");
	t_x64("ioctl", 3, FIONREAD, ARG);
	t_out(ARG, &zero, 4);
	t_expect("ioctl(3, FIONREAD, [0]) = 0");
	t_x64("ioctl", 3, FIONBIO, ARG);
	t_in(ARG, &one, 4);
	t_expect("ioctl(3, FIONBIO, [1]) = 0");
	t_x64("ioctl", 3, FIOCLEX);
	t_expect("ioctl(3, FIOCLEX) = 0");
	t_x64("ioctl", 3, FIONCLEX);
	t_expect("ioctl(3, FIONCLEX) = 0");
	t_x64("ioctl", 3, TIOCGPGRP, ARG);
	t_out(ARG, &zero, 4);
	t_expect("ioctl(3, TIOCGPGRP, [0]) = 0");
	/* an input int is printed even when the call fails */
	t_x64("ioctl", 3, TIOCSPGRP, ARG);
	t_in(ARG, &zero, 4);
	t_ret(-ENOTTY);
	t_expect("ioctl(3, TIOCSPGRP, [0]) = -1 ENOTTY (Inappropriate ioctl for device)");
	t_x64("ioctl", 3, TIOCGSID, ARG);
	t_ret(-ENOTTY);
	t_expect("ioctl(3, TIOCGSID, 0x7fff8c4bc4b0) = -1 ENOTTY (Inappropriate ioctl for device)");
	t_x64("ioctl", 999, TIOCGPGRP, 0);
	t_ret(-EBADF);
	t_expect("ioctl(999, TIOCGPGRP, NULL) = -1 EBADF (Bad file descriptor)");
	t_x64("ioctl", 3, TCFLSH, TCIFLUSH);
	t_expect("ioctl(3, TCFLSH, TCIFLUSH) = 0");
	t_x64("ioctl", 3, TCXONC, TCOON);
	t_expect("ioctl(3, TCXONC, TCOON) = 0");
	t_x64("ioctl", 3, TIOCSCTTY, 0);
	t_ret(-EPERM);
	t_expect("ioctl(3, TIOCSCTTY, 0) = -1 EPERM (Operation not permitted)");
	t_x64("ioctl", 3, TCSBRK, 1);
	t_expect("ioctl(3, TCSBRK, 1) = 0");
	t_x64("ioctl", 3, TIOCNOTTY);
	t_ret(-ENOTTY);
	t_expect("ioctl(3, TIOCNOTTY) = -1 ENOTTY (Inappropriate ioctl for device)");
	t_x64("ioctl", 999, TIOCMSET, ARG);
	t_in(ARG, &modem, 4);
	t_ret(-EBADF);
	t_expect("ioctl(999, TIOCMSET, [TIOCM_DTR|TIOCM_RTS]) = -1 EBADF (Bad file descriptor)");
	t_x64("ioctl", 999, TIOCSTI, ARG);
	t_in(ARG, "x", 1);
	t_ret(-EBADF);
	t_expect("ioctl(999, TIOCSTI, \"x\") = -1 EBADF (Bad file descriptor)");
	t_x64("ioctl", 999, TIOCGPTPEER, 0);
	t_ret(-EBADF);
	t_expect("ioctl(999, TIOCGPTPEER, 0) = -1 EBADF (Bad file descriptor)");
}

static void test_other(void **state)
{
	(void)state;
	t_x64("ioctl", 3, 0x12345678, 0x99);
	t_ret(-ENOTTY);
	t_expect("ioctl(3, _IOC(_IOC_NONE, 0x56, 0x78, 0x1234), 0x99) = "
		 "-1 ENOTTY (Inappropriate ioctl for device)");
	t_x64("ioctl", 3, _IOR('x', 1, int), 0x99);
	t_ret(-ENOTTY);
	t_expect("ioctl(3, _IOC(_IOC_READ, 0x78, 0x1, 0x4), 0x99) = "
		 "-1 ENOTTY (Inappropriate ioctl for device)");
	t_x64("ioctl", 3, _IOW('T', 0x99, int), 0x99);
	t_ret(-ENOTTY);
	t_expect("ioctl(3, _IOC(_IOC_WRITE, 0x54, 0x99, 0x4), 0x99) = "
		 "-1 ENOTTY (Inappropriate ioctl for device)");
	t_x64("ioctl", 3, FICLONE, 3);
	t_ret(-EINVAL);
	t_expect("ioctl(3, BTRFS_IOC_CLONE or FICLONE, 3) = -1 EINVAL (Invalid argument)");
	t_x64("ioctl", 3, FS_IOC_GETFLAGS, ARG);
	t_ret(-ENOTTY);
	t_expect("ioctl(3, FS_IOC_GETFLAGS, 0x7fff8c4bc4b0) = "
		 "-1 ENOTTY (Inappropriate ioctl for device)");
	t_x64("ioctl", 999, BLKGETSIZE64, 0);
	t_ret(-EBADF);
	t_expect("ioctl(999, BLKGETSIZE64, NULL) = -1 EBADF (Bad file descriptor)");
	/* i386: the same requests */
	t_i386("ioctl", 1, TCGETS, 0xffb0e5c0);
	t_ret(-ENOTTY);
	t_expect("ioctl(1, TCGETS, 0xffb0e5c0) = -1 ENOTTY (Inappropriate ioctl for device)");
}

/* block, loop, fs and interface requests (strace 6.1 on a loop device and a UDP socket) */
static void test_block_loop_net(void **state)
{
	int32_t zero = 0, bsz = 4096, fl = FS_APPEND_FL | FS_NOATIME_FL;
	uint64_t size = 1048576;
	int64_t ra = 5120;
	struct loop_info64 li;
	struct ifreq ifr;
	struct sockaddr_in sin = { .sin_family = AF_INET };

	(void)state;
	t_x64("ioctl", -1, BLKBSZSET, 0);
	t_ret(-EBADF);
	t_expect("ioctl(-1, BLKBSZSET, NULL) = -1 EBADF (Bad file descriptor)");
	/* a set request that fails still shows what it was given */
	t_x64("ioctl", -1, BLKBSZSET, ARG);
	t_in(ARG, &zero, sizeof(zero));
	t_ret(-EBADF);
	t_expect("ioctl(-1, BLKBSZSET, [0]) = -1 EBADF (Bad file descriptor)");
	t_x64("ioctl", 5, BLKGETSIZE64, ARG);
	t_out(ARG, &size, sizeof(size));
	t_expect("ioctl(5, BLKGETSIZE64, [1048576]) = 0");
	t_x64("ioctl", 5, BLKRAGET, ARG);
	t_out(ARG, &ra, sizeof(ra));
	t_expect("ioctl(5, BLKRAGET, [5120]) = 0");
	t_x64("ioctl", -1, BLKRAGET, ARG);
	t_ret(-EBADF);
	t_expect("ioctl(-1, BLKRAGET, 0x7fff8c4bc4b0) = -1 EBADF (Bad file descriptor)");
	t_x64("ioctl", 5, BLKBSZGET, ARG);
	t_out(ARG, &bsz, sizeof(bsz));
	t_expect("ioctl(5, BLKBSZGET, [4096]) = 0");
	t_x64("ioctl", -1, BLKRASET, 256);
	t_ret(-EBADF);
	t_expect("ioctl(-1, BLKRASET, 256) = -1 EBADF (Bad file descriptor)");
	t_x64("ioctl", 5, BLKFLSBUF, 0);
	t_expect("ioctl(5, BLKFLSBUF) = 0");
	t_x64("ioctl", 5, LOOP_SET_FD, 6);
	t_expect("ioctl(5, LOOP_SET_FD, 6) = 0");
	t_x64("ioctl", 5, LOOP_CLR_FD, 0);
	t_expect("ioctl(5, LOOP_CLR_FD) = 0");
	t_x64("ioctl", 4, LOOP_CTL_GET_FREE, 0);
	t_expect("ioctl(4, LOOP_CTL_GET_FREE) = 0");
	t_x64("ioctl", 4, LOOP_CTL_ADD, 200);
	t_ret(200);
	t_expect("ioctl(4, LOOP_CTL_ADD, 200) = 200");
	memset(&li, 0, sizeof(li));
	li.lo_offset = 512;
	li.lo_flags = LO_FLAGS_READ_ONLY | LO_FLAGS_AUTOCLEAR;
	strcpy((char *)li.lo_file_name, "/tmp/img");
	t_x64("ioctl", -1, LOOP_SET_STATUS64, ARG);
	t_in(ARG, &li, sizeof(li)); /* strace reads it whole */
	t_ret(-EBADF);
	t_expect(
		"ioctl(-1, LOOP_SET_STATUS64, {lo_offset=0x200, lo_number=0, "
		"lo_flags=LO_FLAGS_READ_ONLY|LO_FLAGS_AUTOCLEAR, lo_file_name=\"/tmp/img\", ...}) = "
		"-1 EBADF (Bad file descriptor)");
	memset(&li, 0, sizeof(li));
	t_x64("ioctl", 5, LOOP_GET_STATUS64, ARG);
	t_out(ARG, &li, sizeof(li));
	t_expect("ioctl(5, LOOP_GET_STATUS64, {lo_offset=0, lo_number=0, lo_flags=0, "
		 "lo_file_name=\"\", ...}) = 0");
	t_x64("ioctl", -1, FS_IOC_SETFLAGS, ARG);
	t_in(ARG, &fl, sizeof(fl));
	t_ret(-EBADF);
	t_expect("ioctl(-1, FS_IOC_SETFLAGS, [FS_APPEND_FL|FS_NOATIME_FL]) = -1 EBADF (Bad file "
		 "descriptor)");
	t_x64("ioctl", -1, FS_IOC_FSGETXATTR, 0);
	t_ret(-EBADF);
	t_expect("ioctl(-1, FS_IOC_FSGETXATTR, NULL) = -1 EBADF (Bad file descriptor)");
	t_x64("ioctl", 6, FIOGETOWN, ARG);
	t_out(ARG, &zero, sizeof(zero));
	t_expect("ioctl(6, FIOGETOWN, [0]) = 0");
	t_x64("ioctl", -1, _IOC(_IOC_READ, 0xfe, 0x12, 8), 0);
	t_ret(-EBADF);
	t_expect("ioctl(-1, _IOC(_IOC_READ, 0xfe, 0x12, 0x8), 0) = -1 EBADF (Bad file descriptor)");

	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	t_x64("ioctl", 6, SIOCGIFINDEX, ARG);
	t_in(ARG, &ifr, sizeof(ifr));
	ifr.ifr_ifindex = 1;
	t_out(ARG, &ifr, sizeof(ifr));
	t_expect("ioctl(6, SIOCGIFINDEX, {ifr_name=\"lo\", ifr_ifindex=1}) = 0");
	t_x64("ioctl", 6, SIOCGIFNAME, ARG);
	t_in(ARG, &ifr, sizeof(ifr));
	t_out(ARG, &ifr, sizeof(ifr));
	t_expect("ioctl(6, SIOCGIFNAME, {ifr_ifindex=1, ifr_name=\"lo\"}) = 0");
	ifr.ifr_flags = IFF_UP | IFF_LOOPBACK | IFF_RUNNING;
	t_x64("ioctl", 6, SIOCGIFFLAGS, ARG);
	t_in(ARG, &ifr, sizeof(ifr));
	t_out(ARG, &ifr, sizeof(ifr));
	t_expect(
		"ioctl(6, SIOCGIFFLAGS, {ifr_name=\"lo\", ifr_flags=IFF_UP|IFF_LOOPBACK|IFF_RUNNING}) "
		"= 0");
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	memcpy(&ifr.ifr_addr, &sin, sizeof(sin));
	t_x64("ioctl", 6, SIOCGIFADDR, ARG);
	t_in(ARG, &ifr, sizeof(ifr));
	t_out(ARG, &ifr, sizeof(ifr));
	t_expect("ioctl(6, SIOCGIFADDR, {ifr_name=\"lo\", ifr_addr={sa_family=AF_INET, "
		 "sin_port=htons(0), sin_addr=inet_addr(\"127.0.0.1\")}}) = 0");
	strcpy(ifr.ifr_name, "nosuch0");
	t_x64("ioctl", 3, SIOCGIFMTU, ARG);
	t_in(ARG, &ifr, sizeof(ifr));
	t_ret(-ENODEV);
	t_expect("ioctl(3, SIOCGIFMTU, {ifr_name=\"nosuch0\"}) = -1 ENODEV (No such device)");
}

static char loop_out[1024];

/* A loop_info (@li) or loop_info64 (@l64) as the printer shows it, -v or not. */
static const char *loop_line(const struct loop_info *li, const struct loop_info64 *l64,
			     bool verbose)
{
	struct hy_printer p;

	hy_pr_init(&p, loop_out, sizeof(loop_out), 32);
	p.verbose = verbose;
	if (li)
		hy_pr_loop_info(&p, li);
	else
		hy_pr_loop_info64(&p, l64);
	return loop_out;
}

/* struct loop_info and loop_info64 share one printer: each field order, -v or not. */
static void test_loop_infos(void **state)
{
	struct loop_info li = { .lo_number = -3,
				.lo_device = 0x801,
				.lo_inode = 77,
				.lo_rdevice = 0x702,
				.lo_offset = -512,
				.lo_flags = 5 | 0x1000,
				.lo_encrypt_type = LO_CRYPT_XOR,
				.lo_encrypt_key_size = 5,
				.lo_init = { 9, ~0ul },
				.reserved = { 0, 0, (char)0xfe } };
	struct loop_info64 l64 = { .lo_device = 0x801,
				   .lo_inode = 1ull << 40,
				   .lo_rdevice = 0x703,
				   .lo_offset = 1ull << 33,
				   .lo_sizelimit = 1 << 20,
				   .lo_number = 4000000000u,
				   .lo_flags = 5,
				   .lo_init = { 0, ~0ull } };

	(void)state;
	strcpy(li.lo_name, "n\"ame");
	strcpy((char *)li.lo_encrypt_key, "sec");
	strcpy((char *)l64.lo_file_name, "file");
	strcpy((char *)l64.lo_crypt_name, "cn");
	assert_string_equal(loop_line(&li, NULL, false),
			    "{lo_number=-3, lo_offset=0xfffffe00, lo_encrypt_type=LO_CRYPT_XOR, "
			    "lo_encrypt_key_size=5, lo_flags=LO_FLAGS_READ_ONLY|"
			    "LO_FLAGS_AUTOCLEAR|0x1000, lo_name=\"n\\\"ame\", "
			    "lo_encrypt_key=\"sec\\0\\0\", ...}");
	li.lo_encrypt_type = LO_CRYPT_NONE;
	li.lo_encrypt_key_size = 0;
	assert_string_equal(loop_line(&li, NULL, true),
			    "{lo_number=-3, lo_device=makedev(0x8, 0x1), lo_inode=77, "
			    "lo_rdevice=makedev(0x7, 0x2), lo_offset=0xfffffe00, "
			    "lo_encrypt_type=LO_CRYPT_NONE, lo_encrypt_key_size=0, "
			    "lo_flags=LO_FLAGS_READ_ONLY|LO_FLAGS_AUTOCLEAR|0x1000, "
			    "lo_name=\"n\\\"ame\", lo_encrypt_key=\"\", "
			    "lo_init=[0x9, 0xffffffffffffffff], reserved=[0, 0, 0xfe, 0]}");
	assert_string_equal(loop_line(NULL, &l64, true),
			    "{lo_device=makedev(0x8, 0x1), lo_inode=1099511627776, "
			    "lo_rdevice=makedev(0x7, 0x3), lo_offset=0x200000000, "
			    "lo_sizelimit=1048576, lo_number=4000000000, "
			    "lo_encrypt_type=LO_CRYPT_NONE, lo_encrypt_key_size=0, "
			    "lo_flags=LO_FLAGS_READ_ONLY|LO_FLAGS_AUTOCLEAR, "
			    "lo_file_name=\"file\", lo_crypt_name=\"cn\", lo_encrypt_key=\"\", "
			    "lo_init=[0, 0xffffffffffffffff]}");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_block_loop_net, t_teardown),
		cmocka_unit_test_teardown(test_termios, t_teardown),
		cmocka_unit_test_teardown(test_tty, t_teardown),
		cmocka_unit_test_teardown(test_other, t_teardown),
		cmocka_unit_test(test_loop_infos),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
