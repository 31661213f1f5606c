"""Scripted JSON-RPC sessions against `kith lsp`, each with the replies it
expects: every capability, unsaved overlays, a fix clearing its
diagnostic, rename across files, malformed input and the lifecycle.

usage: python3 tests/lsp/run.py path/to/kith
Each session works on a fresh copy of tests/lsp/journal in a temporary
folder; nothing is written into the checkout."""

import json
import os
import shutil
import sys
import tempfile
import traceback
import urllib.parse

import lspclient as L

HERE = os.path.dirname(os.path.abspath(__file__))
KITH = os.path.abspath(sys.argv[1])
AS_OF = "2026-11-22"
SESSIONS = []


def session(f):
    SESSIONS.append(f)
    return f


class Env:
    """A temp copy of the journal and a server started on it."""

    def __init__(self, init=True):
        self.dir = tempfile.mkdtemp(prefix="kith-lsp.")
        shutil.copytree(os.path.join(HERE, "journal"), self.dir,
                        dirs_exist_ok=True)
        self.c = L.Client([KITH, "--as-of", AS_OF, "lsp"], cwd=self.dir)
        if init:
            self.caps = self.c.initialize(self.dir)["capabilities"]

    def path(self, rel):
        return os.path.join(self.dir, rel)

    def uri(self, rel):
        return L.uri(self.path(rel))

    def read(self, rel):
        with open(self.path(rel), encoding="utf-8") as f:
            return f.read()

    def at(self, rel, line, ch, **extra):
        return dict({"textDocument": {"uri": self.uri(rel)},
                     "position": {"line": line, "character": ch}}, **extra)

    def doc(self, rel, **extra):
        return dict({"textDocument": {"uri": self.uri(rel)}}, **extra)

    def change(self, rel, version, changes):
        self.c.notify("textDocument/didChange", {
            "textDocument": {"uri": self.uri(rel), "version": version},
            "contentChanges": changes})

    def done(self):
        try:
            return self.c.close()
        finally:
            shutil.rmtree(self.dir)


def rng(l0, c0, l1, c1):
    return {"start": {"line": l0, "character": c0},
            "end": {"line": l1, "character": c1}}


def apply_edits(text, edits):
    """Applies LSP TextEdits (UTF-16 positions) to text."""
    lines = text.split("\n")

    def off(p):
        before = sum(len(x) + 1 for x in lines[:p["line"]])
        line = lines[p["line"]] if p["line"] < len(lines) else ""
        u16 = line.encode("utf-16-le")[:2 * p["character"]]
        return before + len(u16.decode("utf-16-le"))
    for e in sorted(edits, key=lambda e: (e["range"]["start"]["line"],
                                          e["range"]["start"]["character"]),
                    reverse=True):
        a, b = off(e["range"]["start"]), off(e["range"]["end"])
        text = text[:a] + e["newText"] + text[b:]
    return text


def eq(got, want, what=""):
    if got != want:
        raise AssertionError("%s\n  got:  %r\n  want: %r" % (what, got, want))


def has(got, want, what=""):
    if want not in got:
        raise AssertionError("%s\n  %r not in %r" % (what, want, got))


MD = "journal/2026-11.md"


# ---- lifecycle and malformed input ----

@session
def lifecycle():
    e = Env(init=False)
    c = e.c
    r = c.call("textDocument/hover", e.at(MD, 0, 0))
    eq(r["error"]["code"], -32002, "request before initialize")
    caps = c.initialize(e.dir)["capabilities"]
    for k in ("hoverProvider", "definitionProvider", "referencesProvider",
              "documentSymbolProvider", "workspaceSymbolProvider",
              "foldingRangeProvider", "documentFormattingProvider",
              "inlayHintProvider"):
        eq(caps[k], True, k)
    eq(caps["positionEncoding"], "utf-16")
    eq(caps["renameProvider"], {"prepareProvider": True})
    eq(caps["textDocumentSync"]["change"], 2, "incremental sync")
    has(caps["completionProvider"]["triggerCharacters"], "@")
    eq(c.call("initialize", {"capabilities": {}})["error"]["code"], -32600,
       "second initialize")
    eq(c.request("shutdown"), None, "shutdown")
    eq(c.call("textDocument/hover", e.at(MD, 0, 0))["error"]["code"],
       -32600, "request after shutdown")
    c.notify("exit")
    eq(c.p.wait(timeout=10), 0, "exit after shutdown")
    shutil.rmtree(e.dir)


