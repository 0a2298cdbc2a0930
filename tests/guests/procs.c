// SPDX-License-Identifier: MIT
/*
 * Process-tree shapes a tracer must follow; argv[1] picks one:
 *   vfork_exec     vfork, the child execs `true`
 *   vfork_exit     vfork, the child _exits 5
 *   vfork_killed DIE NEXT  vfork, the child executes DIE and is killed before
 *                  it runs (a test hook of the runtime kills it); then 2
 *                  getppid calls and a vfork child that executes NEXT;
 *                  exit 3 when the first was killed and NEXT exited 0
 *   threads N M    N threads, each forks M children that call getppid once
 *   clone3         a raw clone3 child that calls getppid 3 times and exits 4
 *   orphan FILE    the child outlives its parent and writes FILE after it is gone
 *   nowait         the parent exits without waiting for its child
 *   exec_thread    a non-main thread executes `true` (its tid becomes the pid)
 *   exec_missing   execve of a missing file; reports the errno and exits 0
 *   exec_fails FILE PROG ARG...  execve of FILE, which fails (an executable
 *                  that is no program: ENOEXEC), then a fork executes PROG;
 *                  exit with its status
 *   leader_exits   the main thread ends (a zombie leader) while another thread
 *                  calls getppid every millisecond until killed
 *   spawn PROG ARG...  posix_spawn (glibc: a clone with CLONE_VM|CLONE_VFORK on
 *                  its own stack) PROG, and exit with its status
 *   system CMD     system(CMD) (glibc: posix_spawn of sh), exit with its status
 *   spawn_n N PROG ARG...  N posix_spawns of PROG, one after the other, each
 *                  child's loader running while the next is spawned; then
 *                  wait for all: exit 0 when each exited 0
 *   fork_exec      forked children execute `true` by paths that are string
 *                  literals, pages a fresh child has not faulted in: execve
 *                  "/bin/true", execveat of "true" in /bin, and execveat of
 *                  an fd of /bin/true with AT_EMPTY_PATH
 */
#include "guest.h"

#include <fcntl.h>
#include <linux/sched.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <time.h>

static int vfork_case(bool do_exec)
{
	int status;
	pid_t pid = vfork();

	if (pid < 0)
		die("vfork");
	if (pid == 0) {
		if (do_exec) {
			execl("/bin/true", "true", (char *)NULL);
			_exit(99);
		}
		_exit(5);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		die("vfork child lost");
	return WEXITSTATUS(status) == (do_exec ? 0 : 5) ? 0 : 1;
}

/* vfork, the child executes @prog with the one argument @arg; its wait status */
static int vfork_exec(const char *prog, const char *arg)
{
	int status;
	pid_t pid = vfork();

	if (pid < 0)
		die("vfork");
	if (pid == 0) {
		execl(prog, prog, arg, (char *)NULL);
		_exit(99);
	}
	if (waitpid(pid, &status, 0) != pid)
		die("vfork child lost");
	return status;
}

static int vfork_killed_case(const char *die_prog, const char *next)
{
	int st = vfork_exec(die_prog, NULL), killed = WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL;

	printf("first child %s\n", killed ? "killed" : "not killed");
	fflush(stdout);
	syscall(SYS_getppid);
	syscall(SYS_getppid);
	st = vfork_exec(next, "after");
	return killed && WIFEXITED(st) && !WEXITSTATUS(st) ? 3 : 1;
}

static int children_per_thread;

static void *fork_children(void *arg)
{
	(void)arg;
	for (int i = 0; i < children_per_thread; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			syscall(SYS_getppid);
			_exit(0);
		}
		if (pid < 0)
			die("fork");
		waitpid(pid, NULL, 0);
	}
	return NULL;
}

static int threads_case(int nthreads, int nchildren)
{
	pthread_t t[64];

	children_per_thread = nchildren;
	for (int i = 0; i < nthreads; i++)
		if (pthread_create(&t[i], NULL, fork_children, NULL))
			die("pthread_create");
	for (int i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	return 0;
}

static int clone3_case(void)
{
	struct clone_args args = { .exit_signal = SIGCHLD };
	int status;
	long pid = syscall(SYS_clone3, &args, sizeof(args));

	if (pid < 0)
		die("clone3: %s", strerror(errno));
	if (pid == 0) {
		getppid_loop(3);
		syscall(SYS_exit_group, 4);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 4)
		die("clone3 child lost");
	return 0;
}

static int orphan_case(const char *file)
{
	pid_t pid = fork();

	if (pid == 0) {
		/* wait until reparented, then leave a mark */
		while (getppid() != 1 && syscall(SYS_getppid) == getppid())
			usleep(1000);
		usleep(50000);
		int fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd >= 0 && write(fd, "orphan\n", 7) == 7)
			close(fd);
		_exit(0);
	}
	return 0;
}

