"""Content-Length framing (LSP style) shared by the test servos. Standard library only."""
import json
import sys

STDIN = sys.stdin.buffer
STDOUT = sys.stdout.buffer


def read_message():
    """One request body parsed as JSON, or None at EOF (also in the middle of a message)."""
    length = None
    while True:
        line = STDIN.readline()
        if not line:
            return None
        line = line.strip()
        if not line:
            if length is not None:
                break
            continue
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    body = STDIN.read(length)
    return json.loads(body) if len(body) == length else None


def frame(body):
    """`body` (bytes) with its Content-Length header."""
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def write_raw(data):
    STDOUT.write(data)
    STDOUT.flush()
