"""troupe itself runs servos written with the Python and Node SDKs, in every combination.

Needs the troupe binary (TROUPE_EXE) and node. A writer stores a message in a file named by
TROUPE_RUN_ID and shares the file name through the scenario context; the reader, on either
platform, reads it back. A second scenario fails on purpose, to check that the SDK's error
reaches troupe's report.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_SDK = os.path.dirname(HERE)
NODE_SDK = os.path.join(os.path.dirname(PYTHON_SDK), "node")
TROUPE = os.environ.get("TROUPE_EXE", "")
NODE = os.environ.get("NODE") or shutil.which("node")

FEATURE = """\
Feature: SDK interoperability

  Scenario: a message crosses processes
    Given the 'writer' process writes 'hello' to a file
    Then the 'reader' process reads 'hello' from the shared file

  Scenario: a failing step reports the SDK's error
    Given the 'writer' process writes 'hello' to a file
    Then the 'reader' process reads 'bye' from the shared file
"""

PYTHON_SERVO = """\
import os, tempfile
from troupe_servo import given, then, run

@given("writes {string} to a file")
def write(ctx, text):
    path = os.path.join(tempfile.gettempdir(), "troupe-e2e-%s" % ctx.test_run_id)
    with open(path, "w") as stream:
        stream.write(text)
    ctx.context["file"] = path

@then("reads {string} from the shared file")
def read(ctx, text):
    with open(ctx.context["file"]) as stream:
        found = stream.read()
    assert found == text, "expected %s, read %s" % (text, found)

run()
"""

NODE_SERVO = """\
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { Given, Then, run } = require('@troupe/servo');

Given('writes {string} to a file', (ctx, text) => {
  const file = path.join(os.tmpdir(), `troupe-e2e-${ctx.testRunId}`);
  fs.writeFileSync(file, text);
  ctx.context.file = file;
});

Then('reads {string} from the shared file', (ctx, text) => {
  const found = fs.readFileSync(ctx.context.file, 'utf8');
  if (found !== text) throw new Error(`expected ${text}, read ${found}`);
});

run();
"""


@unittest.skipUnless(TROUPE, "TROUPE_EXE is not set (CTest sets it)")
@unittest.skipUnless(NODE, "node is not installed")
class TroupeRunsSdkServos(unittest.TestCase):
    def setUp(self):
        self.assertTrue(os.access(TROUPE, os.X_OK), "TROUPE_EXE=%s is not an executable (build troupe first)" % TROUPE)
        self.folder = tempfile.mkdtemp(prefix="troupe-sdk-e2e-")
        self.addCleanup(shutil.rmtree, self.folder)
        os.makedirs(os.path.join(self.folder, "features"))
        os.makedirs(os.path.join(self.folder, "node_modules", "@troupe"))
        os.symlink(NODE_SDK, os.path.join(self.folder, "node_modules", "@troupe", "servo"))
        files = {"features/interop.feature": FEATURE, "servo.py": PYTHON_SERVO, "servo.js": NODE_SERVO}
        for name, text in files.items():
            with open(os.path.join(self.folder, name), "w") as stream:
                stream.write(text)
        config = {
            "platforms": {
                "python": {"command": [sys.executable, "servo.py"], "env": {"PYTHONPATH": PYTHON_SDK}},
                "node": {"command": [NODE, "servo.js", "--framing", "ndjson"], "framing": "ndjson"},
            }
        }
        with open(os.path.join(self.folder, "troupe.json"), "w") as stream:
            json.dump(config, stream)

    def run_troupe(self, *args):
        return subprocess.run(
            [TROUPE, "run", *args], cwd=self.folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=240
        )

    def test_every_combination_passes(self):
        completed = self.run_troupe("--name", "crosses")
        output = completed.stdout.decode("utf-8", "replace")
        self.assertEqual(completed.returncode, 0, output)
        self.assertIn("4 passed, 0 failed", output)

    def test_sdk_failure_reaches_the_report(self):
        completed = self.run_troupe("--name", "failing")
        output = completed.stdout.decode("utf-8", "replace")
        self.assertNotEqual(completed.returncode, 0, output)
        self.assertIn("0 passed, 4 failed", output)
        self.assertIn("expected bye, read hello", output)


if __name__ == "__main__":
    unittest.main()