@session
def exit_without_shutdown():
    e = Env()
    e.c.notify("exit")
    eq(e.c.p.wait(timeout=10), 1, "exit without shutdown")
    shutil.rmtree(e.dir)


@session
def malformed_input():
    e = Env()
    c = e.c
    c.raw(b"Content-Length: 9\r\n\r\n{\"id\": 1,")
    r = c.reply_to(None)
    eq(r["error"]["code"], -32700, "malformed JSON")
    c.raw(L.frame(b"[1, 2]"))
    eq(c.reply_to(None)["error"]["code"], -32600, "not an object")
    c.raw(L.frame({"jsonrpc": "2.0", "id": 7}))
    eq(c.reply_to(7)["error"]["code"], -32600, "no method")
    c.raw(L.frame({"jsonrpc": "2.0", "id": 8, "method": 42}))
    eq(c.reply_to(8)["error"]["code"], -32600, "method not a string")
    c.raw(L.frame({"jsonrpc": "2.0", "id": {"x": 1}, "method": "shutdown"}))
    eq(c.reply_to(None)["error"]["code"], -32600, "id not a number/string")
    c.raw(b"Content-Type: nothing\r\n\r\n")
    eq(c.reply_to(None)["error"]["code"], -32700, "header without length")
    c.notify("$/unknownNotification", {})
    c.notify("textDocument/didOpen", {"textDocument": 5})
    eq(c.call("kith/unknown", {})["error"]["code"], -32601,
       "unknown method")
    eq(c.call("textDocument/hover", {"textDocument": {}})["error"]["code"],
       -32602, "invalid params")
    eq(c.call("textDocument/hover", [])["error"]["code"], -32602,
       "params not an object")
    # a request cancelled while it waits in the queue is not answered
    # with a result
    c.raw(L.frame({"jsonrpc": "2.0", "id": 50, "method":
                   "workspace/symbol", "params": {"query": ""}}) +
          L.frame({"jsonrpc": "2.0", "method": "$/cancelRequest",
                   "params": {"id": 50}}))
    eq(c.reply_to(50)["error"]["code"], -32800, "cancelled")
    # still serving after all that
    eq(len(c.request("workspace/symbol", {"query": "Alice Chen"})), 1,
       "still alive")
    eq(e.done(), 0)


# ---- diagnostics and overlays ----

@session
def typo_diagnostic_and_fix():
    e = Env()
    c = e.c
    on_disk = e.read(MD)
    text = on_disk.replace("Talked with 😀 @ines about @bob.",
                           "Talked with 😀 @ines about @bbo.")
    c.open(e.path(MD), text)
    c.sync()
    d = c.diags[e.uri(MD)]
    eq(len(d), 1, "one diagnostic")
    d = d[0]
    eq(d["code"], "unknown-contact")
    eq(d["severity"], 1)
    eq(d["source"], "kith")
    # UTF-16: the emoji counts two units, 'ê' one
    eq(d["range"], rng(5, 27, 5, 31), "range in UTF-16 columns")
    has(d["message"], "did you mean '@bob'")
    rel = d["relatedInformation"][0]["location"]
    eq(rel["uri"], e.uri("contacts.yaml"), "related: the contact")
    eq(rel["range"]["start"]["line"], 7, "related: bob's line")
    # the fix, typed as an incremental change, clears it
    e.change(MD, 2, [{"range": rng(5, 28, 5, 31), "text": "bob"}])
    c.sync()
    eq(c.diags[e.uri(MD)], [], "fixed: cleared")
    eq(e.read(MD), on_disk, "the file on disk is untouched")
    eq(e.done(), 0)


