#pragma once
// The plan: every test case (pickle x platform combination) with each step already routed.
// Produced by plan::build_plan, consumed by exec and report. Plain data only.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gherkin/pickle.hpp"

namespace troupe::plan {

enum class StepType { Given, When, Then };

enum class StepAction {
  Send,       // executeStep to `role`
  Broadcast,  // executeStep to every role of the test case (isBroadcast: true)
  Start,      // built-in: start `role` (fresh, re-initialized servo)
  Stop,       // built-in: graceful stop of `role`
  Kill,       // built-in: SIGKILL `role`'s process group at once
  Wait,       // built-in: wait `wait_ms`
  NoProcess,  // a step in a scenario without roles that is not built-in: fails "no process for step"
};

struct PlannedStep {
  std::string pickle_step_id;
  std::string keyword;   // as written, e.g. "And "
  std::string text;      // full pickle step text (Harmony servos and stepText "full" get this)
  std::string stripped;  // text without the process context; equals `text` when there is none
  gherkin::Location location;
  StepType type = StepType::Given;
  StepAction action = StepAction::Send;
  std::string role;  // Send / Start / Stop / Kill
  int wait_ms = 0;   // Wait
  std::optional<gherkin::PickleStepArgument> argument;
};

struct RolePlatform {
  std::string role;
  std::string platform;
};

struct TestCase {
  std::string id;    // unique and stable within a run, e.g. "<uri>:<line>:<platforms>"
  std::string name;  // "<platforms in role order joined by '/'> | <pickle name>[ (row values)]"
  std::shared_ptr<const gherkin::Pickle> pickle;
  std::vector<std::string> roles;          // sorted by name
  std::vector<RolePlatform> combination;   // one per role, role order
  std::vector<PlannedStep> steps;
  std::vector<std::string> tags;           // pickle tag names, with '@'
  int step_timeout_ms = 30000;             // after @timeout: and --step-timeout
  int scenario_timeout_ms = 600000;        // after @scenario-timeout:
  bool serial = false;                     // @serial
  std::optional<std::string> skip_reason;  // e.g. "@platform:windows: not this host (linux)"

  const std::string* platform_of(const std::string& role) const {
    for (const auto& rp : combination)
      if (rp.role == role) return &rp.platform;
    return nullptr;
  }
};

struct TestPlan {
  std::vector<TestCase> test_cases;
};

}  // namespace troupe::plan
