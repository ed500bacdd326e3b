#pragma once
// Process patterns find the role in a step's text: "the 'reader' process creates buffer 'b1'"
// -> name "reader", rest "creates buffer 'b1'". They are written as ECMAScript regexes with
// named groups, `(?<name>...)` or `(?P<name>...)`; std::regex has no named groups, so this
// turns a pattern into a plain ECMAScript regex plus the numbers of its `name` and `rest`
// groups. Lookbehind and named back-references (\k<name>) are not supported.
#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace troupe::config {

struct ProcessPattern {
  std::string ecmascript;                     // the pattern with group names removed
  std::map<std::string, std::size_t> groups;  // group name -> capture group number (from 1)
  std::size_t name_group = 0;
  std::size_t rest_group = 0;
};

struct ProcessPatternResult {
  std::optional<ProcessPattern> pattern;
  std::string error;  // set when pattern is empty
};

// Translates and compiles (to check) a pattern; both `name` and `rest` groups are required.
ProcessPatternResult translate_process_pattern(const std::string& pattern);

}  // namespace troupe::config