@session
def overlay_across_files():
    e = Env()
    c = e.c
    yml = e.read("contacts.yaml")
    c.open(e.path("contacts.yaml"), yml.replace("  bob:\n", "  robert:\n"))
    c.sync()
    # the unsaved contacts buffer breaks the Markdown file, not open
    md = c.diags.get(e.uri(MD), [])
    eq(sorted(set((x["code"], x["range"]["start"]["line"]) for x in md)),
       [("unknown-contact", 5), ("unknown-contact", 8),
        ("unknown-contact", 12)], "mentions of @bob in the journal")
    # the editor drops the change: the disk is the truth again
    c.notify("textDocument/didClose", e.doc("contacts.yaml"))
    c.sync()
    eq(c.diags[e.uri(MD)], [], "cleared after close")
    eq(e.done(), 0)


@session
def files_changed_outside_the_editor():
    e = Env(init=False)
    c = e.c
    c.initialize(e.dir, {"workspace": {"didChangeWatchedFiles": {
        "dynamicRegistration": True}}})
    c.sync()
    eq([r["method"] for r in c.requests], ["client/registerCapability"])
    reg = c.requests[0]["params"]["registrations"][0]
    eq(reg["method"], "workspace/didChangeWatchedFiles")
    has([w["globPattern"] for w in reg["registerOptions"]["watchers"]],
        "**/*.md")
    # a file nobody opened changes on disk (git checkout, kith add...)
    with open(e.path(MD), "a", encoding="utf-8") as f:
        f.write("\n## 2026-11-22 Call with @nobody #call\n")
    c.notify("workspace/didChangeWatchedFiles", {"changes": [
        {"uri": e.uri(MD), "type": 2}]})
    c.sync()
    eq([d["code"] for d in c.diags[e.uri(MD)]], ["unknown-contact"])
    eq(e.done(), 0)


@session
def related_include_chain():
    e = Env()
    c = e.c
    os.mkdir(e.path("sub"))
    with open(e.path("sub/a.yaml"), "w") as f:
        f.write("include: [b.yaml]\n")
    with open(e.path("sub/b.yaml"), "w") as f:
        f.write("include: [a.yaml]\n")
    k = e.read("kith.yaml")
    c.open(e.path("kith.yaml"), k.replace('  - "journal/*.md"\n',
                                          '  - "journal/*.md"\n'
                                          '  - sub/a.yaml\n'))
    c.sync()
    d = c.diags[e.uri("sub/b.yaml")]
    eq([x["code"] for x in d], ["include-cycle"])
    rel = [(r["location"]["uri"].rsplit("/", 1)[1],
            r["location"]["range"]["start"]["line"])
           for r in d[0]["relatedInformation"]]
    eq(rel, [("a.yaml", 0), ("kith.yaml", 8)], "the include chain")
    eq(e.done(), 0)


@session
def related_first_definition():
    e = Env()
    c = e.c
    g = e.read("goals.yaml")
    c.open(e.path("goals.yaml"), g.replace("events:\n",
           "events:\n  grow-meetup:\n    title: x\n    date: 2026-01-01\n"
           "    status: idea\n").replace("  meetup:", "  grow-meetup2:"))
    c.open(e.path("contacts.yaml"), e.read("contacts.yaml") +
           "  alice:\n    name: Alice Again\n")
    c.sync()
    d = [x for x in c.diags[e.uri("contacts.yaml")]
         if x["code"] == "duplicate-key" or x["code"] == "duplicate-id"]
    eq(len(d) >= 1, True, "duplicate reported")
    locs = [r["location"] for r in d[0].get("relatedInformation", [])]
    eq(bool(locs), True, "related location of the first definition")
    eq(locs[0]["range"]["start"]["line"], 1, "first alice")
    eq(e.done(), 0)


# ---- completion ----

