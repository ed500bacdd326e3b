#pragma once
// Keeps everything the event stream said about each test case, in plan order, for the
// formatters that write the whole run at the end (JUnit, HTML, summary, rerun).
// Test case pointers come from the plan, which outlives the run.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "exec/events.hpp"

namespace troupe::report {

struct StepRecord {
  std::optional<exec::TimePoint> started;
  std::optional<exec::StepFinished> finished;

  exec::Status status() const { return finished ? finished->status : exec::Status::Skipped; }
  // When it began: StepStarted, else its finish minus its duration.
  std::optional<exec::TimePoint> start_time() const;
};

struct ServoMark {
  bool exited = false;  // false: the servo started
  std::string role;
  std::string platform;
  int pid = 0;
  exec::TimePoint time;
  std::optional<int> exit_code;
  std::optional<int> signal;
  bool expected = false;
  std::string stderr_tail;
};

struct CaseRecord {
  const plan::TestCase* test_case = nullptr;
  std::optional<exec::TimePoint> started;
  std::vector<StepRecord> steps;  // one per planned step
  std::vector<ServoMark> servos;  // starts and exits, arrival order
  std::optional<exec::TestCaseFinished> finished;

  exec::Status status() const { return finished ? finished->status : exec::Status::Unknown; }
};

class RunRecorder : public exec::EventSink {
 public:
  void on_test_case_planned(const exec::TestCasePlanned& e) override;
  void on_run_started(const exec::RunStarted& e) override;
  void on_test_case_started(const exec::TestCaseStarted& e) override;
  void on_step_started(const exec::StepStarted& e) override;
  void on_step_finished(const exec::StepFinished& e) override;
  void on_servo_started(const exec::ServoStarted& e) override;
  void on_servo_exited(const exec::ServoExited& e) override;
  void on_test_case_finished(const exec::TestCaseFinished& e) override;
  void on_run_finished(const exec::RunFinished& e) override;

  const std::vector<CaseRecord>& cases() const { return cases_; }
  std::optional<exec::RunStarted> run_started() const { return run_started_; }
  std::optional<exec::RunFinished> run_finished() const { return run_finished_; }

 private:
  CaseRecord* record_for(const plan::TestCase* test_case);  // nullptr for a null test case
  StepRecord* step_for(const plan::TestCase* test_case, std::size_t step_index);

  std::vector<CaseRecord> cases_;
  std::map<const plan::TestCase*, std::size_t> index_;
  std::optional<exec::RunStarted> run_started_;
  std::optional<exec::RunFinished> run_finished_;
};

}  // namespace troupe::report
