#include "report/progress_formatter.hpp"

#include <fmt/format.h>

#include "report/log_format.hpp"
#include "report/terminal_style.hpp"
#include "report/text_escape.hpp"

namespace troupe::report {
namespace {
constexpr const char* kClearLine = "\r\x1b[K";
}

ProgressFormatter::ProgressFormatter(std::unique_ptr<OutputFile> out, bool color, bool live)
    : out_(std::move(out)), color_(color), live_(live) {}

void ProgressFormatter::on_test_case_planned(const exec::TestCasePlanned&) {
  ++total_;
}

void ProgressFormatter::on_run_started(const exec::RunStarted& e) {
  if (e.test_case_count) total_ = e.test_case_count;
  started_ = e.time;
  if (live_) out_->write(counter_line(e.time));
}

std::string ProgressFormatter::counter_line(exec::TimePoint now) const {
  std::string line = fmt::format("{}/{} test cases: {} passed, {} failed, {} skipped", done_,
                                 total_, passed_, failed_, skipped_);
  if (started_ && now > *started_) {
    const auto elapsed = std::chrono::duration_cast<exec::Millis>(now - *started_);
    line += ", " + format_duration(elapsed) + " elapsed";
    // The pace so far predicts the rest; parallelism is already in it.
    if (done_ > 0 && done_ < total_)
      line += ", ETA " + format_duration(
                             exec::Millis(elapsed.count() * static_cast<long long>(total_ - done_) /
                                          static_cast<long long>(done_)));
  }
  return line;
}

void ProgressFormatter::on_test_case_finished(const exec::TestCaseFinished& e) {
  if (!e.test_case) return;
  ++done_;
  if (e.status == exec::Status::Passed)
    ++passed_;
  else if (e.status == exec::Status::Skipped)
    ++skipped_;
  else
    ++failed_;
  if (done_ > total_) total_ = done_;

  const std::string name = terminal_safe(e.test_case->name);
  if (live_) {
    std::string out = kClearLine;
    if (is_failure(e.status)) {
      out += paint(color_, ansi::kRed, fmt::format("{} {}", status_mark(e.status), name));
      out += fmt::format(" ({}){}\n", format_duration(e.duration),
                         e.error.empty() ? "" : ": " + terminal_safe(e.error));
    }
    out_->write(out + counter_line(e.time));
    return;
  }
  std::string status = e.interrupted ? "interrupted" : status_name(e.status);
  std::string line =
      fmt::format("[{}/{}] {} {} ({})", done_, total_,
                  paint(color_, status_color(e.status), fmt::format("{:<7}", status)), name,
                  format_duration(e.duration));
  if (e.status == exec::Status::Skipped && (e.test_case->skip_reason || !e.error.empty()))
    line += " - " + terminal_safe(e.test_case->skip_reason ? *e.test_case->skip_reason : e.error);
  else if (is_failure(e.status) && !e.error.empty())
    line += ": " + terminal_safe(e.error.substr(0, e.error.find('\n')));
  out_->write(line + "\n");
}

void ProgressFormatter::on_run_finished(const exec::RunFinished& e) {
  if (live_) out_->write(std::string(kClearLine) + counter_line(e.time) + "\n");
}

}  // namespace troupe::report
