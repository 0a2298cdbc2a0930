// SPDX-License-Identifier: MIT
/* poll, select and epoll against strace 6.1's output, with their result notes. */
#include "test_decode_common.h"

#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>

#define FDS 0x7ffd00001000ull
#define TS 0x7ffd00002000ull
#define SET 0x7ffd00003000ull
#define RD 0x7ffd00004000ull
#define WR 0x7ffd00005000ull
#define EV 0x7ffd00006000ull
#define SM 0x7ffd00007000ull

struct k_pollfd {
	int32_t fd;
	int16_t events, revents;
};

static void test_poll(void **state)
{
	struct k_pollfd in[3] = { { 3, POLLIN, 0 },
				  { 4, POLLOUT | POLLERR, 0 },
				  { -1, POLLIN, 0 } };
	struct k_pollfd out[3] = { { 3, POLLIN, POLLIN },
				   { 4, POLLOUT | POLLERR, POLLOUT },
				   { -1, POLLIN, 0 } };
	struct k_pollfd one = { 4, POLLIN | POLLPRI, 0 }, all = { 999, (int16_t)0xffff, 0 };
	struct k_pollfd nval = { 999, (int16_t)0xffff, POLLNVAL };
	int64_t ts[2] = { 1, 0 }, left[2] = { 0, 999998739 }, us[2] = { 0, 1000 };
	uint64_t usr1 = 1ull << (SIGUSR1 - 1);

	(void)state;
	t_x64("poll", FDS, 3, 100);
	t_in(FDS, in, sizeof(in));
	t_out(FDS, out, sizeof(out));
	t_ret(2);
	t_expect("poll([{fd=3, events=POLLIN}, {fd=4, events=POLLOUT|POLLERR}, {fd=-1}], 3, 100) = "
		 "2 "
		 "([{fd=3, revents=POLLIN}, {fd=4, revents=POLLOUT}])");
	t_x64("poll", FDS, 1, 0);
	t_in(FDS, &one, sizeof(one));
	t_expect("poll([{fd=4, events=POLLIN|POLLPRI}], 1, 0) = 0 (Timeout)");
	t_x64("poll", 0, 0, 1);
	t_expect("poll(NULL, 0, 1) = 0 (Timeout)");
	t_x64("poll", FDS, 1, 0);
	t_in(FDS, &all, sizeof(all));
	t_out(FDS, &nval, sizeof(nval));
	t_ret(1);
	t_expect("poll([{fd=999, events=POLLIN|POLLPRI|POLLOUT|POLLERR|POLLHUP|POLLNVAL|POLLRDNORM|"
		 "POLLRDBAND|POLLWRNORM|POLLWRBAND|POLLMSG|POLLREMOVE|POLLRDHUP|POLL_BUSY_LOOP|"
		 "0x4800}], "
		 "1, 0) = 1 ([{fd=999, revents=POLLNVAL}])");
	/* revents not captured: no note */
	t_x64("poll", FDS, 1, -1);
	t_in(FDS, &one, sizeof(one));
	t_ret(1);
	t_expect("poll([{fd=4, events=POLLIN|POLLPRI}], 1, -1) = 1");
	t_x64("poll", FDS, 1, -1);
	t_ret(-EFAULT);
	t_expect("poll(0x7ffd00001000, 1, -1) = -1 EFAULT (Bad address)");

	t_x64("ppoll", FDS, 2, TS, SET, 8);
	t_in(FDS, in, 2 * sizeof(in[0]));
	t_out(FDS, out, 2 * sizeof(out[0]));
	t_in(TS, ts, sizeof(ts));
	t_out(TS, left, sizeof(left));
	t_in(SET, &usr1, 8);
	t_ret(2);
	t_expect("ppoll([{fd=3, events=POLLIN}, {fd=4, events=POLLOUT|POLLERR}], 2, {tv_sec=1, "
		 "tv_nsec=0}, [USR1], 8) = 2 ([{fd=3, revents=POLLIN}, {fd=4, revents=POLLOUT}], "
		 "left {tv_sec=0, tv_nsec=999998739})");
	t_x64("ppoll", FDS, 1, TS, 0, 8);
	t_in(FDS, &one, sizeof(one));
	t_in(TS, us, sizeof(us));
	t_expect("ppoll([{fd=4, events=POLLIN|POLLPRI}], 1, {tv_sec=0, tv_nsec=1000}, NULL, 8) = "
		 "0 (Timeout)");
}

