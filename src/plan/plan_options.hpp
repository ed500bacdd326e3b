#pragma once
// What the command line asks of the plan: filters, platform choices and overrides.
#include <optional>
#include <string>
#include <vector>

#include "plan/test_plan.hpp"

namespace troupe::plan {

// From a `PATH:LINE` argument. A line <= 0 selects every scenario of the file.
struct FileLine {
  std::string path;
  int line = 0;
};

struct PlanOptions {
  std::string tag_expression;             // --tags, empty = all
  std::string name_regex;                 // --name, empty = all (ECMAScript, search semantics)
  std::vector<FileLine> locations;        // PATH:LINE filters, empty = all
  std::vector<std::string> platforms;     // --platforms cpp,python: limits all roles
  std::vector<RolePlatform> combination;  // --combination reader=cpp,writer=python: picks one
  std::optional<int> step_timeout_ms;     // --step-timeout: overrides config and @timeout
  std::string host_os;                    // linux/macos/windows/freebsd; empty = this host
};

}  // namespace troupe::plan
