#!/usr/bin/env python3
"""A tiny servo for troupe's tests: behaviour is chosen by argv (start-up faults) and by the
step text (what each step does). Standard library only.

  echo_servo.py [--framing content-length|ndjson] [--protocol troupe|harmony]
                [--fault NAME] [--record DIR]

Faults (at start-up or shutdown):
  exit-before-health  write to stderr and exit 4 before reading anything
  no-health           read requests but never answer health
  unhealthy           answer health with {"healthy": false, "reason": "disk on fire"}
  stray-stdout        print "hello world" on stdout instead of answering health
  unknown-id          answer health with a wrong id
  ignore-eof          keep running after stdin closes (troupe must SIGTERM it)
  ignore-term         like ignore-eof and also ignore SIGTERM (troupe must SIGKILL it)

Steps (matched anywhere in the step text):
  fails with 'MSG'            success false, error MSG
  fails quietly with log 'MSG' success false, no error, MSG as an ERROR log (Harmony style)
  sets 'K' to 'V'             returns context {K: V}
  expects 'K' to be 'V'       fails unless the received context has K == V
  logs 'MSG'                  returns MSG as a plain log and as a structured DEBUG log
  writes 'MSG' to stderr      writes MSG as a line on stderr
  exits with code 'N'         exits N without replying
  replies then exits with 'N' replies success, then exits N (a crash between steps)
  segfaults                   dies of SIGSEGV without replying
  sleeps 'MS' ms              replies after MS milliseconds
  hangs                       never replies
  writes stray text           writes non-protocol bytes to stdout, never replies
  replies with unknown id     replies with an id troupe never used
  spawns a grandchild         starts `sleep 300` in its process group, records its pid
  spawns an escaped grandchild starts `sleep 300` in a new session holding stdout open,
                              records {"escaped": pid} (the test must kill it)
  signals troupe with 'SIG'   sends SIG (e.g. SIGINT) to its parent, then replies success
  anything else               success

--record DIR appends one JSON line per received message to DIR/<TROUPE_RUN_ID>.<TROUPE_ROLE>.jsonl,
the first line holding the environment, so tests can check what troupe sent.
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import time

import content_length
from content_length import STDIN, write_raw


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--framing", default="content-length", choices=["content-length", "ndjson"])
    parser.add_argument("--protocol", default="troupe", choices=["troupe", "harmony"])
    parser.add_argument("--fault", default="")
    parser.add_argument("--record", default="")
    return parser.parse_args()


ARGS = parse_args()


def record(entry):
    if not ARGS.record:
        return
    name = "%s.%s.jsonl" % (os.environ.get("TROUPE_RUN_ID", "norun"), os.environ.get("TROUPE_ROLE", "norole"))
    with open(os.path.join(ARGS.record, name), "a", encoding="utf-8") as out:
        out.write(json.dumps(entry) + "\n")


def read_message():
    """One request body, or None at EOF."""
    if ARGS.framing == "ndjson":
        while True:
            line = STDIN.readline()
            if not line:
                return None
            if line.strip():
                return json.loads(line)
    return content_length.read_message()


def send(message):
    body = json.dumps(message).encode("utf-8")
    if ARGS.framing == "ndjson":
        write_raw(body + b"\n")
    else:
        write_raw(content_length.frame(body))


def reply(request_id, result):
    send({"jsonrpc": "2.0", "id": request_id, "result": result})


def step_result(success, error=None, context=None, logs=None, data=None):
    if ARGS.protocol == "harmony":
        harmony_logs = [{"Level": 2, "Message": log} if isinstance(log, str) else
                        {"Level": 4 if log.get("level") == "ERROR" else 1, "Message": log["message"],
                         "Timestamp": log.get("timestamp")} for log in (logs or [])]
        return {"Success": success, "Error": error, "Context": context, "Logs": harmony_logs, "Data": data}
    result = {"success": success, "logs": logs or []}
    if error is not None:
        result["error"] = error
    if context is not None:
        result["context"] = context
    if data is not None:
        result["data"] = data
    return result


def step_fields(params):
    """(step text, context) from either dialect."""
    if ARGS.protocol == "harmony":
        body = params[0] if isinstance(params, list) and params else {}
        return body.get("Step", ""), body.get("Context") or {}
    return params.get("step", ""), params.get("context") or {}


def quoted(pattern, text):
    match = re.search(pattern, text)
    return match.groups() if match else None


def execute_step(request_id, params):
    text, context = step_fields(params)
    if m := quoted(r"fails quietly with log '([^']*)'", text):
        reply(request_id, step_result(False, logs=[{"level": "ERROR", "message": m[0]}]))
    elif m := quoted(r"fails with '([^']*)'", text):
        reply(request_id, step_result(False, error=m[0]))
    elif m := quoted(r"sets '([^']*)' to '([^']*)'", text):
        reply(request_id, step_result(True, context={m[0]: m[1]}))
    elif m := quoted(r"expects '([^']*)' to be '([^']*)'", text):
        actual = context.get(m[0])
        if actual == m[1]:
            reply(request_id, step_result(True))
        else:
            reply(request_id, step_result(False, error="expected %s=%r, got %r" % (m[0], m[1], actual)))
    elif m := quoted(r"logs '([^']*)'", text):
        reply(request_id, step_result(True, logs=[m[0], {"timestamp": "2020-01-02T03:04:05.678Z",
                                                          "level": "DEBUG", "message": "structured " + m[0]}]))
    elif m := quoted(r"writes '([^']*)' to stderr", text):
        sys.stderr.write(m[0] + "\n")
        sys.stderr.flush()
        reply(request_id, step_result(True))
    elif m := quoted(r"replies then exits with '(\d+)'", text):
        reply(request_id, step_result(True))
        os._exit(int(m[0]))
    elif m := quoted(r"exits with code '(\d+)'", text):
        sys.stderr.write("exiting with %s\n" % m[0])
        sys.stderr.flush()
        os._exit(int(m[0]))
    elif "segfaults" in text:
        sys.stderr.write("about to crash\n")
        sys.stderr.flush()
        os.kill(os.getpid(), signal.SIGSEGV)
        time.sleep(60)
    elif m := quoted(r"sleeps '(\d+)' ms", text):
        time.sleep(int(m[0]) / 1000.0)
        reply(request_id, step_result(True))
    elif "hangs" in text:
        while True:
            time.sleep(60)
    elif "writes stray text" in text:
        write_raw(b"this is not json-rpc\n")
    elif "replies with unknown id" in text:
        reply(request_id + 1000, step_result(True))
    elif "spawns an escaped grandchild" in text:
        child = subprocess.Popen(["sleep", "300"], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
        record({"escaped": child.pid})
        reply(request_id, step_result(True))
    elif "spawns a grandchild" in text:
        child = subprocess.Popen(["sleep", "300"], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
        record({"grandchild": child.pid})
        reply(request_id, step_result(True, context={"grandchildPid": str(child.pid)}, data={"pid": child.pid}))
    elif m := quoted(r"signals troupe with '(SIG[A-Z]+)'", text):
        reply(request_id, step_result(True))
        os.kill(os.getppid(), getattr(signal, m[0]))
    else:
        reply(request_id, step_result(True, logs=["executed: " + text]))


def main():
    record({"env": dict(os.environ), "pid": os.getpid(), "pgid": os.getpgid(0)})
    if ARGS.fault == "exit-before-health":
        sys.stderr.write("cannot start: missing thing\n")
        sys.stderr.flush()
        sys.exit(4)
    if ARGS.fault == "ignore-term":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if ARGS.fault == "stray-stdout":
        write_raw(b"hello world\n")
    while True:
        message = read_message()
        if message is None:
            break
        record({"method": message.get("method"), "params": message.get("params"), "id": message.get("id")})
        method, request_id, params = message.get("method"), message.get("id"), message.get("params")
        if method == "health":
            if ARGS.fault == "no-health":
                continue
            if ARGS.fault == "unhealthy":
                reply(request_id, {"healthy": False, "reason": "disk on fire"})
            elif ARGS.fault == "unknown-id":
                reply(request_id + 77, True)
            else:
                reply(request_id, True if ARGS.protocol == "harmony" else {"healthy": True})
        elif method == "executeStep":
            execute_step(request_id, params)
        elif method in ("initialize", "cleanup", "shutdown", "discover"):
            reply(request_id, {"steps": []} if method == "discover" else True)
        else:
            send({"jsonrpc": "2.0", "id": request_id, "error": {"code": -32601, "message": "no method " + str(method)}})
    if ARGS.fault in ("ignore-eof", "ignore-term"):
        while True:
            time.sleep(60)


if __name__ == "__main__":
    main()
