'use strict';
const { tokenize, TokenType } = require('./tokenizer');
const { parse, NodeType } = require('./parser');
const { CucumberExpressionError, UndefinedParameterTypeError } = require('./errors');
const { ParameterType, ParameterTypeRegistry } = require('./parameter-types');
const { CucumberExpression } = require('./cucumber-expression');
const { RegularExpression } = require('./regular-expression');
const { defaultParameterTypes } = require('./default-registry');

module.exports = {
  tokenize,
  TokenType,
  parse,
  NodeType,
  CucumberExpressionError,
  UndefinedParameterTypeError,
  ParameterType,
  ParameterTypeRegistry,
  CucumberExpression,
  RegularExpression,
  defaultParameterTypes,
};
