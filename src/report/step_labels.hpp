#pragma once
// Short texts about a planned step that several formatters print the same way.
#include <string>
#include <vector>

#include "plan/test_plan.hpp"

namespace troupe::report {

// Where the step ran: "writer@python"; a broadcast lists every target ("reader@cpp, writer@rust");
// steps no process runs (wait, no process) say "troupe". `roles` are the roles of StepFinished
// when known (empty: taken from the plan).
std::string step_target(const plan::TestCase& test_case, const plan::PlannedStep& step,
                        const std::vector<std::string>& roles = {});

// "reader=cpp, writer=python"
std::string combination_text(const plan::TestCase& test_case);

// The step's argument as written under it: a data table as "| a | b |" rows or a doc string
// between """ lines, each line prefixed by `indent`; empty without an argument.
std::string step_argument_text(const plan::PlannedStep& step, const std::string& indent);

// "(size=1, kind=x)" for an example row, else empty.
std::string example_values_text(const plan::TestCase& test_case);

}  // namespace troupe::report
