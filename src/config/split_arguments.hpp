#pragma once
// Splits a Harmony `Arguments` string into argv entries the way .NET's Process does on Unix
// (the Microsoft C runtime rules), so a harmony-config.json starts the same processes:
//   - arguments are separated by spaces and tabs outside double quotes;
//   - "..." groups text (quotes are removed); "" inside quotes is one literal quote;
//   - 2n backslashes before a quote give n backslashes, and the quote groups;
//     2n+1 backslashes before a quote give n backslashes and a literal quote;
//   - backslashes not before a quote are literal; single quotes are ordinary characters;
//   - nothing is expanded: no variables, globs or tildes.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace troupe::config {

struct SplitArguments {
  std::vector<std::string> arguments;
  // Set when a double quote is never closed (.NET would silently take the rest as quoted).
  std::optional<std::string> error;
};

SplitArguments split_arguments(std::string_view command_line);

}  // namespace troupe::config
