"""In-process tests of the Python SDK's expression engine, registry and snippets."""
import os
import re
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

import troupe_servo as ts  # noqa: E402


class Expressions(unittest.TestCase):
    def test_custom_parameter_type_receives_all_groups(self):
        registry = ts.ParameterTypeRegistry()
        registry.define(ts.ParameterType("point", r"(\d+),(\d+)", lambda x, y: (int(x), int(y))))
        self.assertEqual(ts.CucumberExpression("at {point}", registry).match("at 3,4"), [(3, 4)])

    def test_duplicate_and_illegal_parameter_types_are_rejected(self):
        registry = ts.ParameterTypeRegistry()
        with self.assertRaisesRegex(ts.CucumberExpressionError, "There is already a parameter type with name int"):
            registry.define(ts.ParameterType("int", r"\d+"))
        with self.assertRaisesRegex(ts.CucumberExpressionError, "Illegal character in parameter name"):
            ts.ParameterType("a{b", r"x")

    def test_regex_groups_use_registered_types(self):
        self.assertEqual(ts.RegularExpression(r"^(\d+) and (-?\d+) and (.*)$").match("1 and -2 and x"), [1, -2, "x"])

    def test_named_and_non_capturing_groups(self):
        expression = ts.RegularExpression(re.compile(r"^(?:a|b) (?P<n>\w+) (?P=n)( x)?$"))
        self.assertEqual(expression.match("a hi hi"), ["hi", None])

    def test_trailing_newline_does_not_match(self):
        self.assertIsNone(ts.CucumberExpression("a {int}").match("a 1\n"))

    def test_snippet_generation(self):
        self.assertEqual(ts.generate_expression("a 'b' and \"c\" 2 -3 .5 x2 a/b"),
                         ("a {string} and {string} {int} {int} {float} x2 a\\/b", ["string", "string2", "int", "int2", "float"]))

    def test_step_registration_rejects_bad_patterns(self):
        registry = ts.Registry()
        with self.assertRaisesRegex(ts.CucumberExpressionError, "Undefined parameter type 'nope'"):
            registry.add_step("given", "a {nope}", lambda ctx: None)
        with self.assertRaisesRegex(TypeError, "must be a str"):
            registry.add_step("given", 42, lambda ctx: None)

    def test_data_table_and_doc_string(self):
        table = ts.DataTable.from_json({"headers": ["a"], "rows": [{"a": "1"}, "junk"]})
        self.assertEqual(table.raw(), [["a"], ["1"]])
        self.assertEqual(len(table), 1)
        self.assertIsNone(ts.DataTable.from_json(None))
        doc = ts.DocString("text", "markdown")
        self.assertEqual((doc.content, doc.media_type, doc.upper()), ("text", "markdown", "TEXT"))

    def test_logger_formats_and_levels(self):
        logger = ts.StepLogger()
        logger.info("%d items", 3)
        logger.warn("careful")
        logger.log("bogus", "x %s")  # unknown level -> info, no args -> no formatting
        entries = logger.take()
        self.assertEqual([(e["level"], e["message"]) for e in entries],
                         [("info", "3 items"), ("warning", "careful"), ("info", "x %s")])
        self.assertEqual(logger.take(), [])


if __name__ == "__main__":
    unittest.main()
