#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Generate user/syscallent_gen.c, the syscall table of the three x86-64 ABIs
(and user/decode/decoders_gen.h, the prototypes of the decoders it names).

Inputs:
  * numbers and names: <asm/unistd_64.h>, <asm/unistd_32.h>, <asm/unistd_x32.h>,
    plus the [numbers] section of the overlay for calls newer than those headers;
  * C argument types and names: the running kernel's tracefs formats
    (events/syscalls/sys_enter_*/format);
  * meanings (strace classes, argument kinds, decoders): scripts/syscalls.overlay.

Usage: python3 scripts/gen_syscalls.py [--check] [-o FILE] [--tracefs DIR]
                                         [--asm-dir DIR] [--overlay FILE]

With --check nothing is written: the exit status says whether FILE is up to date.
Python 3 standard library only; the output does not depend on dict order, time or
locale, so regenerating on the same inputs gives the same bytes.
"""

import argparse
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ABIS = ("x86_64", "i386", "x32")
HEADERS = {"x86_64": "unistd_64.h", "i386": "unistd_32.h", "x32": "unistd_x32.h"}
ASM_DIRS = ("/usr/include/x86_64-linux-gnu/asm", "/usr/include/asm")
TRACEFS_DIRS = ("/sys/kernel/tracing/events/syscalls",
                "/sys/kernel/debug/tracing/events/syscalls")

# strace's class abbreviations (linux/*/syscallent.h) and our additions.
CLASSES = {
    "TD": "HY_C_DESC", "TF": "HY_C_FILE", "TI": "HY_C_IPC", "TN": "HY_C_NET",
    "TP": "HY_C_PROCESS", "TS": "HY_C_SIGNAL", "TM": "HY_C_MEMORY",
    "TC": "HY_C_CREDS", "TCL": "HY_C_CLOCK", "TST": "HY_C_STAT",
    "TLST": "HY_C_LSTAT", "TFST": "HY_C_FSTAT", "TSF": "HY_C_STATFS",
    "TFSF": "HY_C_FSTATFS", "PU": "HY_C_PURE", "NORETURN": "HY_C_NORETURN",
    "DUMP": "HY_C_DUMP", "HOT": "HY_C_HOT",
}
CLASS_ORDER = list(CLASSES)

# What the aux of each kind means.
AUX_ARG = ("BUF_IN", "BUF_OUT", "PATH_OUT")
AUX_XLAT = ("FLAGS", "ENUM")
AUX_STRUCT = ("STRUCT_IN", "STRUCT_OUT")

# ---- defaults from the C type and name of an argument ----

PATH_NAMES = {
    "filename", "pathname", "path", "oldname", "newname", "specialfile",
    "special", "new_root", "put_old", "from_pathname", "to_pathname",
    "dev_name", "dir_name",
}
# Directory descriptors besides ..._dfd and ...dirfd (not oldfd: dup2's).
DIRFD_NAMES = {"dfd", "olddfd", "newdfd"}
# Descriptors whose names do not end in "fd".
FD_NAMES = {"fildes", "fdin", "fdout", "mqdes"}
# Integer arguments that are addresses; strace prints them as pointers.
ADDR_NAMES = {"addr", "start", "brk", "new_addr", "newsp"}
PID_NAMES = {"pid", "upid", "tgid", "pgid"}
SIGNED_LONG_TYPES = {"long", "loff_t", "off_t"}
UNSIGNED_TYPES = {
    "unsigned", "unsigned int", "unsigned long", "size_t", "u32", "__u32",
    "u64", "__u64", "qid_t",
}
SIGNED_TYPES = {
    "int", "__s32", "s32", "key_t", "key_serial_t", "timer_t", "mqd_t",
    "rwf_t",
}
# uid_t/gid_t are unsigned, but strace prints (uid_t)-1 as -1.
UID_TYPES = {"uid_t", "gid_t"}
HEX_TYPES = {"aio_context_t"}
# The C width of integer arguments narrower than a register. tracefs stores every
# argument as a long, but the kernel's SYSCALL_DEFINE casts it to its type, so
# the upper bits of an int are ignored; strace prints the value as that type.
S32_TYPES = {"int", "pid_t", "uid_t", "gid_t", "clockid_t", "timer_t", "mqd_t", "key_t",
             "rwf_t", "key_serial_t", "__s32", "s32"}
U32_TYPES = {"unsigned int", "unsigned", "u32", "__u32", "qid_t"}
U16_TYPES = {"umode_t"}
POINTER_TYPEDEFS = {"cap_user_header_t", "cap_user_data_t"}


class GenError(Exception):
    pass


def die(msg):
    raise GenError(msg)


def default_arg(ctype, name):
    """The (kind, aux) of an argument from its C type and name alone."""
    const = re.search(r"\bconst\b", ctype) is not None
    t = re.sub(r"\b(const|volatile|__user)\b", " ", ctype)
    t = " ".join(t.replace("*", " * ").split())
    if "*" in t:
        base = t.replace("*", "").strip()
        stars = t.count("*")
        if base == "char" and stars == 1:
            if name in PATH_NAMES:
                return ("PATH", "0")
            return ("STR", "0") if const else ("PTR", "0")
        if base == "char" and stars == 2 and name in ("argv", "envp"):
            return ("ARGV", "0")
        return ("PTR", "0")
    if t.startswith("enum "):
        return ("INT", "0")
    if t in POINTER_TYPEDEFS:
        return ("PTR", "0")
    if name in DIRFD_NAMES or name.endswith("_dfd") or name.endswith("dirfd"):
        return ("DIRFD", "0")
    if name in FD_NAMES or name.endswith("fd") or name.startswith("fd_"):
        return ("FD", "0")
    if name == "sig":
        return ("SIG", "0")
    if t == "umode_t":
        return ("MODE", "0")
    if t == "pid_t" or name in PID_NAMES:
        return ("PID", "0")
    if t == "clockid_t":
        return ("ENUM", "CLOCK_ID")
    if name in ADDR_NAMES:
        return ("PTR", "0")
    if name == "flag" or name.endswith("flags") or t in HEX_TYPES:
        return ("HEX", "0")
    if t in UID_TYPES:
        return ("UID", "0")
    if t in SIGNED_LONG_TYPES:
        return ("LONG", "0")
    if t in UNSIGNED_TYPES:
        return ("UINT", "0")
    if t in SIGNED_TYPES:
        return ("INT", "0")
    die("no default kind for C type %r (argument %r); teach default_arg() "
        "or give the kind in the overlay" % (ctype, name))
    return None


def arg_width(ctype):
    """HY_T_* of an argument's C type: the bits the kernel keeps of it."""
    t = re.sub(r"\b(const|volatile|__user)\b", " ", ctype)
    t = " ".join(t.split())
    if "*" in t:
        return None
    if t.startswith("enum ") or t in S32_TYPES:
        return "S32"
    if t in U32_TYPES:
        return "U32"
    if t in U16_TYPES:
        return "U16"
    return None


