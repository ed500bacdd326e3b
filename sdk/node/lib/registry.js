'use strict';
// Step definitions and hooks, matched against step text; undefined steps get a snippet.
const path = require('node:path');
const { CucumberExpression, RegularExpression, defaultParameterTypes } = require('./expressions');

const SDK_DIR = path.resolve(__dirname, '..');

/** "file:line" of the user code that called Given/When/Then. */
function callerLocation() {
  const stack = (new Error().stack || '').split('\n').slice(1);
  for (const frame of stack) {
    const m = /\(?((?:file:\/\/)?[^()\s]+):(\d+):\d+\)?\s*$/.exec(frame);
    if (!m) continue;
    const file = m[1].startsWith('file://') ? new URL(m[1]).pathname : m[1];
    if (!path.resolve(file).startsWith(SDK_DIR + path.sep) || file.includes(`${path.sep}test${path.sep}`)) {
      return `${file}:${m[2]}`;
    }
  }
  return '<unknown>';
}

class Registry {
  constructor(parameterTypes = defaultParameterTypes) {
    this.parameterTypes = parameterTypes;
    this.steps = [];
    this.hooks = { initialize: [], beforeCleanup: [], cleanup: [] };
  }

  addStep(type, pattern, fn, location = callerLocation()) {
    let expression;
    if (pattern instanceof RegExp) {
      expression = new RegularExpression(pattern, this.parameterTypes);
    } else if (typeof pattern === 'string') {
      expression = new CucumberExpression(pattern, this.parameterTypes);
    } else {
      throw new TypeError(`a step pattern must be a string (Cucumber Expression) or RegExp, not ${typeof pattern}`);
    }
    if (typeof fn !== 'function') throw new TypeError(`the step ${JSON.stringify(expression.source)} needs a function`);
    this.steps.push({ type, expression, fn, location });
  }

  addHook(kind, fn) {
    if (typeof fn !== 'function') throw new TypeError(`the ${kind} hook must be a function`);
    this.hooks[kind].push(fn);
  }

  /** [{definition, args}] for every definition matching `text`. */
  find(text) {
    const found = [];
    for (const definition of this.steps) {
      const args = definition.expression.match(text);
      if (args !== null) found.push({ definition, args });
    }
    return found;
  }

  discover() {
    return this.steps.map((d) => ({
      type: d.type,
      pattern: d.expression.source,
      kind: d.expression instanceof RegularExpression ? 'regex' : 'cucumber-expression',
      location: d.location,
    }));
  }
}

const SNIPPET_TOKEN =
  /"[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*'|(?<![\w.])-?\d*\.\d+(?![\w.])|(?<![\w.])-?\d+(?![\w.])/g;

function escapeExpressionText(text) {
  return text.replace(/\\/g, '\\\\').replace(/\(/g, '\\(').replace(/\{/g, '\\{').replace(/\//g, '\\/');
}

/** A Cucumber Expression for `text` plus parameter names, as snippets use. */
function generateExpression(text) {
  const parts = [];
  const names = [];
  const counts = {};
  let position = 0;
  for (const m of text.matchAll(SNIPPET_TOKEN)) {
    const token = m[0];
    const kind = token[0] === '"' || token[0] === "'" ? 'string' : token.includes('.') ? 'float' : 'int';
    parts.push(escapeExpressionText(text.slice(position, m.index)), `{${kind}}`);
    counts[kind] = (counts[kind] || 0) + 1;
    names.push(counts[kind] === 1 ? kind : `${kind}${counts[kind]}`);
    position = m.index + token.length;
  }
  parts.push(escapeExpressionText(text.slice(position)));
  return { expression: parts.join(''), names };
}

function snippetFor(text, stepType) {
  const { expression, names } = generateExpression(text);
  const keyword = { given: 'Given', when: 'When', then: 'Then' }[stepType] || 'Step';
  return `${keyword}(${JSON.stringify(expression)}, (${['ctx', ...names].join(', ')}) => {\n  throw new Error("TODO: implement this step");\n});\n`;
}

module.exports = { Registry, generateExpression, snippetFor, callerLocation };
