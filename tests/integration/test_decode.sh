#!/bin/bash
# SPDX-License-Identifier: MIT
# Decoders on a real guest (decode_families), against the lines strace 6.1
# prints for the same calls: System V IPC, mq_open, file times, ioctl
# requests, control messages, select's result, named flag sets. Both paths
# must print them: the kernel recorder's captures and the tracer's reads.
. "$(dirname "$0")/lib.sh"

G=$GUESTS/decode_families
SET='%ipc,mq_open,utime,utimes,utimensat,ioctl,sendmsg,select,time,kcmp,open,statx'

# The lines, with what changes from run to run (ids, pids, addresses, times) as patterns.
check_lines() {
	local ID='[0-9]+' A='0x[0-9a-f]+' D='/tmp/[^"]+/timed'
	assert_match "$T/out" "msgget\(IPC_PRIVATE, IPC_CREAT\|0600\) += $ID"
	assert_match "$T/out" "msgsnd\($ID, \{mtype=1, mtext=\"hello\"\}, 5, IPC_NOWAIT\) += 0"
	assert_match "$T/out" "msgrcv\($ID, \{mtype=1, mtext=\"hello\\\\0\\\\0\\\\0\"\}, 8, 0, MSG_NOERROR\|IPC_NOWAIT\) += 5"
	assert_match "$T/out" "msgrcv\($ID, $A, 8, 0, IPC_NOWAIT\) += -1 ENOMSG \(No message of desired type\)"
	assert_match "$T/out" "msgctl\($ID, IPC_STAT, \{msg_perm=\{uid=0, gid=0, mode=0600, key=0, cuid=0, cgid=0\}, msg_stime=$ID, msg_rtime=$ID, msg_ctime=$ID, msg_qnum=0, msg_qbytes=$ID, msg_lspid=$ID, msg_lrpid=$ID\}\) += 0"
	assert_match "$T/out" "msgctl\($ID, 0x63 /\* MSG_\?\?\? \*/, NULL\) += -1 EINVAL \(Invalid argument\)"
	assert_match "$T/out" "semget\(IPC_PRIVATE, 2, IPC_CREAT\|IPC_EXCL\|0644\) += $ID"
	assert_match "$T/out" "semop\($ID, \[\{sem_num=0, sem_op=1, sem_flg=0\}, \{sem_num=1, sem_op=-1, sem_flg=SEM_UNDO\|IPC_NOWAIT\}\], 2\) += -1 EAGAIN \(Resource temporarily unavailable\)"
	assert_match "$T/out" "semtimedop\($ID, \[\{sem_num=0, sem_op=1, sem_flg=0\}\], 1, \{tv_sec=0, tv_nsec=1000\}\) += 0"
	assert_match "$T/out" "semctl\($ID, 0, GETVAL, NULL\) += 1"
	assert_match "$T/out" "shmat\($ID, NULL, SHM_RDONLY\) += $A"
	assert_line "$T/out" 'mq_open("hytrace_decode_families", O_RDONLY|O_CREAT, 0600, {mq_flags=0, mq_maxmsg=4, mq_msgsize=32, mq_curmsgs=0}) = 3'
	assert_match "$T/out" "utime\(\"$D\", \{actime=1000000000 /\* 2001-09-09T01:46:40\+0000 \*/, modtime=1100000000 /\* 2004-11-09T11:33:20\+0000 \*/\}\) += 0"
	assert_match "$T/out" "utimes\(\"$D\", \[\{tv_sec=1000000000, tv_usec=5\} /\* 2001-09-09T01:46:40.000005\+0000 \*/, \{tv_sec=1100000000, tv_usec=6\} /\* 2004-11-09T11:33:20.000006\+0000 \*/\]\) += 0"
	assert_match "$T/out" "utimensat\(4, NULL, \[UTIME_OMIT, \{tv_sec=1, tv_nsec=2\} /\* 1970-01-01T00:00:01.000000002\+0000 \*/\], 0\) += 0"
	# the array ends at an unmapped page: both paths print its address, as strace does
	assert_match "$T/out" "utimes\(\"$D\", ${A}ff0\) += -1 EFAULT \(Bad address\)"
	assert_match "$T/out" 'ioctl\(4, FIOCLEX\) += 0'
	assert_match "$T/out" 'ioctl\(-1, BLKBSZSET, NULL\) += -1 EBADF \(Bad file descriptor\)'
	assert_match "$T/out" 'ioctl\(-1, BLKBSZSET, \[0\]\) += -1 EBADF \(Bad file descriptor\)'
	assert_match "$T/out" 'ioctl\(-1, LOOP_SET_FD, 3\) += -1 EBADF \(Bad file descriptor\)'
	assert_match "$T/out" 'ioctl\(-1, _IOC\(_IOC_READ, 0xfe, 0x12, 0x8\), 0\) += -1 EBADF \(Bad file descriptor\)'
	assert_match "$T/out" 'sendmsg\(4, \{msg_name=NULL, msg_namelen=0, msg_iov=\[\{iov_base="x", iov_len=1\}\], msg_iovlen=1, msg_control=\[\{cmsg_len=24, cmsg_level=SOL_SOCKET, cmsg_type=SCM_RIGHTS, cmsg_data=\[0, 1\]\}\], msg_controllen=24, msg_flags=0\}, 0\) += 1'
	assert_match "$T/out" 'select\(6, \[4\], \[5\], NULL, \{tv_sec=5, tv_usec=0\}\) += 2 \(in \[4\], out \[5\], left \{tv_sec=[45], tv_usec=[0-9]+\}\)'
	assert_match "$T/out" "time\(NULL\) += $ID \([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}\+0000\)"
	assert_match "$T/out" "kcmp\($ID, $ID, 0x63 /\* KCMP_\?\?\? \*/, 0, 0x1\) += -1 EINVAL \(Invalid argument\)"
	assert_match "$T/out" 'open\("/nonexistent/x", O_RDONLY\|__O_SYNC\) += -1 ENOENT \(No such file or directory\)'
	assert_match "$T/out" 'statx\(AT_FDCWD, "/nonexistent/x", AT_STATX_FORCE_SYNC\|AT_STATX_DONT_SYNC, STATX_ALL, NULL\) += -1 EINVAL \(Invalid argument\)'
	assert_count "$T/out" '^(msg|sem|shm)[a-z]+\(' 16
}

