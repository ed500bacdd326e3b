#pragma once
// Steps troupe carries out itself, with any keyword, never sent to a servo:
//   the '<role>' process starts | is started                 -> Start
//   the '<role>' process stops | is stopped | shuts down     -> Stop
//   the '<role>' process is killed | crashes                 -> Kill
//   wait for '<n>' seconds | wait for <n> ms                 -> Wait
// ("the" is optional; numbers may be quoted and fractional; units: second(s), ms, millisecond(s)).
#include <optional>
#include <string>
#include <string_view>

#include "plan/test_plan.hpp"

namespace troupe::plan {

struct BuiltinStep {
  StepAction action = StepAction::Wait;
  std::string role;  // Start, Stop, Kill
  std::string rest;  // the text after the process context, e.g. "starts"
  int wait_ms = 0;   // Wait
};

// std::nullopt when the text is not a built-in step. Throws std::out_of_range with the reason
// when it is a wait whose duration does not fit in an int of milliseconds.
std::optional<BuiltinStep> match_builtin_step(std::string_view step_text);

}  // namespace troupe::plan
