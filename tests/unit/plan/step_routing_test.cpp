#include "plan/step_routing.hpp"

#include <gtest/gtest.h>

#include <vector>

#include "pickle_builder.hpp"

namespace {

using troupe::plan::ProcessMatcher;
using troupe::plan::route_pickle;
using troupe::plan::RoutedPickle;
using troupe::plan::StepAction;
using troupe::plan::StepType;
using troupe::plan::testing::PickleBuilder;

RoutedPickle route(const PickleBuilder& builder, std::vector<std::string>* problems = nullptr) {
  static const ProcessMatcher matcher({});
  std::vector<std::string> local;
  auto routed = route_pickle(builder.build(), matcher, problems ? *problems : local);
  if (!problems) {
    EXPECT_TRUE(local.empty());
  }
  return routed;
}

TEST(StepRouting, RolesAreEveryNamedProcessSorted) {
  const auto routed = route(PickleBuilder("s")
                                .background_given("the 'writer' process creates buffer 'b'")
                                .when("the 'reader' process opens buffer 'b'")
                                .then("the 'writer' process stops")
                                .and_("the 'logger' process is killed"));
  EXPECT_EQ(routed.roles, (std::vector<std::string>{"logger", "reader", "writer"}));
}

TEST(StepRouting, ContextStepsAreSentStripped) {
  const auto routed = route(PickleBuilder("s").given("the 'reader' process creates buffer 'b1'"));
  ASSERT_EQ(routed.steps.size(), 1u);
  const auto& step = routed.steps[0];
  EXPECT_EQ(step.action, StepAction::Send);
  EXPECT_EQ(step.role, "reader");
  EXPECT_EQ(step.text, "the 'reader' process creates buffer 'b1'");
  EXPECT_EQ(step.stripped, "creates buffer 'b1'");
  EXPECT_EQ(step.keyword, "Given ");
  EXPECT_EQ(step.type, StepType::Given);
  EXPECT_EQ(step.pickle_step_id, "s0");
  EXPECT_EQ(step.location.line, 4);
}

TEST(StepRouting, ConjunctionsInheritThePreviousProcessAndType) {
  const auto routed = route(PickleBuilder("s")
                                .when("the 'writer' process writes frame 1")
                                .and_("writes frame 2")
                                .step("But ", "does not flush")
                                .star("closes"));
  ASSERT_EQ(routed.steps.size(), 4u);
  for (std::size_t i = 1; i < 4; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(routed.steps[i].action, StepAction::Send);
    EXPECT_EQ(routed.steps[i].role, "writer");
    EXPECT_EQ(routed.steps[i].type, StepType::When);
    EXPECT_EQ(routed.steps[i].stripped, routed.steps[i].text);
  }
}

TEST(StepRouting, GivenWhenThenWithoutContextBroadcast) {
  const auto routed = route(PickleBuilder("s")
                                .given("the 'reader' process opens")
                                .then("everything is clean")
                                .and_("nothing leaked"));
  EXPECT_EQ(routed.steps[1].action, StepAction::Broadcast);
  EXPECT_TRUE(routed.steps[1].role.empty());
  EXPECT_EQ(routed.steps[1].type, StepType::Then);
  // An And after a broadcast is a broadcast too.
  EXPECT_EQ(routed.steps[2].action, StepAction::Broadcast);
  EXPECT_EQ(routed.steps[2].type, StepType::Then);
}

TEST(StepRouting, BackgroundStepsWithoutContextBroadcast) {
  const auto routed = route(PickleBuilder("s")
                                .background_given("the 'reader' process starts")
                                .step("And ", "a clean slate", true)
                                .when("the 'reader' process opens"));
  EXPECT_EQ(routed.steps[0].action, StepAction::Start);
  EXPECT_EQ(routed.steps[1].action, StepAction::Broadcast);
}

TEST(StepRouting, LeadingStarIsAGivenBroadcast) {
  const auto routed = route(PickleBuilder("s").star("a clean slate").when("the 'w' process runs"));
  EXPECT_EQ(routed.steps[0].action, StepAction::Broadcast);
  EXPECT_EQ(routed.steps[0].type, StepType::Given);
}

TEST(StepRouting, StarWithContextKeepsThePreviousType) {
  const auto routed =
      route(PickleBuilder("s").then("the 'w' process has 1 frame").star("the 'r' process has 0"));
  EXPECT_EQ(routed.steps[1].type, StepType::Then);
  EXPECT_EQ(routed.steps[1].role, "r");
}

TEST(StepRouting, BuiltinsAreNotSent) {
  const auto routed = route(PickleBuilder("s")
                                .given("the 'writer' process starts")
                                .and_("creates buffer 'b'")
                                .when("wait for 0.5 seconds")
                                .and_("writes frame 1")
                                .then("the 'writer' process crashes"));
  EXPECT_EQ(routed.steps[0].action, StepAction::Start);
  EXPECT_EQ(routed.steps[0].role, "writer");
  EXPECT_EQ(routed.steps[0].stripped, "starts");
  EXPECT_EQ(routed.steps[1].action, StepAction::Send);  // inherits the started process
  EXPECT_EQ(routed.steps[1].role, "writer");
  EXPECT_EQ(routed.steps[2].action, StepAction::Wait);
  EXPECT_EQ(routed.steps[2].wait_ms, 500);
  EXPECT_EQ(routed.steps[2].stripped, "wait for 0.5 seconds");
  EXPECT_EQ(routed.steps[3].action, StepAction::Send);  // a wait does not change the target
  EXPECT_EQ(routed.steps[3].role, "writer");
  EXPECT_EQ(routed.steps[4].action, StepAction::Kill);
}

TEST(StepRouting, ScenarioWithoutProcesses) {
  const auto routed = route(PickleBuilder("s").given("wait for 10 ms").when("something happens"));
  EXPECT_TRUE(routed.roles.empty());
  EXPECT_EQ(routed.steps[0].action, StepAction::Wait);
  EXPECT_EQ(routed.steps[1].action, StepAction::NoProcess);
}

TEST(StepRouting, ArgumentsAreCopied) {
  const auto routed = route(PickleBuilder("s").given("the 'w' process writes").doc_string("hello"));
  ASSERT_TRUE(routed.steps[0].argument);
  ASSERT_TRUE(routed.steps[0].argument->doc_string);
  EXPECT_EQ(routed.steps[0].argument->doc_string->content, "hello");
}

TEST(StepRouting, WaitTooLongIsAProblemWithItsLocation) {
  std::vector<std::string> problems;
  route(PickleBuilder("s").given("wait for 9999999999 ms"), &problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("features/a.feature:4:5: step 'wait for 9999999999 ms': ", 0), 0u)
      << problems[0];
}

TEST(StepRouting, CustomPatternsRouteToo) {
  const ProcessMatcher matcher({R"(^on (?<name>\w+): (?<rest>.+)$)"});
  std::vector<std::string> problems;
  const auto routed = route_pickle(
      PickleBuilder("s").given("on reader: opens").and_("closes").build(), matcher, problems);
  EXPECT_EQ(routed.roles, std::vector<std::string>{"reader"});
  EXPECT_EQ(routed.steps[0].stripped, "opens");
  EXPECT_EQ(routed.steps[1].role, "reader");
}

}  // namespace

namespace {

TEST(StepRouting, OverlongStepWithCustomPatternsIsAProblem) {
  const ProcessMatcher matcher({R"(^on (?<name>\w+): (?<rest>.+)$)"});
  std::vector<std::string> problems;
  route_pickle(PickleBuilder("s").given("on w: " + std::string(10000, 'x')).build(), matcher,
               problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0],
            "features/a.feature:4:5: step text of 10006 bytes is too long for the config's "
            "processPatterns (at most 4096)");
}

}  // namespace
