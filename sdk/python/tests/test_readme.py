"""The complete servo in README.md runs as documented (and stays under 30 lines)."""
import os
import re
import shutil
import tempfile
import unittest

from servo_client import ServoProcess

SDK_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class ReadmeServo(unittest.TestCase):
    def setUp(self):
        with open(os.path.join(SDK_DIR, "README.md"), encoding="utf-8") as stream:
            code = re.search(r"```python\n(.*?)```", stream.read(), re.S).group(1)
        self.assertLess(len(code.strip().splitlines()), 30)
        self.folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.folder)
        script = os.path.join(self.folder, "servo.py")
        with open(script, "w", encoding="utf-8") as stream:
            stream.write(code)
        self.servo = ServoProcess("ndjson", script=script, extra_env={"PYTHONPATH": SDK_DIR})
        self.addCleanup(self.servo.kill)

    def test_readme_servo_runs_a_scenario(self):
        result = self.servo.step("the 'b1' buffer holds 8 bytes")
        self.assertEqual((result["success"], result["context"]), (True, {"buffer": "b1"}))
        self.assertEqual(result["logs"][0]["message"], "created b1 for writer on python")
        context = result["context"]
        result = self.servo.step("it writes 3 bytes", "when", context=context)
        self.assertEqual((result["data"], result["logs"][0]["message"]), ({"written": 3}, "writing 3"))
        self.assertTrue(self.servo.step("the first 3 bytes are 'x'", "then", context=context)["success"])
        result = self.servo.step("the first 4 bytes are 'x'", "then", context=context)
        self.assertEqual((result["error"], result["errorType"]), ("wrong bytes", "AssertionError"))
        self.assertTrue(self.servo.request("cleanup")["result"]["success"])
        self.assertEqual(self.servo.close(), 0)


if __name__ == "__main__":
    unittest.main()
