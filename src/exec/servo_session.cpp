#include "exec/servo_session.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <csignal>
#include <utility>

#include "exec/log_time.hpp"

namespace troupe::exec {
namespace {

// After SIGTERM a servo gets this much more (at most stopGraceMs) before SIGKILL.
constexpr int kTermGraceMs = 1000;

bool is_error_level(const std::string& level) {
  return level == "ERROR" || level == "CRITICAL";
}

}  // namespace

ServoSession::ServoSession(Settings settings, Listener& listener)
    : settings_(std::move(settings)),
      listener_(listener),
      label_(settings_.platform->name + ":" + settings_.identity.role),
      protocol_(rpc::make_servo_protocol(settings_.platform->protocol)),
      escalation_timer_(settings_.loop) {}

ServoSession::~ServoSession() = default;

void ServoSession::start(StartDone done) {
  switch (state_) {
    case State::Idle:
      break;
    case State::Starting:
      start_waiters_.push_back(std::move(done));
      return;
    case State::Ready:
      done(std::nullopt);
      return;
    case State::StartFailed:
      done(start_failure_);
      return;
    case State::Stopping:
      done(RequestFailure{kNotRunningKind, exit_description()});
      return;
  }
  state_ = State::Starting;
  start_waiters_.push_back(std::move(done));
  connection_ = std::make_unique<ServoConnection>(settings_.loop, settings_.platform->framing,
                                                  settings_.config->limits, label_,
                                                  static_cast<ServoConnection::Listener&>(*this));
  std::string error = connection_->spawn(make_spawn_spec(*settings_.platform, settings_.identity));
  if (!error.empty()) {
    gone_ = true;
    finish_start(RequestFailure{kStartFailedKind, std::move(error)});
    return;
  }
  listener_.on_servo_started(*this);
  connection_->request(rpc::kHealthMethod, protocol_->health_params(),
                       settings_.config->start_timeout_ms,
                       [this](RequestResult result) { on_health(std::move(result)); });
}

void ServoSession::on_health(RequestResult result) {
  if (state_ != State::Starting) return;
  if (auto* failure = std::get_if<RequestFailure>(&result)) {
    if (failure->kind == kTimeoutKind) {
      finish_start(RequestFailure{
          kTimeoutKind, fmt::format("servo {} did not answer health within {} ms (startTimeoutMs)",
                                    label_, settings_.config->start_timeout_ms)});
      kill_now();
    } else if (failure->kind == kExitedKind) {
      finish_start(RequestFailure{kExitedKind, exit_text(" before answering health")});
    } else {
      finish_start(*failure);
    }
    return;
  }
  auto& reply = std::get<rpc::Reply>(result);
  std::string why_not;
  if (!reply.ok)
    why_not =
        fmt::format("answered health with error {}: {}", reply.error_code, reply.error_message);
  else if (!protocol_->healthy(reply.result, why_not))
    why_not = "is not healthy: " + why_not;
  if (!why_not.empty()) {
    finish_start(RequestFailure{kStartFailedKind, fmt::format("servo {} {}", label_, why_not)});
    kill_now();
    return;
  }
  connection_->request(rpc::kInitializeMethod, protocol_->initialize_params(settings_.initialize),
                       settings_.initialize_timeout_ms,
                       [this](RequestResult r) { on_initialize(std::move(r)); });
}

void ServoSession::on_initialize(RequestResult result) {
  if (state_ != State::Starting) return;
  if (auto* failure = std::get_if<RequestFailure>(&result)) {
    if (failure->kind == kTimeoutKind) {
      finish_start(RequestFailure{
          kTimeoutKind, fmt::format("servo {} did not answer initialize within {} ms", label_,
                                    settings_.initialize_timeout_ms)});
      kill_now();
    } else if (failure->kind == kExitedKind) {
      finish_start(RequestFailure{kExitedKind, exit_text(" during initialize")});
    } else {
      finish_start(*failure);
    }
    return;
  }
  auto& reply = std::get<rpc::Reply>(result);
  if (!reply.ok) {
    finish_start(RequestFailure{kStartFailedKind,
                                fmt::format("servo {} failed to initialize: error {}: {}", label_,
                                            reply.error_code, reply.error_message)});
    kill_now();
    return;
  }
  state_ = State::Ready;
  finish_start(std::nullopt);
}

void ServoSession::finish_start(std::optional<RequestFailure> failure) {
  if (failure) {
    if (!start_failure_) start_failure_ = failure;
    if (state_ == State::Starting) state_ = State::StartFailed;
  }
  auto waiters = std::move(start_waiters_);
  start_waiters_.clear();
  for (auto& waiter : waiters) waiter(failure);
}

void ServoSession::execute_step(const rpc::StepParams& params, StepDone done) {
  if (state_ != State::Ready) {
    StepReply reply;
    reply.error = exit_description();
    reply.error_type = kNotRunningKind;
    done(std::move(reply));
    return;
  }
  int timeout_ms = params.timeout_ms;
  connection_->request(rpc::kExecuteStepMethod, protocol_->step_params(params), timeout_ms,
                       [this, timeout_ms, done = std::move(done)](RequestResult result) {
                         done(step_reply(std::move(result), timeout_ms));
                       });
}

StepReply ServoSession::step_reply(RequestResult result, int timeout_ms) {
  StepReply reply;
  if (auto* failure = std::get_if<RequestFailure>(&result)) {
    reply.error_type = failure->kind;
    if (failure->kind == kTimeoutKind) {
      // A servo that misses its deadline is stuck: its whole group goes at once.
      kill_now();
      reply.error = fmt::format("timed out after {} ms", timeout_ms);
    } else if (failure->kind == kExitedKind) {
      reply.error = exit_text();
    } else {
      reply.error = failure->message;
    }
    return reply;
  }
  auto& rpc_reply = std::get<rpc::Reply>(result);
  if (!rpc_reply.ok) {
    reply.error = rpc_reply.error_message.empty()
                      ? fmt::format("JSON-RPC error {}", rpc_reply.error_code)
                      : rpc_reply.error_message;
    reply.error_type = "json-rpc error";
    return reply;
  }
  rpc::StepOutcome outcome = protocol_->step_outcome(rpc_reply.result);
  TimePoint received = Clock::now();
  const std::string* last_error_log = nullptr;
  for (auto& record : outcome.logs) {
    LogEntry entry;
    std::optional<TimePoint> stamped;
    if (record.timestamp) stamped = parse_log_timestamp(*record.timestamp);
    entry.time = stamped.value_or(received);
    entry.role = role();
    entry.platform = platform_name();
    entry.level = record.level;
    entry.message = record.message;
    entry.source = "step";
    reply.logs.push_back(std::move(entry));
    if (is_error_level(reply.logs.back().level)) last_error_log = &reply.logs.back().message;
  }
  reply.success = outcome.success;
  reply.context = outcome.context;
  if (!reply.success) {
    reply.error = outcome.error;
    reply.error_type = outcome.error_type;
    // Harmony-style servos often give the reason only in their logs.
    if (reply.error.empty()) {
      if (last_error_log != nullptr)
        reply.error = "step failed: " + *last_error_log;
      else if (!reply.logs.empty())
        reply.error = "step failed: " + reply.logs.back().message;
      else
        reply.error = "step failed (the servo gave no reason)";
    }
  }
  return reply;
}

void ServoSession::stop(std::function<void()> done) {
  if (gone_ || !connection_) {
    done();
    return;
  }
  wait_until_gone(std::move(done));
  if (state_ == State::Stopping) return;
  bool can_talk = state_ == State::Ready && !connection_->broken() && !connection_->exited();
  bool was_starting = state_ == State::Starting;
  state_ = State::Stopping;
  mark_exit_expected();
  if (was_starting)
    finish_start(RequestFailure{kNotRunningKind,
                                fmt::format("servo {} was stopped while starting", label_)});
  if (!can_talk) {
    close_and_escalate();
    return;
  }
  int grace = settings_.config->stop_grace_ms;
  connection_->request(rpc::kCleanupMethod, protocol_->cleanup_params(), grace,
                       [this](RequestResult result) {
                         if (auto* failure = std::get_if<RequestFailure>(&result)) {
                           note("WARN", "cleanup: " + failure->message);
                           close_and_escalate();
                           return;
                         }
                         auto& reply = std::get<rpc::Reply>(result);
                         if (!reply.ok) note("WARN", "cleanup failed: " + reply.error_message);
                         send_shutdown();
                       });
}

void ServoSession::send_shutdown() {
  if (gone_) return;
  connection_->request(rpc::kShutdownMethod, protocol_->shutdown_params(),
                       settings_.config->stop_grace_ms, [this](RequestResult result) {
                         if (auto* failure = std::get_if<RequestFailure>(&result)) {
                           if (failure->kind != kExitedKind)
                             note("WARN", "shutdown: " + failure->message);
                         }
                         close_and_escalate();
                       });
}

void ServoSession::close_and_escalate() {
  if (gone_ || escalation_timer_.armed()) return;
  connection_->close_stdin();
  int grace = settings_.config->stop_grace_ms;
  escalation_timer_.start(static_cast<std::uint64_t>(std::max(grace, 0)), [this, grace] {
    note("WARN", fmt::format("servo {} did not exit within {} ms of stdin closing: sending SIGTERM",
                             label_, grace));
    stop_fault_ = fmt::format(
        "servo {} did not exit within {} ms of its stdin closing (stopGraceMs): sent SIGTERM",
        label_, grace);
    connection_->signal_group(SIGTERM);
    int term_grace = std::clamp(grace, 0, kTermGraceMs);
    escalation_timer_.start(static_cast<std::uint64_t>(term_grace), [this, grace, term_grace] {
      note("WARN",
           fmt::format("servo {} ignored SIGTERM for {} ms: sending SIGKILL", label_, term_grace));
      stop_fault_ = fmt::format(
          "servo {} did not exit within {} ms of its stdin closing (stopGraceMs) and ignored "
          "SIGTERM for {} ms: sent SIGKILL",
          label_, grace, term_grace);
      connection_->signal_group(SIGKILL);
    });
  });
}

void ServoSession::kill(std::function<void()> done) {
  if (gone_ || !connection_) {
    done();
    return;
  }
  wait_until_gone(std::move(done));
  kill_now();
}

void ServoSession::kill_now() {
  if (gone_ || !connection_) return;
  bool was_starting = state_ == State::Starting;
  state_ = State::Stopping;
  mark_exit_expected();
  escalation_timer_.stop();
  connection_->signal_group(SIGKILL);
  if (was_starting)
    finish_start(
        RequestFailure{kNotRunningKind, fmt::format("servo {} was killed while starting", label_)});
}

void ServoSession::mark_exit_expected() {
  // A servo that already exited, or broke the protocol, ended on its own account.
  if (!connection_->exited() && !connection_->broken()) expected_exit_ = true;
}

void ServoSession::wait_until_gone(std::function<void()> done) {
  gone_waiters_.push_back(std::move(done));
}

std::string ServoSession::exit_description() const {
  if (!connection_) return fmt::format("servo {} was never started", label_);
  if (start_failure_ && !connection_->exited()) return start_failure_->message;
  if (!connection_->exited()) return fmt::format("servo {} is stopping", label_);
  return exit_text();
}

std::string ServoSession::exit_text(std::string_view when) const {
  std::string text = connection_->exit_description(when);
  const std::string& because = connection_->exit_status().killed_because;
  if (because.empty() || !connection_->exited()) return text;
  // The connection saw only a SIGKILL; say why troupe sent it, keep the rest (stderr tail...).
  const std::string killed = fmt::format("servo {} was killed by signal SIGKILL", label_);
  std::string cause = fmt::format("servo {} {}: troupe killed it", label_, because);
  if (text.rfind(killed, 0) == 0) return cause + text.substr(killed.size());
  return cause + "; " + text;
}

void ServoSession::note(const std::string& level, std::string message) {
  LogEntry entry;
  entry.time = Clock::now();
  entry.role = role();
  entry.platform = platform_name();
  entry.level = level;
  entry.message = std::move(message);
  entry.source = "troupe";
  listener_.on_servo_log(std::move(entry));
}

void ServoSession::on_stderr_line(std::string line) {
  LogEntry entry;
  entry.time = Clock::now();
  entry.role = role();
  entry.platform = platform_name();
  entry.level = "INFO";
  entry.message = std::move(line);
  entry.source = "stderr";
  listener_.on_servo_log(std::move(entry));
}

void ServoSession::on_gone(const ExitStatus& status) {
  gone_ = true;
  escalation_timer_.stop();
  if (state_ == State::Starting) {
    // Normally the pending health/initialize already failed; this covers any gap.
    finish_start(RequestFailure{kExitedKind, exit_text(" while starting")});
  }
  if (state_ == State::Ready) state_ = State::Stopping;
  listener_.on_servo_exited(*this, status, expected_exit_);
  auto waiters = std::move(gone_waiters_);
  gone_waiters_.clear();
  for (auto& waiter : waiters) waiter();
}

}  // namespace troupe::exec
