'use strict';
// The pipes servo in Node: the 'reader' and 'writer' steps of examples/pipes/features over
// frame_channel.js, served to troupe with the Node servo SDK.
const path = require('path');
const { Given, When, Then, Cleanup, run } = require(path.join(__dirname, '..', '..', '..', 'sdk', 'node'));
const channel = require('./frame_channel');

const state = {
  reader: null,
  writer: null,
  writerEndpoint: null,
  writerSawBrokenPipe: false,
  lastConnection: 0,
  lastSequence: 0,
};

/** A little less than troupe's step timeout, so a step fails with what it waited for. */
function waitBudgetMs(ctx) {
  const timeout = ctx.timeoutMs > 0 ? ctx.timeoutMs : 30000;
  return timeout > 1000 ? timeout - 500 : (timeout * 3) / 4;
}

function runIdOf(ctx) {
  const runId = ctx.testRunId || process.env.TROUPE_RUN_ID;
  if (!runId) throw new Error('no test run id: initialize sent none and TROUPE_RUN_ID is unset');
  return runId;
}

function frameSize(size) {
  if (size < 0) throw new Error(`a frame size cannot be negative: ${size}`);
  return size;
}

/** A whole number from a data table cell, or a failure naming the row and column. */
function tableNumber(number, row, column) {
  const cell = row[column] ?? '';
  if (!/^[0-9]+$/.test(cell)) throw new Error(`row ${number}, column ${column}: '${cell}' is not a whole number`);
  return Number(cell);
}

function requireReader() {
  if (!state.reader) throw new Error('the reader has not created the endpoint yet');
  return state.reader;
}

function requireWriter() {
  if (!state.writer) throw new Error('the writer is not connected to the endpoint');
  return state.writer;
}

function check(condition, message) {
  if (!condition) {
    const error = new Error(message);
    error.name = 'AssertionError';
    throw error;
  }
}

/** The next frame, or a failure saying what came instead. */
async function nextFrame(ctx, deadline) {
  const event = await requireReader().next(deadline - Date.now());
  if (!event) throw new Error(`no frame arrived within ${waitBudgetMs(ctx)} ms`);
  if (event.kind === 'error') throw new Error(event.message);
  if (event.kind === 'end') {
    throw new Error('the stream ended before the expected frame' + (event.message ? ` (${event.message})` : ''));
  }
  if (event.connection !== state.lastConnection) state.lastSequence = 0;
  state.lastConnection = event.connection;
  state.lastSequence = event.sequence;
  ctx.log.info('read frame %d: %d bytes, checksum %s', event.sequence, event.size, channel.hex32(event.checksum));
  return event;
}

function expectSize(frame, size) {
  check(frame.size === size, `frame ${frame.sequence} has ${frame.size} bytes, expected ${size}`);
}

// --- reader ---------------------------------------------------------------------------------

Given('creates the endpoint', async (ctx) => {
  await closeReader();
  const endpoint = channel.endpointPath(runIdOf(ctx));
  state.reader = await channel.FrameReader.create(endpoint);
  ctx.context.endpoint = endpoint;
  ctx.log.info('listening on %s', endpoint);
});

Then('should read frame with size {int}', async (ctx, size) => {
  const frame = await nextFrame(ctx, Date.now() + waitBudgetMs(ctx));
  expectSize(frame, frameSize(size));
  return { sequence: frame.sequence, size: frame.size, checksum: channel.hex32(frame.checksum) };
});

Then('should read frame with size {int} and checksum {string}', async (ctx, size, checksum) => {
  const frame = await nextFrame(ctx, Date.now() + waitBudgetMs(ctx));
  expectSize(frame, frameSize(size));
  const actual = channel.hex32(frame.checksum);
  check(actual === checksum, `frame ${frame.sequence} has checksum ${actual}, expected ${checksum}`);
});

Then('should read {int} frames in order', async (ctx, count) => {
  const deadline = Date.now() + waitBudgetMs(ctx);
  for (let i = 0; i < count; i++) {
    const expected = state.lastSequence + 1;
    const frame = await nextFrame(ctx, deadline);
    check(frame.sequence === expected, `frame ${frame.sequence} arrived where frame ${expected} was expected`);
  }
});

