'use strict';
// The servo: reads framed JSON-RPC requests from stdin, runs steps and hooks with
// deadlines, and answers on the protocol channel (the real stdout).
const { FRAMINGS, FramingError, FrameDecoder, encodeFrame, jsonReplacer } = require('./framing');
const { StepLogger, activeLogger, captureStdout } = require('./logger');
const { StepContext } = require('./step-context');
const { snippetFor } = require('./registry');

const DEFAULT_TIMEOUT_MS = 30000;
const MAX_TIMER_MS = 2147483647;
const STEP_TYPES = ['given', 'when', 'then'];
const TIMED_OUT = Symbol('timed out');

class InvalidParams extends Error {}

/** Accepts `{...}` or Harmony's `[{...}]`, with camelCase or PascalCase keys. */
function camelCaseParams(params) {
  if (Array.isArray(params) && params.length === 1) params = params[0];
  if (!params || typeof params !== 'object' || Array.isArray(params)) return {};
  const out = {};
  for (const [key, value] of Object.entries(params)) out[key.charAt(0).toLowerCase() + key.slice(1)] = value;
  return out;
}

function stepTypeOf(value) {
  if (Number.isInteger(value)) return STEP_TYPES[value] || 'any';
  if (typeof value === 'string' && STEP_TYPES.includes(value.toLowerCase())) return value.toLowerCase();
  return 'any';
}

function failure(error, errorType, logs, extra = {}) {
  return { success: false, error, errorType, logs, ...extra };
}

function errorTypeOf(error) {
  if (error instanceof Error) {
    const constructorName = error.constructor && error.constructor.name;
    return constructorName && constructorName !== 'Error' ? constructorName : error.name || 'Error';
  }
  return 'Error';
}

const LIB_DIR = __dirname;

/** The stack without this SDK's and Node's internal frames: the user's code is what matters. */
function userStack(error) {
  if (!(error instanceof Error) || !error.stack) return String(error);
  return error.stack
    .split('\n')
    .filter((line) => !(/^\s+at /.test(line) && (line.includes(LIB_DIR) || line.includes('node:internal'))))
    .join('\n');
}

function exceptionFailure(error, logger) {
  const message = error instanceof Error ? error.message || errorTypeOf(error) : String(error);
  // At debug level: the runner quotes error-level logs in the failure, the message is already there.
  logger.debug(userStack(error));
  return failure(message, errorTypeOf(error), logger.take());
}

function jsonCopy(value) {
  return JSON.parse(JSON.stringify(value, jsonReplacer) ?? 'null');
}

async function callUser(fn, ctx, args) {
  return fn.call(ctx, ctx, ...args);
}

class Servo {
  constructor(registry, framing, output) {
    this.registry = registry;
    this.framing = framing;
    this.output = output; // { write(buffer), flush(callback) }
    this.decoder = new FrameDecoder(framing);
    this.events = [];
    this.pumping = false;
    this.inJob = false;
    this.reading = true;
    this.needsCleanup = false;
    this.session = {
      role: process.env.TROUPE_ROLE ?? null,
      platform: process.env.TROUPE_PLATFORM ?? null,
      testRunId: process.env.TROUPE_RUN_ID ?? null,
    };
  }

  // -- input --------------------------------------------------------------

  onData(chunk) {
    if (!this.reading) return;
    try {
      for (const body of this.decoder.push(chunk)) this.events.push({ kind: 'message', body });
    } catch (error) {
      this.onFramingError(error);
    }
    this.pump();
  }

  onEnd() {
    if (this.reading) {
      try {
        for (const body of this.decoder.end()) this.events.push({ kind: 'message', body });
      } catch (error) {
        this.onFramingError(error);
      }
      this.reading = false;
      this.events.push({ kind: 'eof' });
    }
    // The runner is gone while user code runs and nothing else is queued: nobody wants the answer.
    if (this.inJob && this.events.length === 1) this.exit(0);
    this.pump();
  }

  onFramingError(error) {
    if (!(error instanceof FramingError)) throw error;
    // A broken frame cannot be resynchronised: report it, then stop as at end of input.
    this.events.push({ kind: 'bad', message: error.message });
    this.events.push({ kind: 'eof' });
    this.reading = false;
  }

