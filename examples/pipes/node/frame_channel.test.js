'use strict';
// Unit tests of frame_channel.js: the wire format (with the golden frame every language checks)
// and a reader and writer over a real Unix socket.
const assert = require('node:assert/strict');
const fs = require('node:fs');
const net = require('node:net');
const test = require('node:test');
const fc = require('./frame_channel');

const WAIT_MS = 10000;
const uniqueEndpoint = (name) => fc.endpointPath(`unit-node-${process.pid}-${name}`);

test('the golden frame is byte for byte the documented one', () => {
  // The same bytes are asserted in cpp frame_format_test.cpp and python test_frame_channel.py.
  assert.equal(fc.encodeFrame(7, 5).toString('hex'), '545246310700000005000000048f82df31506f8ead');
});

test('crc32 gives the standard check value', () => {
  assert.equal(fc.crc32(Buffer.from('123456789')), 0xcbf43926);
});

test('a 1 MB frame has the documented checksum', () => {
  assert.equal(fc.crc32(fc.makePayload(1, 1048576)), 0xdbda0728);
});

test('an empty frame is a header with checksum zero', () => {
  assert.equal(fc.encodeFrame(1, 0).toString('hex'), '54524631010000000000000000000000');
});

test('the endpoint is named after the run id', () => {
  assert.ok(fc.endpointPath('2026/11 26').endsWith('/troupe-pipes-2026_11_26.sock'));
});

test('the decoder reports a corrupt checksum with both values', () => {
  const decoder = new fc.StreamDecoder('x');
  const frame = fc.encodeFrame(1, 8);
  frame[12] ^= 1;
  decoder.feed(frame);
  const good = fc.crc32(fc.makePayload(1, 8));
  assert.deepEqual(decoder.next(), {
    kind: 'error',
    message: `checksum mismatch in frame 1: header says ${fc.hex32(good ^ 1)}, payload of 8 bytes has ${fc.hex32(good)}`,
  });
});

test('the decoder rejects a huge length and reports truncation', () => {
  const huge = Buffer.alloc(16);
  huge.writeUInt32LE(fc.FRAME_MAGIC, 0);
  huge.writeUInt32LE(1, 4);
  huge.writeUInt32LE(0xffffffff, 8);
  const decoder = new fc.StreamDecoder('x');
  decoder.feed(huge);
  assert.equal(decoder.next().message, 'frame 1 declares 4294967295 payload bytes, more than the limit of 16777216');
  const cut = new fc.StreamDecoder('x');
  cut.feed(fc.encodeFrame(1, 100).subarray(0, 56));
  assert.equal(cut.next(), null);
  assert.equal(cut.end().message, 'stream ended inside frame 1: got 40 of 100 payload bytes');
});

test('frames arrive in order, then the end of the stream', async () => {
  const reader = await fc.FrameReader.create(uniqueEndpoint('order'));
  try {
    const writer = await fc.FrameWriter.connect(reader.endpoint);
    assert.deepEqual([await writer.writeFrame(10), await writer.writeFrame(0), await writer.writeFrame(1048576)], [1, 2, 3]);
    const events = [];
    for (let i = 0; i < 3; i++) events.push(await reader.next(WAIT_MS));
    assert.deepEqual(events.map((e) => [e.kind, e.sequence, e.size]), [['frame', 1, 10], ['frame', 2, 0], ['frame', 3, 1048576]]);
    await writer.close();
    const end = await reader.next(WAIT_MS);
    assert.deepEqual([end.kind, end.message], ['end', '']);
  } finally {
    await reader.close();
  }
  assert.equal(fs.existsSync(reader.endpoint), false);
});

test('next times out without a writer', async () => {
  const reader = await fc.FrameReader.create(uniqueEndpoint('idle'));
  try {
    assert.equal(await reader.next(50), null);
  } finally {
    await reader.close();
  }
});

test('the writer sees a broken pipe when the reader is gone', async () => {
  const reader = await fc.FrameReader.create(uniqueEndpoint('gone'));
  const writer = await fc.FrameWriter.connect(reader.endpoint);
  await writer.writeFrame(1);
  assert.equal((await reader.next(WAIT_MS)).kind, 'frame');
  await reader.close();
  let error = null;
  for (let i = 0; i < 100 && !error; i++) {
    try { await writer.writeFrame(1); } catch (e) { error = e; }
  }
  assert.ok(error instanceof fc.BrokenConnection, String(error));
  await writer.close();
});

test('connecting without a reader names the endpoint', async () => {
  const endpoint = uniqueEndpoint('none');
  await assert.rejects(fc.FrameWriter.connect(endpoint), new RegExp(`cannot connect to ${endpoint}`));
});

test('a stale endpoint is replaced', async () => {
  const endpoint = uniqueEndpoint('stale');
  // A socket file nobody listens on, as a killed reader leaves it: made by a child that exits.
  const server = net.createServer();
  await new Promise((resolve) => server.listen(endpoint, resolve));
  const copy = endpoint + '.tmp';
  fs.renameSync(endpoint, copy);
  await new Promise((resolve) => server.close(resolve));
  fs.renameSync(copy, endpoint);
  const reader = await fc.FrameReader.create(endpoint);
  try {
    const writer = await fc.FrameWriter.connect(endpoint);
    await writer.writeFrame(3);
    assert.equal((await reader.next(WAIT_MS)).size, 3);
    await writer.close();
  } finally {
    await reader.close();
  }
});

test('streaming pauses on a full queue and ends when the writer goes', async () => {
  const reader = await fc.FrameReader.create(uniqueEndpoint('stream'), { queueLimit: 4 });
  try {
    const writer = await fc.FrameWriter.connect(reader.endpoint);
    writer.startStreaming(4096);
    const sequences = [];
    for (let i = 0; i < 3; i++) sequences.push((await reader.next(WAIT_MS)).sequence);
    assert.deepEqual(sequences, [1, 2, 3]);
    await writer.close();
    let event = await reader.next(WAIT_MS);
    while (event && event.kind === 'frame') event = await reader.next(WAIT_MS);
    assert.equal(event.kind, 'end');
  } finally {
    await reader.close();
  }
});