static void test_select(void **state)
{
	uint64_t rd = 1 << 3 | 1 << 4, wr = 1 << 4, rd_out = 1 << 3, r4 = 1 << 4, r3 = 1 << 3;
	int64_t tv[2] = { 1, 5 }, tv_left[2] = { 1, 3 }, tv100[2] = { 0, 100 }, zero[2] = { 0, 0 };
	int64_t ts[2] = { 2, 0 }, ts_left[2] = { 1, 999999518 };
	uint64_t usr1 = 1ull << (SIGUSR1 - 1), sm[2] = { SET, 8 };

	(void)state;
	t_x64("select", 5, RD, WR, 0, TS);
	t_in(RD, &rd, 8);
	t_in(WR, &wr, 8);
	t_out(RD, &rd_out, 8);
	t_out(WR, &wr, 8);
	t_in(TS, tv, sizeof(tv));
	t_out(TS, tv_left, sizeof(tv_left));
	t_ret(2);
	t_expect("select(5, [3 4], [4], NULL, {tv_sec=1, tv_usec=5}) = 2 (in [3], out [4], "
		 "left {tv_sec=1, tv_usec=3})");
	t_x64("select", 5, RD, 0, 0, TS);
	t_in(RD, &r4, 8);
	t_in(TS, tv100, sizeof(tv100));
	t_expect("select(5, [4], NULL, NULL, {tv_sec=0, tv_usec=100}) = 0 (Timeout)");
	t_x64("select", 0, 0, 0, 0, TS);
	t_in(TS, zero, sizeof(zero));
	t_expect("select(0, NULL, NULL, NULL, {tv_sec=0, tv_usec=0}) = 0 (Timeout)");
	t_x64("pselect6", 4, RD, 0, 0, TS, SM);
	t_in(RD, &r3, 8);
	t_out(RD, &r3, 8);
	t_in(TS, ts, sizeof(ts));
	t_out(TS, ts_left, sizeof(ts_left));
	t_in(SM, sm, sizeof(sm));
	t_in(SET, &usr1, 8);
	t_ret(1);
	t_expect("pselect6(4, [3], NULL, NULL, {tv_sec=2, tv_nsec=0}, {sigmask=[USR1], "
		 "sigsetsize=8}) = "
		 "1 (in [3], left {tv_sec=1, tv_nsec=999999518})");
	t_x64("pselect6", 5, RD, 0, 0, TS, 0);
	t_in(RD, &r4, 8);
	t_in(TS, (int64_t[]){ 0, 10 }, 16);
	t_expect("pselect6(5, [4], NULL, NULL, {tv_sec=0, tv_nsec=10}, NULL) = 0 (Timeout)");
}

