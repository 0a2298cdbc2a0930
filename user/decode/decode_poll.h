/* SPDX-License-Identifier: MIT */
/* poll, select and epoll arrays and results. */
#ifndef HY_DECODE_POLL_H
#define HY_DECODE_POLL_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/printer.h"
#include "record.h"

void hy_pr_pollfds_at(struct hy_printer *p, const struct hy_record *r, uint64_t addr,
		      uint64_t nfds);
void hy_pr_fdset_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
		    uint64_t addr, int nfds);
void hy_pr_epoll_events_at(struct hy_printer *p, const struct hy_record *r, enum hy_phase phase,
			   uint64_t addr, int64_t count);
/** After poll's result: "([{fd=3, revents=POLLIN}])"; false when nothing was shown. */
bool hy_pr_poll_result(struct hy_printer *p, const struct hy_record *r);
/** After select's result: "(in [3], out [4])". */
bool hy_pr_select_result(struct hy_printer *p, const struct hy_record *r);

#endif
