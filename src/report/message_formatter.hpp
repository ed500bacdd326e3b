#pragma once
// `message`: Cucumber Messages NDJSON, written as the run goes: meta, source, gherkinDocument,
// pickle (from FeatureParsed), testRunStarted, one testCase per pickle x platform combination
// (so one pickle has several), testCaseStarted, testStepStarted, attachment (one per log line: step
// logs with their step, stderr lines with the step running when they arrive), testStepFinished,
// testCaseFinished, testRunFinished. Every planned step, built-in ones too, is a testStep pointing
// at its pickle step. Steps that never ran are reported SKIPPED.
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "exec/events.hpp"
#include "report/output_file.hpp"

namespace troupe::report {

class MessageFormatter : public exec::EventSink {
 public:
  MessageFormatter(std::unique_ptr<OutputFile> out, std::string troupe_version);

  void on_feature_parsed(const exec::FeatureParsed& e) override;
  void on_test_case_planned(const exec::TestCasePlanned& e) override;
  void on_run_started(const exec::RunStarted& e) override;
  void on_test_case_started(const exec::TestCaseStarted& e) override;
  void on_step_started(const exec::StepStarted& e) override;
  void on_step_finished(const exec::StepFinished& e) override;
  void on_log(const exec::LogReceived& e) override;
  void on_test_case_finished(const exec::TestCaseFinished& e) override;
  void on_run_finished(const exec::RunFinished& e) override;

 private:
  struct CaseState {
    std::string test_case_id;
    bool test_case_written = false;
    std::string started_id;    // empty until testCaseStarted is written
    bool finished = false;     // testCaseFinished written
    bool step_failed = false;  // a step reported a failure
    std::vector<bool> step_started;
    std::vector<bool> step_finished;
    std::vector<exec::LogEntry> pending_logs;  // non-step logs waiting for the next step
  };

  void emit(const char* type, nlohmann::json body);
  void ensure_meta();
  void ensure_run_started(exec::TimePoint time);
  CaseState& state_for(const plan::TestCase& test_case);
  void ensure_test_case_written(const plan::TestCase& test_case, CaseState& state);
  void ensure_case_started(const plan::TestCase& test_case, CaseState& state, exec::TimePoint time);
  void ensure_step_started(const plan::TestCase& test_case, CaseState& state, std::size_t index,
                           exec::TimePoint time);
  std::string step_id(const CaseState& state, std::size_t index) const;
  // Without a step index: attached to the test case as a whole.
  void emit_log(const CaseState& state, std::optional<std::size_t> step_index,
                const exec::LogEntry& entry);

  std::unique_ptr<OutputFile> out_;
  std::string troupe_version_;
  bool meta_written_ = false;
  bool run_started_written_ = false;
  std::string run_id_;
  std::vector<const plan::TestCase*> planned_before_run_;
  std::map<const plan::TestCase*, CaseState> cases_;
  std::vector<const plan::TestCase*> started_order_;
  std::size_t next_case_number_ = 0;
  std::size_t next_started_number_ = 0;
};

}  // namespace troupe::report
