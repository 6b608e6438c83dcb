#!/usr/bin/env python3
"""Exec adapter for jcx conformance runs: JSON lines on stdin/stdout, HTTP to an implementation.

The harness (jcx conformance run --exec "python3 adapter.py URL") starts this process once
and writes one line per exchange on its standard input:

    {"id": "17", "contentType": "application/xml", "body": "<base64 of the message>"}

The adapter POSTs the decoded body to URL with that Content-Type and answers with one line
on standard output, in whatever order the answers come:

    {"id": "17", "contentType": "application/xml", "body": "<base64 of the response>"}

or, when there is no response message to give back (connection refused, an HTTP status
other than 200, a timeout):

    {"id": "17", "error": "HTTP 415: Unsupported Media Type"}

Closing standard input asks the adapter to exit once the exchanges in progress are
answered. Diagnostics go to standard error. Only the Python 3 standard library is used.
"""

import argparse
import base64
import binascii
import json
import ssl
import sys
import threading
import urllib.error
import urllib.request

# The harness refuses responses larger than this; reading more would only waste memory.
MAX_RESPONSE = 32 << 20


def parse_args(argv):
    p = argparse.ArgumentParser(description="jcx exec adapter: JSON lines to HTTP POST")
    p.add_argument("url", help="the implementation's endpoint, e.g. http://127.0.0.1:8080/")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds per exchange (default 60)")
    p.add_argument("--cafile", help="PEM CAs to verify an HTTPS server with")
    p.add_argument("--cert", help="PEM client certificate for mutual TLS")
    p.add_argument("--key", help="PEM private key of --cert")
    p.add_argument("--workers", type=int, default=8, help="exchanges in flight at once (default 8)")
    return p.parse_args(argv)


class Adapter:
    def __init__(self, args):
        self.url = args.url
        self.timeout = args.timeout
        self.context = None
        if args.url.startswith("https:"):
            self.context = ssl.create_default_context(cafile=args.cafile)
            if args.cert:
                self.context.load_cert_chain(args.cert, args.key)
        self.out_lock = threading.Lock()
        self.slots = threading.BoundedSemaphore(max(1, args.workers))

    def answer(self, obj):
        line = json.dumps(obj, separators=(",", ":"))
        # One write per line under a lock, so concurrent answers never interleave.
        with self.out_lock:
            sys.stdout.write(line + "\n")
            sys.stdout.flush()

    def exchange(self, ident, content_type, body):
        req = urllib.request.Request(self.url, data=body, method="POST",
                                     headers={"Content-Type": content_type})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout, context=self.context) as resp:
                data = resp.read(MAX_RESPONSE + 1)
                if len(data) > MAX_RESPONSE:
                    return {"id": ident, "error": "response larger than %d bytes" % MAX_RESPONSE}
                return {
                    "id": ident,
                    "contentType": resp.headers.get("Content-Type", ""),
                    "body": base64.b64encode(data).decode("ascii"),
                }
        except urllib.error.HTTPError as e:
            # Every message-level outcome is HTTP 200; anything else has no message.
            return {"id": ident, "error": "HTTP %d: %s" % (e.code, e.reason)}
        except Exception as e:  # connection refused, timeout, TLS failure, ...
            return {"id": ident, "error": "%s: %s" % (type(e).__name__, e)}

    def handle(self, line):
        try:
            msg = json.loads(line)
            ident = msg["id"]
        except (ValueError, KeyError, TypeError) as e:
            print("adapter: unreadable line: %s" % e, file=sys.stderr)
            return
        if not isinstance(ident, str):
            print("adapter: id is not a string", file=sys.stderr)
            return
        try:
            body = base64.b64decode(msg.get("body", ""), validate=True)
            content_type = str(msg.get("contentType", ""))
        except (binascii.Error, ValueError) as e:
            self.answer({"id": ident, "error": "body is not base64: %s" % e})
            return
        self.slots.acquire()

        def run():
            try:
                self.answer(self.exchange(ident, content_type, body))
            finally:
                self.slots.release()

        threading.Thread(target=run, daemon=False).start()


def main(argv):
    args = parse_args(argv)
    adapter = Adapter(args)
    for line in sys.stdin:
        line = line.strip()
        if line:
            adapter.handle(line)
    # Non-daemon threads finish their exchanges before the interpreter exits.
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
