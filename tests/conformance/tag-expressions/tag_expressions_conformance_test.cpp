// Runs every case of the official tag-expressions test data against plan::TagExpression.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "plan/tag_expression.hpp"

namespace {

using troupe::plan::TagExpression;
using troupe::plan::TagExpressionError;

YAML::Node load(const char* name) {
  return YAML::LoadFile(std::string(TROUPE_SOURCE_DIR) + "/tests/conformance/tag-expressions/" +
                        name);
}

TEST(TagExpressionsConformance, Parsing) {
  const YAML::Node cases = load("parsing.yml");
  ASSERT_GT(cases.size(), 0u);
  for (const auto& entry : cases) {
    const auto expression = entry["expression"].as<std::string>();
    SCOPED_TRACE(expression);
    EXPECT_EQ(TagExpression::parse(expression).to_string(), entry["formatted"].as<std::string>());
    // The canonical form parses back to itself.
    const auto formatted = entry["formatted"].as<std::string>();
    EXPECT_EQ(TagExpression::parse(formatted).to_string(), formatted);
  }
}

TEST(TagExpressionsConformance, Evaluations) {
  const YAML::Node cases = load("evaluations.yml");
  ASSERT_GT(cases.size(), 0u);
  int checked = 0;
  for (const auto& entry : cases) {
    const auto expression = entry["expression"].as<std::string>();
    const TagExpression parsed = TagExpression::parse(expression);
    for (const auto& test : entry["tests"]) {
      const auto variables = test["variables"].as<std::vector<std::string>>();
      SCOPED_TRACE(expression + " with " + std::to_string(variables.size()) + " variables");
      EXPECT_EQ(parsed.evaluate(variables), test["result"].as<bool>());
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
}

TEST(TagExpressionsConformance, Errors) {
  const YAML::Node cases = load("errors.yml");
  ASSERT_GT(cases.size(), 0u);
  for (const auto& entry : cases) {
    const auto expression = entry["expression"].as<std::string>();
    SCOPED_TRACE(expression);
    try {
      TagExpression::parse(expression);
      ADD_FAILURE() << "parsed without error";
    } catch (const TagExpressionError& error) {
      EXPECT_EQ(std::string(error.what()), entry["error"].as<std::string>());
    }
  }
}

}  // namespace
