'use strict';
// Log entries {timestamp, level, message} returned with a step's reply, and the
// routing of console output / process.stdout writes into the running step's logs.
const { AsyncLocalStorage } = require('node:async_hooks');
const util = require('node:util');

const LOG_LEVELS = Object.freeze(['trace', 'debug', 'info', 'warning', 'error', 'critical']);

class StepLogger {
  constructor() {
    this.entries = [];
  }

  log(level, message, ...args) {
    const text = args.length > 0 ? util.format(message, ...args) : String(message);
    this.entries.push({ timestamp: new Date().toISOString(), level: LOG_LEVELS.includes(level) ? level : 'info', message: text });
  }

  trace(message, ...args) {
    this.log('trace', message, ...args);
  }

  debug(message, ...args) {
    this.log('debug', message, ...args);
  }

  info(message, ...args) {
    this.log('info', message, ...args);
  }

  warning(message, ...args) {
    this.log('warning', message, ...args);
  }

  warn(message, ...args) {
    this.log('warning', message, ...args);
  }

  error(message, ...args) {
    this.log('error', message, ...args);
  }

  critical(message, ...args) {
    this.log('critical', message, ...args);
  }

  take() {
    const entries = this.entries;
    this.entries = [];
    return entries;
  }
}

// Each step runs inside its own store, so output of an abandoned (timed out) step
// never lands in a later step's logs.
const activeLogger = new AsyncLocalStorage();

/** The running step's logger; none for a step abandoned at its deadline. */
function currentLogger() {
  const logger = activeLogger.getStore();
  return logger && !logger.abandoned ? logger : undefined;
}

/** The module-level `log`: writes to the logger of the step (or hook) now running. */
const log = {};
for (const level of [...LOG_LEVELS, 'warn']) {
  log[level] = (message, ...args) => {
    const logger = currentLogger();
    if (logger) {
      logger[level](message, ...args);
    } else {
      process.stderr.write(`[${level}] ${args.length > 0 ? util.format(message, ...args) : message}\n`);
    }
  };
}

/**
 * Replaces process.stdout.write so user output becomes `info` logs of the running step
 * (or goes to stderr between steps); returns the original writer, kept for the protocol.
 */
function captureStdout() {
  const protocolWrite = process.stdout.write.bind(process.stdout);
  const partial = new WeakMap();
  process.stdout.write = (chunk, encoding, callback) => {
    const done = typeof encoding === 'function' ? encoding : callback;
    const text = Buffer.isBuffer(chunk) || chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : String(chunk);
    const logger = currentLogger();
    if (!logger) return process.stderr.write(text, done);
    const lines = ((partial.get(logger) || '') + text).split('\n');
    partial.set(logger, lines.pop());
    for (const line of lines) logger.info(line);
    if (done) process.nextTick(done);
    return true;
  };
  const flush = (logger) => {
    const rest = partial.get(logger);
    if (rest) logger.info(rest);
    partial.delete(logger);
  };
  return { protocolWrite, flush };
}

module.exports = { LOG_LEVELS, StepLogger, activeLogger, log, captureStdout };
