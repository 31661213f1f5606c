"""Pathological inputs, cmark-style: each case builds a hostile journal in
a temporary folder, runs kith on it with a time budget (10 s unless said)
and checks the exit status, what was said, that nothing raw reached the
terminal and, where it matters, the peak memory.
usage: run.py KITH [CASE...]"""
import os
import re
import resource
import subprocess
import sys
import tempfile
import time

BUDGET = 10.0
ROOT = "kith: 1\nowner: Sam Rivera\ninclude:\n  - contacts.yaml\n  - \"journal/*.md\"\n"
CONTACTS = "contacts:\n  alice:\n    name: Alice Chen\n"
# raw bytes that must never reach a terminal: C0 but tab/newline, DEL,
# C1 (UTF-8 encoded) and bidi controls
UNSAFE = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\r(?!\n)|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def journal(d, md=None, root=ROOT, contacts=CONTACTS):
    os.makedirs(os.path.join(d, "journal"), exist_ok=True)
    with open(os.path.join(d, "kith.yaml"), "w") as f:
        f.write(root)
    with open(os.path.join(d, "contacts.yaml"), "wb") as f:
        f.write(contacts.encode() if isinstance(contacts, str) else contacts)
    if md is not None:
        with open(os.path.join(d, "journal", "2026-11.md"), "wb") as f:
            f.write(md)


def cpu():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime


class Run:
    """One run of kith. The budget is CPU seconds (the machine may be
    shared, so wall time says little); a run over 6 x the budget in wall
    time counts as hung."""

    def __init__(self, kith, d, args, budget):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        c0 = cpu()
        t = time.monotonic()
        try:
            p = subprocess.run([kith, "--as-of", "2026-11-22"] + args, cwd=d,
                               capture_output=True, timeout=6 * budget,
                               stdin=subprocess.DEVNULL,
                               env=dict(os.environ, NO_COLOR="1",
                                        LC_ALL="C.UTF-8"))
            self.status, self.out, self.err = p.returncode, p.stdout, p.stderr
        except subprocess.TimeoutExpired:
            self.status, self.out, self.err = "timeout", b"", b""
        self.wall = time.monotonic() - t
        self.secs = cpu() - c0
        if self.secs > budget:
            self.status = "over budget (%.1f CPU s)" % self.secs
        # ru_maxrss of children is the largest so far: meaningful when
        # this run is the largest, which the memory checks are
        self.rss_kb = max(before,
                          resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)


