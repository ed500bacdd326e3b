#include "report/rerun_formatter.hpp"

#include <fmt/format.h>

#include <set>
#include <string>

#include "report/terminal_style.hpp"

namespace troupe::report {

RerunFormatter::RerunFormatter(std::unique_ptr<OutputFile> out) : out_(std::move(out)) {}

void RerunFormatter::on_run_finished(const exec::RunFinished& e) {
  RunRecorder::on_run_finished(e);
  std::set<std::string> written;
  std::string out;
  for (const auto& record : cases()) {
    // Never-finished test cases (an interrupted run) did not fail: they did not run.
    if (!record.finished || !is_failure(record.status()) || !record.test_case->pickle) continue;
    const auto& pickle = *record.test_case->pickle;
    std::string line = fmt::format("{}:{}", pickle.uri, pickle.location.line);
    if (written.insert(line).second) out += line + "\n";
  }
  out_->write(out);
}

}  // namespace troupe::report
