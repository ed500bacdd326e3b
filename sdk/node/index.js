'use strict';
// @troupe/servo: write troupe servos (platform servers) in Node.js.
//
//   const { Given, Then, run } = require('@troupe/servo');
//   Given('the buffer {string} has {int} slots', (ctx, name, slots) => { ctx.context.buffer = name; });
//   run();
const expressions = require('./lib/expressions');
const { Registry, generateExpression, snippetFor, callerLocation } = require('./lib/registry');
const { StepLogger, log, LOG_LEVELS } = require('./lib/logger');
const { DataTable, DocString, StepContext } = require('./lib/step-context');
const { serve } = require('./lib/servo');

const registry = new Registry();

function stepRegistrar(type) {
  return (pattern, fn) => registry.addStep(type, pattern, fn, callerLocation());
}

module.exports = {
  Given: stepRegistrar('given'),
  When: stepRegistrar('when'),
  Then: stepRegistrar('then'),
  Step: stepRegistrar('any'),
  /** Hook run on `initialize` with the step context (role, platform, testRunId known). */
  Initialize: (fn) => registry.addHook('initialize', fn),
  /** Hook run first on `cleanup`, before the Cleanup hooks. */
  BeforeCleanup: (fn) => registry.addHook('beforeCleanup', fn),
  /** Hook run on `cleanup` (end of a test case): release what the steps acquired. */
  Cleanup: (fn) => registry.addHook('cleanup', fn),
  /** Registers {name}; `transformer` receives the captured group(s). */
  defineParameterType: ({ name, regexp, transformer, useForSnippets = true, preferForRegexpMatch = false }) =>
    expressions.defaultParameterTypes.define(
      new expressions.ParameterType(name, regexp, transformer, useForSnippets, preferForRegexpMatch),
    ),
  /** Serves the registered steps over stdin/stdout until stdin closes. Options: {framing, argv}. */
  run: (options) => serve(registry, options),
  log,
  LOG_LEVELS,
  registry,
  Registry,
  StepLogger,
  StepContext,
  DataTable,
  DocString,
  generateExpression,
  snippetFor,
  ...expressions,
};