def labels(res):
    return [i["label"] for i in res["items"]]


@session
def completion():
    e = Env()
    c = e.c
    text = e.read(MD).replace("## 2026-11-20 Meetup with @bob #event",
                              "## 2026-11-20 Meetup with @ #ev")
    c.open(e.path(MD), text)
    c.sync()
    r = c.request("textDocument/completion", e.at(MD, 12, 27))
    eq(labels(r), ["@alice", "@bob", "@ines"], "handles after @")
    alice = r["items"][0]
    eq(alice["detail"], "Alice Chen, Acme Robotics")
    has(alice["documentation"]["value"], "last touch: 2026-11-05")
    eq(alice["textEdit"]["range"], rng(12, 26, 12, 27))
    r = c.request("textDocument/completion", e.at(MD, 12, 31))
    has(labels(r), "#event")
    has(labels(r), "#coffee")
    # goal ids in the metadata block, due: values in a task
    r = c.request("textDocument/completion", e.at(MD, 3, 8))
    eq(labels(r), ["grow", "mentoring"], "goals: [")
    r = c.request("textDocument/completion", e.at(MD, 13, 7))
    eq(labels(r), ["meetup"], "event: ")
    r = c.request("textDocument/completion", e.at(MD, 7, 39))
    has(labels(r), "+1w")
    has(labels(r), AS_OF)
    # YAML: roles, the keys of a contact, enumerated values
    y = e.read("contacts.yaml")
    c.open(e.path("contacts.yaml"), y + "  dana:\n    roles: [\n    \n")
    c.sync()
    n = y.count("\n")
    r = c.request("textDocument/completion",
                  e.at("contacts.yaml", n + 1, 12))
    eq(labels(r), ["mentor", "key", "peer", "prospect"], "roles")
    r = c.request("textDocument/completion",
                  e.at("contacts.yaml", n + 2, 4))
    has(labels(r), "cadence")
    has(labels(r), "birthday")
    eq("measure" in labels(r), False, "only a contact's keys")
    eq("roles" in labels(r), False, "not a key the contact has")
    g = e.read("goals.yaml").replace("    status: attended",
                                     "    status: ").replace(
        "        due: 2026-11-30\n", "        due: 2026-11-30\n        \n")
    c.open(e.path("goals.yaml"), g)
    c.sync()
    r = c.request("textDocument/completion", e.at("goals.yaml", 14, 8))
    eq(labels(r), ["done"], "an action's keys, less do: and due:")
    r = c.request("textDocument/completion", e.at("goals.yaml", 20, 12))
    eq(labels(r), ["idea", "planned", "registered", "attended", "skipped"])
    r = c.request("textDocument/completion", e.at("goals.yaml", 7, 17))
    has(labels(r), "new-contacts")
    eq(e.done(), 0)


@session
def completion_metadata_keys():
    e = Env()
    c = e.c
    c.open(e.path(MD), e.read(MD).replace("goals: [grow]\n",
                                          "goals: [grow]\nev\n"))
    r = c.request("textDocument/completion", e.at(MD, 4, 2))
    eq(labels(r)[:5], ["kind", "with", "event", "tags", "time"],
       "the metadata keys not given yet")
    eq(r["items"][2]["textEdit"], {"range": rng(4, 0, 4, 2),
                                   "newText": "event: "})
    eq(e.done(), 0)


# ---- hover, definition, references ----

