// SPDX-License-Identifier: MIT
/* The container a cgroup path names, for each runtime's conventions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "cgroup.h"

#define ID "4f3a0c2b9e8d7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2b"

static void names(const char *path, const char *want)
{
	char buf[128] = "";

	assert_true(hy_container_of(path, buf, sizeof(buf)));
	assert_string_equal(buf, want);
}

static void test_systemd_scopes(void **state)
{
	(void)state;
	names("/system.slice/docker-" ID ".scope", "docker://" ID);
	names("/machine.slice/libpod-" ID ".scope", "podman://" ID);
	names("/machine.slice/libpod-" ID ".scope/container", "podman://" ID);
	names("/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1234.slice/"
	      "cri-containerd-" ID ".scope",
	      "containerd://" ID);
	names("/kubepods.slice/kubepods-pod1.slice/crio-" ID ".scope", "cri-o://" ID);
}

static void test_cgroupfs_drivers(void **state)
{
	(void)state;
	names("/docker/" ID, "docker://" ID);
	names("/kubepods/besteffort/pod5f6e/" ID, "containerd://" ID);
}

static void test_nspawn_machines(void **state)
{
	(void)state;
	names("/machine.slice/systemd-nspawn@web.service", "nspawn://web");
	names("/machine.slice/systemd-nspawn@web.service/payload", "nspawn://web");
	names("/machine.slice/machine-db.scope", "nspawn://db");
}

static void test_no_container(void **state)
{
	char buf[128];

	(void)state;
	assert_false(hy_container_of("/", buf, sizeof(buf)));
	assert_false(hy_container_of("/system.slice/nginx.service", buf, sizeof(buf)));
	assert_false(
		hy_container_of("/user.slice/user-1000.slice/session-2.scope", buf, sizeof(buf)));
	/* a conmon scope is podman's monitor, not the container */
	assert_false(
		hy_container_of("/machine.slice/libpod-conmon-" ID ".scope", buf, sizeof(buf)));
	/* 63 hex digits, or upper case: not an id */
	assert_false(hy_container_of("/docker/" ID "x", buf, sizeof(buf)));
	assert_false(hy_container_of(
		"/docker/4F3A0C2B9E8D7A6B5C4D3E2F1A0B9C8D7E6F5A4B3C2D1E0F9A8B7C6D5E4F3A2B", buf,
		sizeof(buf)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_systemd_scopes),
		cmocka_unit_test(test_cgroupfs_drivers),
		cmocka_unit_test(test_nspawn_machines),
		cmocka_unit_test(test_no_container),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
