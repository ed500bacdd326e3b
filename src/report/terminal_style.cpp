#include "report/terminal_style.hpp"

#include <fmt/format.h>

namespace troupe::report {

std::string paint(bool color, const char* code, std::string_view text) {
  if (!color) return std::string(text);
  return fmt::format("\x1b[{}m{}\x1b[0m", code, text);
}

const char* status_color(exec::Status status) {
  switch (status) {
    case exec::Status::Passed:
      return ansi::kGreen;
    case exec::Status::Skipped:
      return ansi::kCyan;
    case exec::Status::Pending:
    case exec::Status::Undefined:
      return ansi::kYellow;
    case exec::Status::Ambiguous:
    case exec::Status::Failed:
    case exec::Status::Unknown:
      break;
  }
  return ansi::kRed;
}

const char* status_mark(exec::Status status) {
  switch (status) {
    case exec::Status::Passed:
      return "✔";
    case exec::Status::Skipped:
      return "↷";
    case exec::Status::Pending:
    case exec::Status::Undefined:
    case exec::Status::Unknown:
      return "?";
    case exec::Status::Ambiguous:
    case exec::Status::Failed:
      break;
  }
  return "✘";
}

bool is_failure(exec::Status status) {
  return status != exec::Status::Passed && status != exec::Status::Skipped;
}

}  // namespace troupe::report
