#!/usr/bin/env python3
"""kith's benchmark: times kith and its peers on equivalent journals and
writes docs/performance.md.

usage: bench.py KITH FLOOR DATA_DIR OUT_MD

Sizes come from $BENCH_SIZES (default "10k 100k 1M"; plain counts work
too); runs per command from $BENCH_RUNS (default 15 up to 100k entries,
where a run is short and the figure near the noise: kith's ~0.1 s runs
at 100k move by 10% and more from one to the next, and by a third when
the machine has a slow minute; 5 for a million, where a run of due took
1.4 s in one bench and 1.7 s in the next with 3). Every run of every
command is interleaved with the others (run 1 of each, then run 2 of each,
...) so that a slow minute of the machine hits all of them alike, in an
order that turns by one each round: on a virtual machine the program that
runs right after hledger or bean-check, which take and give back hundreds
of megabytes, pays for that memory's first touch (kith check at 100k took
105-201 ms after hledger, 70-98 ms after another check), and in a fixed
order that was always kith check. Each figure is the median. Each
command is started with posix_spawn, so that no Python runs in the
child before the program (see run_once). Peak RSS and CPU time (user +
sys) come from wait4(2) for each child. kith reads a big journal's Markdown on every
CPU it may run on, so its CPU time adds up the threads' and is more than
the time a user waits; ledger, its peers and floor run on one CPU. The
targets are judged on wall time, the time a user waits, with the CPU
time shown beside it (and a table of its own).
hledger and bean-check take minutes and gigabytes at a million entries;
they run up to $BENCH_SLOW_MAX entries (default 100000). The language
server's re-check after an edit of one file (bench/lsp_edit.py) is
measured on the smallest journal of 10k entries or more."""
import datetime
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time

AS_OF = "2026-01-15"


def run_once(argv, cwd):
    # posix_spawn (a vfork and an exec): the child runs no Python before
    # the program starts. With fork, the child's own Python (and the
    # copy-on-write faults of the interpreter's pages) came before exec
    # and was counted as the program's: about 2 ms and 250 page faults
    # more on every run of every command (kith check at 10k: 19-20 ms
    # forked, 17-18 ms spawned, in the same minute).
    old = os.getcwd()
    os.chdir(cwd)
    try:
        t0 = time.perf_counter()
        try:
            pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[
                (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                (os.POSIX_SPAWN_DUP2, 1, 2)])
        except OSError:
            return 0.0, 0, 127, 0.0
        _, status, ru = os.wait4(pid, 0)
        dt = time.perf_counter() - t0
    finally:
        os.chdir(old)
    code = os.waitstatus_to_exitcode(status)
    return dt, ru.ru_maxrss * 1024, code, ru.ru_utime + ru.ru_stime


def commands(kith, floor, d, n):
    k = os.path.join(d, "kith")
    cmds = [
        ("kith check", [kith, "--as-of", AS_OF, "check"], k),
        ("kith due", [kith, "--as-of", AS_OF, "due"], k),
        ("kith report -p 2025", [kith, "--as-of", AS_OF, "report", "-p", "2025"], k),
        ("floor", [floor, k], k),
    ]
    if shutil.which("ledger"):
        cmds.append(("ledger bal", ["ledger", "-f", "ledger.dat", "bal"], d))
    slow_max = int(os.environ.get("BENCH_SLOW_MAX", "100000"))
    if n <= slow_max and shutil.which("hledger"):
        cmds.append(("hledger bal", ["hledger", "-f", "ledger.dat", "bal"], d))
    if n <= slow_max and shutil.which("bean-check"):
        cmds.append(("bean-check", ["bean-check", "main.beancount"], d))
    return cmds


def journal_bytes(d):
    total = 0
    for root, _, files in os.walk(os.path.join(d, "kith")):
        for f in files:
            total += os.path.getsize(os.path.join(root, f))
    return total


def measure(kith, floor, data, gen, n):
    d = os.path.join(data, str(n))
    if not os.path.exists(os.path.join(d, "kith", "kith.yaml")):
        print("generating %d entries in %s" % (n, d), flush=True)
        subprocess.run([sys.executable, gen, d, str(n)], check=True)
    cmds = commands(kith, floor, d, n)
    runs = int(os.environ.get("BENCH_RUNS", "5" if n >= 1000000 else "15"))
    times = {c[0]: [] for c in cmds}
    cpus = {c[0]: [] for c in cmds}
    load0 = os.getloadavg()[0]
    rss = {c[0]: 0 for c in cmds}
    codes = {}
    for name, argv, cwd in cmds:  # warm the page cache once
        codes[name] = run_once(argv, cwd)[2]
    for k in range(runs):
        # the order turns by one each round: no command always runs
        # right after the peers that take hundreds of megabytes and give
        # them back (see the top of this file)
        for name, argv, cwd in cmds[k % len(cmds):] + cmds[:k % len(cmds)]:
            dt, mem, _, cpu = run_once(argv, cwd)
            times[name].append(dt)
            cpus[name].append(cpu)
            rss[name] = max(rss[name], mem)
    med = {k: statistics.median(v) for k, v in times.items()}
    cpu = {k: statistics.median(v) for k, v in cpus.items()}
    load = (load0 + os.getloadavg()[0]) / 2
    size = journal_bytes(d)
    print("%8d entries: %s" % (n, ", ".join(
        "%s %.3fs" % (k, v) for k, v in med.items())), flush=True)
    return {"n": n, "bytes": size, "wall": med, "cpu": cpu, "med": med,
            "rss": rss, "codes": codes, "runs": runs, "load": load,
            "harness": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}


