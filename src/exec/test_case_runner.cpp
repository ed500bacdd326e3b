#include "exec/test_case_runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <utility>

#include "exec/process_group.hpp"
#include "rpc/servo_protocol.hpp"

namespace troupe::exec {
namespace {

Millis since(TimePoint start) {
  return std::chrono::duration_cast<Millis>(Clock::now() - start);
}

}  // namespace

TestCaseRunner::TestCaseRunner(TestCaseSetup setup, Finished on_finished)
    : setup_(std::move(setup)),
      on_finished_(std::move(on_finished)),
      logs_(setup_.config->limits.max_log_lines_per_test_case),
      wait_timer_(setup_.loop),
      scenario_timer_(setup_.loop) {}

TestCaseRunner::~TestCaseRunner() = default;

void TestCaseRunner::start() {
  if (phase_ != Phase::NotStarted) return;
  phase_ = Phase::Steps;
  started_at_ = Clock::now();
  setup_.sink->on_test_case_started(
      TestCaseStarted{setup_.test_case, started_at_, setup_.test_run_id});
  int limit = setup_.test_case->scenario_timeout_ms;
  scenario_timer_.start(static_cast<std::uint64_t>(std::max(limit, 0)), [this, limit] {
    interrupt(Interruption{fmt::format("test case timed out after {} ms", limit), "timeout",
                           Status::Failed, /*kill=*/true, /*interrupted=*/false});
  });
  pump();
}

// Runs steps until one is in flight; a step that completes synchronously loops here instead of
// recursing.
void TestCaseRunner::pump() {
  if (pumping_) {
    pump_again_ = true;
    return;
  }
  pumping_ = true;
  do {
    pump_again_ = false;
    if (phase_ != Phase::Steps || in_flight_) break;
    const auto& steps = setup_.test_case->steps;
    if (skip_rest_) skip_remaining_steps();
    if (next_step_ >= steps.size()) {
      begin_teardown();
      break;
    }
    run_step(steps[next_step_]);
  } while (pump_again_ || (!in_flight_ && phase_ == Phase::Steps));
  pumping_ = false;
}

void TestCaseRunner::skip_remaining_steps() {
  const auto& steps = setup_.test_case->steps;
  for (; next_step_ < steps.size(); ++next_step_) {
    TimePoint now = Clock::now();
    setup_.sink->on_step_started(StepStarted{setup_.test_case, next_step_, now});
    StepFinished finished;
    finished.test_case = setup_.test_case;
    finished.step_index = next_step_;
    finished.time = now;
    finished.status = Status::Skipped;
    setup_.sink->on_step_finished(finished);
    step_statuses_.push_back(Status::Skipped);
  }
}

void TestCaseRunner::run_step(const plan::PlannedStep& step) {
  in_flight_ = true;
  ++token_;
  step_started_at_ = Clock::now();
  step_logs_.clear();
  step_roles_.clear();
  setup_.sink->on_step_started(StepStarted{setup_.test_case, next_step_, step_started_at_});
  switch (step.action) {
    case plan::StepAction::Send:
      run_send(step);
      return;
    case plan::StepAction::Broadcast:
      run_broadcast(step);
      return;
    case plan::StepAction::Start:
      run_start(step);
      return;
    case plan::StepAction::Stop:
      run_stop_or_kill(step, /*kill=*/false);
      return;
    case plan::StepAction::Kill:
      run_stop_or_kill(step, /*kill=*/true);
      return;
    case plan::StepAction::Wait: {
      std::uint64_t token = token_;
      wait_timer_.start(static_cast<std::uint64_t>(std::max(step.wait_ms, 0)), [this, token] {
        if (token == token_) finish_step(Status::Passed);
      });
      return;
    }
    case plan::StepAction::NoProcess:
      finish_step(Status::Failed, "no process for step", "no process");
      return;
  }
  finish_step(Status::Failed, "unknown step action", "internal");
}

void TestCaseRunner::run_send(const plan::PlannedStep& step) {
  const std::string role = step.role;
  step_roles_ = {role};
  std::uint64_t token = token_;
  ensure_started(role, [this, token, role, &step](std::optional<RequestFailure> failure) {
    if (token != token_) return;
    if (failure) {
      finish_step(Status::Failed, failure->message, failure->kind);
      return;
    }
    execute_on(role, step, /*broadcast=*/false, [this, token](StepReply reply) {
      if (token != token_) return;
      take_logs(reply.logs);
      if (!reply.success) {
        finish_step(Status::Failed, reply.error, reply.error_type);
        return;
      }
      merge_context(reply.context);
      finish_step(Status::Passed);
    });
  });
}

// Every role not stopped by a built-in step gets the step at once (started first if needed); the
// step passes only if all of them pass. Contexts are merged in role order.
void TestCaseRunner::run_broadcast(const plan::PlannedStep& step) {
  for (const auto& role : setup_.test_case->roles)
    if (!stopped_roles_.count(role)) step_roles_.push_back(role);
  if (step_roles_.empty()) {
    finish_step(Status::Failed,
                "broadcast step reached no process: every role was stopped by an earlier step",
                kNotRunningKind);
    return;
  }
  struct Gather {
    std::size_t outstanding = 0;
    std::vector<StepReply> replies;
  };
  auto gather = std::make_shared<Gather>();
  gather->outstanding = step_roles_.size();
  gather->replies.resize(step_roles_.size());
  std::uint64_t token = token_;
  auto complete = [this, token, gather](std::size_t index, StepReply reply) {
    if (token != token_) return;
    gather->replies[index] = std::move(reply);
    if (--gather->outstanding > 0) return;
    std::string errors, error_type;
    for (std::size_t i = 0; i < gather->replies.size(); ++i) {
      auto& r = gather->replies[i];
      take_logs(r.logs);
      if (r.success) {
        merge_context(r.context);
        continue;
      }
      const std::string& role = step_roles_[i];
      const std::string* platform = setup_.test_case->platform_of(role);
      if (!errors.empty()) errors += '\n';
      errors += fmt::format("{}:{}: {}", platform ? *platform : std::string("?"), role, r.error);
      if (error_type.empty()) error_type = r.error_type;
    }
    if (errors.empty())
      finish_step(Status::Passed);
    else
      finish_step(Status::Failed, errors, error_type);
  };
  const std::vector<std::string> targets = step_roles_;
  for (std::size_t i = 0; i < targets.size(); ++i) {
    const std::string role = targets[i];
    ensure_started(role, [this, token, role, i, complete, &step](std::optional<RequestFailure> f) {
      if (token != token_) return;
      if (f) {
        StepReply failed;
        failed.error = f->message;
        failed.error_type = f->kind;
        complete(i, std::move(failed));
        return;
      }
      execute_on(role, step, /*broadcast=*/true,
                 [complete, i](StepReply reply) { complete(i, std::move(reply)); });
    });
    if (token != token_) return;  // finished synchronously (cannot happen before the last)
  }
}

void TestCaseRunner::run_start(const plan::PlannedStep& step) {
  const std::string role = step.role;
  step_roles_ = {role};
  if (running_session(role) != nullptr) {
    // Documented choice: starting a running role is a no-op, so features written for runners
    // that start every process up front still work.
    note("INFO", fmt::format("process '{}' is already running", role));
    finish_step(Status::Passed);
    return;
  }
  stopped_roles_.erase(role);
  std::string error;
  ServoSession* session = new_session(role, error);
  if (session == nullptr) {
    finish_step(Status::Failed, error, "configuration");
    return;
  }
  std::uint64_t token = token_;
  session->start([this, token](std::optional<RequestFailure> failure) {
    if (token != token_) return;
    if (failure)
      finish_step(Status::Failed, failure->message, failure->kind);
    else
      finish_step(Status::Passed);
  });
}

void TestCaseRunner::run_stop_or_kill(const plan::PlannedStep& step, bool kill) {
  const std::string role = step.role;
  step_roles_ = {role};
  ServoSession* session = running_session(role);
  if (session == nullptr) {
    finish_step(Status::Failed, not_running_message(role), kNotRunningKind);
    return;
  }
  stopped_roles_.insert(role);
  std::uint64_t token = token_;
  auto done = [this, token, session] {
    if (token != token_) return;
    if (!session->stop_fault().empty()) {
      stop_faults_reported_.insert(session);
      finish_step(Status::Failed, session->stop_fault(), "stop");
      return;
    }
    finish_step(Status::Passed);
  };
  if (kill)
    session->kill(done);
  else
    session->stop(done);
}

void TestCaseRunner::finish_step(Status status, std::string error, std::string error_type) {
  if (!in_flight_) return;
  in_flight_ = false;
  ++token_;
  wait_timer_.stop();
  StepFinished finished;
  finished.test_case = setup_.test_case;
  finished.step_index = next_step_;
  finished.time = Clock::now();
  finished.status = status;
  finished.duration = since(step_started_at_);
  finished.error = std::move(error);
  finished.error_type = std::move(error_type);
  finished.logs = std::move(step_logs_);
  finished.roles = std::move(step_roles_);
  step_logs_.clear();
  step_roles_.clear();
  step_statuses_.push_back(status);
  if (status != Status::Passed) {
    skip_rest_ = true;
    if (first_error_.empty()) first_error_ = finished.error;
  }
  ++next_step_;
  setup_.sink->on_step_finished(finished);
  pump();
}

void TestCaseRunner::begin_teardown() {
  if (phase_ != Phase::Steps) return;
  phase_ = Phase::Teardown;
  teardown_started_loop_ = true;
  for (auto& session : sessions_) {
    if (session->gone()) continue;
    if (kill_on_teardown_)
      session->kill([this] { check_teardown_done(); });
    else
      session->stop([this] { check_teardown_done(); });
  }
  teardown_started_loop_ = false;
  check_teardown_done();
}

void TestCaseRunner::check_teardown_done() {
  if (phase_ != Phase::Teardown || teardown_started_loop_) return;
  for (const auto& session : sessions_)
    if (!session->gone()) return;
  fail_on_stop_faults();
  finish_test_case();
}

// A servo that had to be signalled to stop broke the servo contract (exit on stdin EOF); the
// test case fails even when its steps passed.
void TestCaseRunner::fail_on_stop_faults() {
  for (const auto& session : sessions_) {
    if (session->stop_fault().empty() || stop_faults_reported_.count(session.get())) continue;
    stop_faults_reported_.insert(session.get());
    step_statuses_.push_back(Status::Failed);
    if (first_error_.empty()) first_error_ = session->stop_fault();
  }
}

void TestCaseRunner::finish_test_case() {
  if (phase_ == Phase::Done) return;
  phase_ = Phase::Done;
  scenario_timer_.stop();
  wait_timer_.stop();
  status_ = Status::Passed;
  for (Status s : step_statuses_) status_ = std::max(status_, s);
  TestCaseFinished finished;
  finished.test_case = setup_.test_case;
  finished.time = Clock::now();
  finished.status = status_;
  finished.duration = since(started_at_);
  finished.error = first_error_;
  finished.interrupted = interrupted_;
  finished.logs = logs_.in_time_order();
  setup_.sink->on_test_case_finished(finished);
  if (on_finished_) on_finished_(*this);
}

void TestCaseRunner::interrupt(const Interruption& why) {
  switch (phase_) {
    case Phase::NotStarted:
    case Phase::Done:
      return;
    case Phase::Steps:
      interrupted_ = interrupted_ || why.interrupted;
      kill_on_teardown_ = kill_on_teardown_ || why.kill;
      skip_rest_ = true;
      if (in_flight_)
        finish_step(why.step_status, why.message, why.error_type);
      else
        pump();
      return;
    case Phase::Teardown:
      // The steps are over; only a hard interruption changes anything now.
      if (!why.kill) return;
      if (why.interrupted) interrupted_ = true;
      if (why.step_status == Status::Failed && !why.interrupted) {
        step_statuses_.push_back(Status::Failed);
        if (first_error_.empty()) first_error_ = why.message + " (while stopping servos)";
      }
      kill_on_teardown_ = true;
      teardown_started_loop_ = true;
      for (auto& session : sessions_)
        if (!session->gone()) session->kill([this] { check_teardown_done(); });
      teardown_started_loop_ = false;
      check_teardown_done();
      return;
  }
}

void TestCaseRunner::abort_now(const Interruption& why) {
  if (phase_ == Phase::NotStarted || phase_ == Phase::Done) return;
  interrupt(why);
  // Servos still alive are killed and reaped synchronously when the runner is destroyed.
  for (auto& session : sessions_)
    if (!session->gone() && session->pid() > 0) signal_process_group(session->pid(), SIGKILL);
  finish_test_case();
}

ServoSession* TestCaseRunner::running_session(const std::string& role) const {
  if (stopped_roles_.count(role)) return nullptr;
  auto it = current_.find(role);
  if (it == current_.end()) return nullptr;
  ServoSession* session = it->second;
  if (session->gone() || session->stopping()) return nullptr;
  return session;
}

ServoSession* TestCaseRunner::new_session(const std::string& role, std::string& error) {
  const plan::TestCase& tc = *setup_.test_case;
  const std::string* platform_name = tc.platform_of(role);
  if (platform_name == nullptr) {
    error = fmt::format("role '{}' has no platform in this test case", role);
    return nullptr;
  }
  const config::Platform* platform = setup_.config->find_platform(*platform_name);
  if (platform == nullptr) {
    error = fmt::format("platform '{}' of role '{}' is not configured", *platform_name, role);
    return nullptr;
  }
  ServoSession::Settings settings;
  settings.loop = setup_.loop;
  settings.config = setup_.config;
  settings.platform = platform;
  settings.identity = ServoIdentity{role, setup_.test_run_id, setup_.feature_id, setup_.host_pid};
  settings.initialize.role = role;
  settings.initialize.platform = platform->name;
  settings.initialize.scenario = tc.pickle ? tc.pickle->name : tc.name;
  settings.initialize.feature = tc.pickle ? tc.pickle->feature_name : std::string();
  settings.initialize.test_run_id = setup_.test_run_id;
  settings.initialize.host_pid = setup_.host_pid;
  settings.initialize.feature_id = setup_.feature_id;
  settings.initialize.tags = tc.tags;
  settings.initialize_timeout_ms = tc.step_timeout_ms;
  sessions_.push_back(std::make_unique<ServoSession>(std::move(settings),
                                                     static_cast<ServoSession::Listener&>(*this)));
  current_[role] = sessions_.back().get();
  return sessions_.back().get();
}

void TestCaseRunner::ensure_started(const std::string& role, StartedCallback done) {
  if (stopped_roles_.count(role)) {
    done(RequestFailure{kNotRunningKind, not_running_message(role)});
    return;
  }
  auto it = current_.find(role);
  if (it == current_.end()) {
    std::string error;
    ServoSession* session = new_session(role, error);
    if (session == nullptr) {
      done(RequestFailure{"configuration", error});
      return;
    }
    session->start(std::move(done));
    return;
  }
  if (it->second->gone() || it->second->stopping()) {
    done(RequestFailure{kNotRunningKind, not_running_message(role)});
    return;
  }
  it->second->start(std::move(done));
}

std::string TestCaseRunner::not_running_message(const std::string& role) const {
  std::string message = fmt::format("process '{}' is not running", role);
  auto it = current_.find(role);
  // For a servo that ended on its own, say how.
  if (it != current_.end() && !stopped_roles_.count(role))
    message += " (" + it->second->exit_description() + ")";
  return message;
}

void TestCaseRunner::execute_on(const std::string& role, const plan::PlannedStep& step,
                                bool broadcast, ServoSession::StepDone done) {
  ServoSession* session = current_.at(role);
  const config::Platform* platform = setup_.config->find_platform(session->platform_name());
  bool full_text = platform->protocol == config::Protocol::Harmony ||
                   platform->step_text == config::StepText::Full;
  rpc::StepParams params;
  params.process = role;
  params.step_type = step.type;
  params.step = full_text ? step.text : step.stripped;
  params.original_step = step.text;
  params.parameters = rpc::step_parameters(step.stripped);
  params.context = context_;
  if (step.argument) {
    params.table = step.argument->data_table;
    params.doc_string = step.argument->doc_string;
  }
  params.is_broadcast = broadcast;
  params.timeout_ms = setup_.test_case->step_timeout_ms;
  session->execute_step(params, std::move(done));
}

void TestCaseRunner::take_logs(std::vector<LogEntry>& logs) {
  for (auto& entry : logs) {
    record_log(entry);
    step_logs_.push_back(std::move(entry));
  }
  logs.clear();
}

void TestCaseRunner::merge_context(const nlohmann::json& context) {
  if (!context.is_object()) return;
  for (auto it = context.begin(); it != context.end(); ++it) context_[it.key()] = it.value();
}

void TestCaseRunner::record_log(const LogEntry& entry) {
  if (phase_ == Phase::Done) return;
  if (logs_.add(entry)) setup_.sink->on_log(LogReceived{setup_.test_case, entry});
}

void TestCaseRunner::note(const std::string& level, std::string message) {
  LogEntry entry;
  entry.time = Clock::now();
  entry.level = level;
  entry.message = std::move(message);
  entry.source = "troupe";
  record_log(entry);
  if (in_flight_) step_logs_.push_back(std::move(entry));
}

void TestCaseRunner::on_servo_started(ServoSession& session) {
  setup_.sink->on_servo_started(ServoStarted{setup_.test_case, session.role(),
                                             session.platform_name(), session.pid(), Clock::now()});
}

void TestCaseRunner::on_servo_log(LogEntry entry) {
  record_log(entry);
}

void TestCaseRunner::on_servo_exited(ServoSession& session, const ExitStatus& status,
                                     bool expected) {
  if (phase_ == Phase::Done) return;
  ServoExited exited;
  exited.test_case = setup_.test_case;
  exited.role = session.role();
  exited.platform = session.platform_name();
  exited.pid = session.pid();
  exited.time = Clock::now();
  exited.exit_code = status.exit_code;
  exited.signal = status.signal;
  exited.expected = expected;
  exited.stderr_tail = session.stderr_tail();
  if (!expected) {
    LogEntry entry;
    entry.time = exited.time;
    entry.role = exited.role;
    entry.platform = exited.platform;
    entry.level = "ERROR";
    entry.source = "troupe";
    entry.message = "unexpected exit: " + session.exit_description();
    record_log(entry);
  }
  setup_.sink->on_servo_exited(exited);
}

}  // namespace troupe::exec
