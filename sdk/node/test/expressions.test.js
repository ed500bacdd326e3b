'use strict';
// In-process tests of the Node SDK's expression engine, registry, snippets and package exports.
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const sdk = require('..');

test('a custom parameter type receives all its groups', () => {
  const registry = new sdk.ParameterTypeRegistry();
  registry.define(new sdk.ParameterType('point', /(\d+),(\d+)/, (x, y) => [Number(x), Number(y)]));
  assert.deepEqual(new sdk.CucumberExpression('at {point}', registry).match('at 3,4'), [[3, 4]]);
});

test('duplicate and illegal parameter types are rejected', () => {
  const registry = new sdk.ParameterTypeRegistry();
  assert.throws(() => registry.define(new sdk.ParameterType('int', /\d+/)), /There is already a parameter type with name int/);
  assert.throws(() => new sdk.ParameterType('a{b', /x/), /Illegal character in parameter name/);
});

test('regex groups use the registered types', () => {
  assert.deepEqual(new sdk.RegularExpression(/^(\d+) and (-?\d+) and (.*)$/).match('1 and -2 and x'), [1, -2, 'x']);
});

test('named, non-capturing groups and stateful flags', () => {
  const expression = new sdk.RegularExpression(/^(?:a|b) (?<n>\w+) \k<n>( x)?$/g);
  assert.deepEqual(expression.match('a hi hi'), ['hi', null]);
  assert.deepEqual(expression.match('a hi hi'), ['hi', null]); // no lastIndex carried over
});

test('a trailing newline does not match', () => {
  assert.equal(new sdk.CucumberExpression('a {int}').match('a 1\n'), null);
});

test('biginteger and bigdecimal keep every digit', () => {
  assert.deepEqual(new sdk.CucumberExpression('{biginteger} {bigdecimal}').match('123456789012345678901234567890 1.000000000000000000001'), [
    123456789012345678901234567890n,
    '1.000000000000000000001',
  ]);
});

test('snippet expressions', () => {
  assert.deepEqual(sdk.generateExpression('a \'b\' and "c" 2 -3 .5 x2 a/b'), {
    expression: 'a {string} and {string} {int} {int} {float} x2 a\\/b',
    names: ['string', 'string2', 'int', 'int2', 'float'],
  });
});

test('step registration rejects bad patterns', () => {
  const registry = new sdk.Registry();
  assert.throws(() => registry.addStep('given', 'a {nope}', () => {}), /Undefined parameter type 'nope'/);
  assert.throws(() => registry.addStep('given', 42, () => {}), /must be a string/);
  assert.throws(() => registry.addStep('given', 'a', 'not a function'), /needs a function/);
});

test('data table and doc string', () => {
  const table = sdk.DataTable.fromJSON({ headers: ['a'], rows: [{ a: '1' }, 'junk'] });
  assert.deepEqual(table.raw(), [['a'], ['1']]);
  assert.equal(table.length, 1);
  assert.equal(sdk.DataTable.fromJSON(null), null);
  const doc = new sdk.DocString('text', 'markdown');
  assert.deepEqual([doc.content, doc.mediaType, `${doc}`], ['text', 'markdown', 'text']);
});

test('logger formats and levels', () => {
  const logger = new sdk.StepLogger();
  logger.info('%d items', 3);
  logger.warn('careful');
  logger.log('bogus', 'x %s');
  assert.deepEqual(logger.take().map((e) => [e.level, e.message]), [['info', '3 items'], ['warning', 'careful'], ['info', 'x %s']]);
  assert.deepEqual(logger.take(), []);
});

test('the package resolves as @troupe/servo through require and import', () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'troupe-pkg-'));
  try {
    fs.mkdirSync(path.join(folder, 'node_modules', '@troupe'), { recursive: true });
    fs.symlinkSync(path.resolve(__dirname, '..'), path.join(folder, 'node_modules', '@troupe', 'servo'), 'dir');
    fs.writeFileSync(path.join(folder, 'a.cjs'), "const s = require('@troupe/servo'); console.log(typeof s.Given, typeof s.run);");
    fs.writeFileSync(path.join(folder, 'b.mjs'), "import { Given, run } from '@troupe/servo'; import s from '@troupe/servo'; console.log(typeof Given, typeof run, s.Given === Given);");
    assert.equal(execFileSync(process.execPath, [path.join(folder, 'a.cjs')], { encoding: 'utf8' }), 'function function\n');
    assert.equal(execFileSync(process.execPath, [path.join(folder, 'b.mjs')], { encoding: 'utf8' }), 'function function true\n');
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
