'use strict';
// Error texts of Cucumber Expressions, identical to the reference implementation's.

class CucumberExpressionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CucumberExpressionError';
  }
}

class UndefinedParameterTypeError extends CucumberExpressionError {
  constructor(undefinedParameterTypeName, message) {
    super(message);
    this.name = 'UndefinedParameterTypeError';
    this.undefinedParameterTypeName = undefinedParameterTypeName;
  }
}

function message(index, expression, pointer, problem, solution) {
  return `This Cucumber Expression has a problem at column ${index + 1}:\n\n${expression}\n${pointer}\n${problem}.\n${solution}`;
}

function pointAt(index) {
  return ' '.repeat(index) + '^';
}

function pointAtLocated(located) {
  let pointer = pointAt(located.start);
  if (located.start + 1 < located.end) {
    pointer += '-'.repeat(located.end - located.start - 2) + '^';
  }
  return pointer;
}

function errorAt(located, expression, problem, solution) {
  return new CucumberExpressionError(message(located.start, expression, pointAtLocated(located), problem, solution));
}

const errors = {
  cantEscape(expression, index) {
    return new CucumberExpressionError(
      message(
        index,
        expression,
        pointAt(index),
        "Only the characters '{', '}', '(', ')', '\\', '/' and whitespace can be escaped",
        "If you did mean to use an '\\' you can use '\\\\' to escape it",
      ),
    );
  },
  endOfLineCanNotBeEscaped(expression, index) {
    return new CucumberExpressionError(
      message(index, expression, pointAt(index), 'The end of line can not be escaped', "You can use '\\\\' to escape the '\\'"),
    );
  },
  alternationNotAllowedInOptional(expression, token) {
    return errorAt(
      token,
      expression,
      'An alternation can not be used inside an optional',
      "If you did not mean to use an alternation you can use '\\/' to escape the '/'. " +
        'Otherwise rephrase your expression or consider using a regular expression instead.',
    );
  },
  invalidParameterTypeName(expression, token) {
    return errorAt(
      token,
      expression,
      "Parameter names may not contain '{', '}', '(', ')', '\\' or '/'",
      'Did you mean to use a regular expression?',
    );
  },
  missingEndToken(expression, beginSymbol, endSymbol, purpose, token) {
    return errorAt(
      token,
      expression,
      `The '${beginSymbol}' does not have a matching '${endSymbol}'`,
      `If you did not intend to use ${purpose} you can use '\\${beginSymbol}' to escape the ${purpose}`,
    );
  },
  alternativeMayNotBeEmpty(expression, node) {
    return errorAt(
      node,
      expression,
      'Alternative may not be empty',
      "If you did not mean to use an alternative you can use '\\/' to escape the '/'",
    );
  },
  alternativeMayNotExclusivelyContainOptionals(expression, node) {
    return errorAt(
      node,
      expression,
      'An alternative may not exclusively contain optionals',
      "If you did not mean to use an optional you can use '\\(' to escape the '('",
    );
  },
  parameterNotAllowedInOptional(expression, node) {
    return errorAt(
      node,
      expression,
      'An optional may not contain a parameter type',
      "If you did not mean to use an parameter type you can use '\\{' to escape the '{'",
    );
  },
  optionalNotAllowedInOptional(expression, node) {
    return errorAt(
      node,
      expression,
      'An optional may not contain an other optional',
      "If you did not mean to use an optional type you can use '\\(' to escape the '('. " +
        'For more complicated expressions consider using a regular expression instead.',
    );
  },
  optionalMayNotBeEmpty(expression, node) {
    return errorAt(
      node,
      expression,
      'An optional must contain some text',
      "If you did not mean to use an optional you can use '\\(' to escape the '('",
    );
  },
  undefinedParameterType(expression, node, name) {
    return new UndefinedParameterTypeError(
      name,
      message(
        node.start,
        expression,
        pointAtLocated(node),
        `Undefined parameter type '${name}'`,
        `Please register a ParameterType for '${name}'`,
      ),
    );
  },
};

module.exports = { CucumberExpressionError, UndefinedParameterTypeError, errors };
