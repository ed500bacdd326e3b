#pragma once
// std::regex has no named groups: this compiles a process pattern written with `(?<name>...)` or
// `(?P<name>...)` (translated by config::translate_process_pattern, which requires the `name`
// and `rest` groups) into positional groups and remembers which number each name got.
#include <map>
#include <optional>
#include <regex>
#include <string>
#include <string_view>

namespace troupe::plan {

class NamedGroupRegex {
 public:
  // Throws std::invalid_argument with a precise reason (bad group name, duplicate name,
  // named backreference, or the std::regex error for the translated pattern).
  explicit NamedGroupRegex(std::string_view pattern);

  const std::string& source() const { return source_; }
  const std::string& translated() const { return translated_; }
  // The positional index of a named group, if the pattern has one.
  std::optional<std::size_t> group(const std::string& name) const;
  const std::regex& regex() const { return regex_; }

 private:
  std::string source_;
  std::string translated_;
  std::map<std::string, std::size_t> groups_;
  std::regex regex_;
};

}  // namespace troupe::plan
