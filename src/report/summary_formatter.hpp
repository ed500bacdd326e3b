#pragma once
// `summary`: printed once at the end of the run: the failed test cases, the platform matrix,
// the counts by status, and as the very last line exactly "N passed, N failed, N skipped",
// which CI systems read.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "exec/events.hpp"
#include "report/failure_details.hpp"
#include "report/output_file.hpp"
#include "report/platform_matrix.hpp"

namespace troupe::report {

class SummaryFormatter : public exec::EventSink {
 public:
  SummaryFormatter(std::unique_ptr<OutputFile> out, bool color);

  void on_run_started(const exec::RunStarted& e) override;
  void on_step_finished(const exec::StepFinished& e) override;
  void on_test_case_finished(const exec::TestCaseFinished& e) override;
  void on_run_finished(const exec::RunFinished& e) override;

 private:
  struct Failure {
    const plan::TestCase* test_case;
    std::string location;  // uri:line
    FailureDetails details;
  };
  static constexpr std::size_t kLogTailLines = 10;

  std::unique_ptr<OutputFile> out_;
  bool color_;
  std::size_t planned_ = 0;
  std::map<exec::Status, std::size_t> by_status_;
  std::size_t interrupted_ = 0;
  std::vector<Failure> failures_;
  std::map<const plan::TestCase*, std::vector<exec::StepFinished>> failed_steps_;  // running cases
  PlatformMatrix matrix_;
};

}  // namespace troupe::report
