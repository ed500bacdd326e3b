'use strict';
// Framed messages over a Unix domain socket, the Node implementation of the pipes example.
// A FrameReader owns the endpoint and accepts and reads in the background into a bounded queue;
// a FrameWriter connects and writes frames. The wire format (docs/example.md) is a 16-byte
// little-endian header - magic, sequence, payload length, CRC-32 of the payload - then the payload.
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const FRAME_MAGIC = 0x31465254; // the bytes "TRF1"
const HEADER_SIZE = 16;
const MAX_PAYLOAD_SIZE = 16 * 1024 * 1024; // bounds what a reader allocates, whatever a header claims
const MAX_SOCKET_PATH = 107;

class ChannelError extends Error {}
ChannelError.prototype.name = 'ChannelError';
/** The peer is gone: writing gave EPIPE or ECONNRESET. */
class BrokenConnection extends ChannelError {}
BrokenConnection.prototype.name = 'BrokenConnection';

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as in zlib, PNG and Ethernet. */
function crc32(bytes) {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const hex32 = (value) => '0x' + (value >>> 0).toString(16).padStart(8, '0');

/** Byte i = (7 * sequence + 31 * i + floor(i / 256)) mod 256. */
const payloadByte = (sequence, index) => (7 * sequence + 31 * index + Math.floor(index / 256)) & 0xff;

function makePayload(sequence, size) {
  const payload = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) payload[i] = payloadByte(sequence, i);
  return payload;
}

function findPayloadDifference(sequence, payload) {
  for (let i = 0; i < payload.length; i++) if (payload[i] !== payloadByte(sequence, i)) return i;
  return -1;
}

function encodeFrame(sequence, size) {
  const frame = Buffer.allocUnsafe(HEADER_SIZE + size);
  const payload = frame.subarray(HEADER_SIZE);
  for (let i = 0; i < size; i++) payload[i] = payloadByte(sequence, i);
  frame.writeUInt32LE(FRAME_MAGIC, 0);
  frame.writeUInt32LE(sequence >>> 0, 4);
  frame.writeUInt32LE(size, 8);
  frame.writeUInt32LE(crc32(payload), 12);
  return frame;
}

/** $TMPDIR (else /tmp)/troupe-pipes-<run id>.sock; unsafe file-name characters become '_'. */
function endpointPath(runId) {
  const folder = process.env.TMPDIR || '/tmp';
  return path.join(folder, `troupe-pipes-${String(runId).replace(/[^A-Za-z0-9._-]/g, '_')}.sock`);
}

function checkPathLength(endpoint) {
  const length = Buffer.byteLength(endpoint);
  if (length > MAX_SOCKET_PATH) {
    throw new ChannelError(`endpoint ${endpoint} is ${length} bytes long; a Unix socket path may have ` +
      `at most ${MAX_SOCKET_PATH} (set TMPDIR to a shorter folder)`);
  }
}

function isSocketFile(endpoint) {
  try {
    return fs.lstatSync(endpoint).isSocket() ? true : 'other';
  } catch {
    return false;
  }
}

/** Removes `endpoint` if it is a socket nobody listens on (left by a killed reader). */
function removeStaleEndpoint(endpoint) {
  if (isSocketFile(endpoint) !== true) return Promise.resolve(false);
  return new Promise((resolve) => {
    const probe = net.createConnection({ path: endpoint });
    probe.on('connect', () => { probe.destroy(); resolve(false); });
    probe.on('error', (error) => {
      if (error.code !== 'ECONNREFUSED') return resolve(false);
      try { fs.unlinkSync(endpoint); resolve(true); } catch { resolve(false); }
    });
  });
}

/** Decodes one connection's byte stream into events. */
class StreamDecoder {
  constructor(endpoint) {
    this.endpoint = endpoint;
    this.chunks = [];
    this.buffered = 0;
    this.header = null;
    this.frames = 0;
  }

  feed(chunk) {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  take(size) {
    const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.buffered);
    const taken = all.subarray(0, size);
    const rest = all.subarray(size);
    this.chunks = rest.length ? [rest] : [];
    this.buffered = rest.length;
    return taken;
  }

