#!/usr/bin/env python3
# Helpers of tests/formats/check.sh that want a real parser: CSV (RFC 4180
# through the csv module), iCalendar (python3-icalendar) and searches in
# html after unescaping entities. Exit 0 when the file passes, 1 otherwise.
import csv
import html
import io
import re
import sys


def check_csv(path):
    data = open(path, "rb").read()
    if not data:
        return []  # a report without tables prints nothing (docs/csv.md)
    errs = []
    text = data.decode("utf-8")
    if not text.endswith("\r\n"):
        errs.append("last line does not end in CRLF")
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    header = rows[0]
    for h in header:
        if not re.fullmatch(r"[a-z0-9_]+", h):
            errs.append("header field %r is not a column id" % h)
    if len(set(header)) != len(header):
        errs.append("duplicate column ids in the header")
    for n, r in enumerate(rows[1:], 2):
        if len(r) != len(header):
            errs.append("record %d has %d fields, header has %d" % (n, len(r), len(header)))
    if len(rows) < 2:
        errs.append("a header without rows")
    return errs


def ics_uids(path):
    import icalendar

    cal = icalendar.Calendar.from_ical(open(path, "rb").read())
    uids, errs = [], []
    n = 0
    for comp in cal.walk():
        if comp.name not in ("VTODO", "VEVENT"):
            continue
        n += 1
        uid = comp.get("UID")
        if not uid:
            errs.append("%s %r has no UID" % (comp.name, str(comp.get("SUMMARY"))))
            continue
        uids.append(str(uid))
    if n == 0:
        errs.append("no VTODO or VEVENT")
    if len(set(uids)) != len(uids):
        errs.append("UIDs are not unique")
    return uids, errs


def check_ics(a, b):
    ua, errs = ics_uids(a)
    ub, errs_b = ics_uids(b)
    errs += errs_b
    if ua != ub:
        errs.append("UIDs differ between two runs")
    return errs


def ics_kept(a, b):
    """Every follow-up, thank-you and action open in feed a is in the later
    feed b, open or completed with its done date: none simply vanishes."""
    import icalendar

    def todos(p):
        cal = icalendar.Calendar.from_ical(open(p, "rb").read())
        return {str(t["UID"]): t for t in cal.walk("VTODO")}

    ta, tb = todos(a), todos(b)
    errs, done = [], 0
    for uid, t in ta.items():
        if str(t.get("CATEGORIES").to_ical(), "utf-8") not in (
                "follow-up", "thank-you", "action") or \
                str(t["STATUS"]) != "NEEDS-ACTION":
            continue
        if uid not in tb:
            errs.append("%s (%s) vanished" % (uid, t["SUMMARY"]))
            continue
        u = tb[uid]
        if str(u["STATUS"]) == "COMPLETED":
            done += 1
            if "COMPLETED" not in u or int(u["PERCENT-COMPLETE"]) != 100:
                errs.append("%s completed without COMPLETED" % uid)
    if not done:
        errs.append("no item completed between the two feeds")
    return errs


def absent(path, needles):
    text = open(path, encoding="utf-8").read()
    text = text + "\n" + html.unescape(text)
    return ["contains %r" % s for s in needles if s and s in text]


def main(argv):
    what = argv[1]
    if what == "csv":
        errs = check_csv(argv[2])
    elif what == "ics":
        errs = check_ics(argv[2], argv[3])
    elif what == "ics-kept":
        errs = ics_kept(argv[2], argv[3])
    elif what == "absent":
        errs = absent(argv[2], [line.rstrip("\n") for line in open(argv[3], encoding="utf-8")])
    elif what == "present":
        errs = [] if absent(argv[2], [argv[3]]) else ["does not contain %r" % argv[3]]
    else:
        print("usage: formats.py csv FILE | ics A B | ics-kept A B | absent FILE LIST | present FILE TEXT", file=sys.stderr)
        return 2
    for e in errs:
        print("  " + e)
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
