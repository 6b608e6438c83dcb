#!/usr/bin/env python3
"""An exec adapter for `jcx conformance run --exec`: forwards each message to an HTTP
endpoint and returns its answer. The protocol is in docs/exec-protocol.md.

    jcx conformance run --exec "python3 conformance/adapters/http_forward.py http://127.0.0.1:8080/"

Standard library only. One thread per message, so the harness may run cases in parallel;
a lock keeps answer lines whole.
"""
import base64
import json
import sys
import threading
import urllib.error
import urllib.request

out_lock = threading.Lock()


def answer(url, line):
    try:
        req = json.loads(line)
    except ValueError:
        return  # not a request: nothing to answer
    rid = req.get("id", "")
    try:
        body = base64.b64decode(req["body"])
        http_req = urllib.request.Request(
            url, data=body, method="POST", headers={"Content-Type": req["contentType"]})
        with urllib.request.urlopen(http_req, timeout=60) as resp:
            msg = {"id": rid, "contentType": resp.headers.get("Content-Type", ""),
                   "body": base64.b64encode(resp.read()).decode("ascii")}
    except urllib.error.HTTPError as e:
        msg = {"id": rid, "error": "HTTP status %d" % e.code}
    except Exception as e:  # no answer at all: the harness records the verdict "error"
        msg = {"id": rid, "error": str(e)}
    with out_lock:
        sys.stdout.write(json.dumps(msg) + "\n")
        sys.stdout.flush()


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: http_forward.py URL\n")
        return 2
    url = sys.argv[1]
    threads = []
    for line in sys.stdin:
        t = threading.Thread(target=answer, args=(url, line))
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    return 0


if __name__ == "__main__":
    sys.exit(main())
