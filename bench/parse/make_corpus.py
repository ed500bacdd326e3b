#!/usr/bin/env python3
"""Writes the parse benchmark corpus: the conformance good files repeated, plus a
generated feature of 10,000 scenarios and outlines. Usage: make_corpus.py GOOD_DIR OUT_DIR"""
import os
import shutil
import sys

good, out = sys.argv[1], sys.argv[2]
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)
REPEAT = 20
for name in sorted(os.listdir(good)):
    if not (name.endswith(".feature") or name.endswith(".feature.md")):
        continue
    for i in range(REPEAT):
        # keep the .feature / .feature.md ending: it selects the token matcher
        shutil.copyfile(os.path.join(good, name), os.path.join(out, f"r{i:02d}_{name}"))

lines = ["@generated", "Feature: generated", "  Background:", "    Given the 'reader' process starts", ""]
for i in range(10000):
    if i % 4 == 3:
        lines += [f"  @outline @n{i}", f"  Scenario Outline: outline {i} writes <size> bytes",
                  f"    When the 'writer' process writes <size> bytes to buffer 'b{i}'",
                  "    Then the 'reader' process reads <size> bytes",
                  "      | field | value  |", "      | size  | <size> |",
                  "", "    Examples:", "      | size |", "      | 1024 |", "      | 2048 |", "      | 4096 |", ""]
    else:
        lines += [f"  @n{i}", f"  Scenario: scenario {i}", "    A description line.",
                  f"    Given the 'reader' process creates buffer 'b{i}'",
                  f"    When the 'writer' process writes {i} bytes",
                  "    And the 'writer' process flushes",
                  '      """json', '      {"size": ' + str(i) + "}", '      """',
                  f"    Then the 'reader' process reads {i} bytes", ""]
with open(os.path.join(out, "generated_10000.feature"), "w") as f:
    f.write("\n".join(lines) + "\n")