# ---- inputs ----

def read_enum(text, enum):
    m = re.search(r"enum\s+%s\s*\{(.*?)\};" % enum, text, re.S)
    if not m:
        die("enum %s not found in syscall_table.h" % enum)
    body = re.sub(r"/\*.*?\*/", "", m.group(1), flags=re.S)
    return [n for n in re.findall(r"^\s*(\w+)", body, re.M)]


def read_header_enums(path):
    with open(path) as f:
        text = f.read()
    kinds = [n[len("HY_A_"):] for n in read_enum(text, "hy_arg_kind")
             if n != "HY_A_KIND_COUNT"]
    xlats = [n[len("HY_X_"):] for n in read_enum(text, "hy_xlat_id")
             if n not in ("HY_X_NONE", "HY_X_XLAT_COUNT")]
    structs = [n[len("HY_S_"):] for n in read_enum(text, "hy_struct_id")
               if n not in ("HY_S_NONE", "HY_S_STRUCT_COUNT")]
    classes = read_enum(text, "hy_class")
    for c in CLASSES.values():
        if c not in classes:
            die("%s is not in enum hy_class" % c)
    return set(kinds), set(xlats), set(structs)


def read_unistd(path, abi):
    nrs = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"#define\s+__NR_(\w+)\s+(.*)$", line)
            if not m:
                continue
            val = m.group(2).strip()
            mx = re.fullmatch(r"\(\s*__X32_SYSCALL_BIT\s*\+\s*(\d+)\s*\)", val)
            if mx:
                nr = int(mx.group(1))
            elif re.fullmatch(r"\d+", val):
                nr = int(val)
            else:
                die("%s: cannot read the number of %s: %r" % (path, m.group(1), val))
            if abi == "x32" and not mx:
                die("%s: %s has no __X32_SYSCALL_BIT" % (path, m.group(1)))
            nrs[m.group(1)] = nr
    return nrs


