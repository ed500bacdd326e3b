#pragma once
// Decides which test cases run when: up to `jobs` at once on the one loop, @serial ones alone,
// fail-fast, and SIGINT/SIGTERM/SIGHUP (first: kill servos and finish as interrupted; second:
// end at once).
#include <uv.h>

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "config/config.hpp"
#include "exec/events.hpp"
#include "exec/run_plan.hpp"
#include "exec/signal_watch.hpp"
#include "exec/test_case_runner.hpp"
#include "exec/timer.hpp"
#include "plan/test_plan.hpp"

namespace troupe::exec {

class Scheduler {
 public:
  Scheduler(uv_loop_t* loop, const plan::TestPlan& plan, const config::Config& config,
            const RunOptions& options, EventSink& sink, std::string run_id);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  void start();
  // True once nothing runs and nothing more will be started; the loop has been told to stop.
  bool done() const { return done_; }
  const RunResult& result() const { return result_; }

 private:
  void pump();
  void launch(std::size_t index);
  void on_finished(TestCaseRunner& runner);
  void count(Status status);
  void on_signal(int signal);
  void finish_run();
  std::vector<TestCaseRunner*> running_snapshot() const;

  uv_loop_t* loop_;
  const plan::TestPlan& plan_;
  const config::Config& config_;
  RunOptions options_;
  EventSink& sink_;
  std::string run_id_;
  int host_pid_;

  std::size_t next_ = 0;
  bool stopping_ = false;  // no new test cases (fail-fast or signal)
  bool serial_running_ = false;
  bool done_ = false;
  bool pumping_ = false;
  RunResult result_;
  std::vector<std::unique_ptr<TestCaseRunner>> running_;
  std::vector<std::unique_ptr<TestCaseRunner>> finished_;  // destroyed outside their callbacks
  Timer after_finish_;
  SignalWatch signals_;
};

}  // namespace troupe::exec
