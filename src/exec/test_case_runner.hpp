#pragma once
// Runs one test case: its steps in order (routed, broadcast, built-in), the shared context, the
// step and scenario timeouts, and the teardown of every servo it started. Emits the test case's
// events; reports completion through `on_finished` (never destroys itself).
#include <uv.h>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "exec/events.hpp"
#include "exec/log_book.hpp"
#include "exec/servo_session.hpp"
#include "exec/timer.hpp"
#include "plan/test_plan.hpp"

namespace troupe::exec {

// Why and how a test case is cut short.
struct Interruption {
  std::string message;  // becomes the running step's error
  std::string error_type;
  Status step_status = Status::Failed;  // of the running step
  bool kill = true;                     // kill servos at once; false: stop them gracefully
  bool interrupted = true;              // TestCaseFinished::interrupted
};

struct TestCaseSetup {
  uv_loop_t* loop = nullptr;
  const config::Config* config = nullptr;
  const plan::TestCase* test_case = nullptr;
  std::string test_run_id;
  std::int64_t feature_id = 0;
  int host_pid = 0;
  EventSink* sink = nullptr;
};

class TestCaseRunner : private ServoSession::Listener {
 public:
  using Finished = std::function<void(TestCaseRunner&)>;

  TestCaseRunner(TestCaseSetup setup, Finished on_finished);
  ~TestCaseRunner() override;
  TestCaseRunner(const TestCaseRunner&) = delete;
  TestCaseRunner& operator=(const TestCaseRunner&) = delete;

  void start();
  void interrupt(const Interruption& why);
  // Ends the test case now (second signal): emits what is left synchronously; servos still
  // alive are killed and reaped when the runner is destroyed.
  void abort_now(const Interruption& why);

  bool finished() const { return phase_ == Phase::Done; }
  Status status() const { return status_; }
  const plan::TestCase& test_case() const { return *setup_.test_case; }

 private:
  enum class Phase { NotStarted, Steps, Teardown, Done };
  using StartedCallback = std::function<void(std::optional<RequestFailure>)>;

  void pump();
  void run_step(const plan::PlannedStep& step);
  void run_send(const plan::PlannedStep& step);
  void run_broadcast(const plan::PlannedStep& step);
  void run_start(const plan::PlannedStep& step);
  void run_stop_or_kill(const plan::PlannedStep& step, bool kill);
  void finish_step(Status status, std::string error = {}, std::string error_type = {});
  void skip_remaining_steps();
  void begin_teardown();
  void check_teardown_done();
  void finish_test_case();
  void fail_on_stop_faults();

  ServoSession* running_session(const std::string& role) const;
  ServoSession* new_session(const std::string& role, std::string& error);
  void ensure_started(const std::string& role, StartedCallback done);
  void execute_on(const std::string& role, const plan::PlannedStep& step, bool broadcast,
                  ServoSession::StepDone done);
  std::string not_running_message(const std::string& role) const;
  void take_logs(std::vector<LogEntry>& logs);
  void merge_context(const nlohmann::json& context);
  void record_log(const LogEntry& entry);
  void note(const std::string& level, std::string message);

  // ServoSession::Listener
  void on_servo_started(ServoSession& session) override;
  void on_servo_log(LogEntry entry) override;
  void on_servo_exited(ServoSession& session, const ExitStatus& status, bool expected) override;

  TestCaseSetup setup_;
  Finished on_finished_;
  Phase phase_ = Phase::NotStarted;
  Status status_ = Status::Unknown;
  TimePoint started_at_;

  // Steps
  std::size_t next_step_ = 0;
  bool in_flight_ = false;
  std::uint64_t token_ = 0;  // changes whenever a step ends: stale async completions are dropped
  bool skip_rest_ = false;
  bool pumping_ = false;
  bool pump_again_ = false;
  TimePoint step_started_at_;
  std::vector<LogEntry> step_logs_;
  std::vector<std::string> step_roles_;
  std::vector<Status> step_statuses_;
  std::string first_error_;
  bool interrupted_ = false;
  bool kill_on_teardown_ = false;
  bool teardown_started_loop_ = false;

  nlohmann::json context_ = nlohmann::json::object();
  std::vector<std::unique_ptr<ServoSession>> sessions_;  // every servo started, kept until the end
  std::map<std::string, ServoSession*> current_;         // role -> its latest servo
  std::set<std::string> stopped_roles_;                  // stopped/killed by a built-in step
  std::set<const ServoSession*> stop_faults_reported_;   // by a built-in stop step
  LogBook logs_;
  Timer wait_timer_;
  Timer scenario_timer_;
};

}  // namespace troupe::exec
