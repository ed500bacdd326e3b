#include "plan/build_plan.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "pickle_builder.hpp"

namespace {

using troupe::plan::build_plan;
using troupe::plan::FileLine;
using troupe::plan::PlanError;
using troupe::plan::PlanOptions;
using troupe::plan::RolePlatform;
using troupe::plan::StepAction;
using troupe::plan::TestCase;
using troupe::plan::TestPlan;
using troupe::plan::testing::PickleBuilder;
using troupe::plan::testing::three_platform_config;
using Pickles = std::vector<std::shared_ptr<const troupe::gherkin::Pickle>>;

PickleBuilder two_roles(const std::string& name, const std::string& uri = "features/a.feature",
                        int line = 3) {
  return std::move(PickleBuilder(name, uri, line)
                       .given("the 'writer' process creates buffer 'b'")
                       .then("the 'reader' process sees buffer 'b'"));
}

std::vector<std::string> names(const TestPlan& plan) {
  std::vector<std::string> out;
  for (const auto& test_case : plan.test_cases) out.push_back(test_case.name);
  return out;
}

// The PlanError messages of a build that must fail.
std::vector<std::string> plan_errors(const troupe::config::Config& config, const Pickles& pickles,
                                     const PlanOptions& options) {
  try {
    build_plan(config, pickles, options);
  } catch (const PlanError& error) {
    return error.messages;
  }
  ADD_FAILURE() << "build_plan succeeded";
  return {};
}

TEST(BuildPlan, ThreeImplementationsTwoRolesMakeNineTestCases) {
  const auto plan = build_plan(three_platform_config(), {two_roles("Share a buffer").shared()}, {});
  ASSERT_EQ(plan.test_cases.size(), 9u);
  const TestCase& first = plan.test_cases[0];
  EXPECT_EQ(first.name, "cpp/cpp | Share a buffer");
  EXPECT_EQ(first.id, "features/a.feature:3:cpp/cpp");
  EXPECT_EQ(first.roles, (std::vector<std::string>{"reader", "writer"}));
  ASSERT_EQ(first.combination.size(), 2u);
  EXPECT_EQ(first.combination[0].role, "reader");
  EXPECT_EQ(*first.platform_of("writer"), "cpp");
  EXPECT_EQ(plan.test_cases[1].name, "cpp/python | Share a buffer");
  EXPECT_EQ(*plan.test_cases[1].platform_of("writer"), "python");
  EXPECT_EQ(plan.test_cases[8].name, "rust/rust | Share a buffer");
  EXPECT_EQ(first.step_timeout_ms, 30000);
  EXPECT_EQ(first.scenario_timeout_ms, 600000);
  EXPECT_FALSE(first.serial);
  EXPECT_FALSE(first.skip_reason);
  ASSERT_EQ(first.steps.size(), 2u);
  EXPECT_EQ(first.steps[0].role, "writer");
  EXPECT_EQ(first.steps[0].stripped, "creates buffer 'b'");
}

TEST(BuildPlan, NamesAndIdsAreUnique) {
  const auto plan = build_plan(three_platform_config(),
                               {two_roles("Same", "features/a.feature", 3).shared(),
                                two_roles("Same", "features/b.feature", 3).shared()},
                               {});
  ASSERT_EQ(plan.test_cases.size(), 18u);
  EXPECT_EQ(plan.test_cases[0].name, "cpp/cpp | Same (features/a.feature:3)");
  EXPECT_EQ(plan.test_cases[9].name, "cpp/cpp | Same (features/b.feature:3)");
  std::vector<std::string> ids, all_names = names(plan);
  for (const auto& test_case : plan.test_cases) ids.push_back(test_case.id);
  std::sort(ids.begin(), ids.end());
  std::sort(all_names.begin(), all_names.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
  EXPECT_EQ(std::adjacent_find(all_names.begin(), all_names.end()), all_names.end());
}

TEST(BuildPlan, OutlineRowsGetTheirValues) {
  const auto plan = build_plan(three_platform_config(),
                               {two_roles("Frames of size").row(12, {{"size", "1024"}}).shared(),
                                two_roles("Frames of size").row(13, {{"size", "2048"}}).shared()},
                               {});
  ASSERT_EQ(plan.test_cases.size(), 18u);
  EXPECT_EQ(plan.test_cases[1].name, "cpp/python | Frames of size (size=1024)");
  EXPECT_EQ(plan.test_cases[1].id, "features/a.feature:12:cpp/python");
  EXPECT_EQ(plan.test_cases[10].name, "cpp/python | Frames of size (size=2048)");
}

TEST(BuildPlan, IdenticalRowsAreTellApartByLine) {
  const auto plan = build_plan(three_platform_config(),
                               {PickleBuilder("Twice").row(12, {{"n", "1"}, {"m", "x"}}).shared(),
                                PickleBuilder("Twice").row(13, {{"n", "1"}, {"m", "x"}}).shared()},
                               {});
  EXPECT_EQ(names(plan), (std::vector<std::string>{"Twice (n=1, m=x) (features/a.feature:12)",
                                                   "Twice (n=1, m=x) (features/a.feature:13)"}));
}

TEST(BuildPlan, ScenarioWithoutRolesIsOneTestCase) {
  const auto plan =
      build_plan(three_platform_config(),
                 {PickleBuilder("Just waiting").given("wait for 5 ms").then("done").shared()}, {});
  ASSERT_EQ(plan.test_cases.size(), 1u);
  const TestCase& test_case = plan.test_cases[0];
  EXPECT_EQ(test_case.name, "Just waiting");
  EXPECT_EQ(test_case.id, "features/a.feature:3");
  EXPECT_TRUE(test_case.roles.empty());
  EXPECT_TRUE(test_case.combination.empty());
  EXPECT_EQ(test_case.steps[0].action, StepAction::Wait);
  EXPECT_EQ(test_case.steps[1].action, StepAction::NoProcess);
}

TEST(BuildPlan, ConfigRolesLimitPlatforms) {
  auto config = three_platform_config();
  config.roles["reader"] = {"python", "rust"};
  const auto plan = build_plan(config, {two_roles("s").shared()}, {});
  ASSERT_EQ(plan.test_cases.size(), 6u);
  EXPECT_EQ(plan.test_cases[0].name, "python/cpp | s");
}

TEST(BuildPlan, PlatformsOptionLimitsAllRoles) {
  PlanOptions options;
  options.platforms = {"rust", "cpp"};
  const auto plan = build_plan(three_platform_config(), {two_roles("s").shared()}, options);
  // Config order, not option order.
  EXPECT_EQ(names(plan), (std::vector<std::string>{"cpp/cpp | s", "cpp/rust | s", "rust/cpp | s",
                                                   "rust/rust | s"}));
}

TEST(BuildPlan, CombinationPicksOne) {
  PlanOptions options;
  options.combination = {RolePlatform{"reader", "cpp"}, RolePlatform{"writer", "python"}};
  const auto plan = build_plan(three_platform_config(), {two_roles("s").shared()}, options);
  EXPECT_EQ(names(plan), std::vector<std::string>{"cpp/python | s"});
}

TEST(BuildPlan, PartialCombinationFixesOnlyItsRoles) {
  PlanOptions options;
  options.combination = {RolePlatform{"writer", "rust"}};
  const auto plan = build_plan(three_platform_config(), {two_roles("s").shared()}, options);
  EXPECT_EQ(names(plan),
            (std::vector<std::string>{"cpp/rust | s", "python/rust | s", "rust/rust | s"}));
}

TEST(BuildPlan, BadCombinationsAreErrors) {
  auto config = three_platform_config();
  config.roles["reader"] = {"python"};
  PlanOptions options;
  options.combination = {RolePlatform{"ghost", "cpp"}, RolePlatform{"writer", "java"},
                         RolePlatform{"reader", "cpp"}};
  const auto errors = plan_errors(config, {two_roles("s").shared()}, options);
  EXPECT_EQ(errors,
            (std::vector<std::string>{
                "--combination writer=java: unknown platform 'java' (known: cpp, python, rust)",
                "--combination reader=cpp: the config limits role 'reader' to python"}));
  options.combination = {RolePlatform{"ghost", "cpp"}};
  EXPECT_EQ(plan_errors(config, {two_roles("s").shared()}, options),
            std::vector<std::string>{
                "--combination ghost=cpp: unknown role 'ghost' (known: reader, writer)"});
}

TEST(BuildPlan, UnknownPlatformsOptionIsAnError) {
  PlanOptions options;
  options.platforms = {"cpp", "go"};
  EXPECT_EQ(
      plan_errors(three_platform_config(), {two_roles("s").shared()}, options),
      std::vector<std::string>{"--platforms: unknown platform 'go' (known: cpp, python, rust)"});
}

TEST(BuildPlan, NoPlatformLeftSkipsWithAReason) {
  auto config = three_platform_config();
  config.roles["reader"] = {"python"};
  PlanOptions options;
  options.platforms = {"cpp"};
  const auto plan = build_plan(config, {two_roles("s").shared()}, options);
  ASSERT_EQ(plan.test_cases.size(), 1u);
  EXPECT_EQ(plan.test_cases[0].name, "s");
  ASSERT_TRUE(plan.test_cases[0].skip_reason);
  EXPECT_EQ(*plan.test_cases[0].skip_reason,
            "--platforms leaves role 'reader' no platform (it may use python)");
}

TEST(BuildPlan, TimeoutsFromConfigTagsAndOption) {
  auto config = three_platform_config();
  config.step_timeout_ms = 1000;
  config.scenario_timeout_ms = 9000;
  const Pickles pickles{PickleBuilder("plain").shared(),
                        PickleBuilder("tagged", "features/a.feature", 10)
                            .tag("@timeout:9000")
                            .tag("@timeout:250")
                            .tag("@scenario-timeout:4000")
                            .shared()};
  auto plan = build_plan(config, pickles, {});
  EXPECT_EQ(plan.test_cases[0].step_timeout_ms, 1000);
  EXPECT_EQ(plan.test_cases[0].scenario_timeout_ms, 9000);
  EXPECT_EQ(plan.test_cases[1].step_timeout_ms, 250);
  EXPECT_EQ(plan.test_cases[1].scenario_timeout_ms, 4000);
  PlanOptions options;
  options.step_timeout_ms = 77;
  plan = build_plan(config, pickles, options);
  EXPECT_EQ(plan.test_cases[0].step_timeout_ms, 77);
  EXPECT_EQ(plan.test_cases[1].step_timeout_ms, 77);
}

TEST(BuildPlan, MalformedTagsAreErrorsWithLocation) {
  const Pickles pickles{PickleBuilder("a", "f.feature", 5).tag("@timeout:soon").shared(),
                        PickleBuilder("b", "f.feature", 9).tag("@timeout:soon").shared()};
  const auto errors = plan_errors(three_platform_config(), pickles, {});
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].rfind("f.feature:5:3: tag @timeout:soon: ", 0), 0u) << errors[0];
  EXPECT_EQ(errors[1].rfind("f.feature:9:3: tag @timeout:soon: ", 0), 0u) << errors[1];
}

