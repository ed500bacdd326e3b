'use strict';
// Splits a Cucumber Expression into tokens; positions count code points, not UTF-16 units.
const { errors } = require('./errors');

const TokenType = Object.freeze({
  startOfLine: 'START_OF_LINE',
  endOfLine: 'END_OF_LINE',
  whiteSpace: 'WHITE_SPACE',
  beginOptional: 'BEGIN_OPTIONAL',
  endOptional: 'END_OPTIONAL',
  beginParameter: 'BEGIN_PARAMETER',
  endParameter: 'END_PARAMETER',
  alternation: 'ALTERNATION',
  text: 'TEXT',
});

const SYMBOL_TOKENS = {
  '(': TokenType.beginOptional,
  ')': TokenType.endOptional,
  '{': TokenType.beginParameter,
  '}': TokenType.endParameter,
  '/': TokenType.alternation,
};

function isWhiteSpace(codePoint) {
  return /\s/.test(codePoint);
}

function tokenTypeOf(codePoint) {
  if (isWhiteSpace(codePoint)) return TokenType.whiteSpace;
  return SYMBOL_TOKENS[codePoint] || TokenType.text;
}

function canEscape(codePoint) {
  return isWhiteSpace(codePoint) || '\\/(){}'.includes(codePoint);
}

function token(type, text, start, end) {
  return { type, text, start, end };
}

function tokenize(expression) {
  const codePoints = Array.from(expression);
  const tokens = [];
  let buffer = [];
  let previousType = TokenType.startOfLine;
  let treatAsText = false;
  let escaped = 0;
  let bufferStart = 0;

  function convertBuffer(type) {
    let escapeTokens = 0;
    if (type === TokenType.text) {
      escapeTokens = escaped;
      escaped = 0;
    }
    const consumed = bufferStart + buffer.length + escapeTokens;
    const t = token(type, buffer.join(''), bufferStart, consumed);
    buffer = [];
    bufferStart = consumed;
    return t;
  }

  if (codePoints.length === 0) tokens.push(token(TokenType.startOfLine, '', 0, 0));
  for (const codePoint of codePoints) {
    if (!treatAsText && codePoint === '\\') {
      escaped++;
      treatAsText = true;
      continue;
    }
    let currentType;
    if (treatAsText) {
      if (!canEscape(codePoint)) throw errors.cantEscape(expression, bufferStart + buffer.length + escaped);
      currentType = TokenType.text;
    } else {
      currentType = tokenTypeOf(codePoint);
    }
    treatAsText = false;
    const merges = currentType === previousType && (currentType === TokenType.whiteSpace || currentType === TokenType.text);
    if (!merges) tokens.push(convertBuffer(previousType));
    previousType = currentType;
    buffer.push(codePoint);
  }
  if (buffer.length > 0) tokens.push(convertBuffer(previousType));
  if (treatAsText) throw errors.endOfLineCanNotBeEscaped(expression, codePoints.length - 1);
  tokens.push(token(TokenType.endOfLine, '', codePoints.length, codePoints.length));
  return tokens;
}

module.exports = { tokenize, TokenType };
