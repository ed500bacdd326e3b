#include "config/process_pattern.hpp"

#include <fmt/format.h>

#include "config/json_path.hpp"
#include "config/std_regex.hpp"

namespace troupe::config {
namespace {

bool is_group_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

ProcessPatternResult translate_process_pattern(const std::string& pattern) {
  // std::regex compiles and matches recursively: bound the input so it cannot exhaust the stack.
  constexpr std::size_t kMaxPatternLength = 1000;
  constexpr std::size_t kMaxGroupDepth = 20;
  ProcessPatternResult result;
  if (pattern.size() > kMaxPatternLength) {
    result.error = fmt::format("is {} characters long; at most {} are allowed", pattern.size(),
                               kMaxPatternLength);
    return result;
  }
  std::size_t group_depth = 0;
  ProcessPattern translated;
  std::size_t capture_count = 0;
  bool in_class = false;  // inside [...], where parentheses are literal
  const std::size_t size = pattern.size();
  for (std::size_t i = 0; i < size; ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      if (!in_class && i + 1 < size && pattern[i + 1] == 'k') {
        result.error = fmt::format(
            "named backreference at character {} is not supported: use a numbered one (\\1)", i + 1);
        return result;
      }
      translated.ecmascript += c;
      if (i + 1 < size) translated.ecmascript += pattern[++i];
      continue;
    }
    if (in_class) {
      if (c == ']') in_class = false;
      translated.ecmascript += c;
      continue;
    }
    if (c == '[') {
      in_class = true;
      translated.ecmascript += c;
      continue;
    }
    if (c == ')' && group_depth > 0) --group_depth;
    if (c != '(') {
      translated.ecmascript += c;
      continue;
    }
    if (++group_depth > kMaxGroupDepth) {
      result.error = fmt::format("groups nested deeper than {} levels", kMaxGroupDepth);
      return result;
    }
    if (i + 1 >= size || pattern[i + 1] != '?') {
      ++capture_count;
      translated.ecmascript += c;
      continue;
    }
    // "(?" : named group, lookaround or non-capturing group.
    std::size_t name_start = 0;
    if (pattern.compare(i, 3, "(?<") == 0 && i + 3 < size && pattern[i + 3] != '=' &&
        pattern[i + 3] != '!') {
      name_start = i + 3;
    } else if (pattern.compare(i, 4, "(?P<") == 0) {
      name_start = i + 4;
    } else if (pattern.compare(i, 4, "(?P=") == 0) {
      result.error = fmt::format(
          "named backreference at character {} is not supported: use a numbered one (\\1)", i + 1);
      return result;
    } else if (pattern.compare(i, 4, "(?<=") == 0 || pattern.compare(i, 4, "(?<!") == 0) {
      result.error = fmt::format("lookbehind at character {} is not supported", i + 1);
      return result;
    } else {
      translated.ecmascript += c;
      continue;
    }
    std::size_t name_end = name_start;
    while (name_end < size && is_group_name_char(pattern[name_end])) ++name_end;
    if (name_end == name_start || name_end >= size || pattern[name_end] != '>') {
      result.error = fmt::format("malformed group name at character {}", i + 1);
      return result;
    }
    const std::string name = pattern.substr(name_start, name_end - name_start);
    ++capture_count;
    if (!translated.groups.emplace(name, capture_count).second) {
      result.error = fmt::format("group {} is named twice", quote(name));
      return result;
    }
    translated.ecmascript += '(';
    i = name_end;
  }
  for (const char* required : {"name", "rest"}) {
    if (!translated.groups.count(required)) {
      result.error =
          fmt::format("needs a named group {} (write (?<{}>...))", quote(required), required);
      return result;
    }
  }
  translated.name_group = translated.groups.at("name");
  translated.rest_group = translated.groups.at("rest");
  try {
    std::regex compiled(translated.ecmascript, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    result.error = fmt::format("not a valid ECMAScript regex: {}", e.what());
    return result;
  }
  result.pattern = std::move(translated);
  return result;
}

}  // namespace troupe::config
