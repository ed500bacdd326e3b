// Validates a Cucumber Messages NDJSON file: every line against the JSON schema of
// @cucumber/messages (draft 2020-12, ajv's 2020 build), then the references between messages
// (pickle -> testCase -> testCaseStarted -> testStep*), then renders it with the official
// @cucumber/html-formatter (CucumberHtmlStream) into an HTML page.
//   node check_messages.mjs CHECKERS_DIR MESSAGES.ndjson OUT.html [EXPECTED_TEST_CASES]
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const [checkers, ndjsonPath, htmlPath, expectedText] = process.argv.slice(2);
const modules = path.join(checkers, 'node_modules');
const require = createRequire(path.join(modules, 'x.js'));
const Ajv2020 = require('ajv/dist/2020').default;
const schema = JSON.parse(fs.readFileSync(path.join(modules, '@cucumber/messages/messages.schema.json'), 'utf8'));
const { CucumberHtmlStream } = await import(
  pathToFileURL(path.join(modules, '@cucumber/html-formatter/dist/src/index.js')).href);

const problems = [];
const fail = (line, text) => { if (problems.length < 50) problems.push(`${ndjsonPath}:${line}: ${text}`); };

const ajv = new Ajv2020({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const lines = fs.readFileSync(ndjsonPath, 'utf8').split('\n').filter((l) => l.length > 0);
const envelopes = [];
lines.forEach((text, i) => {
  let envelope;
  try { envelope = JSON.parse(text); } catch (e) { fail(i + 1, `not JSON: ${e.message}`); return; }
  if (!validate(envelope)) fail(i + 1, `schema: ${ajv.errorsText(validate.errors)}`);
  if (Object.keys(envelope).length !== 1) fail(i + 1, 'an envelope holds exactly one message');
  envelopes.push([i + 1, envelope]);
});

// References between messages.
const pickles = new Map(), testCases = new Map(), started = new Map(), finishedCases = new Set();
const testCasesPerPickle = new Map();
let runStarted = false, runFinished = false;
for (const [line, e] of envelopes) {
  if (e.pickle) pickles.set(e.pickle.id, e.pickle);
  if (e.testRunStarted) runStarted = true;
  if (e.testCase) {
    if (!runStarted) fail(line, 'testCase before testRunStarted');
    const pickle = pickles.get(e.testCase.pickleId);
    if (!pickle) fail(line, `testCase ${e.testCase.id}: unknown pickle ${e.testCase.pickleId}`);
    testCasesPerPickle.set(e.testCase.pickleId, (testCasesPerPickle.get(e.testCase.pickleId) || 0) + 1);
    const stepIds = new Set(pickle ? pickle.steps.map((s) => s.id) : []);
    for (const step of e.testCase.testSteps) {
      if (!step.pickleStepId) fail(line, `testStep ${step.id} has no pickleStepId`);
      else if (!stepIds.has(step.pickleStepId)) fail(line, `testStep ${step.id}: pickle step ${step.pickleStepId} is not in pickle ${e.testCase.pickleId}`);
    }
    if (pickle && e.testCase.testSteps.length !== pickle.steps.length) fail(line, `testCase ${e.testCase.id}: ${e.testCase.testSteps.length} steps for ${pickle.steps.length} pickle steps`);
    if (testCases.has(e.testCase.id)) fail(line, `duplicate testCase id ${e.testCase.id}`);
    testCases.set(e.testCase.id, e.testCase);
  }
  if (e.testCaseStarted) {
    if (!testCases.has(e.testCaseStarted.testCaseId)) fail(line, `testCaseStarted: unknown testCase ${e.testCaseStarted.testCaseId}`);
    started.set(e.testCaseStarted.id, { testCase: testCases.get(e.testCaseStarted.testCaseId), steps: new Map() });
  }
  for (const kind of ['testStepStarted', 'testStepFinished', 'attachment']) {
    const m = e[kind];
    if (!m || (kind === 'attachment' && !m.testCaseStartedId)) continue;
    const attempt = started.get(m.testCaseStartedId);
    if (!attempt) { fail(line, `${kind}: unknown testCaseStarted ${m.testCaseStartedId}`); continue; }
    if (finishedCases.has(m.testCaseStartedId)) fail(line, `${kind} after testCaseFinished`);
    if (kind === 'attachment' && m.testStepId === undefined) continue;  // about the whole test case
    if (attempt.testCase && !attempt.testCase.testSteps.some((s) => s.id === m.testStepId)) fail(line, `${kind}: step ${m.testStepId} is not in its testCase`);
    const state = attempt.steps.get(m.testStepId) || 'none';
    if (kind === 'testStepStarted' && state !== 'none') fail(line, `step ${m.testStepId} started twice`);
    if (kind === 'testStepFinished' && state !== 'started') fail(line, `step ${m.testStepId} finished without start`);
    if (kind === 'attachment' && state !== 'started') fail(line, `attachment outside its step ${m.testStepId}`);
    if (kind !== 'attachment') attempt.steps.set(m.testStepId, kind === 'testStepStarted' ? 'started' : 'finished');
  }
  if (e.testCaseFinished) {
    const attempt = started.get(e.testCaseFinished.testCaseStartedId);
    if (!attempt) fail(line, `testCaseFinished: unknown testCaseStarted ${e.testCaseFinished.testCaseStartedId}`);
    else if (attempt.testCase && attempt.steps.size !== attempt.testCase.testSteps.length) fail(line, 'testCaseFinished before every step finished');
    finishedCases.add(e.testCaseFinished.testCaseStartedId);
  }
  if (e.testRunFinished) runFinished = true;
}
if (!envelopes.length || !envelopes[0][1].meta) fail(1, 'the first message is not meta');
if (!runFinished) fail(lines.length, 'no testRunFinished');
for (const id of started.keys()) if (!finishedCases.has(id)) fail(lines.length, `testCaseStarted ${id} never finished`);
if (expectedText !== undefined && testCases.size !== Number(expectedText)) fail(lines.length, `${testCases.size} testCases, expected ${expectedText}`);

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
const perPickle = [...testCasesPerPickle.values()];
console.log(`${lines.length} messages valid; ${pickles.size} pickles, ${testCases.size} testCases ` +
            `(${Math.min(...perPickle)}..${Math.max(...perPickle)} per pickle), ${started.size} attempts`);

await pipeline(Readable.from(envelopes.map(([, e]) => e)), new CucumberHtmlStream(), fs.createWriteStream(htmlPath));
console.log(`html-formatter wrote ${htmlPath} (${fs.statSync(htmlPath).size} bytes)`);
