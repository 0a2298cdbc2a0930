#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Run strace command lines unchanged under strace and under hytrace, normalise
both outputs and compare them line by line (test_strace_compat.sh).

    strace_compat.py HYTRACE CASES DOC DATA GUESTS WORK [GROUP]

HYTRACE may carry options of its own after the path ("hytrace --no-kernel").

CASES has one case a line: "GROUP NAME | ARGS" (ARGS in shell words; @D@ is the
data directory, @G@ the guests, @OUT@ an output file of the run). Each is run as
`strace ARGS` and as `HYTRACE ARGS` in DATA, and compared:
  - the exit status;
  - the lines (standard error, or @OUT@ and, for -ff, every @OUT@.PID), after
    normalising what differs from run to run (pids, addresses, times, random
    bytes, socket inodes and ports, strace's <unfinished ...>/<... resumed>
    halves joined; the result padded again where that changed the call's
    text, since a pid of another width moves the column);
  - in order for a one-process run, as a multiset when processes interleave.
Every line that differs must match a row of DOC's table (between the markers
"<!-- compat-table -->" and "<!-- /compat-table -->"):
    | CASES (glob) | strace or hytrace (whose line it is) | REGEX | why |
Prints each unexplained difference and exits 1 if there is any.
"""
import collections
import difflib
import fnmatch
import glob
import os
import re
import shlex
import subprocess
import sys

TIMEOUT = 60


def read_cases(path, group):
    cases = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            head, args = line.split("|", 1)
            g, name = head.split()
            if group in (None, g):
                cases.append((g, name, args.strip()))
    return cases


def read_doc(path):
    rows, inside = [], False
    with open(path) as f:
        for line in f:
            if "<!-- compat-table -->" in line:
                inside = True
                continue
            if "<!-- /compat-table -->" in line:
                break
            if not inside or not line.startswith("|") or line.startswith("| ---") or \
                    line.startswith("| cases"):
                continue
            cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
            if len(cells) < 4:
                continue
            regex = cells[2].strip("`").replace("\\|", "|")
            rows.append({"cases": cells[0].strip("`"), "side": cells[1], "re": re.compile(regex),
                         "why": cells[3], "used": 0})
    return rows


# ---- normalising ----

PID_PREFIX = re.compile(r"^\[pid +(\d+)\] ")
PID_COLUMN = re.compile(r"^(\d+) +(?=\S)")
# a thread's execve ends as "<pid changed to N ...>" (the leader's tid), then the
# old leader's "+++ superseded" line, then the resumed half under the new tid
UNFINISHED = re.compile(r"^(.*) <(?:unfinished|pid changed to \d+) \.\.\.>$")
RESUMED = re.compile(r"^<\.\.\. ([\w@]+) resumed>(.*)$")
SUMMARY_ROW = re.compile(r"^ *(\d+\.\d\d) +((?:[\d.]+ +){2,6})([\w@]+)$")


def split_pid(line):
    m = PID_PREFIX.match(line) or PID_COLUMN.match(line)
    if m:
        return int(m.group(1)), line[m.end():]
    return None, line


def join_halves(lines):
    """strace's "call <unfinished ...>" + "<... call resumed>rest" as one line, per pid."""
    out, pending = [], {}
    split, held = [], ""
    for line in lines:
        # strace's attach message can land in the middle of a line: take it out
        m = re.search(r"strace: Process \d+ attached$", line)
        if m and m.start() > 0:
            split.append(m.group(0))
            held += line[:m.start()]
            continue
        split.append(held + line)
        held = ""
    for line in split:
        pid, body = split_pid(line)
        m = UNFINISHED.match(body)
        if m:
            pending[pid] = (len(out), m.group(1))
            out.append(None)
            continue
        m = RESUMED.match(body)
        if m and pid not in pending:
            # strace drops "[pid N] " once one process is left: the call of that name
            pid = next((p for p, (_, start) in pending.items()
                        if start.startswith(m.group(1) + "(")), pid)
        if m and pid in pending:
            idx, start = pending.pop(pid)
            # the resumed half was padded after its "<... call resumed>": pad the
            # whole line as strace pads one printed at once
            whole = RESULT.match(start + m.group(2))
            out[idx] = (pid, whole.group(1) + " " * max(1, 40 - len(whole.group(1))) +
                        whole.group(3) if whole else start + m.group(2))
            continue
        out.append((pid, body))
    return [x for x in out if x is not None]


def pids_of(pairs):
    pids = set()
    for pid, body in pairs:
        if pid:
            pids.add(pid)
        for m in re.finditer(r"(?:si_pid=|wait4\(|^strace: Process |superseded by execve in pid )(\d+)",
                             body):
            pids.add(int(m.group(1)))
        m = re.match(r"(?:clone3?|fork|vfork|getpid|gettid|getppid|set_tid_address)\(.*\) += (\d+)", body)
        if m:
            pids.add(int(m.group(1)))
    return {p for p in pids if p > 1}