Then('should read frames:', async (ctx) => {
  check(ctx.table, 'the step needs a table with columns sequence and size');
  const deadline = Date.now() + waitBudgetMs(ctx);
  let number = 0;
  for (const row of ctx.table.rows) {
    number++;
    const sequence = tableNumber(number, row, 'sequence');
    const size = tableNumber(number, row, 'size');
    const frame = await nextFrame(ctx, deadline);
    check(frame.sequence === sequence && frame.size === size,
      `row ${number}: got frame ${frame.sequence} with ${frame.size} bytes, expected frame ${sequence} with ${size}`);
  }
});

Then('should see the end of the stream', async (ctx) => {
  const deadline = Date.now() + waitBudgetMs(ctx);
  let frames = 0;
  for (;;) {
    const event = await requireReader().next(deadline - Date.now());
    if (!event) {
      throw new Error(`the stream did not end within ${waitBudgetMs(ctx)} ms (${frames} more frames read)`);
    }
    if (event.kind === 'error') throw new Error(event.message);
    if (event.kind === 'end') {
      ctx.log.info('end of stream after %d more frames%s', frames, event.message ? ': ' + event.message : '');
      return { framesBeforeEnd: frames, truncated: event.message };
    }
    frames++;
  }
});

Then('should time out reading a frame after {int} ms', async (ctx, ms) => {
  check(ms > 0 && ms < waitBudgetMs(ctx),
    `a wait of ${ms} ms must be positive and below the step's ${waitBudgetMs(ctx)} ms budget`);
  const event = await requireReader().next(ms);
  if (event) {
    const got = event.kind === 'frame' ? `frame ${event.sequence}` : `an event: ${event.message}`;
    check(false, `expected no frame for ${ms} ms, but the reader got ${got}`);
  }
  ctx.log.info('no frame within %d ms, as expected', ms);
});

// --- writer ---------------------------------------------------------------------------------

async function connect(ctx) {
  await closeWriter();
  const endpoint = typeof ctx.context.endpoint === 'string' ? ctx.context.endpoint : channel.endpointPath(runIdOf(ctx));
  state.writerEndpoint = endpoint;
  state.writer = await channel.FrameWriter.connect(endpoint);
  state.writerSawBrokenPipe = false;
  ctx.log.info('connected to %s', endpoint);
}

Given('connects to the endpoint', connect);
When('reconnects to the endpoint', connect);

async function write(ctx, size) {
  try {
    const sequence = await requireWriter().writeFrame(frameSize(size));
    ctx.log.info('wrote frame %d: %d bytes', sequence, size);
    return sequence;
  } catch (error) {
    if (error instanceof channel.BrokenConnection) state.writerSawBrokenPipe = true;
    throw error;
  }
}

When('writes frame with size {int}', async (ctx, size) => ({ sequence: await write(ctx, size) }));

When('writes {int} frames of size {int}', async (ctx, count, size) => {
  for (let i = 0; i < count; i++) await write(ctx, size);
});

When('writes frames:', async (ctx) => {
  check(ctx.table, 'the step needs a table with a size column');
  let number = 0;
  for (const row of ctx.table.rows) await write(ctx, tableNumber(++number, row, 'size'));
});

When('starts streaming frames of size {int}', (ctx, size) => {
  requireWriter().startStreaming(frameSize(size));
  ctx.log.info('streaming frames of %d bytes', size);
});

Then('should see a broken pipe when writing', async (ctx) => {
  const deadline = Date.now() + waitBudgetMs(ctx);
  const writer = requireWriter();
  while (Date.now() < deadline) {
    try {
      await writer.writeFrame(16);
    } catch (error) {
      if (!(error instanceof channel.BrokenConnection)) throw new Error(`expected a broken pipe, got: ${error.message}`);
      state.writerSawBrokenPipe = true;
      ctx.log.info('broken pipe, as expected: %s', error.message);
      return { error: error.message };
    }
  }
  throw new Error(`writes still succeed after ${waitBudgetMs(ctx)} ms: the reader is alive`);
});

// --- cleanup --------------------------------------------------------------------------------

async function closeReader() {
  if (state.reader) await state.reader.close();
  state.reader = null;
}

async function closeWriter() {
  if (state.writer) await state.writer.close();
  state.writer = null;
}

Cleanup(async (ctx) => {
  await closeReader();
  await closeWriter();
  // A killed reader cannot remove its endpoint; the writer that saw it go does.
  if (state.writerSawBrokenPipe && state.writerEndpoint) await channel.removeStaleEndpoint(state.writerEndpoint);
  state.writerSawBrokenPipe = false;
  state.lastConnection = 0;
  state.lastSequence = 0;
  ctx.log.info('closed the channel');
});

run();