static void test_epoll(void **state)
{
	uint8_t ev[12];
	uint32_t events;
	uint64_t data;

	(void)state;
	t_x64("epoll_create1", EPOLL_CLOEXEC);
	t_ret(5);
	t_expect("epoll_create1(EPOLL_CLOEXEC) = 5");
	t_x64("epoll_create1", 0);
	t_ret(6);
	t_expect("epoll_create1(0) = 6");
	t_x64("epoll_create1", 0xffffffff);
	t_ret(-EINVAL);
	t_expect("epoll_create1(EPOLL_CLOEXEC|0xfff7ffff) = -1 EINVAL (Invalid argument)");
	t_x64("epoll_create", 10);
	t_ret(7);
	t_expect("epoll_create(10) = 7");

	events = EPOLLIN | EPOLLET;
	data = 0x1234;
	memcpy(ev, &events, 4);
	memcpy(ev + 4, &data, 8);
	t_x64("epoll_ctl", 5, EPOLL_CTL_ADD, 3, EV);
	t_in(EV, ev, sizeof(ev));
	t_expect("epoll_ctl(5, EPOLL_CTL_ADD, 3, {events=EPOLLIN|EPOLLET, data={u32=4660, "
		 "u64=4660}}) = 0");
	t_x64("epoll_ctl", 5, EPOLL_CTL_DEL, 4, 0);
	t_expect("epoll_ctl(5, EPOLL_CTL_DEL, 4, NULL) = 0");
	t_x64("epoll_ctl", 0, 9, 0, 0);
	t_ret(-EFAULT);
	t_expect("epoll_ctl(0, 0x9 /* EPOLL_CTL_??? */, 0, NULL) = -1 EFAULT (Bad address)");
	events = 0xffffffff;
	data = 0;
	memcpy(ev, &events, 4);
	memcpy(ev + 4, &data, 8);
	t_x64("epoll_ctl", 999, EPOLL_CTL_ADD, 0, EV);
	t_in(EV, ev, sizeof(ev));
	t_ret(-EBADF);
	t_expect("epoll_ctl(999, EPOLL_CTL_ADD, 0, "
		 "{events=EPOLLIN|EPOLLPRI|EPOLLOUT|EPOLLERR|EPOLLHUP|"
		 "EPOLLNVAL|EPOLLRDNORM|EPOLLRDBAND|EPOLLWRNORM|EPOLLWRBAND|EPOLLMSG|EPOLLRDHUP|"
		 "EPOLLEXCLUSIVE|EPOLLWAKEUP|EPOLLONESHOT|EPOLLET|0xfffd800, data={u32=0, u64=0}}) "
		 "= "
		 "-1 EBADF (Bad file descriptor)");

	events = EPOLLIN;
	data = 0x1234;
	memcpy(ev, &events, 4);
	memcpy(ev + 4, &data, 8);
	t_x64("epoll_wait", 5, EV, 4, 10);
	t_out(EV, ev, sizeof(ev));
	t_ret(1);
	t_expect("epoll_wait(5, [{events=EPOLLIN, data={u32=4660, u64=4660}}], 4, 10) = 1");
	t_x64("epoll_wait", 5, EV, 4, 0);
	t_expect("epoll_wait(5, [], 4, 0) = 0");
	t_x64("epoll_pwait", 5, EV, 4, 0, SET, 8);
	t_in(SET, &(uint64_t){ 1ull << (SIGUSR1 - 1) }, 8);
	t_expect("epoll_pwait(5, [], 4, 0, [USR1], 8) = 0");
	t_x64("epoll_wait", 5, EV, 4, -1);
	t_ret(-EINTR);
	t_expect("epoll_wait(5, 0x7ffd00006000, 4, -1) = -1 EINTR (Interrupted system call)");

	t_x64("eventfd2", 0, EFD_CLOEXEC | EFD_NONBLOCK);
	t_ret(8);
	t_expect("eventfd2(0, EFD_CLOEXEC|EFD_NONBLOCK) = 8");
	t_x64("eventfd2", 5, 0);
	t_ret(9);
	t_expect("eventfd2(5, 0) = 9");
	t_x64("eventfd2", 0, 2);
	t_ret(-EINVAL);
	t_expect("eventfd2(0, 0x2 /* EFD_??? */) = -1 EINVAL (Invalid argument)");
	t_x64("eventfd", 3);
	t_ret(11);
	t_expect("eventfd(3) = 11");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_poll, t_teardown),
		cmocka_unit_test_teardown(test_select, t_teardown),
		cmocka_unit_test_teardown(test_epoll, t_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
