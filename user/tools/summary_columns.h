/* SPDX-License-Identifier: MIT */
/*
 * The summary's strace formats: -U COLUMNS (strace's columns, in seconds and
 * microseconds as strace prints them), -S SORTBY, and -O OVERHEAD's parsing.
 */
#ifndef HY_TOOL_SUMMARY_COLUMNS_H
#define HY_TOOL_SUMMARY_COLUMNS_H

#include <stdint.h>
#include <stdio.h>

/* One syscall's row of the summary. */
struct sc_stat {
	uint64_t calls, errors, total_ns, min_ns, max_ns, timed;
	uint64_t *hist; /* HY_HIST_BUCKETS, with histogram=1 */
	int abi, nr;
};

/** "name" or "name@i386" of @s into @buf. */
void summary_label(const struct sc_stat *s, char *buf, size_t size);
/** 0 and the columns' order into @cols (at most 8), or -1 for an unknown column. */
int summary_columns_parse(const char *spec, int cols[9]);
/** strace's table with the columns @cols (-1 ended) of @n rows. */
void summary_columns_print(FILE *out, const int *cols, const struct sc_stat *rows, size_t n);
/** The comparison for -S @by (strace's names), or NULL for an unknown one; "nothing": no sort. */
int (*summary_sorter(const char *by, int *nothing))(const void *, const void *);
/** strace's -O: a number of microseconds, or with s, ms, us, ns; -1 when bad. */
int64_t summary_overhead_ns(const char *s);

#endif