def read_tracefs(top):
    """sys_enter_NAME -> [(ctype, argname), ...] for every format file."""
    fmts = {}
    for ent in sorted(os.listdir(top)):
        if not ent.startswith("sys_enter_"):
            continue
        path = os.path.join(top, ent, "format")
        try:
            with open(path) as f:
                text = f.read()
        except OSError as e:
            die("cannot read %s: %s" % (path, e))
        args = []
        seen_nr = False
        for m in re.finditer(r"field:([^;]*);", text):
            field = m.group(1).strip()
            if field.endswith("__syscall_nr"):
                seen_nr = True
                continue
            if not seen_nr:
                continue  # common_* fields
            ctype, _, name = field.rpartition(" ")
            name = name.lstrip("*")
            if not ctype or not name:
                die("%s: cannot read field %r" % (path, field))
            args.append((ctype.strip(), name))
        if not seen_nr:
            die("%s: no __syscall_nr field" % path)
        fmts[ent[len("sys_enter_"):]] = args
    return fmts


class Line:
    """One syscall line of the overlay."""

    def __init__(self, where, name, classes, attrs):
        self.where = where
        self.name = name
        self.classes = classes
        self.attrs = attrs


def parse_overlay(path, kinds, xlats, structs):
    """The overlay as (decoder names, {abi: {name: nr}}, {abi: {name: Line}})."""
    sections = ("decoders", "numbers") + ABIS
    lines = {abi: {} for abi in ABIS}
    numbers = {abi: {} for abi in ABIS}
    decoders = []
    section = None
    with open(path) as f:
        for lineno, raw in enumerate(f, 1):
            where = "%s:%d" % (os.path.relpath(path, ROOT), lineno)
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            m = re.fullmatch(r"\[(\w+)\]", line)
            if m:
                section = m.group(1)
                if section not in sections:
                    die("%s: unknown section [%s]" % (where, section))
                continue
            if section is None:
                die("%s: text before the first [section]" % where)
            words = line.split()
            if section == "decoders":
                for w in words:
                    if not re.fullmatch(r"[a-z_][a-z0-9_]*", w):
                        die("%s: bad decoder name %r" % (where, w))
                    if w in decoders:
                        die("%s: decoder %s listed twice" % (where, w))
                    decoders.append(w)
                continue
            if section == "numbers":
                name = words[0]
                for w in words[1:]:
                    m = re.fullmatch(r"(x86_64|i386|x32)=(\d+)", w)
                    if not m:
                        die("%s: expected ABI=NR, got %r" % (where, w))
                    if name in numbers[m.group(1)]:
                        die("%s: %s %s numbered twice" % (where, m.group(1), name))
                    numbers[m.group(1)][name] = int(m.group(2))
                continue
            # a syscall line
            if len(words) < 2:
                die("%s: expected NAME CLASSES [KEY=VALUE...]" % where)
            name, cls = words[0], words[1]
            classes = []
            if cls != "-":
                for c in cls.split("|"):
                    if c not in CLASSES:
                        die("%s: unknown class %r" % (where, c))
                    classes.append(c)
            attrs = {}
            for w in words[2:]:
                key, eq, val = w.partition("=")
                if not eq:
                    die("%s: expected KEY=VALUE, got %r" % (where, w))
                if key in attrs:
                    die("%s: %s given twice" % (where, key))
                if key == "nargs":
                    if not re.fullmatch(r"[0-6]", val):
                        die("%s: nargs must be 0..6" % where)
                    attrs[key] = int(val)
                elif re.fullmatch(r"a[0-5]", key):
                    attrs[key] = parse_kind(where, val, kinds, xlats, structs)
                elif key == "args":
                    attrs[key] = [parse_kind(where, v, kinds, xlats, structs)
                                  for v in val.split(",")] if val else []
                    if len(attrs[key]) > 6:
                        die("%s: more than 6 args" % where)
                elif key == "ret":
                    if val not in RET_KINDS:
                        die("%s: ret= is one of %s" % (where, ", ".join(RET_KINDS)))
                    attrs[key] = val
                elif key == "fd":
                    if val not in FD_KINDS:
                        die("%s: fd= is one of %s" % (where, ", ".join(FD_KINDS)))
                    attrs[key] = val
                elif key in ("decoder", "tracefs", "like"):
                    if not re.fullmatch(r"-|[a-z_][a-z0-9_]*", val):
                        die("%s: bad %s %r" % (where, key, val))
                    attrs[key] = val
                else:
                    die("%s: unknown key %r" % (where, key))
            if section != "x86_64" and "tracefs" in attrs:
                die("%s: tracefs= only in [x86_64]; use like=" % where)
            if section == "x86_64" and "like" in attrs:
                die("%s: like= only in [i386] and [x32]" % where)
            if name in lines[section]:
                die("%s: %s listed twice in [%s]" % (where, name, section))
            lines[section][name] = Line(where, name, classes, attrs)
    return decoders, numbers, lines


