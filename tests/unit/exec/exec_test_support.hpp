#pragma once
// Shared helpers for the runner tests: a sink that records every event, builders for plans and
// configs that use tests/servos/echo_servo.py, and checks that no process outlived a run.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "config/config.hpp"
#include "exec/events.hpp"
#include "exec/run_plan.hpp"
#include "plan/test_plan.hpp"

namespace troupe::exec::testing {

class RecordingSink : public EventSink {
 public:
  std::vector<RunStarted> run_started;
  std::vector<TestCaseStarted> cases_started;
  std::vector<StepStarted> steps_started;
  std::vector<StepFinished> steps_finished;
  std::vector<ServoStarted> servos_started;
  std::vector<ServoExited> servos_exited;
  std::vector<LogReceived> logs;
  std::vector<TestCaseFinished> cases_finished;
  std::vector<RunFinished> run_finished;
  std::vector<std::string> order;  // "case+ <name>", "case- <name>", ... in emission order

  void on_run_started(const RunStarted& e) override;
  void on_test_case_started(const TestCaseStarted& e) override;
  void on_step_started(const StepStarted& e) override;
  void on_step_finished(const StepFinished& e) override;
  void on_servo_started(const ServoStarted& e) override;
  void on_servo_exited(const ServoExited& e) override;
  void on_log(const LogReceived& e) override;
  void on_test_case_finished(const TestCaseFinished& e) override;
  void on_run_finished(const RunFinished& e) override;

  const TestCaseFinished* finished(const std::string& case_name) const;
  std::vector<const StepFinished*> steps_of(const std::string& case_name) const;
  const ServoExited* exited(const std::string& role, std::size_t nth = 0) const;
  std::string test_run_id(const std::string& case_name) const;
};

// Builds one test case whose roles map to platforms; steps are added in order.
class CaseBuilder {
 public:
  CaseBuilder(std::string name, std::vector<plan::RolePlatform> combination);
  // "the '<role>' process <stripped>" sent to the role.
  CaseBuilder& send(const std::string& role, const std::string& stripped,
                    plan::StepType type = plan::StepType::When);
  CaseBuilder& broadcast(const std::string& text, plan::StepType type = plan::StepType::Then);
  CaseBuilder& builtin(plan::StepAction action, const std::string& role, int wait_ms = 0);
  CaseBuilder& no_process(const std::string& text);
  CaseBuilder& table(std::vector<std::vector<std::string>> rows);  // on the last step
  CaseBuilder& step_timeout(int ms);
  CaseBuilder& scenario_timeout(int ms);
  CaseBuilder& serial();
  CaseBuilder& skip(std::string reason);
  CaseBuilder& tag(std::string tag);
  plan::TestCase build() const { return tc_; }

 private:
  plan::TestCase tc_;
};

// A fresh folder per test for the servos' --record files.
class ExecTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  // python3 echo_servo.py --record <dir> <extra...>
  config::Platform platform(const std::string& name, std::vector<std::string> extra = {},
                            config::Framing framing = config::Framing::ContentLength,
                            config::Protocol protocol = config::Protocol::Troupe) const;
  config::Config make_config(std::vector<config::Platform> platforms) const;
  // Every message the servo of (test run id, role) recorded; the first holds its environment.
  std::vector<nlohmann::json> records(const std::string& test_run_id,
                                      const std::string& role) const;
  std::vector<nlohmann::json> requests(const std::string& test_run_id, const std::string& role,
                                       const std::string& method) const;
  RunResult run(const std::vector<plan::TestCase>& cases, const config::Config& config,
                RecordingSink& sink, RunOptions options = {});
  // Asserts that every servo group and every recorded grandchild is gone.
  void expect_no_process_left(const RecordingSink& sink) const;

  std::string record_dir_;
  plan::TestPlan plan_;  // kept alive: events point into it
};

bool process_exists(int pid);  // kill(pid, 0) does not fail with ESRCH
bool process_group_exists(int pgid);
std::string joined_messages(const std::vector<LogEntry>& logs);

}  // namespace troupe::exec::testing