TEST(BuildPlan, MalformedTagsOnFilteredOutScenariosDoNotMatter) {
  PlanOptions options;
  options.tag_expression = "not @broken";
  const auto plan = build_plan(
      three_platform_config(),
      {PickleBuilder("a").tag("@broken").tag("@timeout:x").shared(), PickleBuilder("b").shared()},
      options);
  EXPECT_EQ(names(plan), std::vector<std::string>{"b"});
}

TEST(BuildPlan, SerialTag) {
  const auto plan =
      build_plan(three_platform_config(), {PickleBuilder("a").tag("@serial").shared()}, {});
  EXPECT_TRUE(plan.test_cases[0].serial);
  EXPECT_EQ(plan.test_cases[0].tags, std::vector<std::string>{"@serial"});
}

TEST(BuildPlan, HostPlatformTagSkipsOtherHosts) {
  PlanOptions options;
  options.host_os = "linux";
  const Pickles pickles{
      two_roles("unix").tag("@platform:linux,macos").shared(),
      two_roles("windows only", "features/a.feature", 20).tag("@platform:windows").shared()};
  const auto plan = build_plan(three_platform_config(), pickles, options);
  ASSERT_EQ(plan.test_cases.size(), 18u);
  EXPECT_FALSE(plan.test_cases[0].skip_reason);
  ASSERT_TRUE(plan.test_cases[9].skip_reason);
  EXPECT_EQ(*plan.test_cases[9].skip_reason, "@platform:windows: not this host (linux)");
  options.host_os = "windows";
  const auto on_windows = build_plan(three_platform_config(), pickles, options);
  EXPECT_TRUE(on_windows.test_cases[0].skip_reason);
  EXPECT_FALSE(on_windows.test_cases[9].skip_reason);
}

