'use strict';
// Official cucumber-expressions conformance data against the Node SDK (sdk/node).
// One test per testdata file; YAML is converted once by yaml_to_json.py (python3-yaml).
// Run: node --test node_conformance.test.js   (PYTHON3 selects the interpreter).
const test = require('node:test');
const assert = require('node:assert/strict');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const expressions = require(path.join(__dirname, '..', '..', '..', 'sdk', 'node', 'lib', 'expressions'));

const documents = JSON.parse(
  execFileSync(process.env.PYTHON3 || 'python3', [path.join(__dirname, 'yaml_to_json.py'), path.join(__dirname, 'testdata')], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  }),
);

// bigdecimal/biginteger are expected as strings: compare their exact text.
function normalise(value) {
  return typeof value === 'bigint' ? String(value) : value;
}

function expectError(run, expected) {
  assert.throws(run, (error) => {
    assert.ok(error instanceof expressions.CucumberExpressionError, `not a CucumberExpressionError: ${error}`);
    assert.equal(error.message, expected);
    return true;
  });
}

function checkMatching(doc, ExpressionClass) {
  if ('exception' in doc) {
    expectError(() => new ExpressionClass(doc.expression).match(doc.text || ''), doc.exception);
    return;
  }
  const args = new ExpressionClass(doc.expression).match(doc.text);
  if (doc.expected_args === null || doc.expected_args === undefined) {
    assert.equal(args, null);
    return;
  }
  assert.notEqual(args, null, `expected ${JSON.stringify(doc.text)} to match`);
  assert.deepEqual(
    args.map(normalise),
    doc.expected_args,
  );
}

const checks = {
  tokenizer(doc) {
    if ('exception' in doc) return expectError(() => expressions.tokenize(doc.expression), doc.exception);
    assert.deepEqual(expressions.tokenize(doc.expression), doc.expected_tokens);
  },
  parser(doc) {
    if ('exception' in doc) return expectError(() => expressions.parse(doc.expression), doc.exception);
    assert.deepEqual(JSON.parse(JSON.stringify(expressions.parse(doc.expression))), doc.expected_ast);
  },
  transformation(doc) {
    assert.equal(new expressions.CucumberExpression(doc.expression).regexp, doc.expected_regex);
  },
  matching(doc) {
    checkMatching(doc, expressions.CucumberExpression);
  },
};

const names = Object.keys(documents).sort();
test('conformance data is present', () => {
  assert.ok(names.length >= 100, `only ${names.length} testdata files`);
});
for (const name of names) {
  const doc = documents[name];
  test(name, () => {
    if (name.startsWith('regular-expression/')) return checkMatching(doc, expressions.RegularExpression);
    return checks[name.split('/')[1]](doc);
  });
}
