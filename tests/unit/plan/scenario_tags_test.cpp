#include "plan/scenario_tags.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "pickle_builder.hpp"

namespace {

using troupe::plan::read_scenario_tags;
using troupe::plan::testing::PickleBuilder;
using troupe::plan::testing::three_platform_config;

TEST(ScenarioTags, InnermostTimeoutWins) {
  std::vector<std::string> problems;
  const auto tags = read_scenario_tags(
      PickleBuilder("s").tag("@timeout:9000").tag("@slow").tag("@timeout:5000").build(),
      three_platform_config(), problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(tags.step_timeout_ms, 5000);
  EXPECT_FALSE(tags.scenario_timeout_ms);
  EXPECT_FALSE(tags.serial);
}

TEST(ScenarioTags, ScenarioTimeoutAndSerial) {
  std::vector<std::string> problems;
  const auto tags =
      read_scenario_tags(PickleBuilder("s").tag("@scenario-timeout:60000").tag("@serial").build(),
                         three_platform_config(), problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(tags.scenario_timeout_ms, 60000);
  EXPECT_FALSE(tags.step_timeout_ms);
  EXPECT_TRUE(tags.serial);
}

TEST(ScenarioTags, MalformedTimeoutsAreReportedAtTheScenario) {
  for (const char* tag : {"@timeout:", "@timeout:abc", "@timeout:-5", "@timeout:0", "@timeout:5s",
                          "@timeout:99999999999", "@scenario-timeout:1.5"}) {
    SCOPED_TRACE(tag);
    std::vector<std::string> problems;
    const auto tags = read_scenario_tags(PickleBuilder("s", "f.feature", 7).tag(tag).build(),
                                         three_platform_config(), problems);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].rfind(std::string("f.feature:7:3: tag ") + tag + ": ", 0), 0u)
        << problems[0];
    EXPECT_FALSE(tags.step_timeout_ms);
    EXPECT_FALSE(tags.scenario_timeout_ms);
  }
}

TEST(ScenarioTags, PlatformTagsSplitHostsFromConfiguredPlatforms) {
  std::vector<std::string> problems;
  const auto tags = read_scenario_tags(
      PickleBuilder("s").tag("@platform:linux,macos").tag("@platform:cpp,rust").build(),
      three_platform_config(), problems);
  EXPECT_TRUE(problems.empty());
  ASSERT_EQ(tags.platform_tags.size(), 2u);
  EXPECT_EQ(tags.platform_tags[0].host_os, (std::vector<std::string>{"linux", "macos"}));
  EXPECT_TRUE(tags.platform_tags[0].platforms.empty());
  EXPECT_EQ(tags.platform_tags[1].platforms, (std::vector<std::string>{"cpp", "rust"}));
  EXPECT_EQ(tags.platform_tags[1].tag, "@platform:cpp,rust");
}

TEST(ScenarioTags, UnknownPlatformNameIsAnError) {
  std::vector<std::string> problems;
  const auto tags =
      read_scenario_tags(PickleBuilder("s", "f.feature", 2).tag("@platform:linux,java").build(),
                         three_platform_config(), problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "f.feature:2:3: tag @platform:linux,java: unknown platform 'java': expected a host OS "
            "(linux, macos, windows, freebsd) or a configured platform (cpp, python, rust)");
  EXPECT_TRUE(tags.platform_tags.empty());

  problems.clear();
  read_scenario_tags(PickleBuilder("s").tag("@platform:").build(), three_platform_config(),
                     problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("empty platform name"), std::string::npos);
}

TEST(ScenarioTags, OrdinaryTagsMeanNothing) {
  std::vector<std::string> problems;
  const auto tags = read_scenario_tags(
      PickleBuilder("s").tag("@timeout").tag("@serialize").tag("@platforms").build(),
      three_platform_config(), problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_FALSE(tags.step_timeout_ms);
  EXPECT_FALSE(tags.serial);
  EXPECT_TRUE(tags.platform_tags.empty());
}

}  // namespace