static void *getppid_forever(void *arg)
{
	struct timespec ms = { 0, 1000000 };

	(void)arg;
	for (;;) {
		syscall(SYS_getppid);
		nanosleep(&ms, NULL);
	}
	return NULL;
}

static void *exec_from_thread(void *arg)
{
	(void)arg;
	execl("/bin/true", "true", (char *)NULL);
	die("exec from thread: %s", strerror(errno));
}

static int fork_exec_case(void)
{
	int dir = open("/bin", O_RDONLY | O_DIRECTORY), file = open("/bin/true", O_RDONLY);
	char *args[] = { "true", NULL };
	int bad = 0;

	if (dir < 0 || file < 0)
		die("open: %s", strerror(errno));
	for (int i = 0; i < 3; i++) {
		int st;
		pid_t pid = fork();

		if (pid == 0) {
			if (i == 0)
				execl("/bin/true", "true", (char *)NULL);
			else if (i == 1)
				syscall(SYS_execveat, dir, "true", args, NULL, 0);
			else
				syscall(SYS_execveat, file, "", args, NULL, AT_EMPTY_PATH);
			_exit(99);
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid || !WIFEXITED(st) || WEXITSTATUS(st))
			bad++;
	}
	return bad;
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";

	if (!strcmp(mode, "vfork_exec"))
		return vfork_case(true);
	if (!strcmp(mode, "vfork_exit"))
		return vfork_case(false);
	if (!strcmp(mode, "vfork_killed") && argc > 3)
		return vfork_killed_case(argv[2], argv[3]);
	if (!strcmp(mode, "fork_exec"))
		return fork_exec_case();
	if (!strcmp(mode, "threads"))
		return threads_case(argc > 2 ? atoi(argv[2]) : 16, argc > 3 ? atoi(argv[3]) : 16);
	if (!strcmp(mode, "clone3"))
		return clone3_case();
	if (!strcmp(mode, "orphan") && argc > 2)
		return orphan_case(argv[2]);
	if (!strcmp(mode, "nowait")) {
		if (fork() == 0) {
			usleep(20000);
			getppid_loop(2);
			_exit(0);
		}
		return 0;
	}
	if (!strcmp(mode, "exec_thread")) {
		pthread_t t;

		if (pthread_create(&t, NULL, exec_from_thread, NULL))
			die("pthread_create");
		pause();
		return 1;
	}
	if (!strcmp(mode, "leader_exits")) {
		pthread_t t;

		if (pthread_create(&t, NULL, getppid_forever, NULL))
			die("pthread_create");
		pthread_exit(NULL);
	}
	if (!strcmp(mode, "exec_missing")) {
		char *args[] = { "/nonexistent/prog", NULL };

		syscall(SYS_execve, args[0], args, NULL);
		printf("execve errno %d\n", errno);
		return 0;
	}
	if (!strcmp(mode, "exec_fails") && argc > 3) {
		int st;
		pid_t pid;

		execv(argv[2], argv + 2);
		printf("execve %s\n", strerror(errno));
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			execv(argv[3], argv + 3);
			_exit(127);
		}
		if (pid < 0 || waitpid(pid, &st, 0) != pid)
			die("forked child lost");
		return WIFEXITED(st) ? WEXITSTATUS(st) : 98;
	}
	if (!strcmp(mode, "system") && argc > 2) {
		int st = system(argv[2]);

		return st < 0 ? 98 : WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
	if (!strcmp(mode, "spawn") && argc > 2) {
		extern char **environ;
		pid_t pid;
		int st, err = posix_spawn(&pid, argv[2], NULL, NULL, argv + 2, environ);

		if (err)
			die("posix_spawn: %s", strerror(err));
		if (waitpid(pid, &st, 0) != pid)
			die("spawned child lost");
		return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	}
	if (!strcmp(mode, "spawn_n") && argc > 3) {
		extern char **environ;
		int n = atoi(argv[2]), st, bad = 0;
		pid_t pid;

		for (int i = 0; i < n; i++) {
			int err = posix_spawn(&pid, argv[3], NULL, NULL, argv + 3, environ);

			if (err)
				die("posix_spawn: %s", strerror(err));
		}
		for (int i = 0; i < n; i++)
			if (wait(&st) < 0 || !WIFEXITED(st) || WEXITSTATUS(st))
				bad++;
		return bad ? 1 : 0;
	}
	die("unknown mode '%s'", mode);
}
