// SPDX-License-Identifier: MIT
/*
 * Named constants for administration calls: reboot, kexec, modules,
 * userfaultfd. How the tables are written: decode/xlat_def.h.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <linux/kexec.h>
#include <linux/reboot.h>
#include <linux/userfaultfd.h>

#include "decode/xlat_def.h"

/* clang-format off */
/* strace names both magic arguments from one set. */
static const struct hy_xlat_ent reboot_magic_ent[] = {
	X(LINUX_REBOOT_MAGIC1), X(LINUX_REBOOT_MAGIC2), X(LINUX_REBOOT_MAGIC2A),
	X(LINUX_REBOOT_MAGIC2B), X(LINUX_REBOOT_MAGIC2C),
};
END(reboot_magic, "LINUX_REBOOT_MAGIC_???");

static const struct hy_xlat_ent reboot_cmd_ent[] = {
	X(LINUX_REBOOT_CMD_RESTART), X(LINUX_REBOOT_CMD_HALT), X(LINUX_REBOOT_CMD_CAD_ON),
	X(LINUX_REBOOT_CMD_CAD_OFF), X(LINUX_REBOOT_CMD_POWER_OFF), X(LINUX_REBOOT_CMD_RESTART2),
	X(LINUX_REBOOT_CMD_SW_SUSPEND), X(LINUX_REBOOT_CMD_KEXEC),
};
END(reboot_cmd, "LINUX_REBOOT_CMD_???");

/*
 * kexec_load's flags: an architecture in the upper 16 bits, then flags. Named
 * up to RISC-V (LOONGARCH is newer than the corpus's strace: it stays a number).
 */
static const struct hy_xlat_ent kexec_arch_ent[] = {
	X(KEXEC_ARCH_DEFAULT), X(KEXEC_ARCH_386), X(KEXEC_ARCH_68K), X(KEXEC_ARCH_PARISC),
	X(KEXEC_ARCH_X86_64), X(KEXEC_ARCH_PPC), X(KEXEC_ARCH_PPC64), X(KEXEC_ARCH_IA_64),
	X(KEXEC_ARCH_ARM), X(KEXEC_ARCH_S390), X(KEXEC_ARCH_SH), X(KEXEC_ARCH_MIPS_LE),
	X(KEXEC_ARCH_MIPS), X(KEXEC_ARCH_AARCH64), X(KEXEC_ARCH_RISCV),
};
END(kexec_arch, "KEXEC_ARCH_???");

static const struct hy_xlat_ent kexec_flags_ent[] = {
	X(KEXEC_ON_CRASH), X(KEXEC_PRESERVE_CONTEXT),
};
END(kexec_flags, "KEXEC_???");

/* strace 6.1 does not know KEXEC_FILE_DEBUG (8): it stays in the number. */
static const struct hy_xlat_ent kexec_file_flags_ent[] = {
	X(KEXEC_FILE_UNLOAD), X(KEXEC_FILE_ON_CRASH), X(KEXEC_FILE_NO_INITRAMFS),
};
END(kexec_file_flags, "KEXEC_FILE_???");

static const struct hy_xlat_ent delete_module_flags_ent[] = {
	X(O_NONBLOCK), X(O_TRUNC),
};
END(delete_module_flags, "O_???");

static const struct hy_xlat_ent uffd_flags_ent[] = {
	X(O_NONBLOCK), X(UFFD_USER_MODE_ONLY), X(O_CLOEXEC),
};
END(uffd_flags, "UFFD_???");

const struct hy_xlat *const hy_xlat_admin[HY_X_XLAT_COUNT] = {
	[HY_X_REBOOT_MAGIC] = &x_reboot_magic,
	[HY_X_REBOOT_CMD] = &x_reboot_cmd,
	[HY_X_KEXEC_ARCH] = &x_kexec_arch,
	[HY_X_KEXEC_FLAGS] = &x_kexec_flags,
	[HY_X_KEXEC_FILE_FLAGS] = &x_kexec_file_flags,
	[HY_X_DELETE_MODULE_FLAGS] = &x_delete_module_flags,
	[HY_X_UFFD_FLAGS] = &x_uffd_flags,
};
/* clang-format on */
