#pragma once
// A synthetic run for the report tests: 2 features, 18 test cases (pickle x platform combination)
// with passed, failed (timeout, broadcast assertion, undefined) and skipped cases, step logs,
// stderr lines, an unexpected servo exit, a broadcast and built-in steps, replayed with the events
// of two test cases interleaved as `-j 2` produces them. Times are fixed, so outputs are stable.
#include <functional>
#include <vector>

#include "exec/events.hpp"

namespace troupe::report::testing {

struct SyntheticRun {
  std::vector<exec::FeatureParsed> features;
  plan::TestPlan plan;
  exec::TimePoint start;

  // Every event of the run, in order, into `sink`.
  void replay(exec::EventSink& sink) const;
};

SyntheticRun make_synthetic_run();

// 2026-01-02T03:04:05Z, the synthetic run's start.
exec::TimePoint synthetic_epoch();

}  // namespace troupe::report::testing
