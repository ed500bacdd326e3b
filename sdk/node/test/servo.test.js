'use strict';
// Drives a real servo process (fixtures/sample-servo.js) over pipes with both framings.
const { describe, test, afterEach } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ServoProcess } = require('./servo-client');

const started = [];
function startServo(framing, options) {
  const servo = new ServoProcess(framing, options);
  started.push(servo);
  return servo;
}
afterEach(() => {
  while (started.length > 0) started.pop().kill();
});

for (const framing of ['content-length', 'ndjson']) {
  describe(`${framing} framing`, () => {
    test('health, initialize and discover', async () => {
      const servo = startServo(framing);
      assert.deepEqual((await servo.request('health')).result, { healthy: true });
      const init = (await servo.request('initialize', {
        role: 'reader', platform: 'node', scenario: 's', feature: 'f', testRunId: 't-42', hostPid: 1, featureId: 'f1', tags: ['@x'],
      })).result;
      assert.equal(init.success, true);
      assert.ok(init.logs.some((l) => l.message === 'initialized reader on node run t-42'));
      const steps = (await servo.request('discover')).result.steps;
      const patterns = steps.map((s) => `${s.type} ${s.pattern}`);
      assert.ok(patterns.includes('given the buffer {string} has {int} slots'));
      assert.ok(patterns.includes('then ^it reads (\\d+) frames?( slowly)?$'));
      assert.ok(patterns.includes('any who am I'));
      for (const s of steps) assert.match(s.location, /sample-servo\.js:\d+$/);
    });

    test('typed arguments, context and logs', async () => {
      const servo = startServo(framing);
      let result = await servo.step("the buffer 'b1' has 4 slots");
      assert.equal(result.success, true);
      assert.deepEqual(result.data, { created: 'b1', slots: 4 });
      assert.deepEqual(result.context, { buffer: 'b1', slots: 4 });
      assert.equal(result.logs[0].level, 'debug');
      assert.equal(result.logs[0].message, 'creating b1');
      assert.match(result.logs[0].timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      result = await servo.step('it writes 2.5 units of green', 'when', { context: { buffer: 'b1', slots: 4 } });
      assert.deepEqual(result.data, { amount: 2.5, color: 'GREEN', seenBuffer: 'b1' });
      assert.equal('context' in result, false);
      assert.deepEqual(result.logs.map((l) => [l.level, l.message]), [['info', 'writing 2.5'], ['info', 'color GREEN']]);
    });

    test('regular expression steps', async () => {
      const servo = startServo(framing);
      assert.deepEqual((await servo.step('it reads 3 frames', 'then')).data, { count: 3, slowly: null });
      assert.deepEqual((await servo.step('it reads 1 frame slowly', 'then')).data, { count: 1, slowly: ' slowly' });
    });

    test('role, platform and run id', async () => {
      const servo = startServo(framing);
      let data = (await servo.step('who am I', 'then')).data;
      assert.equal(data.role, 'writer');
      await servo.request('initialize', { role: 'reader', platform: 'js', testRunId: 'r-7' });
      data = (await servo.step('who am I', 'then')).data;
      assert.deepEqual([data.role, data.platform, data.testRunId], ['reader', 'js', 'r-7']);
      assert.deepEqual([data.process, data.stepType, data.envRole, data.thisIsCtx], ['writer', 'then', 'writer', true]);
    });

    test('Harmony-style params', async () => {
      const servo = startServo(framing);
      let reply = await servo.request('executeStep', [{ Process: 'writer', StepType: 2, Step: "the 'writer' process who am I", IsBroadcast: false }]);
      assert.equal(reply.result.errorType, 'UndefinedStepError');
      reply = await servo.request('executeStep', [{ Process: 'writer', StepType: 2, Step: 'who am I' }]);
      assert.deepEqual([reply.result.data.process, reply.result.data.stepType], ['writer', 'then']);
      assert.deepEqual((await servo.request('health', [])).result, { healthy: true });
    });

    test('data table and doc string', async () => {
      const servo = startServo(framing);
      const table = { headers: ['name', 'size'], rows: [{ name: 'a', size: '1' }, { name: 'b', size: '2' }] };
      let data = (await servo.step('the table', 'given', { table })).data;
      assert.deepEqual(data.rows, table.rows);
      assert.deepEqual(data.raw, [['name', 'size'], ['a', '1'], ['b', '2']]);
      data = (await servo.step('the doc string', 'given', { docString: { content: 'hello\nworld', mediaType: 'text' } })).data;
      assert.deepEqual(data, { content: 'hello\nworld', mediaType: 'text' });
    });

    test('exceptions become failures', async () => {
      const servo = startServo(framing);
      let result = await servo.step("it fails with 'disk full'", 'then');
      assert.deepEqual([result.success, result.error, result.errorType], [false, 'disk full', 'RangeError']);
      assert.deepEqual(result.logs.map((l) => l.level), ['warning', 'debug']);
      const stack = result.logs[1].message;
      assert.match(stack, /^RangeError: disk full\n\s+at .*sample-servo\.js/);
      assert.doesNotMatch(stack, /lib[/\\]servo\.js|node:internal/);
      result = await servo.step('the assertion fails', 'then');
      assert.deepEqual([result.error, result.errorType], ['arithmetic is broken', 'AssertionError']);
      assert.equal((await servo.step('who am I')).success, true);
    });

    test('undefined step has a snippet', async () => {
      const servo = startServo(framing);
      const result = await servo.step('it frobs "x" 3 times at 1.5 Hz (fast)', 'when');
      assert.equal(result.success, false);
      assert.equal(result.errorType, 'UndefinedStepError');
      assert.ok(result.error.startsWith('undefined step: it frobs "x" 3 times at 1.5 Hz (fast)\n'));
      assert.equal(
        result.snippet,
        'When("it frobs {string} {int} times at {float} Hz \\\\(fast)", (ctx, string, int, float) => {\n' +
          '  throw new Error("TODO: implement this step");\n});\n',
      );
    });

    test('ambiguous step lists candidates', async () => {
      const servo = startServo(framing);
      const result = await servo.step('it is ambiguous', 'when');
      assert.equal(result.errorType, 'AmbiguousStepError');
      const lines = result.error.split('\n');
      assert.equal(lines[0], 'ambiguous step: it is ambiguous matches 2 step definitions:');
      assert.match(lines[1], /^ {2}it is ambiguous \(.*sample-servo\.js:\d+\)$/);
      assert.match(lines[2], /^ {2}it is \{word\} \(.*sample-servo\.js:\d+\)$/);
    });

    test('an async step is answered with a timeout at the deadline', async () => {
      const servo = startServo(framing);
      const before = Date.now();
      const result = await servo.step('it sleeps 3000 ms', 'when', { timeoutMs: 200 });
      assert.ok(Date.now() - before < 2500, 'answered at the deadline, not when the step ended');
      assert.deepEqual([result.success, result.errorType, result.error], [false, 'TimeoutError', 'step timed out after 200 ms: it sleeps 3000 ms']);
      assert.deepEqual((await servo.step('it awaits 10 ms', 'when')).data, { awaited: 10 });
    });

    test('output of an abandoned step stays out of later logs', async () => {
      const servo = startServo(framing);
      await servo.step('it sleeps 300 ms', 'when', { timeoutMs: 100 });
      const result = await servo.step('it awaits 600 ms', 'when');
      assert.deepEqual(result.logs, []);
      assert.equal(await servo.close(), 0);
      assert.match(servo.stderrText, /late output of a step that timed out/);
    });

    test('a step blocking the event loop past its deadline fails with a timeout', async () => {
      const servo = startServo(framing);
      const result = await servo.step('it blocks 400 ms', 'when', { timeoutMs: 100 });
      assert.deepEqual([result.errorType, result.error], ['TimeoutError', 'step timed out after 100 ms: it blocks 400 ms']);
    });

    test('stdout writes never reach the protocol', async () => {
      const servo = startServo(framing);
      const result = await servo.step('it writes to stdout', 'when');
      assert.deepEqual(result.logs.map((l) => l.message), ['raw bytes on stdout']);
      assert.equal((await servo.step('who am I')).success, true);
      assert.equal(await servo.close(), 0);
    });

    test('protocol errors', async () => {
      const servo = startServo(framing);
      assert.equal((await servo.request('nope')).error.code, -32601);
      assert.equal((await servo.request('executeStep', { process: 'writer' })).error.code, -32602);
      const body = Buffer.from('{not json');
      if (framing === 'ndjson') servo.sendRaw(Buffer.concat([body, Buffer.from('\n')]));
      else servo.sendRaw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
      assert.equal((await servo.receive()).error.code, -32700);
      const deep = Buffer.from('['.repeat(100000) + ']'.repeat(100000));
      if (framing === 'ndjson') servo.sendRaw(Buffer.concat([deep, Buffer.from('\n')]));
      else servo.sendRaw(Buffer.concat([Buffer.from(`Content-Length: ${deep.length}\r\n\r\n`), deep]));
      assert.equal((await servo.receive()).error.code, -32600); // parsed fine, but not an object
      servo.send({ jsonrpc: '2.0', method: 'health' });
      assert.deepEqual((await servo.request('health')).result, { healthy: true });
    });

    test('values that are not JSON', async () => {
      const servo = startServo(framing);
      const reply = await servo.request('executeStep', { step: 'it returns a cycle', stepType: 'when' });
      assert.equal(reply.error.code, -32603);
      assert.match(reply.error.message, /the result is not JSON/);
      const result = await servo.step('it stores a cycle', 'when');
      assert.deepEqual([result.success, result.errorType], [false, 'TypeError']);
      assert.equal((await servo.step('who am I')).success, true);
    });

    test('cleanup, shutdown and exit at end of input', async () => {
      const servo = startServo(framing);
      const result = (await servo.request('cleanup')).result;
      assert.deepEqual(result.logs.map((l) => l.message), ['released']);
      assert.deepEqual((await servo.request('shutdown')).result, { success: true });
      assert.equal(await servo.close(), 0);
    });
  });
}

describe('framing selection', () => {
  test('TROUPE_FRAMING selects ndjson', async () => {
    const servo = startServo('ndjson', { via: 'env' });
    assert.deepEqual((await servo.request('health')).result, { healthy: true });
  });

  test('content-length is the default', async () => {
    const servo = startServo('content-length', { via: 'none' });
    assert.deepEqual((await servo.request('health')).result, { healthy: true });
  });

  test('an unknown framing is rejected', async () => {
    const servo = startServo('xml');
    assert.equal(await servo.close(), 2);
    assert.match(servo.stderrText, /unknown framing 'xml'/);
  });
});

describe('lifecycle', () => {
  test('end of input while a step runs exits promptly', async () => {
    const servo = startServo('ndjson');
    servo.send({ jsonrpc: '2.0', id: 1, method: 'executeStep', params: { step: 'it sleeps 20000 ms', stepType: 'when', timeoutMs: 60000 } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await servo.close(5000), 0);
  });

  test('a runner gone without cleanup still runs the cleanup hooks', async () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'troupe-node-'));
    try {
      const marker = path.join(folder, 'marker');
      const servo = startServo('ndjson', { env: { SAMPLE_CLEANUP_MARKER: marker } });
      await servo.request('initialize', { role: 'writer', platform: 'node', testRunId: 'r' });
      assert.equal(await servo.close(), 0);
      assert.equal(fs.readFileSync(marker, 'utf8'), 'cleanup\n');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  test('a truncated content-length frame is reported', async () => {
    const servo = startServo('content-length');
    servo.sendRaw('Content-Length: 50\r\n\r\n{"jsonrpc"');
    const code = servo.close();
    const reply = await servo.receive();
    assert.equal(reply.error.code, -32700);
    assert.match(reply.error.message, /end of input after 10 of 50 body bytes/);
    assert.equal(await code, 0);
  });

  test('a header without Content-Length is reported', async () => {
    const servo = startServo('content-length');
    servo.sendRaw('Content-Type: json\r\n\r\n');
    const reply = await servo.receive();
    assert.match(reply.error.message, /without Content-Length/);
    assert.equal(await servo.close(), 0);
  });
});
