"""Official cucumber-expressions conformance data against the Python SDK (sdk/python/troupe_servo.py).

One test per testdata file: tokenizer, parser (AST), transformation (regex), matching
(Cucumber Expressions and regular expressions), including the exact error messages.
Run: python3 -m unittest test_python_conformance  (from this folder).
"""
import decimal
import json
import os
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "sdk", "python"))

import troupe_servo as ts  # noqa: E402


def load_documents():
    converter = os.path.join(HERE, "yaml_to_json.py")
    output = subprocess.run(
        [sys.executable, converter, os.path.join(HERE, "testdata")], check=True, stdout=subprocess.PIPE
    ).stdout
    return json.loads(output.decode("utf-8"))


def normalise(value, expected):
    # bigdecimal/biginteger are expected as strings: compare their exact text.
    if isinstance(value, decimal.Decimal) or (isinstance(expected, str) and isinstance(value, int)):
        return str(value)
    return value


class Conformance(unittest.TestCase):
    def check_tokenizer(self, doc):
        if "exception" in doc:
            with self.assertRaises(ts.CucumberExpressionError) as raised:
                ts.tokenize_expression(doc["expression"])
            self.assertEqual(str(raised.exception), doc["exception"])
        else:
            tokens = [t.to_json() for t in ts.tokenize_expression(doc["expression"])]
            self.assertEqual(tokens, doc["expected_tokens"])

    def check_parser(self, doc):
        if "exception" in doc:
            with self.assertRaises(ts.CucumberExpressionError) as raised:
                ts.parse_expression(doc["expression"])
            self.assertEqual(str(raised.exception), doc["exception"])
        else:
            self.assertEqual(ts.parse_expression(doc["expression"]).to_json(), doc["expected_ast"])

    def check_transformation(self, doc):
        self.assertEqual(ts.CucumberExpression(doc["expression"]).regexp, doc["expected_regex"])

    def check_matching(self, doc, expression_class):
        if "exception" in doc:
            with self.assertRaises(ts.CucumberExpressionError) as raised:
                expression_class(doc["expression"]).match(doc.get("text", ""))
            self.assertEqual(str(raised.exception), doc["exception"])
            return
        args = expression_class(doc["expression"]).match(doc["text"])
        expected = doc["expected_args"]
        if expected is None:
            self.assertIsNone(args)
            return
        self.assertIsNotNone(args, "expected %r to match" % doc["text"])
        self.assertEqual([normalise(a, e) for a, e in zip(args, expected)], expected)
        self.assertEqual(len(args), len(expected))


def make_test(path, doc):
    kind = path.split("/")[1]
    if path.startswith("regular-expression/"):
        return lambda self: self.check_matching(doc, ts.RegularExpression)
    if kind == "matching":
        return lambda self: self.check_matching(doc, ts.CucumberExpression)
    return lambda self: getattr(self, "check_" + kind)(doc)


for _path, _doc in sorted(load_documents().items()):
    _name = "test_" + _path[: -len(".yaml")].replace("/", "__").replace("-", "_")
    setattr(Conformance, _name, make_test(_path, _doc))

if __name__ == "__main__":
    unittest.main()
