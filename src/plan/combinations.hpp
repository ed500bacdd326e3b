#pragma once
// The platform combinations of a test case: every role times the platforms it may use.
#include <cstddef>
#include <string>
#include <vector>

#include "plan/test_plan.hpp"

namespace troupe::plan {

struct RoleChoices {
  std::string role;
  std::vector<std::string> platforms;  // config order
};

// How many combinations expand_combinations would make, saturating at `limit + 1`.
std::size_t count_combinations(const std::vector<RoleChoices>& roles, std::size_t limit);

// The full product in role order, the last role changing fastest (cpp/cpp, cpp/python, ...).
// No roles: one empty combination.
std::vector<std::vector<RolePlatform>> expand_combinations(const std::vector<RoleChoices>& roles);

}  // namespace troupe::plan
