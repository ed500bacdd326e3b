#pragma once
// Helpers for the formatter unit tests: run a formatter into a file and read what it wrote.
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include <unistd.h>

#include "report/formatter_factory.hpp"
#include "synthetic_run.hpp"

namespace troupe::report::testing {

// Log lines show local clock time: tests pin the zone.
inline void use_utc() {
  setenv("TZ", "UTC", 1);
  tzset();
}

// The block of `text` that starts with `first_line` and ends before the next blank line.
inline std::string block_starting(const std::string& text, const std::string& first_line) {
  auto at = text.find(first_line);
  if (at == std::string::npos) return "<no block starting with: " + first_line + ">";
  auto end = text.find("\n\n", at);
  return text.substr(at, end == std::string::npos ? std::string::npos : end + 1 - at);
}

// One folder per test process: CTest runs the tests of one binary in parallel processes, which
// must not write into (and truncate) each other's files.
inline std::filesystem::path fresh_dir(const std::string& name) {
  auto dir = std::filesystem::path(TROUPE_BINARY_DIR) / "tests" / "report-unit" /
             (name + "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// What format `name` writes for the events `feed` sends.
inline std::string render(const std::string& name, const FormatterContext& ctx,
                          const std::function<void(exec::EventSink&)>& feed) {
  const auto path = fresh_dir(name) / "out";
  {
    auto formatter = make_formatter({name, path.string()}, ctx);
    feed(*formatter);
  }
  return read_text(path);
}

inline std::string render_synthetic(const std::string& name, const FormatterContext& ctx = {}) {
  const SyntheticRun run = make_synthetic_run();
  return render(name, ctx, [&](exec::EventSink& sink) { run.replay(sink); });
}

// A plain file where a folder is expected, to make paths below it unwritable.
inline void write_blocker(const std::filesystem::path& path) {
  std::ofstream(path) << "x";
}

inline std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size()))
    ++n;
  return n;
}

}  // namespace troupe::report::testing
