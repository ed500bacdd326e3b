// Process patterns: named groups in either syntax become numbered ECMAScript groups.
#include "config/process_pattern.hpp"

#include <gtest/gtest.h>

#include "config/std_regex.hpp"

namespace troupe::config {
namespace {

TEST(ConfigProcessPattern, TranslatesAngleBracketNamedGroups) {
  const auto result = translate_process_pattern(R"(^the '(?<name>[^']+)' process (?<rest>.*)$)");
  ASSERT_TRUE(result.pattern) << result.error;
  EXPECT_EQ(result.pattern->ecmascript, R"(^the '([^']+)' process (.*)$)");
  EXPECT_EQ(result.pattern->name_group, 1u);
  EXPECT_EQ(result.pattern->rest_group, 2u);

  std::smatch match;
  const std::string step = "the 'reader' process creates buffer 'b1'";
  ASSERT_TRUE(std::regex_match(step, match, std::regex(result.pattern->ecmascript)));
  EXPECT_EQ(match[result.pattern->name_group].str(), "reader");
  EXPECT_EQ(match[result.pattern->rest_group].str(), "creates buffer 'b1'");
}

TEST(ConfigProcessPattern, TranslatesPythonStyleGroupsAndCountsPlainGroups) {
  const auto result =
      translate_process_pattern(R"((?:the )?(a|an) (?P<rest>.*) by (?P<name>\w+)(x)?)");
  ASSERT_TRUE(result.pattern) << result.error;
  EXPECT_EQ(result.pattern->ecmascript, R"((?:the )?(a|an) (.*) by (\w+)(x)?)");
  EXPECT_EQ(result.pattern->rest_group, 2u);
  EXPECT_EQ(result.pattern->name_group, 3u);
}

TEST(ConfigProcessPattern, ParenthesesInClassesAndEscapesAreNotGroups) {
  const auto result = translate_process_pattern(R"(\((?<name>[()]+)\) (?<rest>.*))");
  ASSERT_TRUE(result.pattern) << result.error;
  EXPECT_EQ(result.pattern->name_group, 1u);
  EXPECT_EQ(result.pattern->rest_group, 2u);
}

TEST(ConfigProcessPattern, LookaheadIsKept) {
  const auto result = translate_process_pattern(R"((?=the)the (?<name>\w+) (?!x)(?<rest>.*))");
  ASSERT_TRUE(result.pattern) << result.error;
  EXPECT_EQ(result.pattern->ecmascript, R"((?=the)the (\w+) (?!x)(.*))");
}

TEST(ConfigProcessPattern, RejectsWhatStdRegexCannotDo) {
  EXPECT_EQ(translate_process_pattern(R"((?<=x)(?<name>a)(?<rest>b))").error,
            "lookbehind at character 1 is not supported");
  EXPECT_EQ(translate_process_pattern(R"((?<name>a)(?<name>b)(?<rest>c))").error,
            "group \"name\" is named twice");
  EXPECT_EQ(translate_process_pattern(R"((?<>a))").error, "malformed group name at character 1");
  EXPECT_EQ(translate_process_pattern(R"((?<name>a))").error,
            "needs a named group \"rest\" (write (?<rest>...))");
  EXPECT_EQ(translate_process_pattern(std::string(1001, 'a')).error,
            "is 1001 characters long; at most 1000 are allowed");
  EXPECT_EQ(translate_process_pattern(std::string(30, '(') + std::string(30, ')')).error,
            "groups nested deeper than 20 levels");
  EXPECT_NE(translate_process_pattern(R"((?<name>a)(?<rest>*b))").error, "");
}

}  // namespace
}  // namespace troupe::config
