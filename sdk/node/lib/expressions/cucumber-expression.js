'use strict';
// A Cucumber Expression compiled to an anchored regex; match() returns converted arguments.
const { parse, NodeType, nodeText } = require('./parser');
const { errors } = require('./errors');
const { groupTree, groupValues } = require('./group-tree');
const { defaultParameterTypes } = require('./default-registry');

const ESCAPE = /([\\^[({$.|?*+})\]])/g;

class CucumberExpression {
  constructor(expression, registry = defaultParameterTypes) {
    this.source = expression;
    this.registry = registry;
    this.parameterTypes = [];
    this.ast = parse(expression);
    this.regexp = this.rewrite(this.ast);
    this.compiled = new RegExp(this.regexp);
    this.tree = groupTree(this.regexp);
  }

  rewrite(node) {
    switch (node.type) {
      case NodeType.text:
        return nodeText(node).replace(ESCAPE, '\\$1');
      case NodeType.optional:
        return this.rewriteOptional(node);
      case NodeType.alternation:
        for (const alternative of node.nodes) {
          if (alternative.nodes.length === 0) throw errors.alternativeMayNotBeEmpty(this.source, alternative);
          if (!alternative.nodes.some((n) => n.type === NodeType.text)) {
            throw errors.alternativeMayNotExclusivelyContainOptionals(this.source, alternative);
          }
        }
        return `(?:${node.nodes.map((n) => this.rewrite(n)).join('|')})`;
      case NodeType.alternative:
        return node.nodes.map((n) => this.rewrite(n)).join('');
      case NodeType.parameter: {
        const name = nodeText(node);
        const parameterType = this.registry.lookupByName(name);
        if (!parameterType) throw errors.undefinedParameterType(this.source, node, name);
        this.parameterTypes.push(parameterType);
        if (parameterType.regexps.length === 1) return `(${parameterType.regexps[0]})`;
        return `((?:${parameterType.regexps.join(')|(?:')}))`;
      }
      default:
        return `^${node.nodes.map((n) => this.rewrite(n)).join('')}$`;
    }
  }

  rewriteOptional(node) {
    const parameter = node.nodes.find((n) => n.type === NodeType.parameter);
    if (parameter) throw errors.parameterNotAllowedInOptional(this.source, parameter);
    const optional = node.nodes.find((n) => n.type === NodeType.optional);
    if (optional) throw errors.optionalNotAllowedInOptional(this.source, optional);
    if (!node.nodes.some((n) => n.type === NodeType.text)) throw errors.optionalMayNotBeEmpty(this.source, node);
    return `(?:${node.nodes.map((n) => this.rewrite(n)).join('')})?`;
  }

  /** The converted arguments when `text` matches, else null. */
  match(text) {
    const match = this.compiled.exec(text);
    if (!match) return null;
    return this.tree.children.map((group, i) => this.parameterTypes[i].transform(groupValues(match, group)));
  }

  display() {
    return this.source;
  }
}

module.exports = { CucumberExpression };
