'use strict';
// Parses Cucumber Expression tokens into the reference AST shape:
// {type, start, end, nodes} or, for text, {type, start, end, token}.
const { errors, CucumberExpressionError } = require('./errors');
const { tokenize, TokenType } = require('./tokenizer');

const NodeType = Object.freeze({
  expression: 'EXPRESSION_NODE',
  text: 'TEXT_NODE',
  optional: 'OPTIONAL_NODE',
  alternation: 'ALTERNATION_NODE',
  alternative: 'ALTERNATIVE_NODE',
  parameter: 'PARAMETER_NODE',
});

function textNode(t) {
  return { type: NodeType.text, start: t.start, end: t.end, token: t.text };
}

function nodeText(node) {
  if (node.nodes && node.nodes.length > 0) return node.nodes.map(nodeText).join('');
  return node.token || '';
}

function lookingAt(tokens, at, type) {
  if (at < 0) return type === TokenType.startOfLine;
  if (at >= tokens.length) return type === TokenType.endOfLine;
  return tokens[at].type === type;
}

function lookingAtAny(tokens, at, types) {
  return types.some((type) => lookingAt(tokens, at, type));
}

const NOTHING = { consumed: 0, ast: [] };

function parseText(expression, tokens, current) {
  const t = tokens[current];
  switch (t.type) {
    case TokenType.whiteSpace:
    case TokenType.text:
    case TokenType.endParameter:
    case TokenType.endOptional:
      return { consumed: 1, ast: [textNode(t)] };
    case TokenType.alternation:
      throw errors.alternationNotAllowedInOptional(expression, t);
    default:
      return NOTHING;
  }
}

function parseName(expression, tokens, current) {
  const t = tokens[current];
  switch (t.type) {
    case TokenType.whiteSpace:
    case TokenType.text:
      return { consumed: 1, ast: [textNode(t)] };
    case TokenType.beginOptional:
    case TokenType.endOptional:
    case TokenType.beginParameter:
    case TokenType.endParameter:
    case TokenType.alternation:
      throw errors.invalidParameterTypeName(expression, t);
    default:
      return NOTHING;
  }
}

const SYMBOLS = {
  [TokenType.beginOptional]: '(',
  [TokenType.endOptional]: ')',
  [TokenType.beginParameter]: '{',
  [TokenType.endParameter]: '}',
};
const PURPOSES = { [TokenType.beginOptional]: 'optional text', [TokenType.beginParameter]: 'a parameter' };

function parseBetween(type, beginToken, endToken, parsers) {
  return (expression, tokens, current) => {
    if (!lookingAt(tokens, current, beginToken)) return NOTHING;
    let subCurrent = current + 1;
    const result = parseTokensUntil(expression, parsers, tokens, subCurrent, [endToken, TokenType.endOfLine]);
    subCurrent += result.consumed;
    if (!lookingAt(tokens, subCurrent, endToken)) {
      throw errors.missingEndToken(
        expression,
        SYMBOLS[beginToken] || '',
        SYMBOLS[endToken] || '',
        PURPOSES[beginToken] || '',
        tokens[current],
      );
    }
    const node = { type, start: tokens[current].start, end: tokens[subCurrent].end, nodes: result.ast };
    return { consumed: subCurrent + 1 - current, ast: [node] };
  };
}

const parseParameter = parseBetween(NodeType.parameter, TokenType.beginParameter, TokenType.endParameter, [parseName]);
const optionalParsers = [];
const parseOptional = parseBetween(NodeType.optional, TokenType.beginOptional, TokenType.endOptional, optionalParsers);
optionalParsers.push(parseOptional, parseParameter, parseText);

function parseAlternativeSeparator(expression, tokens, current) {
  if (!lookingAt(tokens, current, TokenType.alternation)) return NOTHING;
  const t = tokens[current];
  return { consumed: 1, ast: [{ type: NodeType.alternative, start: t.start, end: t.end, token: t.text }] };
}

const alternativeParsers = [parseAlternativeSeparator, parseOptional, parseParameter, parseText];

// An alternation starts after whitespace, '}' or the start of the line.
function parseAlternation(expression, tokens, current) {
  if (!lookingAtAny(tokens, current - 1, [TokenType.startOfLine, TokenType.whiteSpace, TokenType.endParameter])) {
    return NOTHING;
  }
  const result = parseTokensUntil(expression, alternativeParsers, tokens, current, [
    TokenType.whiteSpace,
    TokenType.endOfLine,
    TokenType.beginParameter,
  ]);
  if (!result.ast.some((n) => n.type === NodeType.alternative)) return NOTHING;
  const start = tokens[current].start;
  const end = tokens[current + result.consumed].start;
  const node = { type: NodeType.alternation, start, end, nodes: splitAlternatives(start, end, result.ast) };
  return { consumed: result.consumed, ast: [node] };
}

function splitAlternatives(start, end, alternation) {
  const separators = [];
  const alternatives = [];
  let alternative = [];
  for (const n of alternation) {
    if (n.type === NodeType.alternative) {
      separators.push(n);
      alternatives.push(alternative);
      alternative = [];
    } else {
      alternative.push(n);
    }
  }
  alternatives.push(alternative);
  return alternatives.map((nodes, i) => {
    const from = i === 0 ? start : separators[i - 1].end;
    const to = i === alternatives.length - 1 ? end : separators[i].start;
    return { type: NodeType.alternative, start: from, end: to, nodes };
  });
}

function parseTokensUntil(expression, parsers, tokens, startAt, endTokens) {
  let current = startAt;
  const ast = [];
  while (current < tokens.length) {
    if (lookingAtAny(tokens, current, endTokens)) break;
    let result = NOTHING;
    for (const parse of parsers) {
      result = parse(expression, tokens, current);
      if (result.consumed !== 0) break;
    }
    if (result.consumed === 0) {
      throw new CucumberExpressionError(`No eligible parsers for token at ${tokens[current].start}`);
    }
    current += result.consumed;
    ast.push(...result.ast);
  }
  return { consumed: current - startAt, ast };
}

const parseExpression = parseBetween(NodeType.expression, TokenType.startOfLine, TokenType.endOfLine, [
  parseAlternation,
  parseOptional,
  parseParameter,
  parseText,
]);

function parse(expression) {
  return parseExpression(expression, tokenize(expression), 0).ast[0];
}

module.exports = { parse, NodeType, nodeText };
