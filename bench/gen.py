#!/usr/bin/env python3
"""Generates a synthetic journal for the benchmark, and the equivalent
journals of the peer tools: one ledger transaction per kith interaction.

usage: gen.py DIR ENTRIES

DIR/kith/      kith.yaml, contacts.yaml (2000 contacts), goals.yaml and
               120 month files journal/YYYY-MM.md over 2016..2025
DIR/ledger.dat the same interactions as ledger transactions (also read by
               hledger)
DIR/main.beancount the same for beancount (accounts opened first)
A million entries is about 140 MB of Markdown. The output depends only on
ENTRIES (fixed seed)."""
import os
import random
import sys

KINDS = ["coffee", "meeting", "call", "email", "message", "thank-you",
         "feedback", "note"]
YEARS = 10
FIRST_YEAR = 2016


def write_root(out):
    with open(os.path.join(out, "kith.yaml"), "w") as f:
        f.write("kith: 1\nowner: Bench Mark\ninclude:\n"
                "  - contacts.yaml\n  - goals.yaml\n  - \"journal/*.md\"\n")


def write_contacts(out, handles, rnd):
    with open(os.path.join(out, "contacts.yaml"), "w") as f:
        f.write("contacts:\n")
        for h in handles:
            f.write("  %s:\n    name: Person %s\n    org: Org%d\n"
                    "    roles: [%s]\n    tags: [t%d]\n" %
                    (h, h.upper(), rnd.randrange(50),
                     rnd.choice(["mentor", "key", "peer", "prospect"]),
                     rnd.randrange(20)))


def write_goals(out):
    with open(os.path.join(out, "goals.yaml"), "w") as f:
        f.write("goals:\n"
                "  grow:\n    title: Grow the network\n"
                "    start: %d-01-01\n    end: %d-12-31\n"
                "    metrics:\n"
                "      coffees:\n        measure: interactions\n"
                "        where: kind:coffee\n        target: 100\n"
                "        per: month\n"
                "      people:\n        measure: contacts\n"
                "        where: tag:t3\n        target: 50\n"
                "        per: quarter\n"
                "      thanks:\n        measure: interactions\n"
                "        where: kind:thank-you\n        target: 40\n"
                "        per: week\n" % (FIRST_YEAR, FIRST_YEAR + YEARS - 1))


def entry_md(f, date, a, b, k, e):
    f.write("## %s Talked with @%s #%s\n" % (date, a, k))
    if e % 4 == 0:
        f.write("tags: [bench, t%d]\n" % (e % 7))
    f.write("\nWe discussed the roadmap and @%s joined for a bit. Notes "
            "follow\nabout the platform work and hiring plans for next "
            "quarter.\n" % b)
    if e % 3 == 0:
        f.write("\n- [ ] Send notes to @%s due:+3d\n" % a)
    f.write("\n")


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rnd = random.Random(42)
    kdir = os.path.join(out, "kith")
    os.makedirs(os.path.join(kdir, "journal"), exist_ok=True)
    handles = ["c%04d" % i for i in range(2000)]
    write_root(kdir)
    write_contacts(kdir, handles, rnd)
    write_goals(kdir)
    files = YEARS * 12
    led = open(os.path.join(out, "ledger.dat"), "w")
    bean = open(os.path.join(out, "main.beancount"), "w")
    bean.write("option \"operating_currency\" \"TOUCH\"\n")
    for acct in ["Assets:Network"] + ["Expenses:%s" % k.title().replace("-", "")
                                      for k in KINDS]:
        bean.write("%d-01-01 open %s\n" % (FIRST_YEAR - 1, acct))
    bean.write("\n")
    for fi in range(files):
        year, month = FIRST_YEAR + fi // 12, fi % 12 + 1
        per = n // files + (1 if fi < n % files else 0)
        path = os.path.join(kdir, "journal", "%04d-%02d.md" % (year, month))
        with open(path, "w") as f:
            f.write("# %04d-%02d\n\n" % (year, month))
            for e in range(per):
                date = "%04d-%02d-%02d" % (year, month, 1 + e * 28 // per)
                a, b = rnd.sample(handles, 2)
                k = rnd.choice(KINDS)
                entry_md(f, date, a, b, k, e)
                acct = "Expenses:%s" % k.title().replace("-", "")
                led.write("%s Talked with %s\n    %s  1 TOUCH\n"
                          "    Assets:Network\n\n" % (date, a, acct))
                bean.write("%s * \"Talked with %s\"\n  %s  1 TOUCH\n"
                           "  Assets:Network\n\n" % (date, a, acct))
    led.close()
    bean.close()


main()
