#include "plan/pickle_filter.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "pickle_builder.hpp"

namespace {

using troupe::plan::FileLine;
using troupe::plan::PickleFilter;
using troupe::plan::PlanOptions;
using troupe::plan::testing::PickleBuilder;

TEST(PickleFilter, EmptyOptionsSelectEverything) {
  std::vector<std::string> problems;
  PickleFilter filter(PlanOptions{}, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_TRUE(filter.matches(PickleBuilder("any").build()));
}

TEST(PickleFilter, TagExpressionOverPickleTags) {
  std::vector<std::string> problems;
  PlanOptions options;
  options.tag_expression = "@fast and not @wip";
  PickleFilter filter(options, problems);
  EXPECT_TRUE(filter.matches(PickleBuilder("a").tag("@fast").build()));
  EXPECT_FALSE(filter.matches(PickleBuilder("b").tag("@fast").tag("@wip").build()));
  EXPECT_FALSE(filter.matches(PickleBuilder("c").build()));
}

TEST(PickleFilter, BadTagExpressionIsAProblem) {
  std::vector<std::string> problems;
  PlanOptions options;
  options.tag_expression = "@a and";
  PickleFilter filter(options, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "--tags: Tag expression \"@a and\" could not be parsed because of syntax error: "
            "Expected operand.");
  EXPECT_FALSE(filter.matches(PickleBuilder("a").build()));
}

TEST(PickleFilter, NameRegexSearchesThePickleName) {
  std::vector<std::string> problems;
  PlanOptions options;
  options.name_regex = "Frames? of";
  PickleFilter filter(options, problems);
  EXPECT_FALSE(filter.matches(PickleBuilder("Big frames of size 10").build()));
  EXPECT_TRUE(filter.matches(PickleBuilder("Big Frames of size 10").build()));
  EXPECT_FALSE(filter.matches(PickleBuilder("Buffers").build()));
}

TEST(PickleFilter, BadNameRegexIsAProblem) {
  std::vector<std::string> problems;
  PlanOptions options;
  options.name_regex = "(unclosed";
  PickleFilter filter(options, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("--name \"(unclosed\": invalid regular expression: ", 0), 0u);
  EXPECT_FALSE(filter.matches(PickleBuilder("(unclosed").build()));
}

TEST(PickleFilter, LocationsMatchScenarioRowOrStepLines) {
  // Scenario at line 3, steps at 4 and 5, outline row at 12.
  const auto row = PickleBuilder("s", "features/a.feature", 3)
                       .given("the 'w' process writes")
                       .then("the 'r' process reads")
                       .row(12, {{"size", "1"}})
                       .build();
  for (int line : {3, 4, 5, 12}) {
    SCOPED_TRACE(line);
    std::vector<std::string> problems;
    PlanOptions options;
    options.locations = {FileLine{"features/a.feature", line}};
    PickleFilter filter(options, problems);
    EXPECT_TRUE(filter.matches(row));
    EXPECT_TRUE(filter.unmatched_locations().empty());
  }
  std::vector<std::string> problems;
  PlanOptions options;
  options.locations = {FileLine{"features/a.feature", 6}, FileLine{"features/b.feature", 3}};
  PickleFilter filter(options, problems);
  EXPECT_FALSE(filter.matches(row));
  EXPECT_EQ(filter.unmatched_locations(),
            (std::vector<std::string>{"features/a.feature:6", "features/b.feature:3"}));
}

TEST(PickleFilter, LocationPathsAreComparedNormalised) {
  const auto absolute = (std::filesystem::current_path() / "features" / "a.feature").string();
  std::vector<std::string> problems;
  PlanOptions options;
  options.locations = {FileLine{"./features/../features/a.feature", 3}};
  PickleFilter filter(options, problems);
  EXPECT_TRUE(filter.matches(PickleBuilder("s", absolute, 3).build()));
  EXPECT_TRUE(filter.matches(PickleBuilder("s", "features/a.feature", 3).build()));
}

TEST(PickleFilter, LineZeroSelectsTheWholeFile) {
  std::vector<std::string> problems;
  PlanOptions options;
  options.locations = {FileLine{"features/a.feature", 0}};
  PickleFilter filter(options, problems);
  EXPECT_TRUE(filter.matches(PickleBuilder("s", "features/a.feature", 40).build()));
  EXPECT_FALSE(filter.matches(PickleBuilder("s", "features/b.feature", 40).build()));
}

TEST(PickleFilter, AllFiltersMustAgree) {
  std::vector<std::string> problems;
  PlanOptions options;
  options.tag_expression = "@fast";
  options.name_regex = "^Buf";
  options.locations = {FileLine{"features/a.feature", 3}};
  PickleFilter filter(options, problems);
  EXPECT_TRUE(filter.matches(PickleBuilder("Buffers").tag("@fast").build()));
  EXPECT_FALSE(filter.matches(PickleBuilder("Buffers").build()));
  EXPECT_FALSE(filter.matches(PickleBuilder("Frames").tag("@fast").build()));
  EXPECT_FALSE(
      filter.matches(PickleBuilder("Buffers", "features/a.feature", 9).tag("@fast").build()));
}

}  // namespace