@session
def hover():
    e = Env()
    c = e.c
    c.open(e.path(MD))
    h = c.request("textDocument/hover", e.at(MD, 2, 27))
    v = h["contents"]["value"]
    has(v, "**@alice** — Alice Chen, Acme Robotics")
    has(v, "roles: mentor")
    has(v, "cadence: 4w..6w (mentor)")
    has(v, "last touch: 2026-11-05 (17 days ago)")
    has(v, "next due: 2026-12-03 (in 11 days)")
    has(v, "Send the RFC draft to @alice: overdue 17 days")
    eq(h["range"], rng(2, 26, 2, 32))
    v = c.request("textDocument/hover", e.at(MD, 3, 9))["contents"]["value"]
    has(v, "| coffees | 2026-11-01..2026-11-30 | 2 | 2 | 1.5 | met |")
    # a rate as every command prints it: a whole percent, no pace
    v = c.request("textDocument/hover",
                  e.at("more.yaml", 2, 4))["contents"]["value"]
    has(v, "| on-time | 2026-11-01..2026-11-30 | 50% | 80% | - | behind |")
    v = c.request("textDocument/hover", e.at(MD, 7, 4))["contents"]["value"]
    eq(v, "Task: overdue 17 days (due 2026-11-05)")
    v = c.request("textDocument/hover", e.at(MD, 8, 4))["contents"]["value"]
    eq(v, "Task: open, due in 5 days (2026-11-27)")
    v = c.request("textDocument/hover", e.at(MD, 2, 6))["contents"]["value"]
    eq(v, "Tuesday, 2026-11-03 (19 days ago)")
    v = c.request("textDocument/hover", e.at(MD, 13, 9))["contents"]["value"]
    has(v, "**meetup** — Platform meetup")
    eq(c.request("textDocument/hover", e.at(MD, 0, 3)), None, "nothing")
    eq(e.done(), 0)


@session
def definition_and_references():
    e = Env()
    c = e.c
    c.open(e.path(MD))
    d = c.request("textDocument/definition", e.at(MD, 5, 29))
    eq(d, {"uri": e.uri("contacts.yaml"), "range": rng(7, 2, 7, 5)},
       "@bob after an emoji")
    d = c.request("textDocument/definition", e.at(MD, 3, 9))
    eq(d, {"uri": e.uri("goals.yaml"), "range": rng(1, 2, 1, 6)}, "goal")
    d = c.request("textDocument/definition", e.at(MD, 13, 8))
    eq(d, {"uri": e.uri("goals.yaml"), "range": rng(16, 2, 16, 8)},
       "event")
    refs = c.request("textDocument/references",
                     e.at(MD, 2, 28, context={"includeDeclaration": True}))
    where = sorted((r["uri"].rsplit("/", 1)[1], r["range"]["start"]["line"])
                   for r in refs)
    eq(where, [("2026-11.md", 2), ("2026-11.md", 7), ("2026-11.md", 10),
               ("contacts.yaml", 1), ("contacts.yaml", 10),
               ("goals.yaml", 12), ("more.yaml", 8)],
       "every mention of alice (a query's with: too)")
    refs = c.request("textDocument/references",
                     e.at(MD, 2, 28, context={"includeDeclaration": False}))
    eq(len(refs), 6, "without the declaration")
    eq(e.done(), 0)


# ---- rename ----

@session
def rename_across_files():
    e = Env()
    c = e.c
    c.open(e.path(MD))
    p = c.request("textDocument/prepareRename", e.at(MD, 2, 28))
    eq(p, {"range": rng(2, 27, 2, 32), "placeholder": "alice"})
    ws = c.request("textDocument/rename", e.at(MD, 2, 28, newName="alicia"))
    ch = ws["changes"]
    eq(sorted(u.rsplit("/", 1)[1] for u in ch),
       ["2026-11.md", "contacts.yaml", "goals.yaml", "more.yaml"])
    for rel in ("contacts.yaml", "goals.yaml", "more.yaml", MD):
        new = apply_edits(e.read(rel), ch[e.uri(rel)])
        with open(e.path(rel), "w", encoding="utf-8") as f:
            f.write(new)
    eq("alice" in e.read(MD), False, "no alice left")
    has(e.read("contacts.yaml"), "  alicia:\n")
    has(e.read("contacts.yaml"), "via: alicia")
    has(e.read("goals.yaml"), "Ask @alicia for")
    has(e.read("more.yaml"), "where: with:alicia or goal:grow")
    # the renamed journal still checks clean
    c.notify("workspace/didChangeWatchedFiles", {"changes": []})
    c.notify("textDocument/didClose", e.doc(MD))
    c.sync()
    eq(all(not v for v in c.diags.values()), True, "clean after rename")
    # collisions and bad names are refused
    c.open(e.path(MD))
    r = c.call("textDocument/rename", e.at(MD, 2, 28, newName="bob"))
    eq(r["error"]["code"], -32803)
    has(r["error"]["message"], "already names a contact")
    r = c.call("textDocument/rename", e.at(MD, 2, 28, newName="Bad Name"))
    eq(r["error"]["code"], -32803)
    r = c.call("textDocument/rename", e.at(MD, 3, 9, newName="grow-more"))
    eq(sorted(u.rsplit("/", 1)[1] for u in r["result"]["changes"]),
       ["2026-11.md", "goals.yaml", "more.yaml"],
       "a goal id: key, uses and query terms")
    eq(e.done(), 0)


