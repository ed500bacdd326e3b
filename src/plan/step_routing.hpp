#pragma once
// Decides, for each step of a pickle, where it goes: one process (Send), every process
// (Broadcast), troupe itself (built-in Start/Stop/Kill/Wait), or nowhere (NoProcess).
#include <string>
#include <vector>

#include "gherkin/pickle.hpp"
#include "plan/process_matcher.hpp"
#include "plan/test_plan.hpp"

namespace troupe::plan {

struct RoutedPickle {
  std::vector<std::string> roles;  // every process the pickle names, sorted, no duplicates
  std::vector<PlannedStep> steps;  // one per pickle step, same order
};

// Bad built-in steps (a wait too long) add "FILE:LINE:COL: ..." to `problems`.
RoutedPickle route_pickle(const gherkin::Pickle& pickle, const ProcessMatcher& matcher,
                          std::vector<std::string>& problems);

}  // namespace troupe::plan
