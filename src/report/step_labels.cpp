#include "report/step_labels.hpp"

#include <fmt/format.h>

namespace troupe::report {

std::string step_target(const plan::TestCase& test_case, const plan::PlannedStep& step,
                        const std::vector<std::string>& roles) {
  std::vector<std::string> targets = roles;
  if (targets.empty()) {
    if (step.action == plan::StepAction::Broadcast)
      targets = test_case.roles;
    else if (!step.role.empty())
      targets = {step.role};
  }
  if (targets.empty()) return "troupe";
  std::string out;
  for (const auto& role : targets) {
    const std::string* platform = test_case.platform_of(role);
    if (!out.empty()) out += ", ";
    out += fmt::format("{}@{}", role, platform ? *platform : "?");
  }
  return out;
}

std::string combination_text(const plan::TestCase& test_case) {
  std::string out;
  for (const auto& rp : test_case.combination) {
    if (!out.empty()) out += ", ";
    out += rp.role + "=" + rp.platform;
  }
  return out;
}

std::string step_argument_text(const plan::PlannedStep& step, const std::string& indent) {
  if (!step.argument) return {};
  std::string out;
  if (step.argument->data_table) {
    for (const auto& row : step.argument->data_table->rows) {
      std::string line = indent + "|";
      for (const auto& cell : row.cells) line += " " + cell + " |";
      out += line + "\n";
    }
  }
  if (step.argument->doc_string) {
    const auto& doc = *step.argument->doc_string;
    out += indent + "\"\"\"" + doc.media_type.value_or("") + "\n";
    std::size_t start = 0;
    while (start <= doc.content.size()) {
      std::size_t end = doc.content.find('\n', start);
      if (end == std::string::npos) end = doc.content.size();
      out += indent + doc.content.substr(start, end - start) + "\n";
      start = end + 1;
    }
    out += indent + "\"\"\"\n";
  }
  return out;
}

std::string example_values_text(const plan::TestCase& test_case) {
  if (!test_case.pickle || test_case.pickle->example_values.empty()) return {};
  std::string out;
  for (const auto& [header, value] : test_case.pickle->example_values) {
    if (!out.empty()) out += ", ";
    out += header + "=" + value;
  }
  return "(" + out + ")";
}

}  // namespace troupe::report
