'use strict';
// Parameter types usable as {name}: the reference's built-ins plus user-defined ones.
const { CucumberExpressionError } = require('./errors');

class ParameterType {
  constructor(name, regexps, transformer, useForSnippets = true, preferForRegexpMatch = false) {
    if (name !== undefined && name !== null && /[{}()\\/]/.test(name)) {
      throw new CucumberExpressionError(
        `Illegal character in parameter name {${name}}. Parameter names may not contain '{', '}', '(', ')', '\\' or '/'`,
      );
    }
    const list = Array.isArray(regexps) ? regexps : [regexps];
    this.name = name;
    this.regexps = list.map((r) => (r instanceof RegExp ? r.source : String(r)));
    this.transformer = transformer;
    this.useForSnippets = useForSnippets;
    this.preferForRegexpMatch = preferForRegexpMatch;
  }

  transform(values) {
    if (!this.transformer) return values.length > 0 ? values[0] : null;
    return this.transformer(...values);
  }
}

const optional = (convert) => (value) => (value === undefined || value === null ? null : convert(value));
const INTEGER_REGEXPS = ['-?\\d+', '\\d+'];
const FLOAT_REGEXP = '(?=.*\\d.*)[-+]?\\d*(?:\\.(?=\\d.*))?\\d*(?:\\d+[E][+-]?\\d+)?';
const STRING_REGEXP = '"([^"\\\\]*(\\\\.[^"\\\\]*)*)"|\'([^\'\\\\]*(\\\\.[^\'\\\\]*)*)\'';
const identity = (value) => (value === undefined ? null : value);
const unquote = (doubleQuoted, singleQuoted) =>
  (doubleQuoted || singleQuoted || '').replace(/\\"/g, '"').replace(/\\'/g, "'");

class ParameterTypeRegistry {
  constructor() {
    this.byName = new Map();
    this.byRegexp = new Map();
    this.define(new ParameterType('int', INTEGER_REGEXPS, optional(Number), true, true));
    this.define(new ParameterType('float', FLOAT_REGEXP, optional(parseFloat), true, false));
    this.define(new ParameterType('word', '[^\\s]+', identity, false, false));
    this.define(new ParameterType('string', STRING_REGEXP, unquote, true, false));
    this.define(new ParameterType('', '.*', identity, false, true));
    this.define(new ParameterType('double', FLOAT_REGEXP, optional(parseFloat), false, false));
    // JavaScript has no decimal type: a bigdecimal stays its exact text.
    this.define(new ParameterType('bigdecimal', FLOAT_REGEXP, optional(String), false, false));
    for (const name of ['byte', 'short', 'long']) {
      this.define(new ParameterType(name, INTEGER_REGEXPS, optional(Number), false, false));
    }
    this.define(new ParameterType('biginteger', INTEGER_REGEXPS, optional(BigInt), false, false));
  }

  lookupByName(name) {
    return this.byName.get(name);
  }

  // Unlike the reference, an ambiguous regexp picks the first type instead of failing.
  lookupByRegexp(source) {
    const types = this.byRegexp.get(source);
    return types && types.length > 0 ? types[0] : undefined;
  }

  define(parameterType) {
    if (this.byName.has(parameterType.name)) {
      if (parameterType.name === '') throw new CucumberExpressionError('The anonymous parameter type has already been defined');
      throw new CucumberExpressionError(`There is already a parameter type with name ${parameterType.name}`);
    }
    this.byName.set(parameterType.name, parameterType);
    for (const source of parameterType.regexps) {
      if (!this.byRegexp.has(source)) this.byRegexp.set(source, []);
      const types = this.byRegexp.get(source);
      if (types.length > 0 && types[0].preferForRegexpMatch && parameterType.preferForRegexpMatch) {
        throw new CucumberExpressionError(
          'There can only be one preferential parameter type per regexp. ' +
            `The regexp /${source}/ is used for two preferential parameter types, {${types[0].name}} and {${parameterType.name}}`,
        );
      }
      types.push(parameterType);
      types.sort((a, b) => Number(b.preferForRegexpMatch) - Number(a.preferForRegexpMatch) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
  }
}

module.exports = { ParameterType, ParameterTypeRegistry };
