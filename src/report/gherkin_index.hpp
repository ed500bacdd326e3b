#pragma once
// The keywords as written in each feature file (e.g. "Funktionalität", "Scenario Outline"),
// read from the gherkinDocument of FeatureParsed, so that reports print features as written.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

namespace troupe::report {

class GherkinIndex {
 public:
  void add(const std::string& uri, const nlohmann::json& gherkin_document);

  // Falls back to "Feature" / "Scenario" for unknown files or lines.
  std::string feature_keyword(const std::string& uri) const;
  std::string scenario_keyword(const std::string& uri, int scenario_line) const;

 private:
  struct FeatureKeywords {
    std::string feature;
    std::map<int, std::string> scenario_by_line;
  };
  std::map<std::string, FeatureKeywords> features_;
};

}  // namespace troupe::report