TEST(BuildPlan, UnknownHostOsOptionIsAnError) {
  PlanOptions options;
  options.host_os = "plan9";
  EXPECT_EQ(plan_errors(three_platform_config(), {}, options),
            std::vector<std::string>{
                "host OS 'plan9' is unknown (known: linux, macos, windows, freebsd)"});
}

TEST(BuildPlan, ConfiguredPlatformTagKeepsCombinationsMadeOfThem) {
  const auto plan =
      build_plan(three_platform_config(), {two_roles("s").tag("@platform:cpp,rust").shared()}, {});
  EXPECT_EQ(names(plan), (std::vector<std::string>{"cpp/cpp | s", "cpp/rust | s", "rust/cpp | s",
                                                   "rust/rust | s"}));
}

TEST(BuildPlan, PlatformTagThatExcludesARoleSkips) {
  auto config = three_platform_config();
  config.roles["reader"] = {"python"};
  const auto plan = build_plan(config, {two_roles("s").tag("@platform:cpp").shared()}, {});
  ASSERT_EQ(plan.test_cases.size(), 1u);
  EXPECT_EQ(*plan.test_cases[0].skip_reason,
            "@platform:cpp leaves role 'reader' no platform (it may use python)");
}

TEST(BuildPlan, FiltersApply) {
  const Pickles pickles{two_roles("Fast one", "features/a.feature", 3).tag("@fast").shared(),
                        two_roles("Slow one", "features/a.feature", 10).shared(),
                        two_roles("Fast two", "features/b.feature", 3).tag("@fast").shared()};
  PlanOptions options;
  options.tag_expression = "@fast";
  options.platforms = {"cpp"};
  EXPECT_EQ(names(build_plan(three_platform_config(), pickles, options)),
            (std::vector<std::string>{"cpp/cpp | Fast one", "cpp/cpp | Fast two"}));
  options.name_regex = "two";
  EXPECT_EQ(names(build_plan(three_platform_config(), pickles, options)),
            std::vector<std::string>{"cpp/cpp | Fast two"});
  options = {};
  options.platforms = {"cpp"};
  options.locations = {FileLine{"features/a.feature", 11}};  // the first step of "Slow one"
  EXPECT_EQ(names(build_plan(three_platform_config(), pickles, options)),
            std::vector<std::string>{"cpp/cpp | Slow one"});
}