# What differs between two runs of the guest, as patterns: ids, pids, addresses, times.
# Two runs differ in addresses, dates, pids and SysV ids (small numbers in a fresh
# VM, so each is named where it stands: a *get's result, an id's first argument).
normalize() { # file
	sed -E 's/(msg_ls|msg_lr|shm_c|shm_l)pid=[0-9]+/\1pid=PID/g; s/^kcmp\([0-9]+, [0-9]+,/kcmp(PID, PID,/
		s/0x[0-9a-f]+/ADDR/g; s/\([0-9T:+-]+\)/(DATE)/; s/[0-9]{4,}/N/g; s/tv_usec=[0-9]+/tv_usec=U/g; s/ +=/ =/
		s/^((msg|sem|shm)get\(.*\)) = [0-9]+$/\1 = ID/; s/^((msg|sem|shm)[a-z]*)\([0-9]+,/\1(ID,/' "$1"
}

t_decode_families() {
	local k=
	mkdir d
	if "$HYTRACE" -c -o /dev/null -- /bin/true 2>/dev/null; then
		TZ=UTC hy -e trace="$SET" -- "$G" "$T/d"
		assert_status 0
		check_lines
		normalize "$T/out" >kernel.out
		k=1
	elif [ -n "${CI:-}" ]; then
		fail "the kernel recorder must work under CI"
	fi
	rm -f d/timed
	TZ=UTC hy --no-kernel -e trace="$SET" -- "$G" "$T/d"
	assert_status 0
	check_lines
	# the two paths print the same lines, but for what changes between runs
	if [ -n "$k" ]; then
		normalize "$T/out" >nokernel.out
		diff kernel.out nokernel.out >&2 || fail "the kernel path and --no-kernel differ"
	fi
}

# A socket's data is captured to -s, not more: a 200-byte datagram on an
# AF_UNIX socket records 32 bytes by default, 200 with -s 300; a netlink
# socket's 200-byte message is captured whole whatever -s says (its messages
# are decoded to their end). capture_probe prints how many bytes each record
# holds; both paths capture alike and print the same lines.
t_socket_data_follows_s() {
	local mode k=
	"$HYTRACE" -c -o /dev/null -- /bin/true 2>/dev/null && k=1
	[ -z "$k" ] && [ -n "${CI:-}" ] && fail "the kernel recorder must work under CI"
	for mode in ${k:+kernel} --no-kernel; do
		hy ${mode#kernel} -e trace=sendto,recvfrom --tool "$ROOT/$OUT/tests/plugins/capture_probe.so" \
			-- "$GUESTS/compat" dgram
		assert_status 0
		grep -E '^cap (sendto|recvfrom) ' "$T/out" >"caps.$mode"
		printf 'cap sendto 32\ncap recvfrom 32\ncap sendto 200\n' | diff - "caps.$mode" >&2 ||
			fail "$mode: a socket's data is not captured to -s"
		assert_match "$T/out" 'sendto\(3, "x{32}"\.\.\., 200, 0, NULL, 0\) += 200'
		assert_match "$T/out" 'sendto\(3, \[\{nlmsg_len=200, nlmsg_type=NLMSG_NOOP, .*\], 200, 0, NULL, 0\) += 200'
		grep -v '^cap ' "$T/out" >"lines.$mode"
		hy ${mode#kernel} -s 300 -e trace=sendto,recvfrom \
			--tool "$ROOT/$OUT/tests/plugins/capture_probe.so" -- "$GUESTS/compat" dgram
		grep -E '^cap (sendto|recvfrom) ' "$T/out" >"caps.$mode"
		printf 'cap sendto 200\ncap recvfrom 200\ncap sendto 200\n' | diff - "caps.$mode" >&2 ||
			fail "$mode -s 300: a socket's data is not captured to -s"
	done
	[ -z "$k" ] || diff lines.kernel lines.--no-kernel >&2 || fail "the kernel path and --no-kernel differ"
}

run_tests