  /** The next complete event, or null when more bytes are needed. Errors end the stream. */
  next() {
    if (!this.header) {
      if (this.buffered < HEADER_SIZE) return null;
      const bytes = this.take(HEADER_SIZE);
      const header = {
        magic: bytes.readUInt32LE(0), sequence: bytes.readUInt32LE(4),
        size: bytes.readUInt32LE(8), checksum: bytes.readUInt32LE(12),
      };
      if (header.magic !== FRAME_MAGIC) {
        return { kind: 'error', message: `bad magic ${hex32(header.magic)} in the header after frame ` +
          `${this.frames} (expected ${hex32(FRAME_MAGIC)}, "TRF1"): the stream is not in the pipes format` };
      }
      if (header.size > MAX_PAYLOAD_SIZE) {
        return { kind: 'error', message: `frame ${header.sequence} declares ${header.size} payload bytes, ` +
          `more than the limit of ${MAX_PAYLOAD_SIZE}` };
      }
      this.header = header;
    }
    const { sequence, size, checksum } = this.header;
    if (this.buffered < size) return null;
    const payload = this.take(size);
    this.header = null;
    const actual = crc32(payload);
    if (actual !== checksum) {
      return { kind: 'error', message: `checksum mismatch in frame ${sequence}: header says ${hex32(checksum)}, ` +
        `payload of ${size} bytes has ${hex32(actual)}` };
    }
    const at = findPayloadDifference(sequence, payload);
    if (at >= 0) {
      return { kind: 'error', message: `payload of frame ${sequence} differs at byte ${at}: ` +
        `${payload[at]} instead of ${payloadByte(sequence, at)}` };
    }
    this.frames++;
    return { kind: 'frame', sequence, size, checksum: actual, message: '' };
  }

  /** The end-of-stream event: says so when the stream stopped inside a frame. */
  end() {
    if (this.header) {
      return { kind: 'end', message: `stream ended inside frame ${this.header.sequence}: ` +
        `got ${this.buffered} of ${this.header.size} payload bytes` };
    }
    if (this.buffered > 0) {
      return { kind: 'end', message: `stream ended inside a frame header after frame ${this.frames}: ` +
        `got ${this.buffered} of 16 bytes` };
    }
    return { kind: 'end', message: '' };
  }
}

class FrameReader {
  /** Creates the endpoint (replacing a stale socket file) and starts accepting. */
  static async create(endpoint, { queueLimit = 256 } = {}) {
    checkPathLength(endpoint);
    const existing = isSocketFile(endpoint);
    if (existing === 'other') throw new ChannelError(`endpoint ${endpoint} exists and is not a socket`);
    if (existing && !(await removeStaleEndpoint(endpoint))) {
      throw new ChannelError(`endpoint ${endpoint} is in use by another reader`);
    }
    const reader = new FrameReader(endpoint, queueLimit);
    await new Promise((resolve, reject) => {
      reader.server.once('error', (error) =>
        reject(new ChannelError(`cannot listen on ${endpoint}: ${error.message}`)));
      reader.server.listen(endpoint, resolve);
    });
    return reader;
  }

  constructor(endpoint, queueLimit) {
    this.endpoint = endpoint;
    this.queueLimit = Math.max(1, queueLimit);
    this.queue = [];
    this.waiters = [];
    this.sockets = new Set();
    this.connections = 0;
    this.closed = false;
    this.server = net.createServer((socket) => this.accept(socket));
  }

  accept(socket) {
    const connection = ++this.connections;
    const decoder = new StreamDecoder(this.endpoint);
    let finished = false;
    this.sockets.add(socket);
    const finish = (event) => {
      if (finished) return;
      finished = true;
      this.push({ sequence: 0, size: 0, checksum: 0, ...event, connection });
      socket.destroy();
    };
    socket.on('data', (chunk) => {
      if (finished) return;
      decoder.feed(chunk);
      for (let event = decoder.next(); event && !finished; event = decoder.next()) {
        if (event.kind === 'error') finish(event);
        else this.push({ ...event, connection });
      }
      // A full queue stops reading, so a fast writer blocks instead of growing our memory.
      if (this.queue.length >= this.queueLimit) socket.pause();
    });
    socket.on('end', () => finish(decoder.end()));
    socket.on('error', (error) => {
      // A killed writer with data in flight resets the connection: its stream ended.
      if (error.code === 'ECONNRESET') finish(decoder.end());
      else finish({ kind: 'error', message: `reading from ${this.endpoint} failed: ${error.message}` });
    });
    socket.on('close', () => {
      this.sockets.delete(socket);
      if (!this.closed) finish(decoder.end());
    });
  }