def summary_line(body):
    """A row of either summary table as "SUMMARY name calls errors"; None for other lines.
    strace's: % seconds usecs/call calls [errors] name (seconds with a point);
    hytrace's: % total avg min max calls [errors] name, and its total row
    % total calls [errors] total (nanoseconds: integers)."""
    m = SUMMARY_ROW.match(body)
    if not m:
        return None
    nums = m.group(2).split()
    name = m.group(3)
    if "." in nums[0]:
        calls, errors = nums[2], nums[3] if len(nums) > 3 else "0"
    elif name == "total":
        calls, errors = nums[1], nums[2] if len(nums) > 2 else "0"
    else:
        calls, errors = nums[4], nums[5] if len(nums) > 5 else "0"
    return "SUMMARY %s calls=%s errors=%s" % (name, calls, errors)


def normalise_text(body, pids, summary):
    if summary:
        if re.match(r"^(% time|-{6} )", body):
            return None
        s = summary_line(body)
        if s:
            return s
    # a hex dump's lines are the data itself: no pid, address or time in them
    # (a pid's digits in the text column are the data's, as 859-8.hrvatski)
    if re.match(r"^ (\| [0-9a-f]{5}  |\* \d+ bytes in buffer \d+$| = \d+ buffers in vector)", body):
        return body
    body = re.sub(r"^\d{9,}\.\d{6} ", "TS ", body)
    body = re.sub(r"^\d\d:\d\d:\d\d(\.\d{6})? ", "TS ", body)
    body = re.sub(r"^TS \(\+ *\d+\.\d{6}\) ", "TS REL ", body)
    body = re.sub(r"^ *\d+\.\d{6} ", "REL ", body)
    body = re.sub(r" <\d+\.\d{6}>$", " <T>", body)
    # -i: the address moves with ASLR; its form does not (test_strace_compat's
    # t_compat_ip_exact compares the addresses themselves, ASLR off)
    body = re.sub(r"\[[0-9a-f]{16}\] ", "[IP] ", body)
    body = re.sub(r"0x[0-9a-f]+", "0xADDR", body)
    body = re.sub(r"(si_[us]time)=\d+( /\* [\d.]+ s \*/)?", r"\1=N", body)
    # -v: a character device's times move whenever anyone uses it (the tests' shared stdout)
    if "st_mode=S_IFCHR" in body:
        body = re.sub(r"(st_[amc]time(?:_nsec)?)=[^,}]+", r"\1=N", body)
    body = re.sub(r"(socket|pipe|anon_inode:\S*):\[\d+\]", r"\1:[INODE]", body)
    body = re.sub(r"htons\((3[2-9]\d{3}|[4-6]\d{4})\)", "htons(EPHEMERAL)", body)
    # -yy: socket inodes and ports (TCP:[127.0.0.1:40001->127.0.0.1:41890], UNIX:[5->6])
    body = re.sub(r"\b((?:TCP|UDP|UDPLITE|UNIX|UNIX-\w+|NETLINK|RAW|PING)(?:v6)?):\[\d+(?=\]|->|,)",
                  r"\1:[INODE", body)
    body = re.sub(r"\[INODE->\d+", "[INODE->INODE", body)
    body = re.sub(r"(NETLINK:\[\w+):\d+\]", r"\1:PORTID]", body)
    body = re.sub(r"(\d+\.\d+\.\d+\.\d+|\]):(3[2-9]\d{3}|[4-6]\d{4})\b", r"\1:EPHEMERAL", body)
    body = re.sub(r'getrandom\("(\\x[0-9a-f]{2})*"(\.\.\.)?', 'getrandom("RANDOM"', body)
    if pids:
        # a process id has no leading zero: mode 0755 is not pid 755
        body = re.sub(r"\b([1-9]\d*)\b", lambda m: "PID" if int(m.group(1)) in pids else m.group(1),
                      body)
    return body


# the result after the call's text, padded to the column: "call(...)      = 0"
RESULT = re.compile(r"^(.*\S)( +)(= (?:-?\d|\?|0x).*)$")


def normalise(body, pids, summary, column=40):
    """normalise_text(), and the result's padding made again when that changed the
    call's text: a pid, address or inode of another width in the other run (a pid
    past 9999, say) moves the column strace and hytrace pad the result to, while
    the normalised text is the same. Lines whose text did not change keep their
    padding as printed, so the alignment is still compared."""
    m = RESULT.match(body)
    if not m or summary:
        return normalise_text(body, pids, summary)
    call = normalise_text(m.group(1), pids, summary)
    if call is None or call == m.group(1):
        return normalise_text(body, pids, summary)
    rest = normalise_text(m.group(3), pids, False)
    return call + " " * max(1, column - len(call)) + rest


def collect(run_dir, stderr_text, out_path):
    """The run's lines: @OUT@ (with -ff, each @OUT@.PID after the other) or stderr."""
    if out_path is None:
        return stderr_text.splitlines(), 1
    files = sorted(glob.glob(out_path + ".*"), key=lambda p: int(p.rsplit(".", 1)[1])) \
        if not os.path.exists(out_path) or glob.glob(out_path + ".*") else []
    lines = []
    if os.path.exists(out_path):
        with open(out_path, errors="replace") as f:
            lines += f.read().splitlines()
    for p in files:
        with open(p, errors="replace") as f:
            lines += f.read().splitlines()
    return lines, max(1, len(files))


