#include "plan/builtin_step.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace {

using troupe::plan::match_builtin_step;
using troupe::plan::StepAction;

TEST(BuiltinStep, LifecycleForms) {
  struct Case {
    const char* text;
    StepAction action;
  };
  for (const Case& c : {Case{"the 'writer' process starts", StepAction::Start},
                        Case{"the 'writer' process is started", StepAction::Start},
                        Case{"'writer' process starts", StepAction::Start},
                        Case{"the 'writer' process stops", StepAction::Stop},
                        Case{"the 'writer' process is stopped", StepAction::Stop},
                        Case{"the 'writer' process shuts down", StepAction::Stop},
                        Case{"the 'writer' process is killed", StepAction::Kill},
                        Case{"The 'writer' process  crashes", StepAction::Kill}}) {
    SCOPED_TRACE(c.text);
    const auto builtin = match_builtin_step(c.text);
    ASSERT_TRUE(builtin);
    EXPECT_EQ(builtin->action, c.action);
    EXPECT_EQ(builtin->role, "writer");
  }
  EXPECT_EQ(match_builtin_step("the 'writer' process is started")->rest, "is started");
}

TEST(BuiltinStep, OtherProcessStepsAreNotBuiltin) {
  EXPECT_FALSE(match_builtin_step("the 'writer' starts"));  // only the `process` forms
  EXPECT_FALSE(match_builtin_step("the 'writer' process starts writing"));
  EXPECT_FALSE(match_builtin_step("the 'writer' process restarts"));
  EXPECT_FALSE(match_builtin_step("the 'wri ter' process starts"));
}

TEST(BuiltinStep, WaitForms) {
  struct Case {
    const char* text;
    int ms;
  };
  for (const Case& c : {Case{"wait for '2' seconds", 2000}, Case{"wait for 2 seconds", 2000},
                        Case{"wait for 1 second", 1000}, Case{"wait for 0.25 seconds", 250},
                        Case{"wait for '1.5' seconds", 1500}, Case{"wait for 500 ms", 500},
                        Case{"wait for '20' ms", 20}, Case{"Wait for 3 milliseconds", 3},
                        Case{"wait for 0 ms", 0}}) {
    SCOPED_TRACE(c.text);
    const auto builtin = match_builtin_step(c.text);
    ASSERT_TRUE(builtin);
    EXPECT_EQ(builtin->action, StepAction::Wait);
    EXPECT_EQ(builtin->wait_ms, c.ms);
    EXPECT_TRUE(builtin->role.empty());
  }
}

TEST(BuiltinStep, NotQuiteWaits) {
  EXPECT_FALSE(match_builtin_step("wait for 'two' seconds"));
  EXPECT_FALSE(match_builtin_step("wait for -1 seconds"));
  EXPECT_FALSE(match_builtin_step("wait for 2 minutes"));
  EXPECT_FALSE(match_builtin_step("wait for 2"));
  EXPECT_FALSE(match_builtin_step("wait for . seconds"));
  EXPECT_FALSE(match_builtin_step("wait for 1.2.3 seconds"));
  EXPECT_FALSE(match_builtin_step("I wait for 2 seconds"));
}

TEST(BuiltinStep, WaitTooLongIsAnError) {
  EXPECT_THROW(match_builtin_step("wait for 99999999999 seconds"), std::out_of_range);
  EXPECT_THROW(match_builtin_step("wait for 3000000 seconds"), std::out_of_range);
}

}  // namespace
