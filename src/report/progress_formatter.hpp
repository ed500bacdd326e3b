#pragma once
// `progress`: on a terminal, one live counter line (done/total, counts, ETA) redrawn in place,
// with each failure printed above it as it happens; elsewhere (CI logs) one plain line per
// finished test case.
#include <memory>
#include <optional>
#include <string>

#include "exec/events.hpp"
#include "report/output_file.hpp"

namespace troupe::report {

class ProgressFormatter : public exec::EventSink {
 public:
  ProgressFormatter(std::unique_ptr<OutputFile> out, bool color, bool live);

  void on_test_case_planned(const exec::TestCasePlanned& e) override;
  void on_run_started(const exec::RunStarted& e) override;
  void on_test_case_finished(const exec::TestCaseFinished& e) override;
  void on_run_finished(const exec::RunFinished& e) override;

 private:
  std::string counter_line(exec::TimePoint now) const;

  std::unique_ptr<OutputFile> out_;
  bool color_;
  bool live_;  // redraw a counter line (terminal) instead of writing a line per test case
  std::size_t total_ = 0;
  std::size_t done_ = 0, passed_ = 0, failed_ = 0, skipped_ = 0;
  std::optional<exec::TimePoint> started_;
};

}  // namespace troupe::report
