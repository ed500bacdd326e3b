#pragma once
// The runner's console output: one line per finished test case, a detailed block for each
// failure (failing step, role, platform, error, the last log lines of every servo), then counts.
// Each test case is printed as one block when it finishes, so parallel runs never interleave.
#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "exec/events.hpp"

namespace troupe::report {

struct ConsoleOptions {
  std::FILE* out = stdout;
  bool color = false;
  bool verbose = false;    // every log line of every servo
  bool live_logs = false;  // with verbose: print logs as they arrive (only sensible with -j 1)
  bool quiet = false;      // only failures and the final counts
  std::size_t tail_lines_per_servo = 15;
};

class ConsoleReporter : public exec::EventSink {
 public:
  explicit ConsoleReporter(ConsoleOptions options);

  void on_run_started(const exec::RunStarted& e) override;
  void on_step_finished(const exec::StepFinished& e) override;
  void on_log(const exec::LogReceived& e) override;
  void on_test_case_finished(const exec::TestCaseFinished& e) override;
  void on_run_finished(const exec::RunFinished& e) override;

 private:
  struct Failure {
    std::string name;
    std::string message;
  };
  struct CaseState {
    std::vector<exec::StepFinished> failed_steps;
    std::vector<exec::LogEntry> live;  // buffered verbose logs when not printing live
  };

  std::string paint(const char* color_code, const std::string& text) const;
  void print_failure_details(const plan::TestCase& tc, const CaseState& state,
                             const exec::TestCaseFinished& e);

  ConsoleOptions options_;
  std::map<const plan::TestCase*, CaseState> cases_;
  std::size_t passed_ = 0, failed_ = 0, skipped_ = 0, total_ = 0;
  std::vector<Failure> failures_;
};

}  // namespace troupe::report
