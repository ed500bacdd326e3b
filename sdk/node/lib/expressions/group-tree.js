'use strict';
// The capturing groups of a regex source as a tree (nested groups are children), so that
// each parameter gets its own group's value and a multi-group type gets all its sub-groups.

function isNonCapturing(source, i) {
  if (source[i + 1] !== '?') return false;
  if (source[i + 2] !== '<') return true;
  return source[i + 3] === '=' || source[i + 3] === '!';
}

function groupTree(source) {
  const stack = [{ number: 0, source: null, children: [] }];
  const starts = [];
  let escaping = false;
  let charClass = false;
  let count = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '[' && !escaping) {
      charClass = true;
    } else if (c === ']' && !escaping) {
      charClass = false;
    } else if (c === '(' && !escaping && !charClass) {
      starts.push(i);
      stack.push({ number: isNonCapturing(source, i) ? null : ++count, source: null, children: [] });
    } else if (c === ')' && !escaping && !charClass && stack.length > 1) {
      const group = stack.pop();
      const start = starts.pop();
      if (group.number !== null) {
        group.source = source.substring(start + 1, i);
        stack[stack.length - 1].children.push(group);
      } else {
        stack[stack.length - 1].children.push(...group.children);
      }
    }
    escaping = c === '\\' && !escaping;
  }
  return stack[0];
}

function groupValues(match, group) {
  const members = group.children.length > 0 ? group.children : [group];
  return members.map((g) => (match[g.number] === undefined ? null : match[g.number]));
}

module.exports = { groupTree, groupValues };
