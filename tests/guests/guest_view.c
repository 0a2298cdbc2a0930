// SPDX-License-Identifier: MIT
/*
 * What a process can see of how it was started, written to a file so a test can
 * compare a native run with runs under hytrace: signal dispositions and mask,
 * CPU affinity (the syscall and /proc), no_new_privs, resource limits, open file
 * descriptors, umask, scheduling, the environment, and how a child that writes
 * into a closed pipe ends.
 *
 *   guest_view OUT                 a few getppid calls (a subscription's stops),
 *                                  then the report into OUT
 *   guest_view OUT GO OUT2         the same, prints "ready", then calls getppid
 *                                  every millisecond until the file GO exists
 *                                  and writes the report again into OUT2 (-p)
 */
#include "guest.h"

#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

static void dispositions(FILE *f)
{
	sigset_t mask;

	for (int sig = 1; sig <= SIGRTMAX; sig++) {
		struct sigaction sa;

		if (sig == SIGKILL || sig == SIGSTOP || sigaction(sig, NULL, &sa))
			continue;
		fprintf(f, "signal %d: %s\n", sig,
			sa.sa_handler == SIG_IGN ? "ignored" :
			sa.sa_handler == SIG_DFL ? "default" :
						   "handled");
	}
	sigprocmask(SIG_BLOCK, NULL, &mask);
	fprintf(f, "blocked:");
	for (int sig = 1; sig <= SIGRTMAX; sig++)
		if (sigismember(&mask, sig) == 1)
			fprintf(f, " %d", sig);
	fprintf(f, "\n");
}

static void affinity(FILE *f)
{
	cpu_set_t set;
	char line[256];
	FILE *st = fopen("/proc/self/status", "re");

	if (sched_getaffinity(0, sizeof(set), &set) == 0)
		fprintf(f, "sched_getaffinity: %d CPUs\n", CPU_COUNT(&set));
	while (st && fgets(line, sizeof(line), st))
		if (!strncmp(line, "Cpus_allowed_list:", 18) || !strncmp(line, "NoNewPrivs:", 11))
			fputs(line, f);
	if (st)
		fclose(st);
	fprintf(f, "PR_GET_NO_NEW_PRIVS: %d\n", prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
	fprintf(f, "sched policy %d, nice %d\n", sched_getscheduler(0),
		getpriority(PRIO_PROCESS, 0));
}

static void limits(FILE *f)
{
	for (int r = 0; r < RLIM_NLIMITS; r++) {
		struct rlimit rl;

		if (!getrlimit(r, &rl))
			fprintf(f, "rlimit %d: %llu %llu\n", r, (unsigned long long)rl.rlim_cur,
				(unsigned long long)rl.rlim_max);
	}
}

/* Listed before the report's own file is opened; the directory's fd is left out. */
static void fds(char *buf, size_t size)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	size_t n = 0;

	buf[0] = 0;
	while (d && (e = readdir(d))) {
		char path[300], target[256];
		ssize_t len;
		int fd = atoi(e->d_name);

		if (e->d_name[0] == '.' || fd == dirfd(d))
			continue;
		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		len = readlink(path, target, sizeof(target) - 1);
		target[len > 0 ? len : 0] = 0;
		n += snprintf(buf + n, size - n, "fd %d: %s flags %#x\n", fd, target,
			      fcntl(fd, F_GETFD));
		if (n >= size)
			break;
	}
	if (d)
		closedir(d);
}

static void environment(FILE *f)
{
	for (char **e = environ; *e; e++)
		fprintf(f, "env %s\n", *e);
}

/* A child that writes into a pipe nobody reads ends as natively: killed by SIGPIPE. */
static void broken_pipe(FILE *f)
{
	int p[2], status = 0;
	pid_t pid;

	if (pipe(p))
		die("pipe");
	close(p[0]);
	pid = fork();
	if (pid == 0) {
		ssize_t r = write(p[1], "x", 1);

		_exit(r < 0 ? 100 + errno % 100 : 0);
	}
	close(p[1]);
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status))
		fprintf(f, "writer into a closed pipe: killed by signal %d\n", WTERMSIG(status));
	else
		fprintf(f, "writer into a closed pipe: exited %d\n", WEXITSTATUS(status));
}

static void report(const char *out)
{
	char fdlist[8192];
	mode_t mask = umask(022);
	FILE *f;

	umask(mask);
	fds(fdlist, sizeof(fdlist));
	f = fopen(out, "we");
	if (!f)
		die("%s: %s", out, strerror(errno));
	fputs(fdlist, f);
	fprintf(f, "umask %04o\n", mask);
	dispositions(f);
	affinity(f);
	limits(f);
	environment(f);
	broken_pipe(f);
	fclose(f);
}

int main(int argc, char **argv)
{
	struct timespec ms = { 0, 1000000 };

	if (argc != 2 && argc != 4)
		die("usage: guest_view OUT [GO OUT2]");
	getppid_loop(5);
	report(argv[1]);
	if (argc == 2)
		return 0;
	printf("ready\n");
	fflush(stdout);
	while (access(argv[2], F_OK)) {
		syscall(SYS_getppid);
		nanosleep(&ms, NULL);
	}
	getppid_loop(5);
	report(argv[3]);
	return 0;
}
