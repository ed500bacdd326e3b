#include "config/split_arguments.hpp"

#include <fmt/format.h>

namespace troupe::config {
namespace {

bool is_separator(char c) {
  return c == ' ' || c == '\t';
}

}  // namespace

SplitArguments split_arguments(std::string_view command_line) {
  SplitArguments result;
  std::size_t i = 0;
  const std::size_t size = command_line.size();
  while (true) {
    while (i < size && is_separator(command_line[i])) ++i;
    if (i == size) break;

    std::string argument;
    bool in_quotes = false;
    std::size_t quote_opened_at = 0;
    while (i < size) {
      std::size_t backslashes = 0;
      while (i < size && command_line[i] == '\\') {
        ++backslashes;
        ++i;
      }
      if (backslashes > 0) {
        if (i < size && command_line[i] == '"') {
          argument.append(backslashes / 2, '\\');
          if (backslashes % 2 == 1) {
            argument += '"';
            ++i;
          }
        } else {
          argument.append(backslashes, '\\');
        }
        continue;
      }
      const char c = command_line[i];
      if (c == '"') {
        if (in_quotes && i + 1 < size && command_line[i + 1] == '"') {
          argument += '"';
          ++i;
        } else {
          in_quotes = !in_quotes;
          quote_opened_at = i;
        }
        ++i;
        continue;
      }
      if (is_separator(c) && !in_quotes) break;
      argument += c;
      ++i;
    }
    if (in_quotes && !result.error)
      result.error = fmt::format("unterminated double quote at character {}", quote_opened_at + 1);
    result.arguments.push_back(std::move(argument));
  }
  return result;
}

}  // namespace troupe::config
