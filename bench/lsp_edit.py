#!/usr/bin/env python3
"""The language server's re-check after a one-line edit of one month file.

usage: lsp_edit.py KITH [ENTRIES | JOURNAL_DIR] [--runs N] [--json]

ENTRIES (default 10000): a journal made by bench/gen.py in a temporary
folder; JOURNAL_DIR: a gen.py output folder (its kith/ part) or a folder
holding kith.yaml, used as it is (nothing is written to it). The server
opens the middle month file; each run edits one line of it (a word of an
entry's title, alternately changed and changed back) and asks for the
re-check: the time is the server's own (kith/stats "checkMs" and
"checkCpuMs": loading the changed journal and checking it), with the wall
clock of the round trip and the server's CPU time per edit (JSON and
publishing included) beside it. Prints one
line, or with --json one object (for make bench)."""

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "tests", "lsp"))
import lspclient as L  # noqa: E402


def cpu(pid):
    """User + system CPU seconds of a process (Linux /proc)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def journal(arg, tmp):
    if arg and os.path.isdir(arg):
        top = arg
    else:
        top = tmp
        subprocess.run([sys.executable, os.path.join(HERE, "gen.py"), tmp,
                        str(int(arg or 10000))], check=True,
                       stdout=subprocess.DEVNULL)
    if os.path.isdir(os.path.join(top, "kith")):  # gen.py's layout
        top = os.path.join(top, "kith")
    return top


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    runs, as_json = 40, "--json" in argv
    if "--runs" in argv:
        runs = int(argv[argv.index("--runs") + 1])
        args.remove(str(runs))
    kith = os.path.abspath(args[0])
    tmp = tempfile.mkdtemp(prefix="kith-lsp-edit.")
    try:
        top = journal(args[1] if len(args) > 1 else None, tmp)
        months = sorted(f for f in os.listdir(os.path.join(top, "journal"))
                        if f.endswith(".md"))
        rel = os.path.join("journal", months[len(months) // 2])
        path = os.path.join(top, rel)
        with open(path, encoding="utf-8") as f:
            text = f.read()
        lines = text.split("\n")
        line = next(i for i, x in enumerate(lines) if x.startswith("## "))
        col = len(lines[line])
        c = L.Client([kith, "--as-of", "2026-11-22", "lsp"], cwd=top)
        c.initialize(top)
        c.open(path, text)
        c.sync()
        u = L.uri(path)
        server, server_cpu, wall, parsed = [], [], [], set()
        stats = c.call("kith/stats")
        has_stats = "result" in stats
        cpu0 = cpu(c.p.pid)
        for i in range(runs):
            # a word appended to the first entry's title, then removed
            edit = {"range": {"start": {"line": line, "character": col},
                              "end": {"line": line, "character": col}},
                    "text": " again"} if i % 2 == 0 else {
                        "range": {"start": {"line": line, "character": col},
                                  "end": {"line": line,
                                          "character": col + 6}},
                        "text": ""}
            t0 = time.perf_counter()
            c.notify("textDocument/didChange", {
                "textDocument": {"uri": u, "version": i + 2},
                "contentChanges": [edit]})
            c.request("textDocument/foldingRange",
                      {"textDocument": {"uri": u}})
            wall.append((time.perf_counter() - t0) * 1000)
            if has_stats:
                st = c.request("kith/stats")
                server.append(st["checkMs"])
                server_cpu.append(st["checkCpuMs"])
                parsed.add((st["parsed"], st["files"]))
        cpu_ms = (cpu(c.p.pid) - cpu0) / runs * 1000
        c.close()
        entries = sum(open(os.path.join(top, "journal", m),
                           encoding="utf-8").read().count("\n## ")
                      for m in months)
        r = {"entries": entries, "files": len(months), "edited": rel,
             "runs": runs,
             "server_ms_median": statistics.median(server) if server
             else None,
             "server_ms_max": max(server) if server else None,
             "server_cpu_ms_median": statistics.median(server_cpu)
             if server_cpu else None,
             "wall_ms_median": statistics.median(wall),
             "cpu_ms_per_edit": cpu_ms,
             "parsed": sorted(parsed),
             "load_average": os.getloadavg()[0]}
        if as_json:
            print(json.dumps(r))
        else:
            print("lsp re-check after a one-line edit of %s (%d entries): "
                  "%s; round trip median %.1f ms; server CPU %.1f ms per "
                  "edit%s (load average %.1f)" % (
                      rel, entries,
                      "server median %.1f ms (CPU %.1f ms), worst %.1f "
                      "ms" % (r["server_ms_median"],
                              r["server_cpu_ms_median"],
                              r["server_ms_max"])
                      if server else "no kith/stats",
                      r["wall_ms_median"], cpu_ms,
                      "; files parsed again: %s" % ", ".join(
                          "%d of %d" % p for p in r["parsed"])
                      if parsed else "", r["load_average"]))
    finally:
        shutil.rmtree(tmp)


if __name__ == "__main__":
    main(sys.argv)
