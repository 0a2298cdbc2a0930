// SPDX-License-Identifier: MIT
/*
 * floor -- CMD...: run CMD with the floor recorder (floor.bpf.c) on its tgid, a
 * reader woken per 1 MiB batch, and print "records N lost N" to stderr. The
 * tree is followed by putting CMD in a cgroup v2 of its own.
 */
#define _GNU_SOURCE
#include <bpf/libbpf.h>
#include <errno.h>
#include <poll.h>
#include <sys/syscall.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "floor.skel.h"

static unsigned long long records;

static int on_record(void *ctx, void *data, size_t len)
{
	(void)ctx;
	(void)data;
	(void)len;
	records++;
	return 0;
}

int main(int argc, char **argv)
{
	struct floor_bpf *skel;
	struct ring_buffer *rb;
	int go[2], status, pidfd;
	pid_t pid;
	char c = 0;

	if (argc < 3)
		return 2;
	char cg[128], procs[160];
	struct stat st;
	FILE *f;

	snprintf(cg, sizeof(cg), "/sys/fs/cgroup/unified/hytrace-floor.%d", getpid());
	if (access("/sys/fs/cgroup/unified", F_OK))
		snprintf(cg, sizeof(cg), "/sys/fs/cgroup/hytrace-floor.%d", getpid());
	if (mkdir(cg, 0755) || stat(cg, &st)) {
		perror(cg);
		return 2;
	}
	snprintf(procs, sizeof(procs), "%s/cgroup.procs", cg);
	if (pipe(go))
		return 2;
	pid = fork();
	if (pid == 0) {
		close(go[1]);
		f = fopen(procs, "w");
		if (!f || fprintf(f, "%d\n", getpid()) < 0 || fclose(f))
			_exit(126);
		if (read(go[0], &c, 1) != 1)
			_exit(127);
		execvp(argv[2], argv + 2);
		_exit(127);
	}
	skel = floor_bpf__open();
	if (!skel)
		return 2;
	skel->rodata->target_cgroup = st.st_ino;
	if (floor_bpf__load(skel) || floor_bpf__attach(skel)) {
		fprintf(stderr, "floor: cannot load\n");
		return 2;
	}
	rb = ring_buffer__new(bpf_map__fd(skel->maps.events), on_record, NULL, NULL);
	if (!rb || write(go[1], &c, 1) != 1)
		return 2;
	/*
	 * Wait for a batch or for the end of CMD, whichever comes first: polling
	 * with a timeout alone would add up to that timeout after CMD has ended.
	 */
	pidfd = syscall(SYS_pidfd_open, pid, 0);
	if (pidfd < 0)
		return 2;
	for (;;) {
		struct pollfd fds[2] = { { .fd = ring_buffer__epoll_fd(rb), .events = POLLIN },
					 { .fd = pidfd, .events = POLLIN } };

		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			return 2;
		ring_buffer__consume(rb);
		if (fds[1].revents)
			break;
	}
	waitpid(pid, &status, 0);
	ring_buffer__consume(rb);
	fprintf(stderr, "floor: records %llu lost %llu\n", records,
		(unsigned long long)skel->bss->lost);
	ring_buffer__free(rb);
	floor_bpf__destroy(skel);
	rmdir(cg);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
