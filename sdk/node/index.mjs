// ESM entry of @troupe/servo: the CommonJS implementation, re-exported by name.
import servo from './index.js';

export const {
  Given,
  When,
  Then,
  Step,
  Initialize,
  BeforeCleanup,
  Cleanup,
  defineParameterType,
  run,
  log,
  LOG_LEVELS,
  registry,
  Registry,
  StepLogger,
  StepContext,
  DataTable,
  DocString,
  generateExpression,
  snippetFor,
  tokenize,
  parse,
  CucumberExpression,
  RegularExpression,
  CucumberExpressionError,
  UndefinedParameterTypeError,
  ParameterType,
  ParameterTypeRegistry,
} = servo;
export default servo;
