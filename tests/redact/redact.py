"""Property test of --redact: every report command in every format, run
with --redact over a journal (examples/ by default), must show no
contact's full name, no first name as a word and no handle, in any case.
The names come from the journal itself (kith contacts --format json).
usage: redact.py KITH JOURNAL_DIR AS_OF"""
import json
import re
import subprocess
import sys

FORMATS = ["text", "md", "html", "json", "csv"]


def run(kith, cwd, args):
    p = subprocess.run([kith] + args, cwd=cwd, capture_output=True)
    if p.returncode not in (0, 1):
        raise SystemExit("kith %s: exit %d\n%s" % (" ".join(args), p.returncode,
                                                   p.stderr.decode()))
    return p.stdout.decode("utf-8")


def contacts(kith, cwd, as_of):
    out = run(kith, cwd, ["--as-of", as_of, "contacts", "--format", "json"])
    rows = json.loads(out)["sections"][0]["rows"]
    return [(r["handle"].lstrip("@"), r["name"]) for r in rows]


def patterns(people):
    """(what, regex) pairs that must not match redacted output."""
    pats = []
    for handle, name in people:
        pats.append(("handle @" + handle,
                     re.compile(r"(?<![\w.+-])@" + re.escape(handle) + r"\b",
                                re.I)))
        pats.append(("handle " + handle,
                     re.compile(r"(?<![\w@./-])" + re.escape(handle) +
                                r"(?![\w@-])", re.I)))
        if name:
            pats.append(("name " + name,
                         re.compile(r"\b" + re.escape(name) + r"\b", re.I)))
            first = name.split()[0]
            pats.append(("first name " + first,
                         re.compile(r"\b" + re.escape(first) + r"\b", re.I)))
    return pats


def commands(people):
    cmds = [["due"], ["due", "--within", "60d"], ["report", "-p", "2026"],
            ["report", "-p", "2026-11"], ["goals"], ["log"], ["contacts"],
            ["stats"]]
    cmds += [["show", "@" + h] for h, _ in people]
    return cmds


def main():
    kith, cwd, as_of = sys.argv[1], sys.argv[2], sys.argv[3]
    people = contacts(kith, cwd, as_of)
    if len(people) < 2:
        raise SystemExit("redact: no contacts found in " + cwd)
    pats = patterns(people)
    runs = fails = 0
    for cmd in commands(people):
        fmts = FORMATS + (["ics"] if cmd[0] == "due" else [])
        for fmt in fmts:
            args = ["--as-of", as_of] + cmd + ["--redact", "--format", fmt]
            out = run(kith, cwd, args)
            runs += 1
            for what, rx in pats:
                m = rx.search(out)
                if m:
                    fails += 1
                    a = max(0, m.start() - 40)
                    print("FAIL kith %s: shows %s: ...%s..." %
                          (" ".join(args[2:]), what,
                           out[a:m.end() + 40].replace("\n", "\\n")))
    print("redact: %d runs (%d contacts), %d leaks" % (runs, len(people), fails))
    return 1 if fails else 0


sys.exit(main())
