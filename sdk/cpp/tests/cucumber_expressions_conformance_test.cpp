// Runs the official Cucumber Expressions test data against the SDK's implementation.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "troupe/cucumber_expressions/cucumber_expression.hpp"
#include "troupe/cucumber_expressions/parser.hpp"
#include "troupe/cucumber_expressions/regular_expression.hpp"
#include "troupe/cucumber_expressions/tokenizer.hpp"

namespace ce = troupe::cucumber_expressions;
namespace fs = std::filesystem;

namespace {

const fs::path kTestData = CUCUMBER_EXPRESSIONS_TESTDATA;

std::vector<fs::path> yaml_files(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kTestData / folder)) {
    if (entry.path().extension() == ".yaml") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string test_name(const testing::TestParamInfo<fs::path>& info) {
  std::string name = info.param.stem().string();
  for (auto& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

// Runs `action`, which must throw a CucumberExpressionError with exactly the expected message.
template <class Action>
void expect_error(const YAML::Node& expected, Action action) {
  try {
    action();
    ADD_FAILURE() << "expected an error:\n" << expected.as<std::string>();
  } catch (const ce::CucumberExpressionError& error) {
    EXPECT_EQ(error.what(), expected.as<std::string>());
  }
}

void expect_same_ast(const ce::Node& actual, const YAML::Node& expected, const std::string& path) {
  SCOPED_TRACE(path);
  EXPECT_EQ(ce::node_type_name(actual.type), expected["type"].as<std::string>());
  EXPECT_EQ(actual.start, expected["start"].as<std::size_t>());
  EXPECT_EQ(actual.end, expected["end"].as<std::size_t>());
  if (expected["token"]) {
    EXPECT_TRUE(actual.is_leaf());
    EXPECT_EQ(actual.token, expected["token"].as<std::string>());
  } else {
    const auto& nodes = expected["nodes"];
    ASSERT_EQ(actual.nodes.size(), nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      expect_same_ast(actual.nodes[i], nodes[i], path + "/" + std::to_string(i));
    }
  }
}

void expect_same_arguments(const std::optional<std::vector<ce::Argument>>& actual,
                           const YAML::Node& expected) {
  if (!expected || expected.IsNull()) {
    EXPECT_FALSE(actual.has_value()) << "expected no match";
    return;
  }
  ASSERT_TRUE(actual.has_value()) << "expected a match";
  ASSERT_EQ(actual->size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    SCOPED_TRACE("argument " + std::to_string(i));
    const auto value = (*actual)[i].value();
    if (expected[i].IsNull()) {
      EXPECT_TRUE(value.is_null()) << value.dump();
    } else if (value.is_number_integer()) {
      EXPECT_EQ(value.get<long long>(), expected[i].as<long long>());
    } else if (value.is_number_float()) {
      EXPECT_DOUBLE_EQ(value.get<double>(), expected[i].as<double>());
    } else {
      ASSERT_TRUE(value.is_string()) << value.dump();
      EXPECT_EQ(value.get<std::string>(), expected[i].as<std::string>());
    }
  }
}

class Tokenizer : public testing::TestWithParam<fs::path> {};
class Parser : public testing::TestWithParam<fs::path> {};
class Transformation : public testing::TestWithParam<fs::path> {};
class Matching : public testing::TestWithParam<fs::path> {};
class RegularExpressionMatching : public testing::TestWithParam<fs::path> {};

TEST_P(Tokenizer, MatchesReference) {
  const auto data = YAML::LoadFile(GetParam().string());
  const auto expression = data["expression"].as<std::string>();
  if (data["exception"]) {
    expect_error(data["exception"], [&] { ce::tokenize(expression); });
    return;
  }
  const auto tokens = ce::tokenize(expression);
  const auto& expected = data["expected_tokens"];
  ASSERT_EQ(tokens.size(), expected.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    SCOPED_TRACE("token " + std::to_string(i));
    EXPECT_EQ(ce::token_type_name(tokens[i].type), expected[i]["type"].as<std::string>());
    EXPECT_EQ(tokens[i].start, expected[i]["start"].as<std::size_t>());
    EXPECT_EQ(tokens[i].end, expected[i]["end"].as<std::size_t>());
    EXPECT_EQ(tokens[i].text, expected[i]["text"].as<std::string>());
  }
}

TEST_P(Parser, MatchesReference) {
  const auto data = YAML::LoadFile(GetParam().string());
  const auto expression = data["expression"].as<std::string>();
  if (data["exception"]) {
    expect_error(data["exception"], [&] { ce::parse_expression(expression); });
    return;
  }
  expect_same_ast(ce::parse_expression(expression), data["expected_ast"], "ast");
}

TEST_P(Transformation, MatchesReference) {
  const auto data = YAML::LoadFile(GetParam().string());
  const ce::ParameterTypeRegistry registry;
  const ce::CucumberExpression expression(data["expression"].as<std::string>(), registry);
  EXPECT_EQ(expression.regex_source(), data["expected_regex"].as<std::string>());
}

TEST_P(Matching, MatchesReference) {
  const auto data = YAML::LoadFile(GetParam().string());
  const ce::ParameterTypeRegistry registry;
  const auto source = data["expression"].as<std::string>();
  const auto text = data["text"] ? data["text"].as<std::string>() : std::string();
  if (data["exception"]) {
    expect_error(data["exception"], [&] { ce::CucumberExpression(source, registry).match(text); });
    return;
  }
  const ce::CucumberExpression expression(source, registry);
  expect_same_arguments(expression.match(text), data["expected_args"]);
}

TEST_P(RegularExpressionMatching, MatchesReference) {
  const auto data = YAML::LoadFile(GetParam().string());
  const ce::RegularExpression expression(data["expression"].as<std::string>());
  expect_same_arguments(expression.match(data["text"].as<std::string>()), data["expected_args"]);
}

INSTANTIATE_TEST_SUITE_P(CucumberExpressions, Tokenizer,
                         testing::ValuesIn(yaml_files("cucumber-expression/tokenizer")), test_name);
INSTANTIATE_TEST_SUITE_P(CucumberExpressions, Parser,
                         testing::ValuesIn(yaml_files("cucumber-expression/parser")), test_name);
INSTANTIATE_TEST_SUITE_P(CucumberExpressions, Transformation,
                         testing::ValuesIn(yaml_files("cucumber-expression/transformation")),
                         test_name);
INSTANTIATE_TEST_SUITE_P(CucumberExpressions, Matching,
                         testing::ValuesIn(yaml_files("cucumber-expression/matching")), test_name);
INSTANTIATE_TEST_SUITE_P(CucumberExpressions, RegularExpressionMatching,
                         testing::ValuesIn(yaml_files("regular-expression/matching")), test_name);

// Guards against an empty or misplaced data folder silently running zero cases.
TEST(CucumberExpressionsTestData, IsPresent) {
  EXPECT_EQ(yaml_files("cucumber-expression/tokenizer").size(), 16u);
  EXPECT_EQ(yaml_files("cucumber-expression/parser").size(), 28u);
  EXPECT_EQ(yaml_files("cucumber-expression/transformation").size(), 8u);
  EXPECT_EQ(yaml_files("cucumber-expression/matching").size(), 65u);
  EXPECT_EQ(yaml_files("regular-expression/matching").size(), 3u);
}

}  // namespace
