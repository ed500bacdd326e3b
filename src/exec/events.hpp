#pragma once
// The one stream of events the runner emits; every formatter consumes only this.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plan/test_plan.hpp"

namespace troupe::exec {

using Clock = std::chrono::system_clock;
using TimePoint = Clock::time_point;
using Millis = std::chrono::milliseconds;

// Cucumber's TestStepResultStatus values, in order of severity for aggregation.
enum class Status { Unknown, Passed, Skipped, Pending, Undefined, Ambiguous, Failed };

struct LogEntry {
  TimePoint time;
  std::string role;
  std::string platform;
  std::string level;    // TRACE DEBUG INFO WARN ERROR CRITICAL
  std::string message;
  std::string source;   // "step" (returned by the servo), "stderr", or "troupe"
};

// Emitted by the CLI for every parsed feature before the run (Cucumber Messages need them).
struct FeatureParsed {
  std::string uri;
  nlohmann::json source;            // Cucumber Messages `source`
  nlohmann::json gherkin_document;  // `gherkinDocument`
  std::vector<nlohmann::json> pickles;
};
// Emitted by the CLI for every test case of the plan, before the run starts.
struct TestCasePlanned {
  const plan::TestCase* test_case = nullptr;
};
struct RunStarted {
  TimePoint time;
  std::size_t test_case_count = 0;
  std::string run_id;
};
struct TestCaseStarted {
  const plan::TestCase* test_case = nullptr;
  TimePoint time;
  std::string test_run_id;  // the testRunId handed to this test case's servos
};
struct StepStarted {
  const plan::TestCase* test_case = nullptr;
  std::size_t step_index = 0;
  TimePoint time;
};
struct StepFinished {
  const plan::TestCase* test_case = nullptr;
  std::size_t step_index = 0;
  TimePoint time;
  Status status = Status::Unknown;
  Millis duration{0};
  std::string error;            // empty when passed
  std::string error_type;       // e.g. "timeout", "servo exited", "protocol error", or the servo's type
  std::vector<LogEntry> logs;   // returned with the step (all targets for a broadcast)
  // For a broadcast: which roles it was sent to; for Send: the one role.
  std::vector<std::string> roles;
};
struct ServoStarted {
  const plan::TestCase* test_case = nullptr;
  std::string role;
  std::string platform;
  int pid = 0;
  TimePoint time;
};
struct ServoExited {
  const plan::TestCase* test_case = nullptr;
  std::string role;
  std::string platform;
  int pid = 0;
  TimePoint time;
  std::optional<int> exit_code;
  std::optional<int> signal;
  bool expected = false;   // stopped or killed by troupe
  std::string stderr_tail; // last lines of its stderr
};
struct LogReceived {  // live stream (stderr lines and step logs), for -v and timelines
  const plan::TestCase* test_case = nullptr;
  LogEntry entry;
};
struct TestCaseFinished {
  const plan::TestCase* test_case = nullptr;
  TimePoint time;
  Status status = Status::Unknown;
  Millis duration{0};
  std::string error;         // the first failure's message
  bool interrupted = false;  // cut short by SIGINT/SIGTERM/fail-fast
  std::vector<LogEntry> logs;  // every log of every servo of the test case, time order (bounded)
};
struct RunFinished {
  TimePoint time;
  Millis duration{0};
  bool success = true;
  int interrupted_by_signal = 0;  // 0, or SIGINT/SIGTERM/SIGHUP
};

class EventSink {
 public:
  virtual ~EventSink() = default;
  virtual void on_feature_parsed(const FeatureParsed&) {}
  virtual void on_test_case_planned(const TestCasePlanned&) {}
  virtual void on_run_started(const RunStarted&) {}
  virtual void on_test_case_started(const TestCaseStarted&) {}
  virtual void on_step_started(const StepStarted&) {}
  virtual void on_step_finished(const StepFinished&) {}
  virtual void on_servo_started(const ServoStarted&) {}
  virtual void on_servo_exited(const ServoExited&) {}
  virtual void on_log(const LogReceived&) {}
  virtual void on_test_case_finished(const TestCaseFinished&) {}
  virtual void on_run_finished(const RunFinished&) {}
};

}  // namespace troupe::exec
