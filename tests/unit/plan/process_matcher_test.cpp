#include "plan/process_matcher.hpp"

#include <gtest/gtest.h>

#include <string>

#include "plan/named_group_regex.hpp"
#include "plan/plan_error.hpp"

namespace {

using troupe::plan::NamedGroupRegex;
using troupe::plan::PlanError;
using troupe::plan::ProcessMatcher;

TEST(ProcessMatcher, DefaultPatternsInOrder) {
  const ProcessMatcher matcher({});
  auto context = matcher.match("the 'reader' process creates buffer 'b1'");
  ASSERT_TRUE(context);
  EXPECT_EQ(context->name, "reader");
  EXPECT_EQ(context->rest, "creates buffer 'b1'");

  context = matcher.match("'writer' process writes 3 frames");
  ASSERT_TRUE(context);
  EXPECT_EQ(context->name, "writer");
  EXPECT_EQ(context->rest, "writes 3 frames");

  context = matcher.match("the 'Reader_2' reads frame 'f'");
  ASSERT_TRUE(context);
  EXPECT_EQ(context->name, "Reader_2");  // case kept
  EXPECT_EQ(context->rest, "reads frame 'f'");

  context = matcher.match("'my-proc' opens the pipe");
  ASSERT_TRUE(context);
  EXPECT_EQ(context->name, "my-proc");
  EXPECT_EQ(context->rest, "opens the pipe");
}

TEST(ProcessMatcher, ProcessWordIsContextOnlyWhenFollowedByText) {
  const ProcessMatcher matcher({});
  auto context = matcher.match("the 'w' processes data");
  ASSERT_TRUE(context);
  EXPECT_EQ(context->rest, "processes data");
  context = matcher.match("the 'w' process");
  ASSERT_TRUE(context);
  EXPECT_EQ(context->rest, "process");
  context = matcher.match("The 'w' process   waits");
  ASSERT_TRUE(context);
  EXPECT_EQ(context->rest, "waits");
}

TEST(ProcessMatcher, TextWithoutContext) {
  const ProcessMatcher matcher({});
  EXPECT_FALSE(matcher.match("a buffer of size 1024"));
  EXPECT_FALSE(matcher.match("the 'reader'"));             // nothing after the name
  EXPECT_FALSE(matcher.match("the 'rea der' process x"));  // a blank is no name character
  EXPECT_FALSE(matcher.match("the '' process x"));
  EXPECT_FALSE(matcher.match("then 'reader' process x"));
  EXPECT_FALSE(matcher.match("the 'reader process x"));
  EXPECT_FALSE(matcher.match("x the 'reader' process y"));  // only at the start
  EXPECT_FALSE(matcher.match(""));
}

TEST(ProcessMatcher, CustomPatternsWithNamedGroups) {
  const ProcessMatcher matcher(
      {R"(^on (?<name>\w+): (?<rest>.+)$)", R"(^(?P<rest>.+) by (?P<name>\w+)$)"});
  auto context = matcher.match("on reader: opens 'b1'");
  ASSERT_TRUE(context);
  EXPECT_EQ(context->name, "reader");
  EXPECT_EQ(context->rest, "opens 'b1'");
  context = matcher.match("frames are written by writer");
  ASSERT_TRUE(context);
  EXPECT_EQ(context->name, "writer");
  EXPECT_EQ(context->rest, "frames are written");
  // Custom patterns replace the defaults.
  EXPECT_FALSE(matcher.match("the 'reader' process opens"));
}

TEST(ProcessMatcher, BadPatternsAreReportedPrecisely) {
  try {
    ProcessMatcher matcher(
        {R"((?<name>\w+) (?<rest>.+))", R"((?<name>\w+) (.+))", "(?<name>x)(?<rest>["});
    FAIL() << "expected PlanError";
  } catch (const PlanError& error) {
    ASSERT_EQ(error.messages.size(), 2u);
    EXPECT_EQ(error.messages[0],
              R"x($.processPatterns[1]: "(?<name>\w+) (.+)": needs a named group "rest" (write (?<rest>...)))x");
    EXPECT_NE(error.messages[1].find("$.processPatterns[2]: "), std::string::npos);
    EXPECT_NE(error.messages[1].find("not a valid ECMAScript regex"), std::string::npos);
  }
}

TEST(NamedGroupRegex, NumbersGroupsAroundNonCapturingOnes) {
  const NamedGroupRegex regex(R"((?:a|b)(c)[(](?<name>\w+)\((?=x)(?P<rest>.*))");
  EXPECT_EQ(regex.group("name"), 2u);
  EXPECT_EQ(regex.group("rest"), 3u);
  EXPECT_FALSE(regex.group("other"));
  EXPECT_EQ(regex.translated(), R"((?:a|b)(c)[(](\w+)\((?=x)(.*))");
}

TEST(NamedGroupRegex, RejectsWhatStdRegexCannotDo) {
  EXPECT_THROW(NamedGroupRegex(R"((?<name>a)\k<name>)"), std::invalid_argument);
  EXPECT_THROW(NamedGroupRegex(R"((?P<name>a)(?P=name))"), std::invalid_argument);
  EXPECT_THROW(NamedGroupRegex(R"((?<name>a)(?<name>b))"), std::invalid_argument);
  EXPECT_THROW(NamedGroupRegex(R"((?<na-me>a))"), std::invalid_argument);
  EXPECT_THROW(NamedGroupRegex(R"((?<name)"), std::invalid_argument);
  EXPECT_THROW(NamedGroupRegex(R"((?<name>a))"), std::invalid_argument) << "rest group required";
}

}  // namespace

namespace {

TEST(ProcessMatcher, LongTextsNeitherCrashNorMatchCustomPatterns) {
  const std::string long_rest(200000, 'x');
  const ProcessMatcher defaults({});
  const auto context = defaults.match("the 'w' process " + long_rest);
  ASSERT_TRUE(context);
  EXPECT_EQ(context->rest.size(), long_rest.size());
  const ProcessMatcher custom({R"(^on (?<name>\w+): (?<rest>.+)$)"});
  EXPECT_FALSE(custom.match("on w: " + long_rest));
  EXPECT_TRUE(custom.match("on w: short"));
}

}  // namespace