def parse_kind(where, text, kinds, xlats, structs):
    kind, _, aux = text.partition(":")
    if kind not in kinds or kind == "NONE":
        die("%s: unknown argument kind %r" % (where, kind))
    if kind in AUX_ARG:
        if not re.fullmatch(r"[0-5]", aux):
            die("%s: %s needs :N, the index of the length argument" % (where, kind))
        return (kind, aux)
    if kind in AUX_XLAT:
        if aux not in xlats:
            die("%s: %s needs :SET, one of enum hy_xlat_id (got %r)" % (where, kind, aux))
        return (kind, aux)
    if kind in AUX_STRUCT:
        if aux not in structs:
            die("%s: %s needs :STRUCT, one of enum hy_struct_id (got %r)"
                % (where, kind, aux))
        return (kind, aux)
    if aux:
        die("%s: %s takes no :aux" % (where, kind))
    return (kind, "0")


# ---- building the tables ----

# What a call returns, when it is not a plain number: ret=PID (a process id,
# translated with --pidns-translation), ret=HEX (an address), ret=OCT (a mode),
# ret=SIG (a signal number), ret=TIME (seconds since the epoch, with the date),
# ret=SCHED_POLICY (a scheduling policy, with its name), ret=PERSONA (a
# personality in hex, with its names), ret=IOPRIO (an I/O priority, with its
# class and data), ret=MEMBARRIER (MEMBARRIER_CMD_QUERY's set of commands),
# ret=INT32 (an int the kernel returns through a long: modify_ldt's errors).
RET_KINDS = ("PID", "HEX", "OCT", "SIG", "TIME", "SCHED_POLICY", "PERSONA", "IOPRIO", "MEMBARRIER",
             "INT32")

# What a call does to the process's descriptors (enum hy_fd_effect): fd=NEW (its
# result is a new descriptor), fd=OPEN (one for its path), fd=DUP (a copy of
# its first argument), fd=FCNTL_DUP (a copy for F_DUPFD and F_DUPFD_CLOEXEC),
# fd=CLOSE (closes its first argument), fd=CLOSE_RANGE (closes a range, or
# marks it close-on-exec), fd=EXEC (closes the close-on-exec ones), fd=FORK (a
# child may start with a copy of the table), fd=CHDIR (changes the working
# directory, what AT_FDCWD names).
FD_KINDS = ("NEW", "OPEN", "DUP", "FCNTL_DUP", "CLOSE", "CLOSE_RANGE", "EXEC", "FORK", "CHDIR")


class Ent:
    def __init__(self, name, classes, args, decoder, ret=None, fd=None):
        self.name = name
        self.classes = classes
        self.args = args  # [(kind, aux)]
        self.decoder = decoder
        self.ret = ret
        self.fd = fd
        self.widths = []  # HY_T_* per argument (None: as wide as a register)