def fmt_t(s):
    return "%.0f ms" % (s * 1000) if s < 1 else "%.2f s" % s


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return "%s, %d cores, %s %s" % (model or platform.machine(),
                                    os.cpu_count() or 0, platform.system(),
                                    platform.release())


def version(argv):
    try:
        out = subprocess.run(argv, capture_output=True, text=True).stdout
        return out.splitlines()[0].strip() if out else "?"
    except OSError:
        return "not installed"


def table(res, key):
    names = []
    for r in res:
        for k in r["med"]:
            if k not in names:
                names.append(k)
    out = ["| entries (journal) | " + " | ".join(names) + " |",
           "|---|" + "---|" * len(names)]
    for r in res:
        cells = []
        for k in names:
            if k in r[key]:
                cell = fmt_t(r[key][k])
                if r["codes"].get(k, 0) not in (0, 1):
                    cell += " (exit %d)" % r["codes"][k]
                cells.append(cell)
            else:
                cells.append("—")
        out.append("| %dk (%.1f MB) | %s |" % (r["n"] // 1000, r["bytes"] / 1e6,
                                              " | ".join(cells)))
    if key == "wall":
        out += ["", "Load average during the runs: " + ", ".join(
            "%.1f at %dk" % (r["load"], r["n"] // 1000) for r in res) +
            " (on %d cores)." % (os.cpu_count() or 0)]
    return out


def ratio(r, a, b):
    if a in r["med"] and b in r["med"] and r["med"][a] > 0:
        return r["med"][b] / r["med"][a]
    return None


def lsp_edit(kith, data, n):
    """The language server's re-check after a one-line edit of one month
    file of the n-entry journal (bench/lsp_edit.py), or None."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "lsp_edit.py")
    out = subprocess.run([sys.executable, script, kith,
                          os.path.join(data, str(n)), "--json"],
                         check=True, capture_output=True, text=True).stdout
    r = json.loads(out)
    print("lsp re-check at %dk: server CPU %.1f ms (median of %d edits)" % (
        n // 1000, r["server_cpu_ms_median"], r["runs"]), flush=True)
    return r


def lsp_lines(lsp):
    if not lsp:
        return []
    return ["", "## Language server", "",
            "bench/lsp_edit.py: the server has the %d-entry journal open; each "
            "of %d edits changes one line of %s (a word of an entry's title "
            "added, then removed) and the server checks the journal again. "
            "Its own figures (kith/stats): loading the changed journal and "
            "checking it." % (lsp["entries"], lsp["runs"], lsp["edited"]),
            "",
            "| entries | re-check CPU | re-check wall | worst wall | round trip wall | server CPU per edit | files parsed again |",
            "|---|---|---|---|---|---|---|",
            "| %dk | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %.1f ms | %s |" % (
                lsp["entries"] // 1000, lsp["server_cpu_ms_median"],
                lsp["server_ms_median"], lsp["server_ms_max"],
                lsp["wall_ms_median"], lsp["cpu_ms_per_edit"],
                ", ".join("%d of %d" % tuple(p) for p in lsp["parsed"]))]


def targets(res, lsp=None):
    by = {r["n"]: r for r in res}
    rows = []

    def add(what, value, goal, ok):
        rows.append("| %s | %s | %s | %s |" % (what, value, goal,
                                              "met" if ok else "**not met**"))

    def cpu_ratio(r, a, b):
        x = ratio(dict(r, med=r["cpu"]), a, b)
        return " (CPU %.1f×)" % x if x is not None else ""

    for n in (100000, 1000000):
        if n in by:
            x = ratio(by[n], "kith check", "ledger bal")
            if x is not None:
                add("check vs ledger bal at %dk" % (n // 1000), "%.1f×%s" % (
                    x, cpu_ratio(by[n], "kith check", "ledger bal")), "≥ 10×", x >= 10)
    if 1000000 in by:
        for c in ("kith due", "kith report -p 2025"):
            x = ratio(by[1000000], c, "ledger bal")
            if x is not None:
                add("%s vs ledger bal at 1M" % c[5:], "%.1f×%s" % (
                    x, cpu_ratio(by[1000000], c, "ledger bal")), "≥ 8×", x >= 8)
    if 10000 in by:
        t = by[10000]["med"]["kith check"]
        add("check at 10k", "%s (CPU %s)" % (fmt_t(t), fmt_t(by[10000]["cpu"]["kith check"])),
            "< 20 ms", t < 0.020)
    big = by.get(1000000) or (res[-1] if res else None)
    if big:
        tag = "%dk" % (big["n"] // 1000)
        for c, lim in (("kith check", 1.5), ("kith due", 2.0), ("kith report -p 2025", 2.0)):
            x = big["rss"][c] / big["bytes"]
            add("peak RSS of %s / journal at %s" % (c[5:], tag), "%.2f" % x, "≤ %.1f" % lim, x <= lim)
        f = big["med"]["floor"] / big["med"]["kith check"]
        add("check speed vs floor at %s" % tag, "%.0f%%" % (f * 100), "≥ 50%", f >= 0.5)
    if 100000 in by and 1000000 in by:
        for c in ("kith check", "kith due", "kith report -p 2025"):
            x = by[1000000]["med"][c] / by[100000]["med"][c]
            add("%s time 1M / 100k" % c[5:], "%.1f" % x, "≤ 11", x <= 11)
    if lsp:
        t = lsp["server_cpu_ms_median"]
        add("language server re-check after a one-file edit at %dk" % (
            lsp["entries"] // 1000), "%.1f ms" % t, "< 30 ms", t < 30)
    return rows


def write_md(path, res, kith, lsp=None):
    lines = [
        "# Performance",
        "",
        "Written by `make bench` (bench/run.sh, bench/bench.py); do not edit.",
        "Journals from bench/gen.py: 2000 contacts, 120 month files over ten",
        "years, one ledger (and hledger, beancount) transaction per kith",
        "interaction. `floor` (bench/floor.c) reads the same files, finds their",
        "lines and runs libyaml's event parser over all of their YAML: the YAML",
        "files and, in the Markdown, each entry's metadata block and any front",
        "matter, each block its own document: the least any loader must do.",
        "It is timed like kith (same runs, wall and CPU time).",
        "Runs are interleaved, in an order that turns by one each round; each",
        "figure is the median, peak RSS the largest.",
        "kith reads a journal's Markdown on every CPU it may run on once the",
        "files come to 512 KiB (10k entries and up here, on 2 CPUs), so its CPU",
        "time (user + sys of all its threads, from wait4) is more than the time",
        "a user waits; ledger, its peers and `floor` run on one CPU. The targets",
        "below are judged on wall time, the time a user waits, with the CPU time",
        "beside it. Wall time moves with whatever else the machine runs: the",
        "load average during the runs is given.",
        "",
        "- date: %s" % datetime.date.today().isoformat(),
        "- machine: %s" % machine(),
        "- kith: %s; %s; %s; %s" % (version([kith, "--version"]),
                                     version(["ledger", "--version"]),
                                     version(["hledger", "--version"]),
                                     version(["bean-check", "--version"])),
        "",
        "## Medians (wall time)",
        "",
    ]
    lines += table(res, "wall")
    lines += ["", "## Medians (CPU time)", ""]
    lines += table(res, "cpu")
    lines += ["", "## Peak memory", "",
              "| entries | journal bytes | check RSS | due RSS | report RSS | check RSS / bytes |",
              "|---|---|---|---|---|---|"]
    bounded = False
    for r in res:
        def mib(c):
            nonlocal bounded
            v = r["rss"][c]
            if v > r["harness"]:
                return "%.0f MiB" % (v / 2**20)
            bounded = True
            return "≤ %.0f MiB *" % (r["harness"] / 2**20)
        check = r["rss"]["kith check"]
        lines.append("| %dk | %.1f MB | %s | %s | %s | %s%.2f |" % (
            r["n"] // 1000, r["bytes"] / 1e6, mib("kith check"),
            mib("kith due"), mib("kith report -p 2025"),
            "≤ " if check <= r["harness"] else "",
            max(check, r["harness"]) / r["bytes"]))
    if bounded:
        lines += ["", "\\* At most the benchmark's own Python process: Linux keeps a "
                  "process's peak RSS across exec, so wait4 reports, for a program "
                  "that stays smaller, the peak of the process it was started from."]
    lines += lsp_lines(lsp)
    lines += ["", "## Targets", "", "| what | measured | target | |", "|---|---|---|---|"]
    lines += targets(res, lsp)
    lines.append("")
    with open(path, "w") as f:
        f.write("\n".join(lines))


def size(s):
    """An entry count: 10000, 10k or 1M."""
    mult = {"k": 1000, "m": 1000000}.get(s[-1:].lower(), 1)
    return int(s[:-1] if mult > 1 else s) * mult


def main():
    kith, floor, data, out = sys.argv[1:5]
    gen = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gen.py")
    sizes = [size(s) for s in os.environ.get("BENCH_SIZES", "10k 100k 1M").split()]
    res = [measure(kith, floor, data, gen, n) for n in sizes]
    # the language server's figure is taken on the smallest journal of
    # 10k entries or more (the target's size)
    lsp_n = min((n for n in sizes if n >= 10000), default=None)
    lsp = lsp_edit(kith, data, lsp_n) if lsp_n else None
    write_md(out, res, kith, lsp)
    print("wrote %s" % out)


main()
