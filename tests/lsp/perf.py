"""Re-check latency of kith lsp after a keystroke on a generated journal.

usage: python3 perf.py KITH ENTRIES   (prints the median and worst time
from a didChange to the answer of the next request, which waits for the
re-check; the generator is bench/gen.py)"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import lspclient as L

def cpu(pid):
    """User + system CPU seconds of a process (Linux /proc)."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


here = os.path.dirname(os.path.abspath(__file__))
kith, n = os.path.abspath(sys.argv[1]), int(sys.argv[2])
top = tmp = tempfile.mkdtemp(prefix="kith-lsp-perf.")
try:
    subprocess.run([sys.executable, os.path.join(here, "..", "..", "bench",
                                                 "gen.py"), tmp, str(n)],
                   check=True, stdout=subprocess.DEVNULL)
    if os.path.isdir(os.path.join(tmp, "kith")):  # gen.py's layout
        tmp = os.path.join(tmp, "kith")
    files = sorted(os.listdir(os.path.join(tmp, "journal")))
    path = os.path.join(tmp, "journal", files[-1])
    c = L.Client([kith, "--as-of", "2026-11-22", "lsp"], cwd=tmp)
    c.initialize(tmp)
    c.open(path)
    c.sync()
    u = L.uri(path)
    times = []
    cpu0 = cpu(c.p.pid)
    for i in range(30):
        t0 = time.perf_counter()
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": u, "version": i + 2},
            "contentChanges": [{"range": {
                "start": {"line": 0, "character": 0},
                "end": {"line": 0, "character": 0}},
                "text": "x" if i % 2 == 0 else ""}]})
        c.request("textDocument/foldingRange", {"textDocument": {"uri": u}})
        times.append((time.perf_counter() - t0) * 1000)
    cpu_ms = (cpu(c.p.pid) - cpu0) / 30 * 1000
    c.close()
    entries = sum(open(os.path.join(tmp, "journal", f)).read().count("\n## ")
                  for f in files)
    print("%d entries in %d files: re-check after a keystroke: %.1f ms of "
          "CPU; wall clock median %.1f ms, worst %.1f ms (load average %.1f)"
          % (entries, len(files), cpu_ms, statistics.median(times),
             max(times), os.getloadavg()[0]))
finally:
    shutil.rmtree(top)
