'use strict';
// The process-wide parameter types that Given/When/Then and defineParameterType use.
const { ParameterTypeRegistry } = require('./parameter-types');

module.exports = { defaultParameterTypes: new ParameterTypeRegistry() };
