#include "exec/run_plan.hpp"

#include <uv.h>

#include <csignal>
#include <ctime>
#include <optional>

#include "exec/process_group.hpp"
#include "exec/run_ids.hpp"
#include "exec/scheduler.hpp"

namespace troupe::exec {
namespace {

// A servo that dies while troupe writes to it must not kill troupe with SIGPIPE.
class IgnoreSigpipe {
 public:
  IgnoreSigpipe() {
    struct sigaction ignore {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    installed_ = ::sigaction(SIGPIPE, &ignore, &previous_) == 0;
  }
  ~IgnoreSigpipe() {
    if (installed_) ::sigaction(SIGPIPE, &previous_, nullptr);
  }
  IgnoreSigpipe(const IgnoreSigpipe&) = delete;
  IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;

 private:
  struct sigaction previous_ {};
  bool installed_ = false;
};

// From the end of the last test case until the sink has written its reports, SIGINT/SIGTERM/SIGHUP
// are held back (the scheduler's watch is gone by then and would leave them fatal).
class SignalsHeldAfterRun {
 public:
  SignalsHeldAfterRun() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    sigaddset(&set_, SIGHUP);
    blocked_ = ::pthread_sigmask(SIG_BLOCK, &set_, &previous_) == 0;
  }
  ~SignalsHeldAfterRun() {
    take();
    if (blocked_) ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SignalsHeldAfterRun(const SignalsHeldAfterRun&) = delete;
  SignalsHeldAfterRun& operator=(const SignalsHeldAfterRun&) = delete;

  // The first signal held back (0: none); every pending one is consumed so that restoring the
  // mask cannot deliver it.
  int take() {
    if (!blocked_) return 0;
    const timespec no_wait{0, 0};
    for (int signal = ::sigtimedwait(&set_, nullptr, &no_wait); signal > 0;
         signal = ::sigtimedwait(&set_, nullptr, &no_wait))
      if (taken_ == 0) taken_ = signal;
    return taken_;
  }

 private:
  sigset_t set_{};
  sigset_t previous_{};
  bool blocked_ = false;
  int taken_ = 0;
};

void close_loop(uv_loop_t* loop) {
  // Every handle was closed by its owner; this runs their close callbacks.
  uv_run(loop, UV_RUN_DEFAULT);
  if (uv_loop_close(loop) == UV_EBUSY) {
    uv_walk(
        loop,
        [](uv_handle_t* handle, void*) {
          if (!uv_is_closing(handle)) uv_close(handle, nullptr);
        },
        nullptr);
    uv_run(loop, UV_RUN_DEFAULT);
    uv_loop_close(loop);
  }
}

}  // namespace

RunResult run_plan(const plan::TestPlan& plan, const config::Config& config,
                   const RunOptions& options, EventSink& sink) {
  IgnoreSigpipe ignore_sigpipe;
  SubreaperScope subreaper;
  uv_loop_t loop;
  uv_loop_init(&loop);

  const TimePoint started = Clock::now();
  const std::string run_id = make_run_id();
  sink.on_run_started(RunStarted{started, plan.test_cases.size(), run_id});
  RunResult result;
  std::optional<SignalsHeldAfterRun> held;
  {
    OrphanReaper orphans(&loop);
    {
      Scheduler scheduler(&loop, plan, config, options, sink, run_id);
      scheduler.start();
      while (!scheduler.done()) uv_run(&loop, UV_RUN_DEFAULT);
      result = scheduler.result();
      held.emplace();  // before the scheduler's signal watch goes
    }
    // Every servo is gone; whatever they left behind goes too, before the subreaper role ends.
    orphans.kill_and_reap_all();
  }
  close_loop(&loop);

  RunFinished finished;
  finished.time = Clock::now();
  finished.duration = std::chrono::duration_cast<Millis>(finished.time - started);
  finished.interrupted_by_signal = result.interrupted_by_signal;
  finished.success = result.failed == 0 && result.interrupted_by_signal == 0;
  sink.on_run_finished(finished);
  result.signal_after_run = held->take();
  return result;
}

}  // namespace troupe::exec
