#include "exec/run_plan.hpp"

#include <uv.h>

#include <csignal>

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
  {
    Scheduler scheduler(&loop, plan, config, options, sink, run_id);
    scheduler.start();
    while (!scheduler.done()) uv_run(&loop, UV_RUN_DEFAULT);
    result = scheduler.result();
  }
  close_loop(&loop);

  RunFinished finished;
  finished.time = Clock::now();
  finished.duration = std::chrono::duration_cast<Millis>(finished.time - started);
  finished.interrupted_by_signal = result.interrupted_by_signal;
  finished.success = result.failed == 0 && result.interrupted_by_signal == 0;
  sink.on_run_finished(finished);
  return result;
}

}  // namespace troupe::exec
