#!/usr/bin/env python3
"""A servo for the runner-signal tests: it tells the test what it is doing through a beacon FIFO,
so that the test can signal troupe at an exact moment. Standard library only.

  signal_servo.py [--hold-health] [--hold-shutdown] [--ignore-term]

The FIFO is named by $SIGNAL_BEACON (opened by the test for reading and writing, so a write never
blocks on a missing reader); each beacon is one line "<event> <role> <pid>".

  --hold-health    beacon "health", then never answer it
  --hold-shutdown  beacon "shutdown", then never answer it and stay after stdin EOF
  --ignore-term    ignore SIGTERM (troupe must SIGKILL it)

Steps (matched anywhere in the step text):
  hangs                         beacon "hangs", never reply
  sleeps 'MS' ms                reply after MS milliseconds
  spawns an escaped grandchild  start `sleep 20` in a new session holding stdout open, beacon
                                "grandchild <role> <pid of the sleep>", reply success
  anything else                 reply success
At stdin EOF: beacon "exit", then exit 0.
"""
import json
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "servos"))
from content_length import frame, read_message, write_raw  # noqa: E402
FLAGS = set(sys.argv[1:])
ROLE = os.environ.get("TROUPE_ROLE", "norole")


def beacon(event, pid=None):
    line = "%s %s %d\n" % (event, ROLE, pid if pid is not None else os.getpid())
    fd = os.open(os.environ["SIGNAL_BEACON"], os.O_WRONLY | os.O_NONBLOCK)
    try:
        os.write(fd, line.encode())
    finally:
        os.close(fd)


def reply(request_id, result):
    body = json.dumps({"jsonrpc": "2.0", "id": request_id, "result": result}).encode()
    write_raw(frame(body))


def forever():
    while True:
        time.sleep(60)


def execute_step(request_id, text):
    if "hangs" in text:
        beacon("hangs")
        forever()
    if "sleeps '" in text:
        time.sleep(int(text.split("sleeps '")[1].split("'")[0]) / 1000.0)
    elif "spawns an escaped grandchild" in text:
        child = subprocess.Popen(["sleep", "20"], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 start_new_session=True)
        beacon("grandchild", child.pid)
    reply(request_id, {"success": True, "logs": []})


def main():
    if "--ignore-term" in FLAGS:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    beacon("spawned")
    while True:
        message = read_message()
        if message is None:
            break
        method, request_id = message.get("method"), message.get("id")
        if method == "health":
            if "--hold-health" in FLAGS:
                beacon("health")
                continue
            reply(request_id, {"healthy": True})
        elif method == "executeStep":
            execute_step(request_id, (message.get("params") or {}).get("step", ""))
        elif method == "shutdown" and "--hold-shutdown" in FLAGS:
            beacon("shutdown")
            forever()
        else:
            reply(request_id, True)
    beacon("exit")


if __name__ == "__main__":
    main()
