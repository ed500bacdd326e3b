#include "report/failure_details.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "report/log_format.hpp"
#include "report/terminal_style.hpp"
#include "report/text_escape.hpp"

namespace troupe::report {
namespace {

const char* step_type_name(plan::StepType t) {
  switch (t) {
    case plan::StepType::Given: return "given";
    case plan::StepType::When: return "when";
    case plan::StepType::Then: return "then";
  }
  return "";
}

// Continuation lines of a multi-line text line up under its first line.
std::string indent_lines(const std::string& text, const std::string& indent) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  while (!out.empty() && (out.back() == ' ' || out.back() == '\n')) out.pop_back();
  return out;
}

std::string process_key(const exec::LogEntry& e) {
  return e.role.empty() ? std::string("troupe") : e.platform + ":" + e.role;
}

}  // namespace

FailureDetails collect_failure_details(std::vector<exec::StepFinished> failed_steps,
                                       const exec::TestCaseFinished& finished,
                                       std::size_t tail_lines) {
  FailureDetails details;
  for (auto& step : failed_steps) step.logs.clear();
  details.failed_steps = std::move(failed_steps);
  details.error = finished.error;
  std::map<std::string, std::size_t> remaining;
  for (const auto& entry : finished.logs) ++remaining[process_key(entry)];
  for (const auto& entry : finished.logs) {
    auto& left = remaining[process_key(entry)];
    if (left-- <= tail_lines) details.log_tail.push_back(entry);
  }
  return details;
}

std::string render_failure_details(const plan::TestCase& tc, const FailureDetails& details,
                                   const std::string& indent, bool color) {
  std::string out;
  const std::string uri = tc.pickle ? tc.pickle->uri : std::string();
  for (const auto& result : details.failed_steps) {
    if (result.step_index >= tc.steps.size()) continue;
    const plan::PlannedStep& step = tc.steps[result.step_index];
    out += fmt::format("{}step:    {}{}  # {}:{}\n", indent, step.keyword, terminal_safe(step.text), uri,
                       step.location.line);
    std::string where;
    for (const auto& role : result.roles) {
      const std::string* platform = tc.platform_of(role);
      if (!where.empty()) where += ", ";
      where += fmt::format("{} on {}", role, platform ? *platform : "?");
    }
    if (!where.empty())
      out += fmt::format("{}process: {} ({})\n", indent, where, step_type_name(step.type));
    std::string error = result.error_type.empty() || result.error.rfind(result.error_type, 0) == 0
                            ? result.error
                            : result.error_type + ": " + result.error;
    out += fmt::format("{}error:   {}\n", indent,
                       paint(color, ansi::kRed, indent_lines(terminal_safe(error), indent + "         ")));
  }
  if (details.failed_steps.empty() && !details.error.empty())
    out += fmt::format("{}error:   {}\n", indent,
                       paint(color, ansi::kRed, indent_lines(terminal_safe(details.error), indent + "         ")));

  std::map<std::string, std::vector<const exec::LogEntry*>> by_process;
  for (const auto& entry : details.log_tail) by_process[process_key(entry)].push_back(&entry);
  for (const auto& [process, entries] : by_process) {
    out += fmt::format("{}last log lines of {}:\n", indent, process);
    for (const auto* entry : entries)
      out += fmt::format("{}  {}\n", indent, indent_lines(terminal_safe(format_log_entry(*entry)), indent + "    "));
  }
  return out;
}

}  // namespace troupe::report