# ---- symbols, folding, formatting ----

@session
def symbols_and_folding():
    e = Env()
    c = e.c
    c.open(e.path(MD))
    s = c.request("textDocument/documentSymbol", e.doc(MD))
    eq([x["name"] for x in s], [
        "2026-11-03 Coffee with @alice #coffee",
        "2026-11-05 Thank-you note to @alice #thank-you",
        "2026-11-20 Meetup with @bob #event",
        "2026-11-21 Coffee with @ines #coffee"])
    eq(s[0]["range"], rng(2, 0, 8, 41), "the whole entry")
    eq(s[0]["selectionRange"], rng(2, 0, 2, 40), "the heading to its title's end")
    s = c.request("textDocument/documentSymbol", e.doc("contacts.yaml"))
    eq([x["name"] for x in s], ["alice", "bob", "ines"])
    w = c.request("workspace/symbol", {"query": "inês"})
    eq([(x["name"], x["containerName"]) for x in w], [("ines", "contacts")])
    w = c.request("workspace/symbol", {"query": "meetup"})
    eq(sorted(x["name"] for x in w),
       ["2026-11-20 Meetup with @bob #event", "meetup"])
    f = c.request("textDocument/foldingRange", e.doc(MD))
    eq([(x["startLine"], x["endLine"]) for x in f], [(2, 8), (12, 13), (15, 17)])
    eq(e.done(), 0)


@session
def done_task_symbol():
    e = Env()
    c = e.c
    with open(e.path(MD), "a", encoding="utf-8") as f:
        f.write("\n- [x] Call back @alice #call done:2026-11-22\n")
    c.open(e.path(MD))
    s = c.request("textDocument/documentSymbol", e.doc(MD))
    t = [x for x in s if x["name"] == "2026-11-22 Call back @alice #call"]
    eq(len(t), 1, "a done task with a #kind is an interaction")
    eq(t[0]["selectionRange"], rng(19, 0, 19, 28), "the task to its text's end")
    eq(e.done(), 0)


@session
def formatting():
    e = Env()
    c = e.c
    messy = e.read(MD).replace("## 2026-11-05 Thank-you",
                               "\n\n##   2026-11-05   Thank-you") + "   \n\n"
    c.open(e.path(MD), messy)
    edits = c.request("textDocument/formatting",
                      e.doc(MD, options={"tabSize": 8,
                                         "insertSpaces": False}))
    eq(len(edits) >= 1, True, "edits")
    eq(apply_edits(messy, edits), e.read(MD), "kith fmt's layout")
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": e.uri(MD), "version": 2},
        "contentChanges": [{"text": e.read(MD)}]})
    eq(c.request("textDocument/formatting", e.doc(MD, options={})), [],
       "nothing to do")
    eq(e.done(), 0)


# ---- code actions, inlay hints ----

