#include "report/pretty_formatter.hpp"

#include <gtest/gtest.h>

#include "report_test_support.hpp"

namespace troupe::report {
namespace {

using testing::block_starting;
using testing::count_of;

class PrettyFormatterTest : public ::testing::Test {
 protected:
  void SetUp() override { testing::use_utc(); }
};

TEST_F(PrettyFormatterTest, PassedCaseShowsStepsAsWrittenWithRoleAndPlatform) {
  const std::string text = testing::render_synthetic("pretty");
  EXPECT_EQ(text.substr(0, text.find('\n') + 1),
            "Feature: Shared buffers  # features/buffers.feature\n");
  EXPECT_EQ(block_starting(text,
                           "  Scenario: share a buffer  # features/buffers.feature:3\n    "
                           "platforms: reader=cpp, writer=python"),
            "  Scenario: share a buffer  # features/buffers.feature:3\n"
            "    platforms: reader=cpp, writer=python\n"
            "    ✔ Given the 'writer' process creates buffer 'b1'  # writer@python 10ms\n"
            "    ✔ When the 'reader' process opens buffer 'b1'  # reader@cpp 15ms\n"
            "    ✔ Then every process sees 1 buffer  # reader@cpp, writer@python 20ms\n"
            "    ✔ And the 'writer' process stops  # writer@python 25ms\n"
            "  ✔ passed in 120ms\n");
  EXPECT_EQ(text.find("\x1b["), std::string::npos) << "no colour unless asked";
}

TEST_F(PrettyFormatterTest, FailedCaseShowsErrorSkippedStepsExitAndEveryLogInTimeOrder) {
  const std::string text = testing::render_synthetic("pretty");
  EXPECT_EQ(block_starting(text,
                           "  Scenario: share a buffer  # features/buffers.feature:3\n    "
                           "platforms: reader=rust, writer=python"),
            "  Scenario: share a buffer  # features/buffers.feature:3\n"
            "    platforms: reader=rust, writer=python\n"
            "    ✔ Given the 'writer' process creates buffer 'b1'  # writer@python 10ms\n"
            "    ✔ When the 'reader' process opens buffer 'b1'  # reader@rust 15ms\n"
            "    ✘ Then every process sees 1 buffer  # reader@rust, writer@python 20ms\n"
            "        assertion: writer@python: expected 1 buffer, saw 0\n"
            "    ↷ And the 'writer' process stops  # writer@python\n"
            "  ✘ failed in 95ms: writer@python: expected 1 buffer, saw 0\n"
            "    process writer@python (pid 4039) ended unexpectedly: exit code 1\n"
            "      Traceback (most recent call last):\n"
            "      AssertionError\n"
            "    logs of every process, in time order:\n"
            "      [03:04:05.328] [python:writer] [DEBUG] handling: the 'writer' process creates "
            "buffer 'b1'\n"
            "      [03:04:05.329] [python:writer] [INFO] done\n"
            "      [03:04:05.343] [rust:reader] [DEBUG] handling: the 'reader' process opens "
            "buffer 'b1'\n"
            "      [03:04:05.344] [rust:reader] [INFO] done\n"
            "      [03:04:05.363] [rust:reader] [DEBUG] handling: every process sees 1 buffer\n"
            "      [03:04:05.363] [python:writer] [DEBUG] handling: every process sees 1 buffer\n"
            "      [03:04:05.364] [python:writer] [ERROR] Traceback (most recent call last): "
            "AssertionError\n");
}

TEST_F(PrettyFormatterTest, OutlineRowsBuiltInStepsAndSkippedCases) {
  const std::string text = testing::render_synthetic("pretty");
  EXPECT_EQ(
      block_starting(text,
                     "  Scenario Outline: log at WARN (level=WARN)  # "
                     "features/logging.feature:11\n    platforms: logger=rust"),
      "  Scenario Outline: log at WARN (level=WARN)  # features/logging.feature:11\n"
      "    platforms: logger=rust\n"
      "    ? Given the 'logger' process logs at WARN  # logger@rust 10ms\n"
      "        undefined: no step definition matches 'logs at WARN'\n"
      "    ↷ And 10 ms pass  # troupe\n"
      "    ↷ Then the 'logger' process has 1 line  # logger@rust\n"
      "  ? undefined in 35ms: no step definition matches 'logs at WARN'\n"
      "    logs of every process, in time order:\n"
      "      [03:04:05.588] [rust:logger] [DEBUG] handling: the 'logger' process logs at WARN\n");
  EXPECT_EQ(block_starting(text,
                           "  Scenario: windows event log  # features/logging.feature:14\n    "
                           "platforms: logger=cpp"),
            "  Scenario: windows event log  # features/logging.feature:14\n"
            "    platforms: logger=cpp\n"
            "    ↷ Given the 'logger' process writes to the event log  # logger@cpp\n"
            "  ↷ skipped: @platform:windows: not this host (linux)\n");
}

TEST_F(PrettyFormatterTest, OneBlockPerTestCaseEvenWhenEventsInterleave) {
  const std::string text = testing::render_synthetic("pretty");
  EXPECT_EQ(count_of(text, "  Scenario"), 18u);
  EXPECT_EQ(count_of(text, "platforms: reader=cpp, writer=rust\n"), 1u);
  // A new feature header whenever the feature changes between consecutive blocks.
  EXPECT_EQ(count_of(text, "Feature: Shared buffers  # features/buffers.feature\n"), 2u);
  EXPECT_EQ(count_of(text, "Feature: Logging  # features/logging.feature\n"), 2u);
}

TEST_F(PrettyFormatterTest, VerboseShowsLogsOfPassedCasesAndColourPaintsByStatus) {
  const auto path = testing::fresh_dir("pretty-colour") / "out";
  {
    PrettyFormatter pretty(std::make_unique<OutputFile>("pretty", path.string()), true, true);
    testing::make_synthetic_run().replay(pretty);
  }
  const std::string text = testing::read_text(path);
  EXPECT_NE(text.find("\x1b[32m✔ Given the 'writer' process creates buffer 'b1'\x1b[0m  \x1b[2m# "
                      "writer@cpp 10ms\x1b[0m\n"),
            std::string::npos)
      << text.substr(0, 600);
  EXPECT_NE(text.find("\x1b[31m✘ When the 'reader' process opens buffer 'b1'\x1b[0m"),
            std::string::npos);
  EXPECT_NE(text.find("\x1b[36m↷ skipped: @platform:windows: not this host (linux)\x1b[0m"),
            std::string::npos);
  // Verbose: a passed case lists its logs too.
  EXPECT_EQ(count_of(text, "logs of every process, in time order:"), 15u);
}

TEST_F(PrettyFormatterTest, EventsForUnknownStepsOrNoTestCaseAreIgnored) {
  const auto path = testing::fresh_dir("pretty-bad") / "out";
  plan::TestCase tc;
  tc.name = "lonely";
  {
    PrettyFormatter pretty(std::make_unique<OutputFile>("pretty", path.string()), false, false);
    pretty.on_step_finished(
        {nullptr, 0, exec::Clock::now(), exec::Status::Failed, {}, "x", "", {}, {}});
    pretty.on_step_finished(
        {&tc, 7, exec::Clock::now(), exec::Status::Failed, {}, "x", "", {}, {}});
    pretty.on_test_case_finished(
        {nullptr, exec::Clock::now(), exec::Status::Failed, {}, "", false, {}});
    pretty.on_test_case_finished(
        {&tc, exec::Clock::now(), exec::Status::Passed, exec::Millis(3), "", false, {}});
  }
  EXPECT_EQ(testing::read_text(path), "\n  Scenario: lonely\n  ✔ passed in 3ms\n");
}

}  // namespace
}  // namespace troupe::report