  push(event) {
    if (this.closed) return;
    const waiter = this.waiters.shift();
    if (waiter) waiter(event);
    else this.queue.push(event);
  }

  /** The next event, waiting up to waitMs; null if none came in time. */
  next(waitMs) {
    if (this.queue.length) {
      const event = this.queue.shift();
      if (this.queue.length < this.queueLimit) for (const socket of this.sockets) socket.resume();
      return Promise.resolve(event);
    }
    return new Promise((resolve) => {
      const waiter = (event) => { clearTimeout(timer); resolve(event); };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        resolve(null);
      }, Math.max(0, waitMs));
      this.waiters.push(waiter);
    });
  }

  /** Closes the sockets and removes the endpoint. */
  async close() {
    if (this.closed) return;
    this.closed = true;
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(() => resolve()));
    try { fs.unlinkSync(this.endpoint); } catch { /* already gone */ }
  }
}

class FrameWriter {
  /** Connects to a reader's endpoint. */
  static async connect(endpoint) {
    checkPathLength(endpoint);
    const socket = await new Promise((resolve, reject) => {
      // allowHalfOpen: a reader that goes away must show up as EPIPE on our next write.
      const candidate = net.createConnection({ path: endpoint, allowHalfOpen: true });
      candidate.once('connect', () => resolve(candidate));
      candidate.once('error', (error) => reject(new ChannelError(
        `cannot connect to ${endpoint}: ${error.code} (has the reader created the endpoint?)`)));
    });
    return new FrameWriter(endpoint, socket);
  }

  constructor(endpoint, socket) {
    this.endpoint = endpoint;
    this.socket = socket;
    this.nextSequence = 1;
    this.streaming = false;
    this.stopStreaming = false;
    this.streamDone = null;
    this.failure = null;
    socket.on('error', (error) => { this.failure = error; });
    socket.on('data', () => {}); // the reader sends nothing; keep the socket flowing
  }

  writeRaw(bytes) {
    return new Promise((resolve, reject) => {
      const broken = (error) => {
        const code = error.code || 'EPIPE';
        if (code === 'EPIPE' || code === 'ECONNRESET' || code === 'ERR_STREAM_DESTROYED') {
          return new BrokenConnection(`the reader's end of ${this.endpoint} is closed: write failed with ` +
            `${code === 'ERR_STREAM_DESTROYED' ? 'EPIPE' : code} (${code === 'ECONNRESET' ? 'Connection reset by peer' : 'Broken pipe'})`);
        }
        return new ChannelError(`writing to ${this.endpoint} failed: ${error.message}`);
      };
      if (this.failure || this.socket.destroyed) return reject(broken(this.failure || {}));
      this.socket.write(bytes, (error) => (error ? reject(broken(error)) : resolve()));
    });
  }

  async sendFrame(size) {
    const sequence = this.nextSequence;
    await this.writeRaw(encodeFrame(sequence, size));
    this.nextSequence = sequence + 1;
    return sequence;
  }

  static checkSize(size) {
    if (!Number.isInteger(size) || size < 0 || size > MAX_PAYLOAD_SIZE) {
      throw new ChannelError(`frame size ${size} is outside 0..${MAX_PAYLOAD_SIZE}`);
    }
  }

  /** Writes the next frame; resolves to its sequence number (1 for a connection's first frame). */
  async writeFrame(size) {
    if (this.streaming) throw new ChannelError('the writer is streaming frames; it cannot write one more');
    FrameWriter.checkSize(size);
    return this.sendFrame(size);
  }

  /** Writes frames of `size` in the background until closed or the connection breaks. */
  startStreaming(size) {
    if (this.streaming) throw new ChannelError('the writer is already streaming frames');
    FrameWriter.checkSize(size);
    this.streaming = true;
    this.streamDone = (async () => {
      try {
        while (!this.stopStreaming) await this.sendFrame(size);
      } catch {
        // the stream ends when the reader goes away
      }
    })();
  }

  async close() {
    this.stopStreaming = true;
    this.socket.destroy();
    if (this.streamDone) await this.streamDone;
  }
}

module.exports = {
  FRAME_MAGIC, HEADER_SIZE, MAX_PAYLOAD_SIZE, ChannelError, BrokenConnection, crc32, hex32,
  payloadByte, makePayload, findPayloadDifference, encodeFrame, endpointPath, removeStaleEndpoint,
  StreamDecoder, FrameReader, FrameWriter,
};