@session
def code_actions():
    e = Env()
    c = e.c
    text = e.read(MD).replace("Coffee with @alice", "Coffee with @alcie")
    c.open(e.path(MD), text)
    c.sync()
    a = c.request("textDocument/codeAction",
                  e.doc(MD, range=rng(2, 28, 2, 28),
                        context={"diagnostics": c.diags[e.uri(MD)]}))
    fixes = [x for x in a if x["title"] == "Change to '@alice'"]
    eq(len(fixes), 1, "did-you-mean")
    eq(fixes[0]["kind"], "quickfix")
    new = apply_edits(text, fixes[0]["edit"]["changes"][e.uri(MD)])
    eq(new, e.read(MD), "the fix restores the handle")
    # in YAML the handle is written without '@'
    y = e.read("contacts.yaml").replace("via: alice", "via: alcie")
    c.open(e.path("contacts.yaml"), y)
    c.sync()
    a = c.request("textDocument/codeAction",
                  e.doc("contacts.yaml", range=rng(10, 10, 10, 10),
                        context={"diagnostics": []}))
    eq([x["title"] for x in a], ["Change to 'alice'"])
    eq(e.done(), 0)


def only_edit(action, uri):
    dc = action["edit"]["documentChanges"]
    eq(len(dc), 1, "one document")
    eq(dc[0]["textDocument"]["uri"], uri)
    return dc[0]["edits"]


@session
def close_task_and_log_thank_you():
    e = Env()
    c = e.c
    text = c.open(e.path(MD))
    a = c.request("textDocument/codeAction",
                  e.doc(MD, range=rng(7, 3, 7, 3), context={"diagnostics": []}))
    eq([x["title"] for x in a], ["Mark done: Send the RFC draft to @alice"])
    text = apply_edits(text, only_edit(a[0], e.uri(MD)))
    has(text, "- [x] Send the RFC draft to @alice due:+2d done:2026-11-22\n")
    # the owed thank-you, from anywhere in the entry that owes it
    a = c.request("textDocument/codeAction",
                  e.doc(MD, range=rng(17, 0, 17, 0), context={"diagnostics": []}))
    eq([x["title"] for x in a], ["Log the thank-you to @ines"])
    text = apply_edits(text, only_edit(a[0], e.uri(MD)))
    eq(text.endswith("Quillpay.\n\n## 2026-11-22 Thank-you note to @ines "
                     "#thank-you\n"), True, "the new entry at the end")
    c.notify("textDocument/didChange", {
        "textDocument": {"uri": e.uri(MD), "version": 2},
        "contentChanges": [{"text": text}]})
    # both items are closed: nothing left to offer, nothing wrong
    for line in (7, 17):
        a = c.request("textDocument/codeAction",
                      e.doc(MD, range=rng(line, 0, line, 0),
                            context={"diagnostics": []}))
        eq(a, [], "closed")
    eq(c.diags.get(e.uri(MD), []), [], "clean")
    eq(c.request("textDocument/hover", e.at(MD, 7, 3))["contents"]["value"],
       "Task: done 2026-11-22, 17 days late")
    # a goal action in YAML gets a done: key
    g = c.open(e.path("goals.yaml"))
    a = c.request("textDocument/codeAction",
                  e.doc("goals.yaml", range=rng(12, 8, 12, 8),
                        context={"diagnostics": []}))
    eq([x["title"] for x in a], ["Mark done: Ask @alice for an intro"])
    g = apply_edits(g, only_edit(a[0], e.uri("goals.yaml")))
    has(g, "        due: 2026-11-30\n        done: 2026-11-22\n")
    eq(e.done(), 0)


@session
def inlay_hints():
    e = Env()
    c = e.c
    c.open(e.path(MD))
    h = c.request("textDocument/inlayHint", e.doc(MD, range=rng(0, 0, 20, 0)))
    eq([(x["position"]["line"], x["position"]["character"], x["label"])
        for x in h], [(7, 42, "overdue 17d"), (8, 41, "in 5d")])
    h = c.request("textDocument/inlayHint",
                  e.doc("goals.yaml", range=rng(0, 0, 30, 0)))
    eq([(x["position"]["line"], x["label"]) for x in h], [(13, "in 8d")])
    h = c.request("textDocument/inlayHint", e.doc(MD, range=rng(0, 0, 7, 0)))
    eq(len(h), 0, "only the range asked for")
    eq(e.done(), 0)


