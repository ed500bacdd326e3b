#include "plan/test_case_naming.hpp"

#include <fmt/format.h>

namespace troupe::plan {

std::string platforms_label(const std::vector<RolePlatform>& combination) {
  std::string label;
  for (const RolePlatform& role_platform : combination) {
    if (!label.empty()) label += '/';
    label += role_platform.platform;
  }
  return label;
}

std::string example_row_suffix(const gherkin::Pickle& pickle) {
  if (pickle.example_values.empty()) return {};
  std::string suffix = " (";
  for (std::size_t i = 0; i < pickle.example_values.size(); ++i) {
    if (i > 0) suffix += ", ";
    suffix += pickle.example_values[i].first + "=" + pickle.example_values[i].second;
  }
  return suffix + ")";
}

TestCaseNamer::TestCaseNamer(const std::vector<std::shared_ptr<const gherkin::Pickle>>& pickles) {
  for (const auto& pickle : pickles) {
    if (pickle) ++label_counts_[pickle->name + example_row_suffix(*pickle)];
  }
}

std::string TestCaseNamer::pickle_label(const gherkin::Pickle& pickle) const {
  std::string label = pickle.name + example_row_suffix(pickle);
  const auto found = label_counts_.find(label);
  if (found != label_counts_.end() && found->second > 1) {
    label += fmt::format(" ({}:{})", pickle.uri, pickle.location.line);
  }
  return label;
}

std::string TestCaseNamer::make_unique(std::set<std::string>& used, const std::string& candidate,
                                       const char* separator) {
  if (used.insert(candidate).second) return candidate;
  for (int n = 2;; ++n) {
    std::string numbered = fmt::format("{}{}{}", candidate, separator, n);
    if (used.insert(numbered).second) return numbered;
  }
}

std::string TestCaseNamer::unique_name(const std::string& name) {
  return make_unique(used_names_, name, " #");
}

std::string TestCaseNamer::unique_id(const std::string& id) {
  return make_unique(used_ids_, id, "#");
}

}  // namespace troupe::plan
