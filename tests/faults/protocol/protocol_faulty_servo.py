#!/usr/bin/env python3
"""A servo that breaks the JSON-RPC protocol on demand, for troupe's protocol fault suite.
Standard library only; content-length framing.

  protocol_faulty_servo.py [--fault NAME]

Without --fault it is a well-behaved servo (every step passes). With a fault, the servo misbehaves
at start-up (faults ending in "-before-health") or in reply to the first executeStep whose step
text contains "misbehaves"; every other request is answered normally. The faults:

  stray-before-health    prints "hello world" on stdout before reading anything
  stray-in-step          prints "debug: x=1" on stdout instead of the reply
  invalid-utf8           replies with a body holding the byte 0xff inside a string
  truncated-header-eof   writes "Content-Len" and exits 0
  truncated-header-hang  writes "Content-Len" and hangs
  length-huge            writes "Content-Length: 99999999999" and hangs
  length-negative        writes "Content-Length: -5"
  length-non-numeric     writes "Content-Length: twelve"
  header-no-body-hang    writes "Content-Length: 20" and an empty line, then hangs
  header-no-body-eof     the same, then exits 0
  body-64mb              replies with a valid 64 MiB body (a 'data' string)
  body-20mb              replies with a valid 20 MiB body (accepted when the limit allows it)
  deep-json              replies with a body of 100,000 nested arrays
  wrong-id               replies with id + 1000
  duplicate-reply        replies twice with the same id
  notification           sends {"jsonrpc":"2.0","method":"log","params":...} before the reply
  request                sends a request of its own (id and method) before the reply
  stderr-flood           writes 1 GiB to stderr in 1024-byte lines, then replies success
  success-missing        replies {"logs": []}
  logs-string            replies success with "logs": "oops"
  logs-object            replies success with "logs": {"message": "oops"}
  logs-numbers           replies success with "logs": [1, 2, 3]
  logs-million           replies success with 1,000,000 string logs
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "servos"))
from content_length import STDOUT, frame, read_message, write_raw  # noqa: E402


def send(message):
    write_raw(frame(json.dumps(message).encode("utf-8")))


def reply(request_id, result):
    send({"jsonrpc": "2.0", "id": request_id, "result": result})


def hang():
    # Waits for troupe to kill it; stdin EOF is ignored on purpose.
    while True:
        time.sleep(60)


def write_streamed(parts):
    """Writes one framed message whose body is the concatenation of `parts()` (called twice: once
    to measure, once to write), so this servo never holds a big body: the e2e helper's peak RSS
    figure covers troupe's children too, and must show troupe's own memory."""
    size = sum(len(part) for part in parts())
    STDOUT.write(b"Content-Length: %d\r\n\r\n" % size)
    for part in parts():
        STDOUT.write(part)
    STDOUT.flush()


def write_big_body(request_id, size):
    head = b'{"jsonrpc":"2.0","id":%d,"result":{"success":true,"data":"' % request_id
    tail = b'"}}'
    filler = size - len(head) - len(tail)
    chunk = b"x" * (1 << 20)

    def parts():
        yield head
        for offset in range(0, filler, len(chunk)):
            yield chunk[: min(len(chunk), filler - offset)]
        yield tail

    write_streamed(parts)


def write_many_logs(request_id, count):
    def parts():
        yield b'{"jsonrpc":"2.0","id":%d,"result":{"success":true,"logs":[' % request_id
        for start in range(0, count, 10000):
            entries = ('"line %d"' % i for i in range(start, min(count, start + 10000)))
            yield (b"," if start else b"") + ",".join(entries).encode()
        yield b"]}}"

    write_streamed(parts)


def misbehave(fault, request_id):
    """Breaks the protocol in reply to one executeStep; returns normally only when it replied."""
    if fault == "stray-in-step":
        write_raw(b"debug: x=1\n")
        hang()
    elif fault == "invalid-utf8":
        write_raw(frame(b'{"jsonrpc":"2.0","id":%d,"result":{"success":true,"error":"caf\xff"}}' % request_id))
        hang()
    elif fault == "truncated-header-eof":
        write_raw(b"Content-Len")
        os._exit(0)
    elif fault == "truncated-header-hang":
        write_raw(b"Content-Len")
        hang()
    elif fault == "length-huge":
        write_raw(b"Content-Length: 99999999999\r\n\r\n")
        hang()
    elif fault == "length-negative":
        write_raw(b"Content-Length: -5\r\n\r\n")
        hang()
    elif fault == "length-non-numeric":
        write_raw(b"Content-Length: twelve\r\n\r\n")
        hang()
    elif fault == "header-no-body-hang":
        write_raw(b"Content-Length: 20\r\n\r\n")
        hang()
    elif fault == "header-no-body-eof":
        write_raw(b"Content-Length: 20\r\n\r\n")
        os._exit(0)
    elif fault == "body-64mb":
        write_big_body(request_id, 64 * 1024 * 1024)
        hang()
    elif fault == "body-20mb":
        write_big_body(request_id, 20 * 1024 * 1024)
    elif fault == "deep-json":
        write_raw(frame(b"[" * 100000 + b"]" * 100000))
        hang()
    elif fault == "wrong-id":
        reply(request_id + 1000, {"success": True})
        hang()
    elif fault == "duplicate-reply":
        reply(request_id, {"success": True})
        reply(request_id, {"success": True})
    elif fault == "notification":
        send({"jsonrpc": "2.0", "method": "log", "params": {"message": "hello"}})
        reply(request_id, {"success": True})
    elif fault == "request":
        send({"jsonrpc": "2.0", "id": 1, "method": "getConfig", "params": {}})
        reply(request_id, {"success": True})
    elif fault == "stderr-flood":
        line = b"e" * 1023 + b"\n"
        chunk = line * 1024
        err = sys.stderr.buffer
        for _ in range(1024):
            err.write(chunk)
        err.flush()
        reply(request_id, {"success": True})
    elif fault == "success-missing":
        reply(request_id, {"logs": []})
    elif fault == "logs-string":
        reply(request_id, {"success": True, "logs": "oops"})
    elif fault == "logs-object":
        reply(request_id, {"success": True, "logs": {"message": "oops"}})
    elif fault == "logs-numbers":
        reply(request_id, {"success": True, "logs": [1, 2, 3]})
    elif fault == "logs-million":
        write_many_logs(request_id, 1000000)
    else:
        sys.stderr.write("unknown fault %s\n" % fault)
        os._exit(5)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fault", default="")
    fault = parser.parse_args().fault
    if fault == "stray-before-health":
        write_raw(b"hello world\n")
    while True:
        message = read_message()
        if message is None:
            return
        method, request_id, params = message.get("method"), message.get("id"), message.get("params") or {}
        if method == "executeStep" and fault and "misbehaves" in params.get("step", ""):
            misbehave(fault, request_id)
        elif method == "executeStep":
            reply(request_id, {"success": True})
        elif method == "health":
            reply(request_id, True)
        else:
            reply(request_id, True)


if __name__ == "__main__":
    main()
