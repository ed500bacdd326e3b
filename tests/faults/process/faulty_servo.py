#!/usr/bin/env python3
"""A servo that misbehaves as a process on demand, for troupe's process fault suite.
Content-length framing, standard library only.

  faulty_servo.py [--fault NAME] [--faulty]

Start-up and shutdown faults (--fault, implies --faulty):
  exit-before-health   write a line to stderr and exit 5 before reading anything
  no-health            read requests but never answer health
  health-banana        answer health with "banana"
  health-42            answer health with 42
  health-null          answer health with null
  health-not-json      answer health with a body that is not JSON
  ignore-eof           keep running after shutdown and after stdin closes
  ignore-term          like ignore-eof, and ignore SIGTERM too

Step faults, only with --faulty (without it every step succeeds, so one config can hold a good
and a faulty platform running the same feature):
  crashes with SIGSEGV            dies of SIGSEGV in the middle of the step
  aborts                          dies of SIGABRT (abort()) in the middle of the step
  exits with code 'N'             exits N in the middle of the step
  hangs ignoring SIGTERM          ignores SIGTERM, never replies
  hangs                           never replies
  closes its stdout               closes stdout, keeps running, never replies
  forks an escaped grandchild     starts `sleep 300` in a new session (setsid) holding stdout and
                                  stderr open, then replies
  forks a grandchild              starts `sleep 300` in its own process group holding stdout and
                                  stderr open, then replies
  ... and exits with code 'N'     (after either fork) exits N instead of replying
  starts busy work                starts a thread flooding stderr and a grandchild, then replies
  anything else                   success
"""
import argparse
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time

PARSER = argparse.ArgumentParser()
PARSER.add_argument("--fault", default="")
PARSER.add_argument("--faulty", action="store_true")
ARGS = PARSER.parse_args()
FAULTY = ARGS.faulty or bool(ARGS.fault)
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "servos"))
from content_length import frame, read_message, write_raw  # noqa: E402


def write_frame(body):
    write_raw(frame(body))


def reply(request_id, result):
    write_frame(json.dumps({"jsonrpc": "2.0", "id": request_id, "result": result}).encode())


def sleep_forever():
    while True:
        time.sleep(60)


def stderr_line(text):
    sys.stderr.write(text + "\n")
    sys.stderr.flush()


def fork_sleeper(escaped):
    # stdout and stderr are inherited: the grandchild keeps the servo's pipes open.
    return subprocess.Popen(["sleep", "300"], stdin=subprocess.DEVNULL, start_new_session=escaped)


def flood_stderr():
    line = b"busy " + b"x" * 200 + b"\n"
    while True:
        os.write(2, line)


def execute_step(request_id, text):
    if not FAULTY:
        reply(request_id, {"success": True})
        return
    if "crashes with SIGSEGV" in text:
        stderr_line("about to crash")
        os.kill(os.getpid(), signal.SIGSEGV)
        sleep_forever()
    elif "aborts" in text:
        stderr_line("about to abort")
        os.abort()
    elif "forks" in text and "grandchild" in text:
        child = fork_sleeper(escaped="escaped" in text)
        stderr_line("grandchild %d" % child.pid)
        if m := re.search(r"exits with code '(\d+)'", text):
            os._exit(int(m[1]))
        reply(request_id, {"success": True})
    elif m := re.search(r"exits with code '(\d+)'", text):
        stderr_line("exiting with %s" % m[1])
        os._exit(int(m[1]))
    elif "hangs ignoring SIGTERM" in text:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        sleep_forever()
    elif "hangs" in text:
        sleep_forever()
    elif "closes its stdout" in text:
        os.close(1)
        sleep_forever()
    elif "starts busy work" in text:
        fork_sleeper(escaped=False)
        fork_sleeper(escaped=True)
        threading.Thread(target=flood_stderr, daemon=True).start()
        reply(request_id, {"success": True})
    else:
        reply(request_id, {"success": True})


def answer_health(request_id):
    fault = ARGS.fault
    if fault == "no-health":
        return
    if fault == "health-banana":
        reply(request_id, "banana")
    elif fault == "health-42":
        reply(request_id, 42)
    elif fault == "health-null":
        reply(request_id, None)
    elif fault == "health-not-json":
        write_frame(b"{not json")
    else:
        reply(request_id, True)


def main():
    if ARGS.fault == "exit-before-health":
        stderr_line("cannot start: missing library")
        sys.exit(5)
    if ARGS.fault == "ignore-term":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    while True:
        message = read_message()
        if message is None:
            break
        method, request_id = message.get("method"), message.get("id")
        if method == "health":
            answer_health(request_id)
        elif method == "executeStep":
            execute_step(request_id, message.get("params", {}).get("step", ""))
        else:
            reply(request_id, None if method in ("cleanup", "shutdown") else True)
    if ARGS.fault in ("ignore-eof", "ignore-term"):
        sleep_forever()


if __name__ == "__main__":
    main()
