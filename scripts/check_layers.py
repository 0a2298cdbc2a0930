#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check the library's layering: no include cycle between modules of user/, and
each folder uses only the layers below it.

A module is a .c file and the .h of the same name. Module A uses module B when
A's .c or .h includes B's header. The folders are layers, bottom to top:
decode/ (printing records) < the core (user/*.c) < ptrace/ and guest/ (backends), with
run.c, the top of the core, the one file that may start a backend; tools/
(the built-in tools) may use include/hytrace.h only (the Makefile builds them
without the library's include paths). Prints each violation; exit 1 if any.
"""
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
USER = os.path.join(ROOT, "user")
INCLUDE = re.compile(r'^#include "([^"]+)"', re.M)
# Which folders each folder may include from ("" is the core).
ALLOWED = {
    "decode": {"decode", ""},
    "": {"", "decode", "stack"},
    "stack": {"stack", "", "decode"},
    "ptrace": {"ptrace", "", "decode", "stack"},
    # the in-guest backend (hytrace's side, and rt/: the runtime preloaded into guests)
    # (stack: hytrace unwinds a call held in a guest, as ptrace/ a stopped one)
    "guest": {"guest", "", "decode", "stack"},
    "tools": set(),
}
TOP_OF_CORE = {"run"}  # may include a backend's interface
BACKENDS = {"ptrace", "guest"}


def module_of(path):
    """'user/decode/printer.c' -> 'decode/printer'."""
    rel = os.path.relpath(path, USER)
    return os.path.splitext(rel)[0]


def folder_of(mod):
    return mod.split("/")[0] if "/" in mod else ""


def read_uses():
    uses = {}
    for dirpath, _, files in os.walk(USER):
        for f in files:
            if not f.endswith((".c", ".h")):
                continue
            path = os.path.join(dirpath, f)
            mod = module_of(path)
            with open(path) as fh:
                incs = INCLUDE.findall(fh.read())
            for inc in incs:
                target = os.path.splitext(inc)[0]
                if os.path.exists(os.path.join(USER, inc)) and target != mod:
                    uses.setdefault(mod, set()).add(target)
            uses.setdefault(mod, set())
    return uses


def find_cycle(uses):
    state = {}
    stack = []

    def visit(m):
        state[m] = 1
        stack.append(m)
        for n in sorted(uses.get(m, ())):
            if state.get(n) == 1:
                return stack[stack.index(n):] + [n]
            if not state.get(n):
                c = visit(n)
                if c:
                    return c
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(uses):
        if not state.get(m):
            c = visit(m)
            if c:
                return c
    return None


def main():
    uses = read_uses()
    bad = 0
    for m, targets in sorted(uses.items()):
        for t in sorted(targets):
            f, g = folder_of(m), folder_of(t)
            if g in ALLOWED.get(f, set()) or (m in TOP_OF_CORE and g in BACKENDS):
                continue
            print("check_layers: %s uses %s (%s/ may not use %s/)" % (m, t, f or "core", g or "core"))
            bad = 1
    cycle = find_cycle(uses)
    if cycle:
        print("check_layers: include cycle: " + " -> ".join(cycle))
        bad = 1
    return bad


if __name__ == "__main__":
    sys.exit(main())
