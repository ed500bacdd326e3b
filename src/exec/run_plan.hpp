#pragma once
// The runner's entry point: executes a plan's test cases against servo processes.
#include <cstddef>

#include "config/config.hpp"
#include "exec/events.hpp"
#include "plan/test_plan.hpp"

namespace troupe::exec {

struct RunOptions {
  int jobs = 1;            // test cases run at once (values < 1 mean 1)
  bool fail_fast = false;  // after the first failed test case start no new ones
  bool dry_run = false;    // walk every test case, report steps Skipped, start no servo
};

struct RunResult {
  std::size_t passed = 0, failed = 0, skipped = 0;
  int interrupted_by_signal = 0;  // 0, or SIGINT/SIGTERM/SIGHUP
  // SIGINT/SIGTERM/SIGHUP that came after the last test case, during teardown or while the sink
  // wrote its reports: held back so it could not kill troupe half way, reported here (0: none).
  int signal_after_run = 0;
};

// Runs every test case of the plan on one libuv loop, emitting events to `sink` from the calling
// thread. Events carry their test case, so concurrent test cases (jobs > 1) can be grouped.
// When it returns every servo process group it started is gone and default signal handling of
// SIGINT/SIGTERM/SIGHUP is restored.
RunResult run_plan(const plan::TestPlan& plan, const config::Config& config,
                   const RunOptions& options, EventSink& sink);

}  // namespace troupe::exec
