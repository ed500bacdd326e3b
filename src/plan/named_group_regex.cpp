#include "plan/named_group_regex.hpp"

#include <fmt/format.h>

#include <cctype>
#include <stdexcept>

namespace troupe::plan {

namespace {

bool is_group_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

}  // namespace

NamedGroupRegex::NamedGroupRegex(std::string_view pattern) : source_(pattern) {
  std::size_t group_count = 0;
  bool in_class = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size() && pattern[i + 1] == 'k' && !in_class) {
        throw std::invalid_argument(fmt::format(
            "named backreference at offset {} is not supported: use a numbered one (\\1)", i));
      }
      translated_ += c;
      if (i + 1 < pattern.size()) translated_ += pattern[++i];
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      translated_ += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      translated_ += c;
      continue;
    }
    if (c != '(') {
      translated_ += c;
      continue;
    }
    const std::string_view after = pattern.substr(i + 1);
    std::size_t name_start = 0;
    if (after.starts_with("?<") && !after.starts_with("?<=") && !after.starts_with("?<!")) {
      name_start = i + 3;
    } else if (after.starts_with("?P<")) {
      name_start = i + 4;
    } else if (after.starts_with("?P=")) {
      throw std::invalid_argument(fmt::format(
          "named backreference at offset {} is not supported: use a numbered one (\\1)", i));
    } else if (after.starts_with("?")) {
      translated_ += c;  // (?: (?= (?! : not capturing, so not counted
      continue;
    } else {
      ++group_count;
      translated_ += c;
      continue;
    }
    std::size_t name_end = name_start;
    while (name_end < pattern.size() && is_group_name_char(pattern[name_end])) ++name_end;
    if (name_end >= pattern.size() || pattern[name_end] != '>' || name_end == name_start) {
      throw std::invalid_argument(
          fmt::format("group at offset {} has a malformed name: expected (?<name>...)", i));
    }
    std::string name(pattern.substr(name_start, name_end - name_start));
    if (!groups_.emplace(name, ++group_count).second) {
      throw std::invalid_argument(fmt::format("group name '{}' is used twice", name));
    }
    translated_ += '(';
    i = name_end;
  }
  try {
    regex_ = std::regex(translated_, std::regex::ECMAScript);
  } catch (const std::regex_error& error) {
    throw std::invalid_argument(fmt::format("invalid regular expression: {}", error.what()));
  }
}

std::optional<std::size_t> NamedGroupRegex::group(const std::string& name) const {
  const auto found = groups_.find(name);
  if (found == groups_.end()) return std::nullopt;
  return found->second;
}

}  // namespace troupe::plan
