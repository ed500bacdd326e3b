#include "report/summary_formatter.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "report/log_format.hpp"
#include "report/signal_text.hpp"
#include "report/terminal_style.hpp"
#include "report/text_escape.hpp"

namespace troupe::report {

SummaryFormatter::SummaryFormatter(std::unique_ptr<OutputFile> out, bool color)
    : out_(std::move(out)), color_(color) {}

void SummaryFormatter::on_run_started(const exec::RunStarted& e) {
  planned_ = e.test_case_count;
}

void SummaryFormatter::on_step_finished(const exec::StepFinished& e) {
  if (e.test_case && is_failure(e.status)) failed_steps_[e.test_case].push_back(e);
}

void SummaryFormatter::on_test_case_finished(const exec::TestCaseFinished& e) {
  if (!e.test_case) return;
  std::vector<exec::StepFinished> failed_steps;
  if (auto it = failed_steps_.find(e.test_case); it != failed_steps_.end()) {
    failed_steps = std::move(it->second);
    failed_steps_.erase(it);
  }
  ++by_status_[e.status];
  if (e.interrupted) ++interrupted_;
  matrix_.add(*e.test_case, e.status);
  if (is_failure(e.status)) {
    const auto& pickle = e.test_case->pickle;
    failures_.push_back({e.test_case,
                         pickle ? fmt::format("{}:{}", pickle->uri, pickle->location.line) : "",
                         collect_failure_details(std::move(failed_steps), e, kLogTailLines)});
  }
}

void SummaryFormatter::on_run_finished(const exec::RunFinished& e) {
  std::string out = "\n";
  if (!failures_.empty()) {
    out += "Failed test cases:\n";
    for (const auto& f : failures_) {
      out += fmt::format("  {}  {}\n", paint(color_, ansi::kRed, "✘ " + terminal_safe(f.test_case->name)),
                         paint(color_, ansi::kDim, "# " + f.location));
      out += render_failure_details(*f.test_case, f.details, "      ", color_);
    }
    out += "\n";
  }
  if (!matrix_.empty()) out += render_platform_matrix(matrix_, color_) + "\n";

  std::size_t finished = 0, failed = 0;
  std::string counts;
  // Severity order, skipped last: the same order as the final line.
  for (auto status : {exec::Status::Passed, exec::Status::Failed, exec::Status::Ambiguous,
                      exec::Status::Undefined, exec::Status::Pending, exec::Status::Unknown,
                      exec::Status::Skipped}) {
    auto it = by_status_.find(status);
    if (it == by_status_.end()) continue;
    finished += it->second;
    if (is_failure(status)) failed += it->second;
    if (!counts.empty()) counts += ", ";
    counts +=
        paint(color_, status_color(status), fmt::format("{} {}", it->second, status_name(status)));
  }
  if (interrupted_) counts += fmt::format(" ({} interrupted)", interrupted_);
  out += fmt::format("{} test case{} in {}{}{}\n", finished, finished == 1 ? "" : "s",
                     format_duration(e.duration), counts.empty() ? "" : ": ", counts);
  if (e.interrupted_by_signal)
    out +=
        fmt::format("Interrupted by {}: {} of {} test cases finished\n",
                    signal_text(e.interrupted_by_signal), finished, std::max(planned_, finished));
  const auto count_of = [&](exec::Status s) {
    auto it = by_status_.find(s);
    return it == by_status_.end() ? std::size_t{0} : it->second;
  };
  // Exactly this, uncoloured, alone on the last line.
  out += fmt::format("{} passed, {} failed, {} skipped\n", count_of(exec::Status::Passed), failed,
                     count_of(exec::Status::Skipped));
  out_->write(out);
}

}  // namespace troupe::report
