#include "plan/named_group_regex.hpp"

#include <stdexcept>

#include "config/process_pattern.hpp"

namespace troupe::plan {

// The translation (and its limits) is the config loader's, so a pattern that loads is a pattern
// that plans; here it is only compiled for matching.
NamedGroupRegex::NamedGroupRegex(std::string_view pattern) : source_(pattern) {
  config::ProcessPatternResult result = config::translate_process_pattern(source_);
  if (!result.pattern) throw std::invalid_argument(result.error);
  translated_ = result.pattern->ecmascript;
  groups_ = result.pattern->groups;
  try {
    regex_ = std::regex(translated_, std::regex::ECMAScript);
  } catch (const std::regex_error& error) {
    throw std::invalid_argument("invalid regular expression: " + std::string(error.what()));
  }
}

std::optional<std::size_t> NamedGroupRegex::group(const std::string& name) const {
  const auto found = groups_.find(name);
  if (found == groups_.end()) return std::nullopt;
  return found->second;
}

}  // namespace troupe::plan