  async pump() {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.events.length > 0) {
        const event = this.events.shift();
        if (event.kind === 'eof') {
          await this.onEof();
          return;
        }
        if (event.kind === 'bad') {
          process.stderr.write(`@troupe/servo: protocol error: ${event.message}\n`);
          this.replyError(null, -32700, `Parse error: ${event.message}`);
        } else {
          await this.onMessage(event.body);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  async onEof() {
    // Release resources once even when the runner vanished without `cleanup`, bounded in time.
    if (this.needsCleanup) await this.runHooks(['beforeCleanup', 'cleanup'], {}, 5000);
    this.exit(0);
  }

  exit(code) {
    const force = setTimeout(() => process.exit(code), 2000);
    force.unref();
    this.output.flush(() => process.exit(code));
  }

  // -- output -------------------------------------------------------------

  send(message) {
    this.output.write(encodeFrame(message, this.framing));
  }

  reply(id, result) {
    this.send({ jsonrpc: '2.0', id, result });
  }

  replyError(id, code, message) {
    this.send({ jsonrpc: '2.0', id, error: { code, message } });
  }

  // -- dispatch -----------------------------------------------------------

  async onMessage(body) {
    let message;
    try {
      message = JSON.parse(body.toString('utf8'));
    } catch (error) {
      process.stderr.write(`@troupe/servo: invalid JSON: ${error.message}\n`);
      this.replyError(null, -32700, `Parse error: ${error.message}`);
      return;
    }
    if (!message || typeof message !== 'object' || Array.isArray(message)) {
      this.replyError(null, -32600, 'Invalid Request: expected a JSON object');
      return;
    }
    if (!('method' in message)) {
      if ('result' in message || 'error' in message) {
        process.stderr.write('@troupe/servo: ignoring a response sent to the servo\n');
        return;
      }
      this.replyError(message.id ?? null, -32600, 'Invalid Request: no method');
      return;
    }
    const id = message.id ?? null;
    const isNotification = !('id' in message);
    if (typeof message.method !== 'string') {
      this.replyError(id, -32600, 'Invalid Request: method must be a string');
      return;
    }
    const handlers = {
      health: () => ({ healthy: true }),
      initialize: (params) => this.initialize(params),
      discover: () => ({ steps: this.registry.discover() }),
      executeStep: (params) => this.executeStep(params),
      cleanup: (params) => {
        this.needsCleanup = false;
        return this.runHooks(['beforeCleanup', 'cleanup'], params, params.timeoutMs);
      },
      shutdown: () => ({ success: true }),
    };
    const handler = Object.prototype.hasOwnProperty.call(handlers, message.method) ? handlers[message.method] : null;
    if (!handler) {
      if (!isNotification) this.replyError(id, -32601, `Method not found: ${message.method}`);
      return;
    }
    let result;
    try {
      result = await handler(camelCaseParams(message.params));
    } catch (error) {
      if (error instanceof InvalidParams) {
        if (!isNotification) this.replyError(id, -32602, `Invalid params: ${error.message}`);
        return;
      }
      // A bug here must cost one request, not the servo.
      process.stderr.write(`@troupe/servo: ${message.method} failed:\n${error && error.stack ? error.stack : error}\n`);
      if (!isNotification) this.replyError(id, -32603, `Internal error: ${errorTypeOf(error)}: ${error && error.message}`);
      return;
    }
    if (isNotification) return;
    try {
      this.reply(id, result);
    } catch (error) {
      this.replyError(id, -32603, `Internal error: the result is not JSON: ${error.message}`);
    }
  }

  initialize(params) {
    this.session = { ...this.session };
    for (const key of ['role', 'platform', 'scenario', 'feature', 'testRunId', 'hostPid', 'featureId', 'tags']) {
      if (key in params) this.session[key] = params[key];
    }
    this.needsCleanup = true;
    return this.runHooks(['initialize'], params, params.timeoutMs);
  }

  async executeStep(params) {
    const text = params.step;
    if (typeof text !== 'string') throw new InvalidParams("executeStep needs 'step' (the step text) as a string");
    const stepType = stepTypeOf(params.stepType);
    params = { ...params, stepType };
    const logger = new StepLogger();
    let matches = this.registry.find(text);
    const original = params.originalStep;
    if (matches.length === 0 && typeof original === 'string' && original !== text) matches = this.registry.find(original);
    if (matches.length === 0) {
      const snippet = snippetFor(text, stepType);
      return failure(`undefined step: ${text}\nYou can implement it with:\n${snippet}`, 'UndefinedStepError', logger.take(), {
        snippet,
      });
    }
    if (matches.length > 1) {
      const lines = matches.map(({ definition }) => `  ${definition.expression.display()} (${definition.location})`);
      return failure(
        `ambiguous step: ${text} matches ${matches.length} step definitions:\n${lines.join('\n')}`,
        'AmbiguousStepError',
        logger.take(),
      );
    }
    const { definition, args } = matches[0];
    const ctx = new StepContext(this.session, params, logger);
    const job = async () => {
      let data;
      let before;
      try {
        before = jsonCopy(ctx.context);
        data = await callUser(definition.fn, ctx, args);
      } catch (error) {
        this.flushOutput(logger);
        return exceptionFailure(error, logger);
      }
      this.flushOutput(logger);
      const result = { success: true };
      if (data !== undefined && data !== null) result.data = data;
      let after;
      try {
        after = jsonCopy(ctx.context);
      } catch (error) {
        return exceptionFailure(error, logger);
      }
      const changed = {};
      for (const [key, value] of Object.entries(after)) {
        if (!(key in before) || JSON.stringify(before[key]) !== JSON.stringify(value)) changed[key] = value;
      }
      if (Object.keys(changed).length > 0) result.context = changed;
      result.logs = logger.take();
      return result;
    };
    return this.runJob(job, params.timeoutMs, logger, (ms) => `step timed out after ${ms} ms: ${text}`);
  }

  async runHooks(kinds, params, timeoutMs) {
    const hooks = kinds.flatMap((kind) => this.registry.hooks[kind]);
    if (hooks.length === 0) return { success: true };
    const logger = new StepLogger();
    const ctx = new StepContext(this.session, params, logger);
    const job = async () => {
      try {
        for (const hook of hooks) await callUser(hook, ctx, []);
      } catch (error) {
        this.flushOutput(logger);
        return exceptionFailure(error, logger);
      }
      this.flushOutput(logger);
      return { success: true, logs: logger.take() };
    };
    return this.runJob(job, timeoutMs, logger, (ms) => `hook timed out after ${ms} ms`);
  }

  /** Runs `job` in the step's log scope; answers a timeout failure at the deadline. */
  async runJob(job, timeoutMs, logger, timeoutMessage) {
    const ms = typeof timeoutMs === 'number' && timeoutMs > 0 ? Math.floor(timeoutMs) : DEFAULT_TIMEOUT_MS;
    const started = Date.now();
    let timer;
    const deadline = new Promise((resolve) => {
      timer = setTimeout(() => resolve(TIMED_OUT), Math.min(ms, MAX_TIMER_MS));
    });
    this.inJob = true;
    let outcome;
    try {
      outcome = await Promise.race([activeLogger.run(logger, () => Promise.resolve().then(job)), deadline]);
    } finally {
      clearTimeout(timer);
      this.inJob = false;
    }
    // A synchronous step blocks the event loop past its deadline: it timed out all the same.
    if (outcome === TIMED_OUT || Date.now() - started > ms) {
      logger.abandoned = true;
      return failure(timeoutMessage(ms), 'TimeoutError', logger.take());
    }
    return outcome;
  }

  flushOutput(logger) {
    if (this.output.flushCapture) this.output.flushCapture(logger);
  }
}

function framingFrom(argv, framing) {
  if (!framing) {
    for (let i = 0; i < argv.length; i++) {
      if (argv[i] === '--framing' && i + 1 < argv.length) framing = argv[i + 1];
      else if (argv[i].startsWith('--framing=')) framing = argv[i].slice('--framing='.length);
    }
  }
  return framing || process.env.TROUPE_FRAMING || 'content-length';
}

/** Serves `registry` over stdin/stdout until stdin closes, then exits the process. */
function serve(registry, options = {}) {
  const framing = framingFrom(options.argv || process.argv.slice(2), options.framing);
  if (!FRAMINGS.includes(framing)) {
    process.stderr.write(`@troupe/servo: unknown framing '${framing}' (expected content-length or ndjson)\n`);
    process.exit(2);
  }
  const { protocolWrite, flush } = captureStdout();
  const output = {
    write: (buffer) => protocolWrite(buffer),
    flush: (callback) => protocolWrite('', () => callback()),
    flushCapture: flush,
  };
  const servo = new Servo(registry, framing, output);
  // The runner went away: nothing more to answer.
  process.stdout.on('error', () => process.exit(0));
  // User code failing outside a step (a stray timer, an unhandled promise) must not kill the servo.
  process.on('uncaughtException', (error) => process.stderr.write(`@troupe/servo: uncaught exception: ${error && error.stack ? error.stack : error}\n`));
  process.on('unhandledRejection', (error) => process.stderr.write(`@troupe/servo: unhandled rejection: ${error && error.stack ? error.stack : error}\n`));
  process.stdin.on('data', (chunk) => servo.onData(chunk));
  process.stdin.on('end', () => servo.onEnd());
  process.stdin.on('error', () => servo.onEnd());
  return servo;
}

module.exports = { serve, Servo, camelCaseParams, stepTypeOf };
