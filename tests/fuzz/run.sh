#!/bin/bash
# SPDX-License-Identifier: MIT
# Run the parser fuzzer (make fuzz) for a bounded time: seeds from
# tests/fuzz/corpus/, new inputs into a temporary directory (the tree is left
# alone), a crash or a sanitizer report into $OUT/fuzz/crash-* and exit status 1.
# Usage: tests/fuzz/run.sh FUZZER SECONDS
set -u
cd "$(dirname "$0")/../.."
fuzzer=$1 seconds=${2:-60}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# -close_fd_mask=3: the CLI's --help and error lines would flood the log.
"$fuzzer" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -close_fd_mask=3 \
	-print_final_stats=1 -artifact_prefix="$(dirname "$fuzzer")/" \
	"$work" tests/fuzz/corpus 2>"$work/log"
rc=$?
grep -E '^(stat::number_of_executed_units|stat::new_units_added)|^#[0-9]+ +DONE' "$work/log"
if [ "$rc" -ne 0 ]; then
	grep -E -A30 'ERROR|runtime error|deadly signal|Test unit written' "$work/log" | head -80
	echo "fuzz: FAILED (status $rc); the input is in $(dirname "$fuzzer")/" >&2
	exit 1
fi
echo "fuzz: $seconds s, no crash, no sanitizer report"