def run(tracer, args, data, guests, work, tag):
    out = os.path.join(work, tag + ".out")
    for p in glob.glob(out + "*"):
        os.unlink(p)
    uses_out = "@OUT@" in args
    if "@PREFILL@" in args:  # -A: the file exists with a line of its own
        with open(out, "w") as f:
            f.write("prefilled\n")
    words = [w.replace("@D@", data).replace("@G@", guests).replace("@OUT@", out)
             .replace("@PREFILL@", "") for w in shlex.split(args)]
    words = [w for w in words if w]
    try:
        p = subprocess.run(tracer + words, cwd=data, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=TIMEOUT)
        rc, err = p.returncode, p.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        rc, err = "timeout", ""
    lines, nfiles = collect(work, err, out if uses_out else None)
    return rc, lines, nfiles


def compare(name, args, hytrace, data, guests, work, rows):
    s_rc, s_lines, s_files = run(["strace"], args, data, guests, work, "strace")
    h_rc, h_lines, h_files = run(hytrace.split(), args, data, guests, work, "hytrace")
    problems = []
    if s_rc != h_rc:
        problems.append("exit status: strace %s, hytrace %s" % (s_rc, h_rc))
    if s_files != h_files:
        problems.append("files: strace wrote %d, hytrace %d" % (s_files, h_files))
    summary = re.search(r"(^|\s)(-c|-C|--summary|--summary-only)\b", args) is not None
    m = re.search(r"(?:^|\s)(?:-a *|--columns=)(\d+)", args)
    column = int(m.group(1)) if m else 40
    sides, columns = [], []
    both = [join_halves(lines) for lines in (s_lines, h_lines)]
    # one set for both sides: a number that is a pid in either run becomes PID in
    # both, so a count or fd that happens to equal a pid (pids wrap at pid_max
    # under load) is rewritten on both sides alike and cannot make a difference
    pids = pids_of(both[0]) | pids_of(both[1])
    for lines, pairs in zip((s_lines, h_lines), both):
        norm = [normalise(body, pids, summary, column) for _, body in pairs]
        sides.append(([n for n in norm if n is not None], len({p for p, _ in pairs if p}) > 1))
        columns.append(any(PID_COLUMN.match(x) for x in lines))
    if columns[0] != columns[1] or sides[0][1] or sides[1][1]:
        # hytrace -o FILE starts every line with the tid, as strace -f -o FILE; strace
        # without -f does not, and the two print "[pid N] " on different lines (hytrace
        # when the tree had several tasks as the call began, strace as it prints): the
        # results align that many columns apart (documented). -a is compared elsewhere.
        sides = [([re.sub(r"(\S) +(= (?:-?\d|\?|0x))", r"\1 \2", n) for n in ns], m) for ns, m in sides]
    (s_norm, s_multi), (h_norm, h_multi) = sides
    if s_multi or h_multi or s_files > 1 or summary:
        sc, hc = collections.Counter(s_norm), collections.Counter(h_norm)
        only_s = list((sc - hc).elements())
        only_h = list((hc - sc).elements())
    else:
        only_s, only_h = [], []
        for d in difflib.ndiff(s_norm, h_norm):
            if d.startswith("- "):
                only_s.append(d[2:])
            elif d.startswith("+ "):
                only_h.append(d[2:])
    for side, lines in (("strace", only_s), ("hytrace", only_h)):
        for line in lines:
            row = next((r for r in rows if r["side"] == side and fnmatch.fnmatch(name, r["cases"])
                        and r["re"].search(line)), None)
            if row:
                row["used"] += 1
            else:
                problems.append("only %s: %s" % (side, line))
    return problems, len(s_norm), len(h_norm)


def main():
    hytrace, cases_path, doc, data, guests, work = sys.argv[1:7]
    group = sys.argv[7] if len(sys.argv) > 7 else None
    rows = read_doc(doc)
    cases = read_cases(cases_path, group)
    bad = 0
    for g, name, args in cases:
        problems, ns, nh = compare(name, args, hytrace, data, guests, work, rows)
        status = "ok " if not problems else "BAD"
        print("%s %-28s %4d/%-4d lines  %s" % (status, name, ns, nh, args))
        for p in problems[:40]:
            print("      " + p)
        if len(problems) > 40:
            print("      ... %d more" % (len(problems) - 40))
        bad += bool(problems)
    for r in rows:  # a row no case of this run needed: stale, or another group's
        if not r["used"] and any(fnmatch.fnmatch(n, r["cases"]) for _, n, _ in cases):
            print("note: docs row not needed: | %s | %s | %s |" % (r["cases"], r["side"], r["re"].pattern))
    print("%d of %d command lines match strace's (after the listed differences)" %
          (len(cases) - bad, len(cases)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
