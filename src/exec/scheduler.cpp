#include "exec/scheduler.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <utility>

#include "exec/not_run_report.hpp"
#include "exec/process_group.hpp"
#include "exec/run_ids.hpp"

namespace troupe::exec {

Scheduler::Scheduler(uv_loop_t* loop, const plan::TestPlan& plan, const config::Config& config,
                     const RunOptions& options, EventSink& sink, std::string run_id)
    : loop_(loop),
      plan_(plan),
      config_(config),
      options_(options),
      sink_(sink),
      run_id_(std::move(run_id)),
      host_pid_(static_cast<int>(::getpid())),
      after_finish_(loop),
      signals_(loop, [this](int signal) { on_signal(signal); }) {
  options_.jobs = std::max(options_.jobs, 1);
}

Scheduler::~Scheduler() = default;

void Scheduler::start() {
  pump();
}

void Scheduler::pump() {
  if (done_ || pumping_) return;
  pumping_ = true;
  const auto& cases = plan_.test_cases;
  while (!stopping_ && next_ < cases.size()) {
    const plan::TestCase& tc = cases[next_];
    if (tc.skip_reason || options_.dry_run) {
      report_not_run(tc, make_test_run_id(run_id_, next_), tc.skip_reason.value_or(""), sink_);
      count(Status::Skipped);
      ++next_;
      continue;
    }
    if (serial_running_) break;
    if (tc.serial) {
      // Alone: wait for the running ones to finish first.
      if (!running_.empty()) break;
      serial_running_ = true;
      launch(next_++);
      break;
    }
    if (running_.size() >= static_cast<std::size_t>(options_.jobs)) break;
    launch(next_++);
  }
  pumping_ = false;
  if (running_.empty() && (stopping_ || next_ >= cases.size())) finish_run();
}

void Scheduler::launch(std::size_t index) {
  TestCaseSetup setup;
  setup.loop = loop_;
  setup.config = &config_;
  setup.test_case = &plan_.test_cases[index];
  setup.test_run_id = make_test_run_id(run_id_, index);
  setup.feature_id = next_feature_id();
  setup.host_pid = host_pid_;
  setup.sink = &sink_;
  running_.push_back(std::make_unique<TestCaseRunner>(
      std::move(setup), [this](TestCaseRunner& runner) { on_finished(runner); }));
  running_.back()->start();
}

void Scheduler::on_finished(TestCaseRunner& runner) {
  count(runner.status());
  if (runner.test_case().serial) serial_running_ = false;
  auto it = std::find_if(running_.begin(), running_.end(),
                         [&runner](const auto& r) { return r.get() == &runner; });
  if (it != running_.end()) {
    finished_.push_back(std::move(*it));
    running_.erase(it);
  }
  if (options_.fail_fast && runner.status() == Status::Failed && !stopping_) {
    stopping_ = true;
    std::string message =
        fmt::format("interrupted by --fail-fast: '{}' failed", runner.test_case().name);
    for (TestCaseRunner* other : running_snapshot())
      other->interrupt(Interruption{message, "interrupted", Status::Skipped, /*kill=*/false,
                                    /*interrupted=*/true});
  }
  // Runners are destroyed and new ones started outside of the finishing runner's call stack.
  if (!done_)
    after_finish_.start(0, [this] {
      finished_.clear();
      pump();
    });
}

void Scheduler::count(Status status) {
  switch (status) {
    case Status::Passed:
      ++result_.passed;
      break;
    case Status::Skipped:
      ++result_.skipped;
      break;
    default:
      ++result_.failed;
      break;
  }
}

void Scheduler::on_signal(int signal) {
  if (done_) return;
  std::string message = fmt::format("interrupted by {}", signal_name(signal));
  if (result_.interrupted_by_signal == 0) {
    result_.interrupted_by_signal = signal;
    stopping_ = true;
    for (TestCaseRunner* runner : running_snapshot())
      runner->interrupt(Interruption{message, "interrupted", Status::Failed, /*kill=*/true,
                                     /*interrupted=*/true});
    return;
  }
  // Second signal: no more waiting for anything.
  for (TestCaseRunner* runner : running_snapshot())
    runner->abort_now(Interruption{message + " (again: aborted)", "interrupted", Status::Failed,
                                   /*kill=*/true, /*interrupted=*/true});
  finish_run();
}

void Scheduler::finish_run() {
  if (done_) return;
  done_ = true;
  after_finish_.stop();
  signals_.stop();
  uv_stop(loop_);
}

std::vector<TestCaseRunner*> Scheduler::running_snapshot() const {
  std::vector<TestCaseRunner*> snapshot;
  for (const auto& runner : running_) snapshot.push_back(runner.get());
  return snapshot;
}

}  // namespace troupe::exec
