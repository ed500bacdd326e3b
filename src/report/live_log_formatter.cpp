#include "report/live_log_formatter.hpp"

#include "report/log_format.hpp"
#include "report/text_escape.hpp"

namespace troupe::report {

LiveLogFormatter::LiveLogFormatter(std::unique_ptr<OutputFile> out, bool live)
    : out_(std::move(out)), live_(live) {}

void LiveLogFormatter::on_log(const exec::LogReceived& e) {
  std::string line = terminal_safe(format_log_entry(e.entry)) + "\n";
  if (live_)
    out_->write(line);
  else
    held_[e.test_case] += line;
}

void LiveLogFormatter::on_test_case_finished(const exec::TestCaseFinished& e) {
  auto it = held_.find(e.test_case);
  if (it == held_.end()) return;
  std::string block =
      "logs of " + terminal_safe(e.test_case ? e.test_case->name : std::string("?")) + ":\n";
  block += it->second;
  held_.erase(it);
  out_->write(block);
}

}  // namespace troupe::report