def apply_attrs(line, args, decoder, base_where):
    """Apply args=, nargs=, aN= and decoder= of an overlay line to a spec."""
    a = line.attrs
    if "args" in a:
        args = list(a["args"])
    if "nargs" in a:
        n = a["nargs"]
        if n > len(args):
            if args or "args" in a:
                die("%s: nargs=%d but only %d argument types are known%s"
                    % (line.where, n, len(args), base_where))
            die("%s: nargs=%d with no argument types; give args=" % (line.where, n))
        args = args[:n]
    for i in range(6):
        key = "a%d" % i
        if key in a:
            if i >= len(args):
                die("%s: %s but the call has %d arguments" % (line.where, key, len(args)))
            args[i] = a[key]
    if "decoder" in a:
        decoder = None if a["decoder"] == "-" else a["decoder"]
    for i, (kind, aux) in enumerate(args):
        if kind in AUX_ARG and int(aux) >= len(args):
            die("%s: argument %d: length argument %s does not exist"
                % (line.where, i, aux))
    return args, decoder


def build_x86_64(nrs, fmts, lines):
    table = {}
    used_events = set()
    for name in nrs:
        line = lines.get(name)
        if line is None:
            die("x86_64 syscall %s (%d) has no line in [x86_64] of the overlay: "
                "give it its strace classes" % (name, nrs[name]))
        event = line.attrs.get("tracefs", name)
        if event in fmts:
            used_events.add(event)
            args = [default_arg(t, n) for t, n in fmts[event]]
            widths = [arg_width(t) for t, n in fmts[event]]
            where = " (tracefs sys_enter_%s)" % event
        elif "args" in line.attrs:
            args = []
            widths = []
            where = ""
        else:
            die("%s: %s has no tracefs format sys_enter_%s on this kernel; give "
                "args= (or tracefs= if the kernel names it differently)"
                % (line.where, name, event))
        args, decoder = apply_attrs(line, args, None, where)
        ent = Ent(name, line.classes, args, decoder, line.attrs.get("ret"), line.attrs.get("fd"))
        ent.widths = widths[:len(args)] if "args" not in line.attrs else []
        table[nrs[name]] = ent
    for name, line in lines.items():
        if name not in nrs:
            die("%s: %s is not an x86_64 syscall (not in <asm/unistd_64.h> nor "
                "[numbers])" % (line.where, name))
    unused = sorted(set(fmts) - used_events)
    return table, unused


def build_compat(abi, nrs, x64_table, lines):
    """i386/x32: specs copied by name from x86_64, then the ABI's own lines."""
    by_name = {x64_table[nr].name: x64_table[nr] for nr in x64_table}
    table = {}
    for name, nr in nrs.items():
        line = lines.get(name)
        base = by_name.get(name)
        if line is None:
            if base is None:
                die("%s syscall %s (%d) is not an x86_64 syscall; give it a line "
                    "in [%s] of the overlay" % (abi, name, nr, abi))
            table[nr] = Ent(name, base.classes, list(base.args), base.decoder, base.ret,
                            base.fd)
            table[nr].widths = list(base.widths)
            continue
        if "like" in line.attrs:
            like = by_name.get(line.attrs["like"])
            if like is None:
                die("%s: like=%s is not an x86_64 syscall"
                    % (line.where, line.attrs["like"]))
            base = like
        if base is None and "args" not in line.attrs:
            die("%s: %s is not an x86_64 syscall: give args= or like="
                % (line.where, name))
        args = list(base.args) if base else []
        decoder = base.decoder if base else None
        args, decoder = apply_attrs(line, args, decoder, "")
        table[nr] = Ent(name, line.classes, args, decoder,
                        line.attrs.get("ret", base.ret if base else None),
                        line.attrs.get("fd", base.fd if base else None))
        if base and "args" not in line.attrs:
            table[nr].widths = list(base.widths)[:len(args)]
    for name, line in lines.items():
        if name not in nrs:
            die("%s: %s is not an %s syscall" % (line.where, name, abi))
    return table


def merge_numbers(abi, header, extra, hdr_path):
    nrs = dict(header)
    for name, nr in extra.items():
        if name in header:
            if header[name] != nr:
                die("[numbers]: %s %s is %d, but %s says %d"
                    % (abi, name, nr, hdr_path, header[name]))
            continue  # the headers caught up; the overlay line may go
        nrs[name] = nr
    seen = {}
    for name, nr in nrs.items():
        if nr in seen:
            die("%s: %s and %s both have number %d" % (abi, seen[nr], name, nr))
        seen[nr] = name
    return nrs


# ---- output ----

def c_classes(classes):
    if not classes:
        return "0"
    return " | ".join(CLASSES[c] for c in CLASS_ORDER if c in classes)


