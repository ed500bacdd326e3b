"""Test helper: drives a servo process over pipes, speaking either framing."""
import json
import os
import queue
import subprocess
import sys
import threading

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE_SERVO = os.path.join(HERE, "sample_servo.py")


class ServoProcess:
    def __init__(self, framing, via="flag", script=SAMPLE_SERVO, extra_env=None):
        env = dict(os.environ, TROUPE_ROLE="writer", TROUPE_PLATFORM="python", TROUPE_RUN_ID="run-1")
        env.update(extra_env or {})
        args = [sys.executable, script]
        if via == "flag":
            args += ["--framing", framing]
        elif via == "env":
            env["TROUPE_FRAMING"] = framing
        self.framing = framing
        self.process = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
        )
        self._messages = queue.Queue()
        self._next_id = 0
        self.stderr_chunks = []
        self._readers = [
            threading.Thread(target=self._read_stdout, daemon=True),
            threading.Thread(target=self._read_stderr, daemon=True),
        ]
        for reader in self._readers:
            reader.start()

    def _read_stderr(self):
        for chunk in iter(lambda: self.process.stderr.read1(4096), b""):
            self.stderr_chunks.append(chunk)

    def _read_stdout(self):
        stream = self.process.stdout
        try:
            while True:
                if self.framing == "ndjson":
                    line = stream.readline()
                    if not line:
                        break
                    self._messages.put(json.loads(line))
                    continue
                header = b""
                while not header.endswith(b"\r\n\r\n"):
                    byte = stream.read(1)
                    if not byte:
                        return
                    header += byte
                length = int(header.decode().split(":")[1].strip())
                self._messages.put(json.loads(stream.read(length)))
        except ValueError as exc:  # anything that is not a frame fails the test that waits
            self._messages.put({"notAFrame": str(exc)})
        finally:
            self._messages.put(None)

    def send_raw(self, data):
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode()
        if self.framing == "ndjson":
            self.send_raw(body + b"\n")
        else:
            self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def request(self, method, params=None, timeout=10):
        self._next_id += 1
        message = {"jsonrpc": "2.0", "id": self._next_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        reply = self.receive(timeout)
        assert reply is not None, "servo closed stdout; stderr: %s" % self.stderr()
        assert reply.get("id") == self._next_id, reply
        return reply

    def receive(self, timeout=10):
        return self._messages.get(timeout=timeout)

    def step(self, text, step_type="given", **extra):
        params = {
            "process": "writer",
            "stepType": step_type,
            "step": text,
            "originalStep": "the 'writer' process " + text,
            "parameters": {},
            "context": {},
            "table": None,
            "docString": None,
            "isBroadcast": False,
            "timeoutMs": 5000,
        }
        params.update(extra)
        return self.request("executeStep", params)["result"]

    def stderr(self):
        return b"".join(self.stderr_chunks).decode("utf-8", "replace")

    def close(self, timeout=10):
        if self.process.stdin and not self.process.stdin.closed:
            self.process.stdin.close()
        code = self.process.wait(timeout)
        for reader in self._readers:
            reader.join(timeout)
        self.process.stdout.close()
        self.process.stderr.close()
        return code

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.close()