# ---- re-checks parse only what changed ----

def published(c, top):
    """The diagnostics a client holds, by path relative to top (the
    empty lists of cleared files left out), reduced to what an editor
    shows."""
    out = {}
    here = L.uri(top) + "/"
    for u, ds in c.diags.items():
        if not ds:
            continue
        rel = os.path.relpath(urllib.parse.unquote(u[len("file://"):]),
                              os.path.realpath(top))
        out[rel] = sorted((d["range"]["start"]["line"],
                           d["range"]["start"]["character"],
                           d["range"]["end"]["line"],
                           d["range"]["end"]["character"], d["code"],
                           d["severity"], d["message"],
                           json.dumps(d.get("relatedInformation"),
                                      sort_keys=True).replace(here, ""))
                          for d in ds)
    return out


def fresh_diagnostics(texts):
    """What a server started afresh on files holding texts publishes."""
    top = tempfile.mkdtemp(prefix="kith-lsp-fresh.")
    try:
        for rel, text in texts.items():
            os.makedirs(os.path.dirname(os.path.join(top, rel)),
                        exist_ok=True)
            with open(os.path.join(top, rel), "w", encoding="utf-8") as f:
                f.write(text)
        c = L.Client([KITH, "--as-of", AS_OF, "lsp"], cwd=top)
        c.initialize(top)
        c.sync()
        got = published(c, top)
        c.close()
        return got
    finally:
        shutil.rmtree(top)


@session
def recheck_parses_only_the_changed_file():
    e = Env()
    c = e.c
    texts = {}
    c.sync()
    st = c.request("kith/stats")
    eq((st["files"], st["parsed"], st["kept"]), (5, 5, 5),
       "the first check parses all")
    has(st, "checkMs")
    has(st, "checkCpuMs")
    for rel in ("kith.yaml", "contacts.yaml", "goals.yaml", "more.yaml",
                MD):
        texts[rel] = c.open(e.path(rel))
    c.sync()
    eq(c.request("kith/stats")["parsed"], 0,
       "files opened as they are on disk: nothing parsed again")

    def edit(rel, old, new, parsed, what):
        assert old in texts[rel], (rel, old)
        texts[rel] = texts[rel].replace(old, new, 1)
        c.notify("textDocument/didChange", {
            "textDocument": {"uri": e.uri(rel), "version": 2},
            "contentChanges": [{"text": texts[rel]}]})
        c.sync()
        st = c.request("kith/stats")
        eq(st["parsed"], parsed, what + ": files parsed again")
        eq(published(c, e.dir), fresh_diagnostics(texts),
           what + ": the diagnostics of a fresh server")

    edit(MD, "about @bob.", "about @bbo.", 1, "a typo in the month")
    edit("contacts.yaml", "  bob:", "  robert:", 1,
         "a contact used elsewhere renamed")
    edit("goals.yaml", "    title: Grow", "    title: [Grow", 1,
         "YAML broken")
    edit("goals.yaml", "    title: [Grow", "    title: Grow", 1,
         "YAML fixed")
    edit("kith.yaml", "  - more.yaml\n", "", 2,
         "an include removed (the month moves up the file table)")
    edit("kith.yaml", "  - \"journal/*.md\"\n",
         "  - \"journal/*.md\"\n  - more.yaml\n", 2,
         "the include back, last")
    edit("contacts.yaml", "  robert:", "  bob:", 1, "the contact back")
    eq(e.done(), 0)


def main():
    passed = failed = 0
    only = sys.argv[2:]
    for s in SESSIONS:
        if only and s.__name__ not in only:
            continue
        try:
            s()
            passed += 1
        except Exception:
            failed += 1
            print("FAIL %s" % s.__name__)
            traceback.print_exc()
    print("lsp: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