def c_arg(kind, aux, width=None):
    w = ", HY_T_%s" % width if width else ""
    if kind in AUX_XLAT:
        return "{HY_A_%s, HY_X_%s%s}" % (kind, aux, w)
    if kind in AUX_STRUCT:
        return "{HY_A_%s, HY_S_%s%s}" % (kind, aux, w)
    return "{HY_A_%s, %s%s}" % (kind, aux, w)


def emit_decoders(decoders):
    """The decoders' prototypes: each must exist (a missing one fails the link)."""
    out = []
    w = out.append
    w("/* SPDX-License-Identifier: MIT */")
    w("/*")
    w(" * GENERATED FILE - DO NOT EDIT. Regenerate with")
    w(" *\tpython3 scripts/gen_syscalls.py\t(or: make gen-syscalls)")
    w(" * from the decoders section of scripts/syscalls.overlay. Each is defined in a")
    w(" * user/decode/decode_*.c file, which includes this header, so the compiler")
    w(" * checks the signatures and the linker that none is missing.")
    w(" */")
    w("#ifndef HY_DECODERS_GEN_H")
    w("#define HY_DECODERS_GEN_H")
    w("")
    w("struct hy_printer;")
    w("struct hy_record;")
    w("")
    for d in decoders:
        w("void hy_dec_%s(struct hy_printer *p, const struct hy_record *r);" % d)
    w("")
    w("#endif")
    return "\n".join(out) + "\n"


def emit(tables, decoders):
    out = []
    w = out.append
    w("// SPDX-License-Identifier: MIT")
    w("/*")
    w(" * GENERATED FILE - DO NOT EDIT. Regenerate with")
    w(" *\tpython3 scripts/gen_syscalls.py\t(or: make gen-syscalls)")
    w(" * from <asm/unistd_{64,32,x32}.h>, the format files of the running kernel's")
    w(" * tracefs syscall events and scripts/syscalls.overlay;")
    w(" * change the overlay or the script, not this file.")
    w(" */")
    w("#include <stdint.h>")
    w("")
    w('#include "syscall_table.h"')
    w("")
    w('#include "decode/decoders_gen.h"')
    w("")
    w("/* syscall_table.c declares the *_gen ones itself; these keep both in step. */")
    for abi in ABIS:
        w("extern const struct hy_sysent hy_sysent_%s[];" % abi)
        w("extern const unsigned int hy_sysent_%s_size;" % abi)
        w("extern const uint16_t hy_sysidx_%s[];" % abi)
    w("extern const struct hy_systable hy_systables_gen[HY_ABI_COUNT];")
    w("extern const uint16_t *const hy_sysidx_gen[HY_ABI_COUNT];")
    w("extern const unsigned int hy_sysidx_count_gen[HY_ABI_COUNT];")
    for abi in ABIS:
        table = tables[abi]
        size = max(table) + 1
        w("")
        w("const struct hy_sysent hy_sysent_%s[%d] = {" % (abi, size))
        for nr in sorted(table):
            e = table[nr]
            # No ".args = { }" for calls without arguments: empty braces are not C11.
            args = ""
            if e.args:
                ws = e.widths + [None] * (len(e.args) - len(e.widths))
                args = " .args = { %s }," % ", ".join(
                    c_arg(k, a, ws[i]) for i, (k, a) in enumerate(e.args))
            ret = " .ret = HY_R_%s," % e.ret if e.ret else ""
            ret += " .fd = HY_FD_%s," % e.fd if e.fd else ""
            w("\t[%d] = { .name = \"%s\", .classes = %s, .nargs = %d,%s%s .decode = %s }," % (
                nr, e.name, c_classes(e.classes), len(e.args), args, ret,
                "hy_dec_" + e.decoder if e.decoder else "NULL"))
        w("};")
        w("const unsigned int hy_sysent_%s_size = %d;" % (abi, size))
        w("")
        w("/* Numbers of the named entries, sorted by name (strcmp order). */")
        w("const uint16_t hy_sysidx_%s[%d] = {" % (abi, len(table)))
        order = sorted(table, key=lambda nr: table[nr].name.encode())
        for i in range(0, len(order), 12):
            w("\t" + " ".join("%d," % nr for nr in order[i:i + 12]))
        w("};")
    w("")
    w("const struct hy_systable hy_systables_gen[HY_ABI_COUNT] = {")
    for abi in ABIS:
        w("\t[HY_ABI_%s] = { hy_sysent_%s, %d }," % (abi.upper(), abi, max(tables[abi]) + 1))
    w("};")
    w("const uint16_t *const hy_sysidx_gen[HY_ABI_COUNT] = {")
    for abi in ABIS:
        w("\t[HY_ABI_%s] = hy_sysidx_%s," % (abi.upper(), abi))
    w("};")
    w("const unsigned int hy_sysidx_count_gen[HY_ABI_COUNT] = {")
    for abi in ABIS:
        w("\t[HY_ABI_%s] = %d," % (abi.upper(), len(tables[abi])))
    w("};")
    return "\n".join(out) + "\n"


