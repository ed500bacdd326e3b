'use strict';
// JSON-RPC framing: content-length (LSP style, the default) or ndjson (one object per line).

const FRAMINGS = Object.freeze(['content-length', 'ndjson']);
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
const MAX_HEADER_BYTES = 8 * 1024;

class FramingError extends Error {
  constructor(message) {
    super(message);
    this.name = 'FramingError';
  }
}

/** Incremental decoder: push() chunks, get message bodies (Buffers); throws FramingError. */
class FrameDecoder {
  constructor(framing) {
    this.framing = framing;
    this.buffer = Buffer.alloc(0);
  }

  push(chunk) {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    return this.framing === 'ndjson' ? this.lines() : this.frames();
  }

  /** Throws when input ended inside a message. */
  end() {
    const rest = this.buffer;
    this.buffer = Buffer.alloc(0);
    if (this.framing === 'ndjson') return rest.toString('utf8').trim() ? [rest] : [];
    if (rest.toString('latin1').trim() === '') return [];
    const headerEnd = rest.indexOf('\r\n\r\n');
    if (headerEnd < 0) throw new FramingError('end of input inside a message header');
    const length = this.contentLength(rest.subarray(0, headerEnd).toString('latin1'));
    throw new FramingError(`end of input after ${rest.length - headerEnd - 4} of ${length} body bytes`);
  }

  lines() {
    const bodies = [];
    let newline;
    while ((newline = this.buffer.indexOf(0x0a)) >= 0) {
      const line = this.buffer.subarray(0, newline);
      this.buffer = this.buffer.subarray(newline + 1);
      if (line.toString('utf8').trim()) bodies.push(line);
    }
    if (this.buffer.length > MAX_MESSAGE_BYTES) throw new FramingError(`ndjson line longer than ${MAX_MESSAGE_BYTES} bytes`);
    return bodies;
  }

  contentLength(header) {
    let length = null;
    for (const line of header.split('\r\n')) {
      const colon = line.indexOf(':');
      const name = (colon < 0 ? line : line.slice(0, colon)).trim().toLowerCase();
      if (name !== 'content-length') continue;
      const value = line.slice(colon + 1).trim();
      if (!/^\d+$/.test(value)) throw new FramingError(`invalid Content-Length '${value}'`);
      length = Number(value);
    }
    if (length === null) throw new FramingError(`message header without Content-Length: '${header}'`);
    if (length > MAX_MESSAGE_BYTES) {
      throw new FramingError(`Content-Length ${length} exceeds the limit of ${MAX_MESSAGE_BYTES} bytes`);
    }
    return length;
  }

  frames() {
    const bodies = [];
    for (;;) {
      // Blank lines between messages are tolerated.
      while (this.buffer.length >= 2 && this.buffer[0] === 0x0d && this.buffer[1] === 0x0a) this.buffer = this.buffer.subarray(2);
      while (this.buffer.length >= 1 && this.buffer[0] === 0x0a) this.buffer = this.buffer.subarray(1);
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) {
        if (this.buffer.length > MAX_HEADER_BYTES) throw new FramingError(`message header longer than ${MAX_HEADER_BYTES} bytes`);
        return bodies;
      }
      const length = this.contentLength(this.buffer.subarray(0, headerEnd).toString('latin1'));
      const total = headerEnd + 4 + length;
      if (this.buffer.length < total) return bodies;
      bodies.push(this.buffer.subarray(headerEnd + 4, total));
      this.buffer = this.buffer.subarray(total);
    }
  }
}

function jsonReplacer(key, value) {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  return value;
}

function encodeFrame(message, framing) {
  const body = Buffer.from(JSON.stringify(message, jsonReplacer), 'utf8');
  if (framing === 'ndjson') return Buffer.concat([body, Buffer.from('\n')]);
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'latin1'), body]);
}

module.exports = { FRAMINGS, FramingError, FrameDecoder, encodeFrame, jsonReplacer, MAX_MESSAGE_BYTES };