TEST(BuildPlan, LocationMatchingNothingIsAnError) {
  PlanOptions options;
  options.locations = {FileLine{"features/a.feature", 99}};
  EXPECT_EQ(plan_errors(three_platform_config(), {two_roles("s").shared()}, options),
            std::vector<std::string>{
                "features/a.feature:99: no scenario, example row or step at this location"});
}

TEST(BuildPlan, BadOptionsAreAllReported) {
  auto config = three_platform_config();
  config.process_patterns = {"(?<name>x)"};
  PlanOptions options;
  options.tag_expression = "a b";
  options.name_regex = "[";
  options.step_timeout_ms = 0;
  const auto errors = plan_errors(config, {}, options);
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_EQ(errors[0],
            "/suite/troupe.json: $.processPatterns[0]: \"(?<name>x)\": needs a named group \"rest\" (write (?<rest>...))");
  EXPECT_EQ(errors[1], "--step-timeout 0: expected a positive number of milliseconds");
  EXPECT_EQ(errors[2].rfind("--tags: Tag expression \"a b\"", 0), 0u);
  EXPECT_EQ(errors[3].rfind("--name \"[\": ", 0), 0u);
}

TEST(BuildPlan, CustomProcessPatternsFromConfig) {
  auto config = three_platform_config();
  config.process_patterns = {R"(^on (?<name>\w+): (?<rest>.+)$)"};
  PlanOptions options;
  options.platforms = {"cpp"};
  const auto plan = build_plan(
      config, {PickleBuilder("s").given("on server: listens").when("on client: connects").shared()},
      options);
  ASSERT_EQ(plan.test_cases.size(), 1u);
  EXPECT_EQ(plan.test_cases[0].roles, (std::vector<std::string>{"client", "server"}));
  EXPECT_EQ(plan.test_cases[0].steps[0].stripped, "listens");
}

