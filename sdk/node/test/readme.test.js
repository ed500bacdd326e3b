'use strict';
// The complete servo in README.md runs as documented (and stays under 30 lines).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ServoProcess } = require('./servo-client');

test('the README servo runs a scenario', async (t) => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const code = /```js\n([\s\S]*?)```/.exec(readme)[1];
  assert.ok(code.trim().split('\n').length < 30);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'troupe-readme-'));
  fs.mkdirSync(path.join(folder, 'node_modules', '@troupe'), { recursive: true });
  fs.symlinkSync(path.resolve(__dirname, '..'), path.join(folder, 'node_modules', '@troupe', 'servo'), 'dir');
  fs.writeFileSync(path.join(folder, 'servo.js'), code);
  const servo = new ServoProcess('ndjson', { script: path.join(folder, 'servo.js') });
  t.after(() => {
    servo.kill();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  let result = await servo.step("the 'b1' buffer holds 8 bytes");
  assert.deepEqual([result.success, result.context], [true, { buffer: 'b1' }]);
  assert.equal(result.logs[0].message, 'created b1 for writer on node');
  const context = result.context;
  result = await servo.step('it writes 3 bytes', 'when', { context });
  assert.deepEqual([result.data, result.logs[0].message], [{ written: 3 }, 'writing 3']);
  assert.equal((await servo.step("the first 3 bytes are 'x'", 'then', { context })).success, true);
  result = await servo.step("the first 4 bytes are 'x'", 'then', { context });
  assert.deepEqual([result.error, result.errorType], ['wrong bytes: xxx\u0000', 'Error']);
  assert.equal((await servo.request('cleanup')).result.success, true);
  assert.equal(await servo.close(), 0);
});
