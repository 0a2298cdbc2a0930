#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The deepest BPF stack of each program in an object, checked on the host.

The verifier refuses a program whose call chain (the program and the BPF
functions it calls) takes more than 512 bytes of stack, each frame counted
rounded up to 32 bytes (check_max_stack_depth(), the same on 5.10 and 6.1).
A refusal shows only when the object is loaded, on the kernel of the run: this
reads `llvm-objdump -d -r` of the object instead, takes each function's frame
from its deepest r10 offset (a store, a load, or an address r10 - N taken), the
calls from the R_BPF_64_32 relocations of its `call -1` instructions, and
prints each program's deepest chain. The verifier may keep a smaller frame
than this reads (it counts only the instructions it visits, and skips branches
a read-only knob rules out); never a bigger one. Calibration: the object of
commit dccb9bb (which loaded on 5.10 and 6.1) reads 544 here, its parent (one
more capture, refused) 576; today's reads 448.

Usage: scripts/bpf_stack.py OBJECT [--max BYTES] [--quiet]
Exit 1 when a chain is deeper than --max (default 512); --quiet prints only then.
"""

import argparse
import re
import subprocess
import sys

FUNC = re.compile(r"^[0-9a-f]+ <([A-Za-z_][\w.]*)>:$")
SECTION = re.compile(r"^Disassembly of section (.+):$")
R10_OFF = re.compile(r"\(r10 - (\d+)\)")
R10_COPY = re.compile(r"\b(r\d) = r10$")
ADD_NEG = re.compile(r"\b(r\d) \+= -(\d+)$")
CALL = re.compile(r"\bcall -1$")
RELOC = re.compile(r"R_BPF_64_32\s+(\S+)")


def parse(obj):
    out = subprocess.run(["llvm-objdump", "-d", "-r", "--no-show-raw-insn", obj],
                         capture_output=True, text=True, check=True).stdout
    frames, calls, programs = {}, {}, {}
    func = section = None
    copies = {}
    pending_call = False
    for line in out.splitlines():
        m = SECTION.match(line)
        if m:
            section = m.group(1)
            continue
        m = FUNC.match(line)
        if m and not m.group(1).startswith("LBB"):
            func = m.group(1)
            frames.setdefault(func, 0)
            calls.setdefault(func, set())
            if section != ".text":
                programs[func] = section
            copies = {}
            continue
        if func is None:
            continue
        m = RELOC.search(line)
        if m and pending_call:
            calls[func].add(m.group(1))
            pending_call = False
            continue
        pending_call = bool(CALL.search(line))
        for m in R10_OFF.finditer(line):
            frames[func] = max(frames[func], int(m.group(1)))
        m = R10_COPY.search(line)
        if m:
            copies[m.group(1)] = True
            continue
        m = ADD_NEG.search(line)
        if m and copies.get(m.group(1)):
            frames[func] = max(frames[func], int(m.group(2)))
            copies[m.group(1)] = False
            continue
        # any other write to a register ends what it held
        m = re.search(r"\b(r\d) [+\-*/|&^<>]*= ", line)
        if m:
            copies.pop(m.group(1), None)
    return frames, calls, programs


def rounded(n):
    return (max(n, 1) + 31) // 32 * 32


def deepest(func, frames, calls, seen=()):
    """(bytes, chain) of the deepest call chain from @func."""
    best = (0, [])
    for callee in sorted(calls.get(func, ())):
        if callee in seen:
            continue  # recursion: the verifier refuses it anyway
        best = max(best, deepest(callee, frames, calls, seen + (func,)))
    return rounded(frames.get(func, 0)) + best[0], [func] + best[1]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("object")
    ap.add_argument("--max", type=int, default=512)
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    frames, calls, programs = parse(args.object)
    worst = 0
    for prog in sorted(programs):
        depth, chain = deepest(prog, frames, calls)
        worst = max(worst, depth)
        if not args.quiet or depth > args.max:
            print(f"{depth:4d}  {programs[prog]:40s} "
                  + " -> ".join(f"{f}({frames.get(f, 0)})" for f in chain))
    if worst > args.max:
        print(f"bpf_stack: a call chain takes {worst} bytes of stack (> {args.max})",
              file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
