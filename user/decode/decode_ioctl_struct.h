/* SPDX-License-Identifier: MIT */
/*
 * ioctl argument structs that are printed whole from the captured bytes
 * (decode_ioctl.c reads them): file attributes, clone ranges, the old loop
 * status, an interface's hardware address. As strace 6.1 prints them.
 */
#ifndef HY_DECODE_IOCTL_STRUCT_H
#define HY_DECODE_IOCTL_STRUCT_H

#include <stdbool.h>
#include <stdint.h>

#include "decode/printer.h"

struct fsxattr;
struct file_clone_range;
struct loop_info;
struct loop_info64;
struct loop_config;
struct sockaddr;

/** FS_IOC_FS[GS]ETXATTR's struct fsxattr; @get: the kernel's answer (with fsx_nextents). */
void hy_pr_fsxattr(struct hy_printer *p, const struct fsxattr *fx, bool get);
/** FICLONERANGE's struct file_clone_range. */
void hy_pr_clone_range(struct hy_printer *p, const struct file_clone_range *c);
/** LOOP_[GS]ET_STATUS's struct loop_info: abbreviated, or whole with -v (p->verbose). */
void hy_pr_loop_info(struct hy_printer *p, const struct loop_info *li);
/** LOOP_[GS]ET_STATUS64's struct loop_info64: abbreviated, or whole with -v (p->verbose). */
void hy_pr_loop_info64(struct hy_printer *p, const struct loop_info64 *li);
/** LOOP_CONFIGURE's struct loop_config, its info as hy_pr_loop_info64 prints it. */
void hy_pr_loop_config(struct hy_printer *p, const struct loop_config *lc);
/** SIOC[GS]IFHWADDR's ifr_hwaddr: the hardware type and as many bytes as its addresses have. */
void hy_pr_ifr_hwaddr(struct hy_printer *p, const struct sockaddr *sa);

#endif
