#pragma once
// Events for a test case that is walked without starting anything (skip_reason or --dry-run).
#include <string>

#include "exec/events.hpp"
#include "plan/test_plan.hpp"

namespace troupe::exec {

// Emits TestCaseStarted, every step Skipped, and TestCaseFinished with status Skipped. `reason`
// becomes TestCaseFinished::error (e.g. the skip reason); empty for a dry run.
void report_not_run(const plan::TestCase& test_case, const std::string& test_run_id,
                    const std::string& reason, EventSink& sink);

}  // namespace troupe::exec
