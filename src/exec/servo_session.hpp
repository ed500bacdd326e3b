#pragma once
// One role's servo within a test case: start sequence (spawn, health, initialize), steps, and the
// stop sequence (cleanup, shutdown, close stdin, stopGraceMs, SIGTERM, short grace, SIGKILL).
#include <uv.h>

#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"
#include "exec/events.hpp"
#include "exec/servo_connection.hpp"
#include "exec/spawn_spec.hpp"
#include "exec/timer.hpp"
#include "rpc/servo_protocol.hpp"

namespace troupe::exec {

// What one servo answered to one executeStep (or why it did not).
struct StepReply {
  bool success = false;
  std::string error;
  std::string error_type;
  nlohmann::json context;  // object to merge, or null
  std::vector<LogEntry> logs;
};

inline constexpr const char* kNotRunningKind = "not running";
inline constexpr const char* kStartFailedKind = "start failed";

class ServoSession : private ServoConnection::Listener {
 public:
  class Listener {
   public:
    virtual ~Listener() = default;
    virtual void on_servo_started(ServoSession& session) = 0;
    virtual void on_servo_log(LogEntry entry) = 0;
    virtual void on_servo_exited(ServoSession& session, const ExitStatus& status,
                                 bool expected) = 0;
  };
  struct Settings {
    uv_loop_t* loop = nullptr;
    const config::Config* config = nullptr;
    const config::Platform* platform = nullptr;
    ServoIdentity identity;
    rpc::InitializeParams initialize;
    int initialize_timeout_ms = 30000;
  };
  using StartDone = std::function<void(std::optional<RequestFailure>)>;
  using StepDone = std::function<void(StepReply)>;

  ServoSession(Settings settings, Listener& listener);
  ~ServoSession() override;
  ServoSession(const ServoSession&) = delete;
  ServoSession& operator=(const ServoSession&) = delete;

  // Starts the servo once; later calls wait for (or repeat) the outcome of that start.
  void start(StartDone done);
  // Fails at once with kNotRunningKind unless started and not stopping.
  void execute_step(const rpc::StepParams& params, StepDone done);
  // Graceful stop; `done` runs once the servo is gone (at once when it already is).
  void stop(std::function<void()> done);
  // SIGKILL to the group now; `done` runs once the servo is gone.
  void kill(std::function<void()> done);

  bool ready() const { return state_ == State::Ready; }
  bool gone() const { return gone_; }
  bool stopping() const { return state_ == State::Stopping; }
  const std::string& role() const { return settings_.identity.role; }
  const std::string& platform_name() const { return settings_.platform->name; }
  const std::string& label() const { return label_; }
  int pid() const { return connection_ ? connection_->pid() : 0; }
  std::string stderr_tail() const { return connection_ ? connection_->stderr_tail() : ""; }
  // Set when a graceful stop had to signal the servo (it did not exit on stdin EOF): the servo
  // broke its contract, and the test case fails with this message.
  const std::string& stop_fault() const { return stop_fault_; }
  // Why the servo is not running (its exit, or that it never started).
  std::string exit_description() const;

 private:
  enum class State { Idle, Starting, Ready, StartFailed, Stopping };

  void on_health(RequestResult result);
  void on_initialize(RequestResult result);
  void finish_start(std::optional<RequestFailure> failure);
  void kill_now();
  void mark_exit_expected();
  void send_shutdown();
  void close_and_escalate();
  void note(const std::string& level, std::string message);
  void wait_until_gone(std::function<void()> done);
  StepReply step_reply(RequestResult result, int timeout_ms);
  // How the servo ended, then `when`: the connection's account, or troupe's own reason for
  // killing it (e.g. it closed its stdout but kept running).
  std::string exit_text(std::string_view when = {}) const;

  // ServoConnection::Listener
  void on_stderr_line(std::string line) override;
  void on_gone(const ExitStatus& status) override;

  Settings settings_;
  Listener& listener_;
  std::string label_;
  std::unique_ptr<rpc::ServoProtocol> protocol_;
  std::unique_ptr<ServoConnection> connection_;
  State state_ = State::Idle;
  bool gone_ = false;
  bool expected_exit_ = false;  // troupe stopped or killed it
  std::optional<RequestFailure> start_failure_;
  std::string stop_fault_;
  std::vector<StartDone> start_waiters_;
  std::vector<std::function<void()>> gone_waiters_;
  Timer escalation_timer_;
};

}  // namespace troupe::exec
