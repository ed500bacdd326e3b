"""Drives a real servo process (sample_servo.py) over pipes with both framings."""
import json
import os
import re
import tempfile
import time
import unittest

from servo_client import ServoProcess


class ServoBehaviour:
    framing = None
    via = "flag"

    def setUp(self):
        self.servo = ServoProcess(self.framing, self.via)
        self.addCleanup(self.servo.kill)

    def test_health_initialize_discover(self):
        self.assertEqual(self.servo.request("health")["result"], {"healthy": True})
        init = self.servo.request(
            "initialize",
            {"role": "reader", "platform": "python", "scenario": "s", "feature": "f", "testRunId": "t-42",
             "hostPid": 1, "featureId": "f1", "tags": ["@x"]},
        )["result"]
        self.assertTrue(init["success"])
        self.assertIn("initialized reader on python run t-42", [log["message"] for log in init["logs"]])
        steps = self.servo.request("discover")["result"]["steps"]
        patterns = {(s["type"], s["pattern"]) for s in steps}
        self.assertIn(("given", "the buffer {string} has {int} slots"), patterns)
        self.assertIn(("then", r"^it reads (\d+) frames?( slowly)?$"), patterns)
        self.assertIn(("any", "who am I"), patterns)
        self.assertTrue(all(re.search(r"sample_servo\.py:\d+$", s["location"]) for s in steps))

    def test_typed_arguments_context_and_logs(self):
        result = self.servo.step("the buffer 'b1' has 4 slots")
        self.assertEqual(result["success"], True)
        self.assertEqual(result["data"], {"created": "b1", "slots": 4})
        self.assertEqual(result["context"], {"buffer": "b1", "slots": 4})
        entry = result["logs"][0]
        self.assertEqual(entry["level"], "debug")
        self.assertEqual(entry["message"], "creating b1")
        self.assertRegex(entry["timestamp"], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")

        result = self.servo.step("it writes 2.5 units of green", "when", context={"buffer": "b1", "slots": 4})
        self.assertEqual(result["data"], {"amount": 2.5, "color": "GREEN", "seenBuffer": "b1"})
        self.assertNotIn("context", result)  # nothing was set
        self.assertEqual([(l["level"], l["message"]) for l in result["logs"]],
                         [("info", "writing 2.5"), ("info", "color GREEN")])

    def test_regular_expression_steps(self):
        self.assertEqual(self.servo.step("it reads 3 frames", "then")["data"], {"count": 3, "slowly": None})
        self.assertEqual(self.servo.step("it reads 1 frame slowly", "then")["data"],
                         {"count": 1, "slowly": " slowly"})

    def test_role_platform_and_run_id(self):
        data = self.servo.step("who am I", "then")["data"]
        self.assertEqual(data["role"], "writer")  # from the environment before initialize
        self.servo.request("initialize", {"role": "reader", "platform": "py", "testRunId": "r-7"})
        data = self.servo.step("who am I", "then")["data"]
        self.assertEqual((data["role"], data["platform"], data["testRunId"]), ("reader", "py", "r-7"))
        self.assertEqual((data["process"], data["stepType"], data["envRole"]), ("writer", "then", "writer"))

    def test_harmony_style_params(self):
        reply = self.servo.request(
            "executeStep", [{"Process": "writer", "StepType": 2, "Step": "the 'writer' process who am I", "IsBroadcast": False}]
        )
        self.assertEqual(reply["result"]["errorType"], "UndefinedStepError")  # the full text matches no pattern
        reply = self.servo.request("executeStep", [{"Process": "writer", "StepType": 2, "Step": "who am I"}])
        self.assertEqual((reply["result"]["data"]["process"], reply["result"]["data"]["stepType"]), ("writer", "then"))
        self.assertEqual(self.servo.request("health", [])["result"], {"healthy": True})

    def test_table_and_doc_string(self):
        table = {"headers": ["name", "size"], "rows": [{"name": "a", "size": "1"}, {"name": "b", "size": "2"}]}
        data = self.servo.step("the table", table=table)["data"]
        self.assertEqual(data["rows"], table["rows"])
        self.assertEqual(data["raw"], [["name", "size"], ["a", "1"], ["b", "2"]])
        data = self.servo.step("the doc string", docString={"content": "hello\nworld", "mediaType": "text"})["data"]
        self.assertEqual(data, {"content": "hello\nworld", "mediaType": "text"})

    def test_exceptions_become_failures(self):
        result = self.servo.step("it fails with 'disk full'", "then")
        self.assertEqual((result["success"], result["error"], result["errorType"]), (False, "disk full", "ValueError"))
        levels = [l["level"] for l in result["logs"]]
        self.assertEqual(levels, ["warning", "debug"])
        stack = result["logs"][-1]["message"]
        self.assertIn("Traceback", stack)
        self.assertIn("sample_servo.py", stack)
        self.assertNotIn("troupe_servo.py", stack)
        result = self.servo.step("the assertion fails", "then")
        self.assertEqual((result["error"], result["errorType"]), ("arithmetic is broken", "AssertionError"))
        self.assertTrue(self.servo.step("who am I")["success"])  # still alive

    def test_undefined_step_has_snippet(self):
        result = self.servo.step('it frobs "x" 3 times at 1.5 Hz (fast)', "when")
        self.assertFalse(result["success"])
        self.assertEqual(result["errorType"], "UndefinedStepError")
        self.assertTrue(result["error"].startswith('undefined step: it frobs "x" 3 times at 1.5 Hz (fast)\n'))
        self.assertEqual(
            result["snippet"],
            '@when("it frobs {string} {int} times at {float} Hz \\\\(fast)")\n'
            "def step_impl(ctx, string, int, float):\n"
            '    raise NotImplementedError("TODO: implement this step")\n',
        )

    def test_ambiguous_step_lists_candidates(self):
        result = self.servo.step("it is ambiguous", "when")
        self.assertEqual(result["errorType"], "AmbiguousStepError")
        lines = result["error"].split("\n")
        self.assertEqual(lines[0], "ambiguous step: it is ambiguous matches 2 step definitions:")
        self.assertRegex(lines[1], r"^  it is ambiguous \(.*sample_servo\.py:\d+\)$")
        self.assertRegex(lines[2], r"^  it is \{word\} \(.*sample_servo\.py:\d+\)$")

    def test_timeout_is_answered_at_the_deadline(self):
        before = time.monotonic()
        result = self.servo.step("it sleeps 3000 ms", "when", timeoutMs=200)
        self.assertLess(time.monotonic() - before, 2.5, "answered at the deadline, not when the step ended")
        self.assertEqual(result["success"], False)
        self.assertEqual(result["errorType"], "TimeoutError")
        self.assertEqual(result["error"], "step timed out after 200 ms: it sleeps 3000 ms")
        # The servo still answers while the stuck step runs on.
        self.assertEqual(self.servo.step("it awaits 10 ms", "when")["data"], {"awaited": 10})

    def test_output_of_an_abandoned_step_stays_out_of_later_logs(self):
        self.servo.step("it sleeps 300 ms", "when", timeoutMs=100)
        result = self.servo.step("it awaits 600 ms", "when")
        self.assertEqual(result["logs"], [])
        self.assertEqual(self.servo.close(), 0)
        self.assertIn("late output of a step that timed out", self.servo.stderr())

    def test_stdout_writes_never_reach_the_protocol(self):
        self.assertTrue(self.servo.step("it writes to fd 1", "when")["success"])
        self.assertTrue(self.servo.step("who am I")["success"])
        self.assertEqual(self.servo.close(), 0)
        self.assertIn("raw bytes on fd 1", self.servo.stderr())

    def test_protocol_errors(self):
        self.assertEqual(self.servo.request("nope")["error"]["code"], -32601)
        reply = self.servo.request("executeStep", {"process": "writer"})
        self.assertEqual(reply["error"]["code"], -32602)
        body = b"{not json"
        if self.framing == "ndjson":
            self.servo.send_raw(body + b"\n")
        else:
            self.servo.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.assertEqual(self.servo.receive()["error"]["code"], -32700)
        deep = b"[" * 100000 + b"]" * 100000
        if self.framing == "ndjson":
            self.servo.send_raw(deep + b"\n")
        else:
            self.servo.send_raw(b"Content-Length: %d\r\n\r\n" % len(deep) + deep)
        self.assertEqual(self.servo.receive()["error"]["code"], -32700)
        self.servo.send({"jsonrpc": "2.0", "method": "health"})  # a notification gets no reply
        self.assertEqual(self.servo.request("health")["result"], {"healthy": True})

    def test_values_that_are_not_json(self):
        reply = self.servo.request("executeStep", {"step": "it returns a cycle", "stepType": "when"})
        self.assertEqual(reply["error"]["code"], -32603)
        self.assertIn("the result is not JSON", reply["error"]["message"])
        result = self.servo.step("it stores a cycle", "when")
        self.assertEqual((result["success"], result["errorType"]), (False, "ValueError"))
        self.assertTrue(self.servo.step("who am I")["success"])

    def test_cleanup_shutdown_and_exit_on_eof(self):
        result = self.servo.request("cleanup")["result"]
        self.assertEqual([l["message"] for l in result["logs"]], ["released"])
        self.assertEqual(self.servo.request("shutdown")["result"], {"success": True})
        self.assertEqual(self.servo.close(), 0)


class ContentLengthFraming(ServoBehaviour, unittest.TestCase):
    framing = "content-length"


class NdjsonFraming(ServoBehaviour, unittest.TestCase):
    framing = "ndjson"


class NdjsonFramingFromEnvironment(unittest.TestCase):
    def test_env_selects_framing(self):
        servo = ServoProcess("ndjson", via="env")
        self.addCleanup(servo.kill)
        self.assertEqual(servo.request("health")["result"], {"healthy": True})


class DefaultFraming(unittest.TestCase):
    def test_default_is_content_length(self):
        servo = ServoProcess("content-length", via="none")
        self.addCleanup(servo.kill)
        self.assertEqual(servo.request("health")["result"], {"healthy": True})


class Lifecycle(unittest.TestCase):
    def test_eof_while_a_step_runs_exits_promptly(self):
        servo = ServoProcess("ndjson")
        self.addCleanup(servo.kill)
        servo.send({"jsonrpc": "2.0", "id": 1, "method": "executeStep",
                    "params": {"step": "it sleeps 20000 ms", "stepType": "when", "timeoutMs": 60000}})
        self.assertEqual(servo.close(timeout=5), 0)

    def test_runner_gone_without_cleanup_still_runs_cleanup_hooks(self):
        with tempfile.TemporaryDirectory() as folder:
            marker = os.path.join(folder, "marker")
            servo = ServoProcess("ndjson", extra_env={"SAMPLE_CLEANUP_MARKER": marker})
            self.addCleanup(servo.kill)
            servo.request("initialize", {"role": "writer", "platform": "python", "testRunId": "r"})
            self.assertEqual(servo.close(), 0)
            with open(marker) as stream:
                self.assertEqual(stream.read(), "cleanup\n")

    def test_unknown_framing_is_rejected(self):
        servo = ServoProcess("xml")
        self.addCleanup(servo.kill)
        self.assertEqual(servo.close(), 2)
        self.assertIn("unknown framing 'xml'", servo.stderr())

    def test_truncated_content_length_frame_exits_with_message(self):
        servo = ServoProcess("content-length")
        self.addCleanup(servo.kill)
        servo.send_raw(b"Content-Length: 50\r\n\r\n{\"jsonrpc\"")
        servo.process.stdin.close()
        reply = servo.receive()
        self.assertEqual(reply["error"]["code"], -32700)
        self.assertIn("end of input after 10 of 50 body bytes", reply["error"]["message"])
        self.assertEqual(servo.close(), 0)

    def test_header_without_content_length(self):
        servo = ServoProcess("content-length")
        self.addCleanup(servo.kill)
        servo.send_raw(b"Content-Type: json\r\n\r\n")
        reply = servo.receive()
        self.assertIn("without Content-Length", reply["error"]["message"])
        self.assertEqual(servo.close(), 0)


if __name__ == "__main__":
    unittest.main()