TEST(BuildPlan, TooManyCombinationsIsAnErrorNotAnExplosion) {
  PickleBuilder many("many");
  for (int i = 0; i < 12; ++i) many.given("the 'r" + std::to_string(i) + "' process runs");
  const auto errors = plan_errors(three_platform_config(), {many.shared()}, {});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("features/a.feature:3:3: scenario 'many' has more than 10000 platform "
                            "combinations (12 roles)",
                            0),
            0u)
      << errors[0];
}

TEST(BuildPlan, SeveralPlatformTagsNarrowEachOther) {
  const auto plan = build_plan(
      three_platform_config(),
      {two_roles("s").tag("@platform:cpp,python").tag("@platform:python,rust").shared()}, {});
  EXPECT_EQ(names(plan), std::vector<std::string>{"python/python | s"});
}

TEST(BuildPlan, MixedPlatformTagAppliesBothKinds) {
  PlanOptions options;
  options.host_os = "linux";
  const Pickles pickles{two_roles("s").tag("@platform:linux,cpp").shared()};
  auto plan = build_plan(three_platform_config(), pickles, options);
  ASSERT_EQ(names(plan), std::vector<std::string>{"cpp/cpp | s"});
  EXPECT_FALSE(plan.test_cases[0].skip_reason);
  options.host_os = "macos";
  plan = build_plan(three_platform_config(), pickles, options);
  ASSERT_EQ(plan.test_cases.size(), 1u);
  EXPECT_EQ(*plan.test_cases[0].skip_reason, "@platform:linux,cpp: not this host (macos)");
}

TEST(BuildPlan, ABadTagSharedByOutlineRowsIsReportedOnce) {
  const Pickles pickles{
      PickleBuilder("o", "f.feature", 5).tag("@timeout:x").row(9, {{"n", "1"}}).shared(),
      PickleBuilder("o", "f.feature", 5).tag("@timeout:x").row(10, {{"n", "2"}}).shared()};
  EXPECT_EQ(plan_errors(three_platform_config(), pickles, {}).size(), 1u);
}

TEST(BuildPlan, LocationOfAnExampleRowSelectsThatRowOnly) {
  const Pickles pickles{PickleBuilder("o", "f.feature", 5).row(9, {{"n", "1"}}).shared(),
                        PickleBuilder("o", "f.feature", 5).row(10, {{"n", "2"}}).shared()};
  PlanOptions options;
  options.locations = {FileLine{"f.feature", 10}};
  EXPECT_EQ(names(build_plan(three_platform_config(), pickles, options)),
            std::vector<std::string>{"o (n=2)"});
  options.locations = {FileLine{"f.feature", 5}};
  EXPECT_EQ(build_plan(three_platform_config(), pickles, options).test_cases.size(), 2u);
}

TEST(BuildPlan, StepsArePlannedPerTestCase) {
  const auto plan = build_plan(three_platform_config(),
                               {PickleBuilder("s")
                                    .given("the 'writer' process starts")
                                    .when("the 'writer' process writes")
                                    .then("all is well")
                                    .shared()},
                               {});
  ASSERT_EQ(plan.test_cases.size(), 3u);
  for (const auto& test_case : plan.test_cases) {
    ASSERT_EQ(test_case.steps.size(), 3u);
    EXPECT_EQ(test_case.steps[0].action, StepAction::Start);
    EXPECT_EQ(test_case.steps[1].action, StepAction::Send);
    EXPECT_EQ(test_case.steps[2].action, StepAction::Broadcast);
  }
  EXPECT_EQ(plan.test_cases[2].name, "rust | s");
}

TEST(BuildPlan, NullPicklesAreIgnored) {
  const auto plan = build_plan(three_platform_config(), {nullptr, PickleBuilder("a").shared()}, {});
  EXPECT_EQ(names(plan), std::vector<std::string>{"a"});
}

}  // namespace
