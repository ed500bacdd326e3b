// Parse throughput of the Gherkin front end (parse + AST + pickles) over the
// corpus folder given in TROUPE_BENCH_CORPUS (bench/parse/run prepares it).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "gherkin/gherkin.hpp"

namespace {

struct CorpusFile {
  std::string uri;
  std::string data;
};

std::vector<CorpusFile> load_corpus() {
  std::vector<CorpusFile> files;
  const char* dir = std::getenv("TROUPE_BENCH_CORPUS");
  if (dir == nullptr) return files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    files.push_back({entry.path().filename().string(), text.str()});
  }
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.uri < b.uri; });
  return files;
}

void BM_ParseCorpus(benchmark::State& state) {
  static const std::vector<CorpusFile> corpus = load_corpus();
  if (corpus.empty()) {
    state.SkipWithError("set TROUPE_BENCH_CORPUS to a folder of feature files");
    return;
  }
  std::size_t bytes = 0, pickles = 0;
  for (auto _ : state) {
    troupe::gherkin::IdGenerator ids;
    for (const auto& file : corpus) {
      auto parsed = troupe::gherkin::parse_feature(file.uri, file.data, ids);
      if (!parsed.errors.empty()) {
        state.SkipWithError(
            ("parse error in " + file.uri + ": " + parsed.errors[0].message).c_str());
        return;
      }
      bytes += file.data.size();
      pickles += parsed.pickles.size();
      benchmark::DoNotOptimize(parsed);
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.counters["pickles_per_second"] =
      benchmark::Counter(static_cast<double>(pickles), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ParseCorpus)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
