#!/usr/bin/env python3
"""Generates a large synthetic journal for the load benchmark.
usage: gen.py DIR ENTRIES  (1000000 entries is about 130 MB)"""
import os, random, sys

def main():
    out, n = sys.argv[1], int(sys.argv[2])
    random.seed(42)
    os.makedirs(os.path.join(out, "journal"), exist_ok=True)
    handles = ["c%04d" % i for i in range(2000)]
    with open(os.path.join(out, "kith.yaml"), "w") as f:
        f.write("kith: 1\nowner: Bench Mark\ninclude:\n  - contacts.yaml\n  - \"journal/*.md\"\n")
    with open(os.path.join(out, "contacts.yaml"), "w") as f:
        f.write("contacts:\n")
        for h in handles:
            f.write("  %s:\n    name: Person %s\n    roles: [%s]\n    tags: [t%d]\n" %
                    (h, h, random.choice(["mentor", "key", "peer", "prospect"]), random.randrange(20)))
    kinds = ["coffee", "meeting", "call", "email", "message", "thank-you", "feedback", "note"]
    files = 120
    per = n // files
    for fi in range(files):
        year = 2000 + fi // 12
        month = fi % 12 + 1
        with open(os.path.join(out, "journal", "%04d-%02d.md" % (year, month)), "w") as f:
            f.write("# %04d-%02d\n\n" % (year, month))
            for e in range(per):
                day = 1 + e * 28 // per
                a, b = random.sample(handles, 2)
                k = random.choice(kinds)
                f.write("## %04d-%02d-%02d Talked with @%s #%s\n" % (year, month, day, a, k))
                if e % 4 == 0:
                    f.write("tags: [bench, t%d]\n" % (e % 7))
                f.write("\nWe discussed the roadmap and @%s joined for a bit. Notes follow\n"
                        "about the platform work and hiring plans for next quarter.\n" % b)
                if e % 3 == 0:
                    f.write("\n- [ ] Send notes to @%s due:+3d\n" % a)
                f.write("\n")

main()
