'use strict';
// A regular expression step pattern; each top-level group is one argument.
const { groupTree, groupValues } = require('./group-tree');
const { defaultParameterTypes } = require('./default-registry');

class RegularExpression {
  constructor(pattern, registry = defaultParameterTypes) {
    // Without g/y, exec() keeps no state between matches.
    this.compiled = pattern instanceof RegExp ? new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, '')) : new RegExp(pattern);
    this.source = this.compiled.source;
    this.regexp = this.source;
    this.registry = registry;
    this.tree = groupTree(this.source);
  }

  match(text) {
    const match = this.compiled.exec(text);
    if (!match) return null;
    return this.tree.children.map((group) => {
      const parameterType = this.registry.lookupByRegexp(group.source);
      const values = groupValues(match, group);
      return parameterType ? parameterType.transform(values) : values.length > 0 ? values[0] : null;
    });
  }

  display() {
    return `/${this.source}/`;
  }
}

module.exports = { RegularExpression };
