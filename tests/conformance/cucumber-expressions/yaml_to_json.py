#!/usr/bin/env python3
"""Prints the cucumber-expressions conformance data (testdata/**/*.yaml) as one JSON object.

Keys are the paths relative to testdata/ (e.g. "cucumber-expression/matching/matches-int.yaml"),
values the parsed documents. Both SDK conformance runners read this, so YAML is parsed once,
by python3-yaml, and never by the SDKs themselves.
"""
import json
import os
import sys

try:
    import yaml
except ImportError:
    sys.stderr.write("yaml_to_json.py: python3-yaml is required (apt-get install python3-yaml)\n")
    sys.exit(2)


def load_all(root):
    documents = {}
    for directory, _, files in os.walk(root):
        for name in sorted(files):
            if not name.endswith(".yaml"):
                continue
            path = os.path.join(directory, name)
            with open(path, encoding="utf-8") as stream:
                documents[os.path.relpath(path, root).replace(os.sep, "/")] = yaml.safe_load(stream)
    return documents


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "testdata")
    documents = load_all(root)
    if not documents:
        sys.stderr.write("yaml_to_json.py: no .yaml files under %s\n" % root)
        return 1
    # Big integers stay exact as JSON numbers; bigdecimal/biginteger expectations are strings already.
    json.dump(documents, sys.stdout, ensure_ascii=False, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
