#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Compare hytrace's lines with strace's on the fidelity corpus (tests/fidelity/).

Each guest makes one family's syscalls with hostile arguments. Both tools trace
it with the same -e trace= set (every SYS_name the guest's source names, plus
the names of a "trace:" comment), strace 6.1 as `strace -f`, hytrace on the
kernel path and with --no-kernel; the guests run with address randomization
off (setarch -R), so addresses agree without being rewritten. The logs are
normalised only where the two runs must differ: process ids (numbered in order
of appearance), strace's <unfinished ...>/<... resumed> pairs (joined where the
call finished: hytrace prints a call then), times and ids the kernel hands out
(clock values, SysV ids, key serials, random bytes, the guest's environment address,
times' ticks (its result, the CPU times) and sysinfo's counters). Lines are
then compared per process: the calls in order, signal and exit lines as a set.

Usage: scripts/fidelity.py [--out DIR] [--family F ...] [--mode kernel|nokernel]
                           [--diff] [--json FILE] [--floors FILE]
                           [--consistency FILE] [--part K/N]

--floors FILE: fail (exit 1) when a family's match rate in a mode is below the
floor FILE records for it ("family mode percent" lines).
--consistency FILE: fail when the kernel path and --no-kernel print different
lines for a call not listed in FILE (one syscall name per line: calls whose
memory the kernel path cannot read).
--part K/N: every Nth family from the Kth (1-based) of the chosen ones, so N runs
cover them all (the suite runs the corpus in parts: each part is one test whose
line in an emulated VM comes before vmtest's stall limit).
"""

import argparse
import difflib
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FAMILIES = ("file", "stat", "process", "signal", "net", "poll", "time", "mm", "ipc",
            "ioctl", "misc", "sched", "fd", "mount", "keys", "aio", "bpf", "path",
            "futex", "clone", "admin")
MODES = ("kernel", "nokernel")
TIMEOUT = 60


def trace_set(src):
    with open(src) as f:
        text = f.read()
    names = set(re.findall(r"\bSYS_(\w+)", text))
    for m in re.finditer(r"trace:\s*([\w, ]+)", text):
        names.update(n.strip() for n in m.group(1).split(",") if n.strip())
    return ",".join(sorted(names))


def runs_of(src):
    """Extra option sets a guest asks for (" * runs: -s 7" comment lines: only where a
    line of the comment starts, so a later mention in prose is not one), plus the default."""
    with open(src) as f:
        text = f.read()
    runs = [[]]
    for m in re.finditer(r"^ \* runs:\s*([^*\n]+)$", text, re.M):
        runs.append(m.group(1).split())
    return runs


def run(cmd, log):
    try:
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return None
    try:
        with open(log, errors="replace") as f:
            return f.read().splitlines()
    except OSError:
        return None


RESUMED = re.compile(r"^<\.\.\. (\w+) resumed>(.*)$")
UNFINISHED = " <unfinished ...>"
TIME_FIELDS = re.compile(r"\b(tv_sec|tv_nsec|tv_usec|ru_utime|ru_stime|si_utime|si_stime|"
                         r"tms_utime|tms_stime|tms_cutime|tms_cstime|"
                         r"msg_[scr]time|sem_[oc]time|shm_[adc]time|msg_qbytes|msg_lspid|"
                         r"msg_lrpid|shm_cpid|shm_lpid)=\d+")
# What the system's state changes between the two runs: times' clock ticks, sysinfo's counters
SYSINFO_FIELDS = re.compile(r"\b(uptime|freeram|sharedram|bufferram|freeswap|procs)=\d+|"
                            r"\bloads=\[[\d, ]*\]")
# a CPU time in clock ticks has its seconds in a comment ("tms_stime=1 /* 0.01 s */")
TMS_COMMENT = re.compile(r"=N /\* [\d.]+ s \*/")
DATE_COMMENT = re.compile(r" /\* \d{4}-\d\d-\d\dT[^*]*\*/")
IPC_ID_CALL = re.compile(r"^(msgget|semget|shmget|timer_create)\(")
# The calls that take such an id, as their first argument: only there is a number
# an id (in a fresh VM ids are small and equal sizes, flags and counts elsewhere).
# Key serial numbers are random: those the key calls return are numbered in
# order of appearance wherever a later line names them (keys' guest).
KEY_ID_CALL = re.compile(r"^(add_key|request_key|keyctl)\(")
IPC_ID_USER = re.compile(r"^(msgsnd|msgrcv|msgctl|semop|semtimedop|semctl|shmat|shmctl)\((\d+)(?=[,)])")


def ipc_space(call):
    """The kernel's id space of a SysV call: message queues, semaphore sets and shared
    memory number their ids apart (a fresh VM's first msgget and semget both return 0)."""
    return call[:3]


def normalise(lines):
    """{pid token: [line, ...]} with pids, resumptions, times and ids normalised."""
    pids = {}
    per = {}
    pending = {}
    ids = {}
    for raw in lines:
        m = re.match(r"^(\d+) +(.*)$", raw)
        if not m:
            continue
        pid, line = m.group(1), m.group(2)
        if pid not in pids:
            pids[pid] = "P%d" % (len(pids) + 1)
        tok = pids[pid]
        r = RESUMED.match(line)
        if r and tok in pending:
            line = pending.pop(tok) + r.group(2)
        elif line.endswith(UNFINISHED):
            pending[tok] = line[:-len(UNFINISHED)]
            continue
        if line.startswith("<... ??? resumed>"):
            continue  # strace's end of a call it never showed (a killed child's pause)
        per.setdefault(tok, []).append(line)
    out = {}
    keys = {}
    for tok, ls in per.items():
        res = []
        for line in ls:
            if KEY_ID_CALL.match(line):
                for kid, kt in keys.items():
                    line = re.sub(r"(?<![\w.])%s\b" % kid, kt, line)
                mk = re.search(r"\) += (\d{5,})$", line)
                if mk:
                    keys.setdefault(mk.group(1), "KEY%d" % (len(keys) + 1))
                    line = line[:mk.start(1)] + keys[mk.group(1)]
                line = re.sub(r"\) +=( |$)", r") =\1", line)
            named = line
            for pid, t in pids.items():
                named = re.sub(r"\b%s\b" % pid, t, named)
            if named != line:
                # the padding to column 40 counted the pid's digits, which differ between runs
                line = re.sub(r"\) +=( |$)", r") =\1", named)
            mu = IPC_ID_USER.match(line)
            if mu and (ipc_space(mu.group(1)), mu.group(2)) in ids:
                line = (line[:mu.start(2)] + ids[(ipc_space(mu.group(1)), mu.group(2))] +
                        line[mu.end(2):])
                # the padding counted the id's digits, which differ between runs
                line = re.sub(r"\) +=( |$)", r") =\1", line)
            line = TIME_FIELDS.sub(lambda m: m.group(1) + "=N", line)
            line = TMS_COMMENT.sub("=N", line)
            line = DATE_COMMENT.sub("", line)
            if line.startswith("execve("):  # the environment's address: the stack's layout
                line = re.sub(r"0x[0-9a-f]+ /\* (\d+) vars \*/", r"ENVP /* \1 vars */", line)
            if line.startswith("sysinfo({"):
                line = SYSINFO_FIELDS.sub(lambda m: m.group(0).split("=")[0] + "=N", line)
            if line.startswith("times({"):
                line = re.sub(r"= \d+$", "= N", line)
            if line.startswith("getppid("):  # the tracer's pid: strace's or hytrace's
                line = re.sub(r"\) += \d+$", ") = PPID", line)
            if line.startswith("time("):  # seconds, counted in [...] and returned
                line = re.sub(r"\d{9,}", "N", line)
                line = re.sub(r" \(\d{4}-\d\d-\d\dT[^)]*\)$", " (DATE)", line)
                line = re.sub(r"\) +=( |$)", r") =\1", line)
            if line.startswith("getrandom("):  # random bytes (glibc's own call)
                line = re.sub(r'"(\\x[0-9a-f]{2})+"', '"RANDOM"', line)
            mi = IPC_ID_CALL.match(line)
            mr = re.search(r"\) += (\d+)$", line)
            # SysV ids start at 0 on a fresh kernel (a VM's first msgget); a
            # timer_create's 0 is its status, the id is in memory
            if mi and mr and (mi.group(1) != "timer_create" or mr.group(1) != "0"):
                key = (ipc_space(mi.group(1)), mr.group(1))
                ids.setdefault(key, "ID%d" % (len(ids) + 1))
                line = line[:mr.start(1)] + ids[key]
            res.append(line)
        out[tok] = res
    return out


def compare(ref, got):
    """(matched lines, total lines, [(pid, ref line or None, got line or None)])."""
    matched = total = 0
    diffs = []
    for tok in sorted(set(ref) | set(got)):
        a, b = ref.get(tok, []), got.get(tok, [])
        # Signals and exits ("--- ...", "+++ ...") are compared as a set: on the
        # kernel path a call's line and a signal's come from two sources (the
        # ring, a ptrace stop), so their order is not the guest's.
        ea = sorted(l for l in a if l.startswith(("---", "+++")))
        eb = sorted(l for l in b if l.startswith(("---", "+++")))
        a = [l for l in a if not l.startswith(("---", "+++"))]
        b = [l for l in b if not l.startswith(("---", "+++"))]
        for l in set(ea) | set(eb):
            same = min(ea.count(l), eb.count(l))
            matched += same
            total += max(ea.count(l), eb.count(l))
            for _ in range(ea.count(l) - same):
                diffs.append((tok, l, None))
            for _ in range(eb.count(l) - same):
                diffs.append((tok, None, l))
        sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
        same = sum(bl.size for bl in sm.get_matching_blocks())
        matched += same
        total += max(len(a), len(b))
        for op, i1, i2, j1, j2 in sm.get_opcodes():
            if op == "equal":
                continue
            n = max(i2 - i1, j2 - j1)
            for k in range(n):
                diffs.append((tok, a[i1 + k] if i1 + k < i2 else None,
                              b[j1 + k] if j1 + k < j2 else None))
    return matched, total, diffs


def call_name(line):
    m = re.match(r"^(\w+)\(", line or "")
    return m.group(1) if m else None


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.environ.get("OUT", "build"))
    ap.add_argument("--family", action="append")
    ap.add_argument("--mode", action="append", choices=MODES)
    ap.add_argument("--diff", action="store_true", help="print each differing line pair")
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--floors", help="fail below these per-family floors")
    ap.add_argument("--consistency", help="fail on kernel/--no-kernel differences not listed")
    ap.add_argument("--part", help="K/N: every Nth family from the Kth")
    opts = ap.parse_args(argv)

    out = os.path.join(ROOT, opts.out) if not os.path.isabs(opts.out) else opts.out
    hytrace = os.path.join(out, "hytrace")
    gdir = os.path.join(out, "tests", "fidelity")
    work = os.path.join(out, "fidelity")
    os.makedirs(work, exist_ok=True)
    families = opts.family or list(FAMILIES)
    if opts.part:
        k, n = (int(x) for x in opts.part.split("/"))
        if not 1 <= k <= n:
            ap.error("--part K/N needs 1 <= K <= N")
        families = families[k - 1::n]
    modes = opts.mode or list(MODES)
    results = {}
    logs = {}
    failed = False
    for fam in families:
        src = os.path.join(ROOT, "tests", "fidelity", fam + ".c")
        guest = os.path.join(gdir, fam)
        if not os.path.exists(guest):
            print("fidelity: %s not built (make fidelity builds it)" % guest, file=sys.stderr)
            return 2
        tset = trace_set(src)
        for ri, extra in enumerate(runs_of(src)):
            tag = "%s.%d" % (fam, ri)
            slog = os.path.join(work, tag + ".strace")
            lines = run(["setarch", "-R", "strace", "-f", "-o", slog, "-e", "trace=" + tset]
                        + extra + ["--", guest], slog)
            if lines is None:
                print("fidelity: strace failed on %s" % fam, file=sys.stderr)
                return 2
            ref = normalise(lines)
            for mode in modes:
                hlog = os.path.join(work, "%s.%s" % (tag, mode))
                cmd = ["setarch", "-R", hytrace, "-o", hlog, "-e", "trace=" + tset] + extra
                if mode == "nokernel":
                    cmd.append("--no-kernel")
                lines = run(cmd + ["--", guest], hlog)
                got = normalise(lines or [])
                logs[(tag, mode)] = got
                m, t, d = compare(ref, got)
                r = results.setdefault(fam, {}).setdefault(mode, [0, 0, []])
                r[0] += m
                r[1] += t
                r[2].extend(d)
    print("%-8s %18s %18s" % ("family", "kernel", "--no-kernel"))
    tot = {m: [0, 0] for m in MODES}
    for fam in families:
        cells = []
        for mode in MODES:
            r = results[fam].get(mode)
            if not r:
                cells.append("%18s" % "-")
                continue
            tot[mode][0] += r[0]
            tot[mode][1] += r[1]
            cells.append("%9.1f%% %3d/%-3d" % (100.0 * r[0] / max(r[1], 1), r[0], r[1]))
        print("%-8s %s" % (fam, " ".join(cells)))
    print("%-8s %s" % ("all", " ".join(
        "%9.1f%% %3d/%-3d" % (100.0 * tot[m][0] / max(tot[m][1], 1), tot[m][0], tot[m][1])
        if tot[m][1] else "%18s" % "-" for m in MODES)))
    if opts.diff:
        for fam in families:
            for mode in modes:
                for tok, a, b in results[fam][mode][2]:
                    print("\n[%s %s %s]\n  strace:  %s\n  hytrace: %s" % (fam, mode, tok, a, b))
    if opts.json:
        with open(opts.json, "w") as f:
            json.dump({fam: {mode: {"matched": r[0], "lines": r[1],
                                    "diffs": [[a, b] for _, a, b in r[2]]}
                             for mode, r in modes_r.items()}
                       for fam, modes_r in results.items()}, f, indent=1)
    if opts.floors:
        with open(opts.floors) as f:
            for line in f:
                w = line.split("#", 1)[0].split()
                if len(w) != 3 or w[0] not in results or w[1] not in results[w[0]]:
                    continue
                r = results[w[0]][w[1]]
                rate = 100.0 * r[0] / max(r[1], 1)
                if rate + 1e-9 < float(w[2]):
                    print("fidelity: %s %s: %.1f%% is below its floor %s%%"
                          % (w[0], w[1], rate, w[2]), file=sys.stderr)
                    failed = True
    if opts.consistency:
        with open(opts.consistency) as f:
            allowed = {l.split("#", 1)[0].strip() for l in f} - {""}
        for (tag, mode), got in logs.items():
            if mode != "kernel" or (tag, "nokernel") not in logs:
                continue
            _, _, diffs = compare(logs[(tag, "nokernel")], got)
            for tok, a, b in diffs:
                name = call_name(a) or call_name(b)
                if name not in allowed:
                    print("fidelity: %s: the kernel path and --no-kernel differ on %s:\n"
                          "  --no-kernel: %s\n  kernel:      %s" % (tag, name, a, b),
                          file=sys.stderr)
                    failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