def case_headings_1m(kith, d):
    """1M stray '## x' headings (5 MB): reported in seconds, 50 shown and
    one '... and N more' line, memory a small multiple of the file."""
    md = b"## x\n" * 1000000
    journal(d, md)
    r = Run(kith, d, ["check"], BUDGET)
    yield r.status == 1, "exit 1 (got %s in %.1fs)" % (r.status, r.secs)
    yield r.err.count(b"[stray-heading]") == 51, "50 shown, then the count"
    yield b"and 999950 more [stray-heading]" in r.err, "'... and 999950 more'"
    yield b"1000000 errors" in r.err, "the summary counts all"
    yield r.rss_kb < 40 * len(md) / 1024, \
        "peak memory %d MB < 40 x 5 MB" % (r.rss_kb // 1024)


def case_diagnostics_100k_json(kith, d):
    """100k unknown-contact errors: --diagnostics json lists every one."""
    md = b"".join(b"## 2026-11-03 Coffee with @nobody%d #coffee\n" % i
                  for i in range(100000))
    journal(d, md)
    r = Run(kith, d, ["check", "--diagnostics", "json"], BUDGET)
    yield r.status == 1, "exit 1 (got %s in %.1fs)" % (r.status, r.secs)
    yield r.err.count(b"\n") == 100000, "100000 json lines"
    r = Run(kith, d, ["check", "--diagnostics", "github"], BUDGET)
    yield r.out.count(b"::error ") == 100000, "100000 github lines on stdout"


def case_fifo(kith, d):
    """A FIFO named in include: an error at once, never a hang; a FIFO a
    glob meets is not read either."""
    journal(d, root=ROOT.replace('"journal/*.md"', "journal/2026-11.md"))
    os.mkfifo(os.path.join(d, "journal", "2026-11.md"))
    r = Run(kith, d, ["check"], BUDGET)
    yield r.status == 1, "fails at once (got %s in %.1fs)" % (r.status, r.secs)
    yield b"2026-11.md': not a regular file" in r.err, "says it is no file"
    journal(d)
    r = Run(kith, d, ["check"], BUDGET)
    yield r.status == 1, "glob: no hang (got %s in %.1fs)" % (r.status, r.secs)


def case_nul_bytes(kith, d):
    """NUL bytes in Markdown and YAML: a diagnostic at their position."""
    journal(d, b"## 2026-11-03 Coffee with @alice\n\nNot\0es.\n",
            contacts=b"contacts:\n  alice:\n    name: Ali\0ce\n")
    r = Run(kith, d, ["check"], BUDGET)
    yield r.status == 1, "exit 1 (got %s)" % r.status
    yield b"journal/2026-11.md:3:4: error: NUL byte" in r.err, \
        "md: nul-byte at 3:4"
    yield b"contacts.yaml:3:14: error: NUL byte" in r.err, \
        "yaml: nul-byte at 3:14"
    yield not UNSAFE.search(r.err), "no raw control byte printed"


def case_scalar_100mb(kith, d):
    """A 100 MB YAML scalar: refused as too long, quickly."""
    big = b"contacts:\n  alice:\n    name: Alice Chen\n    notes: \"" + \
        b"x" * (100 * 1024 * 1024) + b"\"\n"
    journal(d, contacts=big)
    r = Run(kith, d, ["check"], BUDGET)
    yield r.status == 1, "exit 1 (got %s in %.1fs)" % (r.status, r.secs)
    yield b"[too-long]" in r.err, "too-long"


def case_deep_yaml(kith, d):
    """100000 nested flow sequences: too-deep, no stack overflow."""
    deep = b"contacts:\n  alice:\n    name: Alice\n    x-deep: " + \
        b"[" * 100000 + b"]" * 100000 + b"\n"
    journal(d, contacts=deep)
    r = Run(kith, d, ["check"], BUDGET)
    yield r.status == 1, "exit 1 (got %s in %.1fs)" % (r.status, r.secs)
    yield b"[too-deep]" in r.err, "too-deep"


def case_bidi_text(kith, d):
    """Bidi overrides and isolates in names, titles, notes and file names:
    shown as <U+202E> on the terminal, never raw, in every text command."""
    rlo, lri = "\u202e", "\u2066"
    journal(d, ("## 2026-11-03 Coffee with @alice " + rlo + "eeffoc\n\n"
                "Notes " + lri + "here" + "\u2069" + ".\n").encode(),
            contacts="contacts:\n  alice:\n    name: \"Alice " + rlo +
            "nehC\"\n")
    for args in (["log"], ["show", "@alice"], ["contacts"], ["due"],
                 ["log", "--format", "md"], ["log", "--format", "csv"],
                 ["log", "--format", "json"]):
        r = Run(kith, d, args, BUDGET)
        yield r.status == 0, "kith %s: exit 0 (got %s)" % (" ".join(args),
                                                         r.status)
        yield not UNSAFE.search(r.out + r.err), \
            "kith %s: no raw bidi or control" % " ".join(args)
    r = Run(kith, d, ["show", "@alice"], BUDGET)
    yield b"Alice <U+202E>nehC" in r.out, "show shows the name visibly"
    with open(os.path.join(d, "journal", "b" + rlo + "d.md"), "w") as f:
        f.write("## not a date " + rlo + "\n")
    for args in (["check"], ["check", "--diagnostics", "github"]):
        r = Run(kith, d, args, BUDGET)
        yield not UNSAFE.search(r.out + r.err), \
            "kith %s: no raw bidi or control" % " ".join(args)
        yield b"journal/b<U+202E>d.md" in r.out + r.err, \
            "kith %s: the file name shown visibly" % " ".join(args)


def case_files_20000(kith, d):
    """20000 journal files, over the limit of 10000: checked in seconds,
    the surplus reported once per file but shown 50 times at most."""
    journal(d)
    jd = os.path.join(d, "journal")
    for i in range(20000):
        with open(os.path.join(jd, "f%05d.md" % i), "w") as f:
            f.write("## 2026-11-03 Coffee %d with @alice #coffee\n" % i)
    r = Run(kith, d, ["check"], BUDGET)
    yield r.status == 1, "completes (got %s in %.1fs)" % (r.status, r.secs)
    yield b"a journal may hold at most 10000 files" in r.err, "says the limit"
    yield r.err.count(b"\n") < 400, \
        "output stays short (%d lines)" % r.err.count(b"\n")


CASES = [(n[5:], f) for n, f in sorted(globals().items())
         if n.startswith("case_")]


def main():
    kith = os.path.abspath(sys.argv[1])
    want = sys.argv[2:]
    fails = 0
    for name, fn in CASES:
        if want and name not in want:
            continue
        with tempfile.TemporaryDirectory() as d:
            t = time.monotonic()
            bad = [what for ok, what in fn(kith, d) if not ok]
            secs = time.monotonic() - t
        for what in bad:
            print("FAIL pathological %s: %s" % (name, what))
        fails += bool(bad)
        if not bad:
            print("ok   %-26s %5.1fs" % (name, secs))
    print("pathological: %d passed, %d failed" % (len(CASES) - fails, fails)
          if not want else "pathological: %d failed" % fails)
    return 1 if fails else 0


sys.exit(main())