def find_dir(given, candidates, what, hint):
    if given:
        if not os.path.isdir(given):
            die("%s: no such directory" % given)
        return given
    for c in candidates:
        if os.path.isdir(c):
            return c
    die("cannot find %s (%s)%s" % (what, ", ".join(candidates), hint))
    return None


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-o", "--output", default=os.path.join(ROOT, "user", "syscallent_gen.c"))
    ap.add_argument("--decoders", default=os.path.join(ROOT, "user", "decode", "decoders_gen.h"))
    ap.add_argument("--overlay", default=os.path.join(ROOT, "scripts", "syscalls.overlay"))
    ap.add_argument("--header", default=os.path.join(ROOT, "user", "syscall_table.h"),
                    help="syscall_table.h, for the enum names the overlay may use")
    ap.add_argument("--tracefs", help="events/syscalls directory of tracefs")
    ap.add_argument("--asm-dir", help="directory of unistd_64.h, unistd_32.h, unistd_x32.h")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if the output file is not up to date")
    opts = ap.parse_args(argv)

    kinds, xlats, structs = read_header_enums(opts.header)
    decoders, numbers, lines = parse_overlay(opts.overlay, kinds, xlats, structs)
    asm = find_dir(opts.asm_dir, ASM_DIRS, "<asm/unistd_64.h>", "; install linux-libc-dev")
    tfs = find_dir(opts.tracefs, TRACEFS_DIRS, "tracefs syscall events",
                   "; as root: mount -t tracefs nodev /sys/kernel/tracing")
    fmts = read_tracefs(tfs)
    if not fmts:
        die("%s has no sys_enter_* events (kernel without CONFIG_FTRACE_SYSCALLS?)" % tfs)

    nrs = {}
    for abi in ABIS:
        path = os.path.join(asm, HEADERS[abi])
        nrs[abi] = merge_numbers(abi, read_unistd(path, abi), numbers[abi], path)

    tables = {}
    tables["x86_64"], unused = build_x86_64(nrs["x86_64"], fmts, lines["x86_64"])
    for abi in ("i386", "x32"):
        tables[abi] = build_compat(abi, nrs[abi], tables["x86_64"], lines[abi])

    used = {e.decoder for t in tables.values() for e in t.values() if e.decoder}
    for d in sorted(used - set(decoders)):
        die("decoder %s is used but not listed in [decoders]" % d)
    for d in decoders:
        if d not in used:
            die("decoder %s is listed in [decoders] but no syscall uses it" % d)
    for ev in unused:
        # A syscall of this kernel we cannot number: it would be printed as unknown.
        print("gen_syscalls: warning: tracefs has sys_enter_%s but no number is known "
              "for it; add it to [numbers] of the overlay" % ev, file=sys.stderr)

    outputs = ((opts.output, emit(tables, decoders)), (opts.decoders, emit_decoders(decoders)))
    if opts.check:
        stale = 0
        for path, text in outputs:
            try:
                with open(path) as f:
                    old = f.read()
            except OSError:
                old = None
            if old != text:
                print("gen_syscalls: %s is out of date; run python3 scripts/gen_syscalls.py"
                      % path, file=sys.stderr)
                stale = 1
        return stale
    for path, text in outputs:
        tmp = path + ".tmp"
        with open(tmp, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    counts = ", ".join("%s %d" % (abi, len(tables[abi])) for abi in ABIS)
    print("gen_syscalls: wrote %s (%s)" % (os.path.relpath(opts.output), counts))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except GenError as e:
        print("gen_syscalls: error: %s" % e, file=sys.stderr)
        sys.exit(1)
