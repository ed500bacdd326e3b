#pragma once
// What a person needs to see of a failed test case: the failing step with its file and line,
// the process (role on platform) it ran in, the error, and the last log lines of every servo.
#include <string>
#include <vector>

#include "exec/events.hpp"

namespace troupe::report {

struct FailureDetails {
  std::vector<exec::StepFinished> failed_steps;  // logs cleared: the test case's logs are below
  std::string error;                             // the test case's first failure
  std::vector<exec::LogEntry> log_tail;          // last `tail_lines` of each servo, time order
};

// Keeps what render_failure_details needs, dropping the rest (bounded by tail_lines per servo).
FailureDetails collect_failure_details(std::vector<exec::StepFinished> failed_steps,
                                       const exec::TestCaseFinished& finished,
                                       std::size_t tail_lines);

// Lines indented by `indent`; `color` paints errors red.
std::string render_failure_details(const plan::TestCase& tc, const FailureDetails& details,
                                   const std::string& indent, bool color);

}  // namespace troupe::report
