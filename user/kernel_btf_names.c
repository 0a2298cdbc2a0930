// SPDX-License-Identifier: MIT
#define _GNU_SOURCE /* memmem */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/btf.h>

#include "kernel_btf_names.h"

#define VMLINUX_BTF "/sys/kernel/btf/vmlinux"

/*
 * The section is NUL-separated strings and begins with the empty one, so
 * every name is preceded by a NUL: "\0NAME\0" matches whole names only.
 */
static int strings_have(const char *strs, size_t len, const char *name)
{
	size_t n = strlen(name);
	char *needle = malloc(n + 2);
	int found;

	if (!needle)
		return -ENOMEM;
	needle[0] = 0;
	memcpy(needle + 1, name, n + 1);
	found = memmem(strs, len, needle, n + 2) != NULL;
	free(needle);
	return found;
}

/* sysfs serves the file a page per read(): the string section only (~2.3 of 5.4 MB here) */
static int read_strings(int fd, size_t off, size_t len, const char *name)
{
	char *buf = malloc(len);
	size_t got = 0;
	int ret;

	if (!buf)
		return -ENOMEM;
	while (got < len) {
		ssize_t n = pread(fd, buf + got, len - got, off + got);

		if (n <= 0) {
			free(buf);
			return n < 0 ? -errno : -EIO;
		}
		got += n;
	}
	ret = strings_have(buf, len, name);
	free(buf);
	return ret;
}

int hy_kernel_btf_has_name(const char *name)
{
	struct btf_header h;
	struct stat st;
	size_t off;
	void *map;
	int fd, ret;

	fd = open(VMLINUX_BTF, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || pread(fd, &h, sizeof(h), 0) != sizeof(h)) {
		ret = -EIO;
		goto out;
	}
	off = (size_t)h.hdr_len + h.str_off;
	if (h.magic != BTF_MAGIC || h.hdr_len < sizeof(h) || st.st_size < 0 ||
	    off + h.str_len > (size_t)st.st_size || !h.str_len) {
		ret = -EINVAL;
		goto out;
	}
	map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (map != MAP_FAILED) {
		ret = strings_have((const char *)map + off, h.str_len, name);
		munmap(map, st.st_size);
	} else {
		ret = read_strings(fd, off, h.str_len, name);
	}
out:
	close(fd);
	return ret;
}
