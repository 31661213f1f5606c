# Reads text on stdin; prints the width of its widest line in display
# columns (colour codes and carriage returns left out, wide characters
# count 2, combining marks 0) and its number of lines.
import re
import sys
import unicodedata


def width(line):
    n = 0
    for ch in line:
        if unicodedata.combining(ch):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return n


text = sys.stdin.buffer.read().decode("utf-8", "replace")
text = re.sub(r"\x1b\[[0-9;]*m", "", text).replace("\r", "")
lines = text.split("\n")
if lines and lines[-1] == "":
    lines.pop()
print(max((width(l) for l in lines), default=0), len(lines))
