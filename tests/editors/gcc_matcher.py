"""VS Code's $gcc problem matcher (vscode-cpptools, Extension/package.json)
applied to kith's output: every diagnostic's first line must match, with the
file, line, character column and severity kith meant, and nothing else may.
usage: gcc_matcher.py OUTPUT WANT  (WANT lines: FILE:LINE:COL:e|w)"""
import re
import sys

GCC = re.compile(r"^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$")


def main():
    out, want = sys.argv[1], sys.argv[2]
    got = []
    with open(out, encoding="utf-8") as f:
        for line in f:
            m = GCC.match(line.rstrip("\n"))
            if m:
                got.append("%s:%s:%s:%s" % (m.group(1), m.group(2),
                                            m.group(3), m.group(4)[0]))
                if not m.group(5).endswith("]"):
                    print("FAIL editors: $gcc message lacks [code]: "
                          + m.group(5))
                    return 1
    with open(want, encoding="utf-8") as f:
        expected = [w.strip() for w in f if w.strip()]
    if got != expected:
        print("FAIL editors: $gcc matcher")
        print("  expected: %s\n  got:      %s" % (expected, got))
        return 1
    return 0


sys.exit(main())
