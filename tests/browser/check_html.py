#!/usr/bin/env python3
"""Checks a kith html page with a real HTML parser (Python's html.parser):
the CSP meta comes first after the charset, and nothing active survives:
no script, frame, object, form, link or base element, no on* attribute,
links only to http, https, mailto and tel, images only from data: URLs
(others are reported: the CSP blocks them). Usage: check_html.py PAGE..."""
import sys
from html.parser import HTMLParser

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
BANNED = {"script", "iframe", "frame", "object", "embed", "applet", "form",
          "link", "base", "meta-refresh", "noscript", "template"}
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.errors, self.warnings = [], []
        self.head = []   # tags seen inside <head>, in order
        self.in_head = False
        self.styles = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif self.in_head:
            self.head.append((tag, a))
        if tag in BANNED:
            self.errors.append(f"<{tag}> element")
        if tag == "style":
            self.styles += 1
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
            self.errors.append("meta refresh")
        for k, v in attrs:
            if k.lower().startswith("on"):
                self.errors.append(f"<{tag} {k}=...> event handler")
            v = (v or "").strip().lower()
            if k in ("href", "xlink:href") and v and not v.startswith(LINK_SCHEMES):
                self.errors.append(f"<{tag} {k}={v!r}>")
            if k in ("src", "srcset", "action", "formaction", "poster", "data"):
                if not v.startswith("data:image/"):
                    self.warnings.append(f"<{tag} {k}={v!r}> (blocked by the CSP)")
            if "javascript:" in v or "vbscript:" in v:
                self.errors.append(f"<{tag} {k}={v!r}>")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False


def check(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    c = Checker()
    c.feed(text)
    c.close()
    if not text.startswith("<!DOCTYPE html>"):
        c.errors.append("no <!DOCTYPE html> first")
    h = c.head
    if len(h) < 2 or h[0] != ("meta", {"charset": "utf-8"}) or \
            h[1][0] != "meta" or h[1][1].get("http-equiv") != "Content-Security-Policy" \
            or h[1][1].get("content") != CSP:
        c.errors.append("the CSP meta is not the first element after the charset")
    if c.styles != 1:
        c.errors.append(f"{c.styles} <style> elements, want 1")
    for w in c.warnings:
        print(f"{path}: warning: {w}")
    for e in c.errors:
        print(f"{path}: error: {e}")
    return not c.errors


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: check_html.py PAGE.html...")
    ok = all([check(p) for p in sys.argv[1:]])
    print("ok" if ok else "FAILED")
    sys.exit(0 if ok else 1)
