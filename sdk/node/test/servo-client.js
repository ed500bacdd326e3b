'use strict';
// Test helper: drives a servo process over pipes, speaking either framing.
const { spawn } = require('node:child_process');
const path = require('node:path');

const SAMPLE_SERVO = path.join(__dirname, 'fixtures', 'sample-servo.js');

class ServoProcess {
  constructor(framing, { via = 'flag', script = SAMPLE_SERVO, env = {}, command = process.execPath, args } = {}) {
    const fullEnv = { ...process.env, TROUPE_ROLE: 'writer', TROUPE_PLATFORM: 'node', TROUPE_RUN_ID: 'run-1', ...env };
    const argv = args || [script];
    if (via === 'flag') argv.push('--framing', framing);
    else if (via === 'env') fullEnv.TROUPE_FRAMING = framing;
    this.framing = framing;
    this.child = spawn(command, argv, { env: fullEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    this.nextId = 0;
    this.messages = [];
    this.waiters = [];
    this.stdoutBuffer = Buffer.alloc(0);
    this.stderrText = '';
    this.closed = false;
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
    this.child.stderr.on('data', (chunk) => {
      this.stderrText += chunk.toString('utf8');
    });
    this.child.stdout.on('data', (chunk) => this.onStdout(chunk));
    this.child.stdout.on('end', () => this.deliver(null));
    this.child.stdin.on('error', () => {});
  }

  onStdout(chunk) {
    this.stdoutBuffer = Buffer.concat([this.stdoutBuffer, chunk]);
    for (;;) {
      if (this.framing === 'ndjson') {
        const newline = this.stdoutBuffer.indexOf(0x0a);
        if (newline < 0) return;
        const line = this.stdoutBuffer.subarray(0, newline).toString('utf8');
        this.stdoutBuffer = this.stdoutBuffer.subarray(newline + 1);
        this.deliver(this.parse(line));
      } else {
        const headerEnd = this.stdoutBuffer.indexOf('\r\n\r\n');
        if (headerEnd < 0) return;
        const header = this.stdoutBuffer.subarray(0, headerEnd).toString('latin1');
        const match = /^Content-Length: (\d+)$/.exec(header);
        if (!match) {
          this.deliver({ notAFrame: header });
          this.stdoutBuffer = Buffer.alloc(0);
          return;
        }
        const total = headerEnd + 4 + Number(match[1]);
        if (this.stdoutBuffer.length < total) return;
        this.deliver(this.parse(this.stdoutBuffer.subarray(headerEnd + 4, total).toString('utf8')));
        this.stdoutBuffer = this.stdoutBuffer.subarray(total);
      }
    }
  }

  parse(text) {
    try {
      return JSON.parse(text);
    } catch (error) {
      return { notAFrame: text };
    }
  }

  deliver(message) {
    const waiter = this.waiters.shift();
    if (waiter) waiter(message);
    else this.messages.push(message);
  }

  receive(timeoutMs = 10000) {
    if (this.messages.length > 0) return Promise.resolve(this.messages.shift());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no reply within ${timeoutMs} ms; stderr: ${this.stderrText}`)), timeoutMs);
      this.waiters.push((message) => {
        clearTimeout(timer);
        resolve(message);
      });
    });
  }

  sendRaw(data) {
    this.child.stdin.write(data);
  }

  send(message) {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    if (this.framing === 'ndjson') this.sendRaw(Buffer.concat([body, Buffer.from('\n')]));
    else this.sendRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  async request(method, params) {
    const id = ++this.nextId;
    const message = { jsonrpc: '2.0', id, method };
    if (params !== undefined) message.params = params;
    this.send(message);
    const reply = await this.receive();
    if (!reply || reply.id !== id) throw new Error(`unexpected reply ${JSON.stringify(reply)}; stderr: ${this.stderrText}`);
    return reply;
  }

  async step(text, stepType = 'given', extra = {}) {
    const params = {
      process: 'writer',
      stepType,
      step: text,
      originalStep: `the 'writer' process ${text}`,
      parameters: {},
      context: {},
      table: null,
      docString: null,
      isBroadcast: false,
      timeoutMs: 5000,
      ...extra,
    };
    return (await this.request('executeStep', params)).result;
  }

  /** Closes stdin and resolves with the exit code (rejects after timeoutMs). */
  close(timeoutMs = 10000) {
    if (!this.closed) {
      this.closed = true;
      this.child.stdin.end();
    }
    let timer;
    const timeout = new Promise((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`servo did not exit within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([this.exited, timeout]).finally(() => clearTimeout(timer));
  }

  kill() {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
  }
}

module.exports = { ServoProcess, SAMPLE_SERVO };
