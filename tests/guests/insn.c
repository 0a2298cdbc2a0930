// SPDX-License-Identifier: MIT
/*
 * Reads the machine through instructions, one step per argument, one line each:
 *   tsc      RDTSC          "tsc N"
 *   tscp     RDTSCP         "tscp N aux A"
 *   cpuid    CPUID leaf 0   "cpuid VENDOR"
 *   hv       CPUID leaf 0x40000000, a hypervisor's signature: "hv SIGNATURE"
 *   armed    the task's TSC and CPUID modes: "armed tsc=1|2 cpuid=0|1" (2/0: faulting)
 *   clock    clock_gettime(CLOCK_MONOTONIC) through libc (the vDSO): "clock S.NNNNNNNNN"
 *   loop:N   N RDTSC in a row (a benchmark); "loop N"
 *   hlt      a privileged instruction: a real SIGSEGV (SI_KERNEL), never emulated
 *   fork     the rest runs in a child; the parent waits
 *   thread   the rest runs in a new thread; the main one joins it
 *   exec     the rest runs in this program executed anew
 */
#include "guest.h"

#include <asm/prctl.h>
#include <cpuid.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <x86intrin.h>

static char self[4096];

static void step(const char *what)
{
	unsigned int a, b, c, d, aux;

	if (!strcmp(what, "tsc")) {
		printf("tsc %llu\n", (unsigned long long)__rdtsc());
	} else if (!strcmp(what, "tscp")) {
		unsigned long long v = __rdtscp(&aux);

		printf("tscp %llu aux %u\n", v, aux);
	} else if (!strcmp(what, "cpuid")) {
		char vendor[13] = { 0 };

		__cpuid(0, a, b, c, d);
		memcpy(vendor, &b, 4), memcpy(vendor + 4, &d, 4), memcpy(vendor + 8, &c, 4);
		printf("cpuid %s\n", vendor);
	} else if (!strcmp(what, "hv")) {
		char sig[13] = { 0 };

		__cpuid(0x40000000, a, b, c, d);
		memcpy(sig, &b, 4), memcpy(sig + 4, &c, 4), memcpy(sig + 8, &d, 4);
		for (int i = 0; i < 12; i++)
			sig[i] = sig[i] >= ' ' && sig[i] < 127 ? sig[i] : '.';
		printf("hv %s\n", sig);
	} else if (!strcmp(what, "armed")) {
		int tsc = 0;

		prctl(PR_GET_TSC, &tsc);
		printf("armed tsc=%d cpuid=%ld\n", tsc, syscall(SYS_arch_prctl, ARCH_GET_CPUID, 0));
	} else if (!strcmp(what, "clock")) {
		struct timespec ts;

		clock_gettime(CLOCK_MONOTONIC, &ts);
		printf("clock %lld.%09ld\n", (long long)ts.tv_sec, ts.tv_nsec);
	} else if (!strncmp(what, "loop:", 5)) {
		long n = atol(what + 5);
		unsigned long long sum = 0;

		for (long i = 0; i < n; i++)
			sum += __rdtsc();
		printf("loop %ld%s\n", n, sum ? "" : " ");
	} else if (!strcmp(what, "hlt")) {
		__asm__ volatile("hlt");
		die("hlt did not fault");
	} else {
		die("unknown step %s", what);
	}
	fflush(stdout);
}

static void run(char **steps);

static void *thread_main(void *arg)
{
	run(arg);
	return NULL;
}

/* Steps that hand the rest to another task return true. */
static bool hand_over(char **steps)
{
	int status;

	if (!strcmp(*steps, "fork")) {
		pid_t p = fork();

		if (p == 0) {
			run(steps + 1);
			exit(0);
		}
		waitpid(p, &status, 0);
		return true;
	}
	if (!strcmp(*steps, "thread")) {
		pthread_t t;

		pthread_create(&t, NULL, thread_main, steps + 1);
		pthread_join(t, NULL);
		return true;
	}
	if (!strcmp(*steps, "exec")) {
		steps[0] = "insn";
		execv(self, steps);
		die("exec %s: %s", self, strerror(errno));
	}
	return false;
}

static void run(char **steps)
{
	for (; *steps; steps++) {
		if (hand_over(steps))
			return;
		step(*steps);
	}
}

int main(int argc, char **argv)
{
	(void)argc;
	if (readlink("/proc/self/exe", self, sizeof(self) - 1) < 0)
		die("readlink: %s", strerror(errno));
	run(argv + 1);
	return 0;
}
