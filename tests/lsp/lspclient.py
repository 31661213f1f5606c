"""A small JSON-RPC / LSP client over a child process's stdin and stdout
(Python standard library only), for the scripted sessions in tests/lsp."""

import json
import os
import queue
import subprocess
import threading
import urllib.parse

TIMEOUT = 20


def uri(path):
    return "file://" + urllib.parse.quote(os.path.realpath(path))


def frame(obj_or_bytes):
    body = obj_or_bytes if isinstance(obj_or_bytes, bytes) else \
        json.dumps(obj_or_bytes).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


class Client:
    def __init__(self, argv, cwd=None, env=None):
        self.p = subprocess.Popen(argv, cwd=cwd, env=env,
                                  stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE)
        self.q = queue.Queue()
        self.notes = []          # notifications received, in order
        self.requests = []       # requests of the server, answered null
        self.diags = {}          # uri -> last published diagnostics
        self.next_id = 1
        self.t = threading.Thread(target=self._read, daemon=True)
        self.t.start()

    def _read(self):
        f = self.p.stdout
        while True:
            n = None
            while True:
                line = f.readline()
                if not line:
                    self.q.put(None)
                    return
                line = line.strip()
                if not line:
                    break
                k, _, v = line.partition(b":")
                if k.lower() == b"content-length":
                    n = int(v)
            body = f.read(n)
            self.q.put(json.loads(body))

    def raw(self, data):
        self.p.stdin.write(data)
        self.p.stdin.flush()

    def send(self, msg):
        msg = dict(msg, jsonrpc="2.0")
        self.raw(frame(msg))

    def notify(self, method, params=None):
        self.send({"method": method, "params": params or {}})

    def _take(self):
        m = self.q.get(timeout=TIMEOUT)
        if m is None:
            raise EOFError("the server closed its output")
        if "method" in m and "id" in m:
            self.requests.append(m)
            self.send({"id": m["id"], "result": None})
        elif "method" in m:
            self.notes.append(m)
            if m["method"] == "textDocument/publishDiagnostics":
                self.diags[m["params"]["uri"]] = m["params"]["diagnostics"]
        return m

    def reply_to(self, rid):
        """The response with id rid (notifications are recorded)."""
        while True:
            m = self._take()
            if m.get("id") == rid and "method" not in m:
                return m

    def call(self, method, params=None):
        """The whole response object of a request."""
        rid = self.next_id
        self.next_id += 1
        self.send({"id": rid, "method": method, "params": params or {}})
        return self.reply_to(rid)

    def request(self, method, params=None):
        """The result of a request; an error reply raises."""
        r = self.call(method, params)
        if "error" in r:
            raise RuntimeError("%s: %s" % (method, r["error"]))
        return r["result"]

    def sync(self):
        """Waits until everything sent so far was handled (a request is
        answered after the notifications sent before it)."""
        self.request("workspace/symbol", {"query": "~sync~"})

    def initialize(self, root, capabilities=None):
        r = self.request("initialize", {
            "processId": None, "rootUri": uri(root),
            "capabilities": capabilities or {}})
        self.notify("initialized")
        return r

    def open(self, path, text=None):
        if text is None:
            with open(path, encoding="utf-8") as f:
                text = f.read()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri(path), "languageId": "markdown"
            if path.endswith(".md") else "yaml", "version": 1,
            "text": text}})
        return text

    def close(self):
        try:
            self.request("shutdown")
            self.notify("exit")
        except (EOFError, BrokenPipeError, queue.Empty):
            pass
        try:
            rc = self.p.wait(timeout=TIMEOUT)
        finally:
            self.p.stdin.close()
            self.p.stdout.close()
            self.p.stderr.close()
        return rc
