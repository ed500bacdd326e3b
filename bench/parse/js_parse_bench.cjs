// Parse throughput of the official JS parser (@cucumber/gherkin) over the same
// corpus: parse + AST + pickles, ids from @cucumber/messages' incrementing
// generator. Usage: node js_parse_bench.cjs NODE_MODULES_PARENT CORPUS_DIR SECONDS
'use strict'
const fs = require('fs')
const path = require('path')
const [, , modulesParent, corpusDir, secondsArg] = process.argv
const load = (name) => require(require.resolve(name, { paths: [modulesParent] }))
const gherkin = load('@cucumber/gherkin')
const messages = load('@cucumber/messages')

const corpus = fs
  .readdirSync(corpusDir)
  .sort()
  .map((name) => ({ uri: name, data: fs.readFileSync(path.join(corpusDir, name), 'utf8') }))
const corpusBytes = corpus.reduce((n, f) => n + Buffer.byteLength(f.data, 'utf8'), 0)

function parseCorpus() {
  const newId = messages.IdGenerator.incrementing()
  let pickles = 0
  for (const file of corpus) {
    const matcher = file.uri.endsWith('.md')
      ? new gherkin.GherkinInMarkdownTokenMatcher()
      : new gherkin.GherkinClassicTokenMatcher()
    const parser = new gherkin.Parser(new gherkin.AstBuilder(newId), matcher)
    const document = parser.parse(file.data)
    pickles += gherkin.compile(document, file.uri, newId).length
  }
  return pickles
}

for (let i = 0; i < 3; i++) parseCorpus() // warm up the JIT
// CPU time (user + system), like Google Benchmark's rates on the C++ side, so
// that other load on the machine does not skew the ratio.
const cpuSeconds = () => {
  const usage = process.cpuUsage()
  return (usage.user + usage.system) / 1e6
}
const budget = Number(secondsArg || 3)
let iterations = 0
let pickles = 0
const start = cpuSeconds()
let seconds = 0
while (seconds < budget) {
  pickles += parseCorpus()
  iterations++
  seconds = cpuSeconds() - start
}
console.log(
  JSON.stringify({
    bytes_per_second: (corpusBytes * iterations) / seconds,
    pickles_per_second: pickles / seconds,
    iterations,
  })
)
