#include "report/gherkin_index.hpp"

namespace troupe::report {
namespace {

std::string string_at(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

int line_of(const nlohmann::json& node) {
  if (!node.is_object()) return 0;
  auto location = node.find("location");
  if (location == node.end() || !location->is_object()) return 0;
  auto line = location->find("line");
  return line != location->end() && line->is_number_integer() ? line->get<int>() : 0;
}

// Scenarios sit in feature.children[].scenario and feature.children[].rule.children[].scenario.
void collect_scenarios(const nlohmann::json& children, std::map<int, std::string>& out) {
  if (!children.is_array()) return;
  for (const auto& child : children) {
    if (!child.is_object()) continue;
    if (auto scenario = child.find("scenario"); scenario != child.end())
      out[line_of(*scenario)] = string_at(*scenario, "keyword");
    if (auto rule = child.find("rule"); rule != child.end() && rule->is_object())
      if (auto nested = rule->find("children"); nested != rule->end())
        collect_scenarios(*nested, out);
  }
}

}  // namespace

void GherkinIndex::add(const std::string& uri, const nlohmann::json& gherkin_document) {
  FeatureKeywords keywords;
  if (gherkin_document.is_object()) {
    if (auto feature = gherkin_document.find("feature");
        feature != gherkin_document.end() && feature->is_object()) {
      keywords.feature = string_at(*feature, "keyword");
      if (auto children = feature->find("children"); children != feature->end())
        collect_scenarios(*children, keywords.scenario_by_line);
    }
  }
  features_[uri] = std::move(keywords);
}

std::string GherkinIndex::feature_keyword(const std::string& uri) const {
  auto it = features_.find(uri);
  return it != features_.end() && !it->second.feature.empty() ? it->second.feature : "Feature";
}

std::string GherkinIndex::scenario_keyword(const std::string& uri, int scenario_line) const {
  auto it = features_.find(uri);
  if (it == features_.end()) return "Scenario";
  auto line = it->second.scenario_by_line.find(scenario_line);
  return line != it->second.scenario_by_line.end() && !line->second.empty() ? line->second
                                                                            : "Scenario";
}

}  // namespace troupe::report
