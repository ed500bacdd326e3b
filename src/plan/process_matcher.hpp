#pragma once
// Finds the process a step talks to: `the 'reader' process creates buffer 'b1'` names the
// process `reader` and leaves `creates buffer 'b1'` for its servo.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "plan/named_group_regex.hpp"

namespace troupe::plan {

struct ProcessContext {
  std::string name;  // the role, case kept
  std::string rest;  // the step text without the process context
};

inline constexpr std::size_t kMaxCustomMatchLength = 4096;

class ProcessMatcher {
 public:
  // `patterns` are the config's processPatterns: regexes with `name` and `rest` named groups,
  // tried in order (search semantics). Empty: the built-in patterns, in this order:
  //   the '<name>' process <rest> | '<name>' process <rest> | the '<name>' <rest> | '<name>' <rest>
  // Throws PlanError naming every bad pattern ("$.processPatterns[i]: ...").
  explicit ProcessMatcher(const std::vector<std::string>& patterns);

  // Custom patterns never see texts longer than kMaxCustomMatchLength (no match): libstdc++'s
  // std::regex recurses per character and overflows the stack on texts of some 50 KB.
  std::optional<ProcessContext> match(std::string_view step_text) const;
  bool has_custom_patterns() const { return !custom_.empty(); }

 private:
  std::vector<NamedGroupRegex> custom_;
};

// The built-in patterns alone: a hand-written scanner, since it runs for every step of a run.
std::optional<ProcessContext> match_default_process_patterns(std::string_view step_text);

}  // namespace troupe::plan
