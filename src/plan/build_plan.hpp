#pragma once
// Turns pickles into the test plan: filters them, routes their steps, expands every platform
// combination and applies the tags troupe understands. See docs/features.md.
#include <memory>
#include <vector>

#include "config/config.hpp"
#include "gherkin/pickle.hpp"
#include "plan/plan_error.hpp"
#include "plan/plan_options.hpp"
#include "plan/process_matcher.hpp"
#include "plan/tag_expression.hpp"
#include "plan/test_plan.hpp"

namespace troupe::plan {

// Throws PlanError listing every problem (bad option, pattern, tag or step) found.
TestPlan build_plan(const config::Config& config,
                    const std::vector<std::shared_ptr<const gherkin::Pickle>>& pickles,
                    const PlanOptions& options);

// Bounds the expansion so that a scenario naming many roles cannot exhaust memory.
inline constexpr std::size_t kMaxCombinationsPerScenario = 10000;
inline constexpr std::size_t kMaxTestCases = 1000000;

}  // namespace troupe::plan
