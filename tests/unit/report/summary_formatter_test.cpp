#include "report/summary_formatter.hpp"

#include <gtest/gtest.h>

#include <csignal>

#include "report/platform_matrix.hpp"
#include "report_test_support.hpp"

namespace troupe::report {
namespace {

TEST(SummaryFormatter, FailuresMatrixCountsAndTheFinalLine) {
  EXPECT_EQ(testing::render_synthetic("summary"),
            "\n"
            "Failed test cases:\n"
            "  ✘ cpp/rust | share a buffer  # features/buffers.feature:3\n"
            "      step:    When the 'reader' process opens buffer 'b1'  # features/buffers.feature:5\n"
            "      process: reader on cpp (when)\n"
            "      error:   timeout: no response from reader@cpp within 5000ms\n"
            "      last log lines of cpp:reader:\n"
            "        [03:04:10.128] [cpp:reader] [DEBUG] handling: the 'reader' process opens buffer 'b1'\n"
            "      last log lines of rust:writer:\n"
            "        [03:04:05.128] [rust:writer] [DEBUG] handling: the 'writer' process creates buffer 'b1'\n"
            "        [03:04:05.129] [rust:writer] [INFO] done\n"
            "  ✘ rust/python | share a buffer  # features/buffers.feature:3\n"
            "      step:    Then every process sees 1 buffer  # features/buffers.feature:6\n"
            "      process: reader on rust, writer on python (then)\n"
            "      error:   assertion: writer@python: expected 1 buffer, saw 0\n"
            "      last log lines of python:writer:\n"
            "        [03:04:05.328] [python:writer] [DEBUG] handling: the 'writer' process creates buffer 'b1'\n"
            "        [03:04:05.329] [python:writer] [INFO] done\n"
            "        [03:04:05.363] [python:writer] [DEBUG] handling: every process sees 1 buffer\n"
            "        [03:04:05.364] [python:writer] [ERROR] Traceback (most recent call last): AssertionError\n"
            "      last log lines of rust:reader:\n"
            "        [03:04:05.343] [rust:reader] [DEBUG] handling: the 'reader' process opens buffer 'b1'\n"
            "        [03:04:05.344] [rust:reader] [INFO] done\n"
            "        [03:04:05.363] [rust:reader] [DEBUG] handling: every process sees 1 buffer\n"
            "  ✘ rust | log at WARN (level=WARN)  # features/logging.feature:11\n"
            "      step:    Given the 'logger' process logs at WARN  # features/logging.feature:4\n"
            "      process: logger on rust (given)\n"
            "      error:   undefined: no step definition matches 'logs at WARN'\n"
            "      last log lines of rust:logger:\n"
            "        [03:04:05.588] [rust:logger] [DEBUG] handling: the 'logger' process logs at WARN\n"
            "\n"
            "Platform matrix reader x writer (passed/failed):\n"
            "  reader \\ writer  cpp  python  rust\n"
            "  cpp              1/0  1/0     0/1\n"
            "  python           1/0  1/0     1/0\n"
            "  rust             1/0  0/1     1/0\n"
            "Platforms of logger (passed/failed): cpp 2/0, python 2/0, rust 1/1\n"
            "\n"
            "18 test cases in 6.00s: 12 passed, 2 failed, 1 undefined, 3 skipped\n"
            "12 passed, 3 failed, 3 skipped\n");
}

TEST(SummaryFormatter, EmptyRunStillEndsWithTheCountsLine) {
  const std::string text = testing::render("summary", {}, [](exec::EventSink& sink) {
    sink.on_run_started({exec::Clock::now(), 0, "run"});
    sink.on_run_finished({exec::Clock::now(), exec::Millis(3), true, 0});
  });
  EXPECT_EQ(text, "\n0 test cases in 3ms\n0 passed, 0 failed, 0 skipped\n");
}

TEST(SummaryFormatter, InterruptedRunSaysSoBeforeTheFinalLine) {
  plan::TestCase tc;
  tc.name = "cpp | long";
  tc.combination = {{"solo", "cpp"}};
  const std::string text = testing::render("summary", {}, [&](exec::EventSink& sink) {
    sink.on_run_started({exec::Clock::now(), 4, "run"});
    sink.on_test_case_finished(
        {&tc, exec::Clock::now(), exec::Status::Failed, exec::Millis(5), "interrupted", true, {}});
    sink.on_run_finished({exec::Clock::now(), exec::Millis(5), false, SIGINT});
  });
  EXPECT_EQ(text,
            "\nFailed test cases:\n  ✘ cpp | long  # \n      error:   interrupted\n\n"
            "Platforms of solo (passed/failed): cpp 0/1\n\n"
            "1 test case in 5ms: 1 failed (1 interrupted)\n"
            "Interrupted by SIGINT: 1 of 4 test cases finished\n"
            "0 passed, 1 failed, 0 skipped\n");
}

TEST(PlatformMatrix, ThreeRolesMakeThreePairGridsAndSkippedCountsNowhere) {
  plan::TestCase tc;
  tc.combination = {{"a", "cpp"}, {"b", "rust"}, {"c", "python"}};
  PlatformMatrix matrix;
  matrix.add(tc, exec::Status::Passed);
  matrix.add(tc, exec::Status::Failed);
  matrix.add(tc, exec::Status::Skipped);
  ASSERT_EQ(matrix.pairs().size(), 3u);
  EXPECT_EQ(matrix.pairs()[0].row_role, "a");
  EXPECT_EQ(matrix.pairs()[0].column_role, "b");
  EXPECT_EQ(matrix.pairs()[2].row_role, "b");
  EXPECT_EQ(matrix.pairs()[2].column_role, "c");
  const MatrixCell& cell = matrix.pairs()[1].cells.at({"cpp", "python"});
  EXPECT_EQ(cell.passed, 1u);
  EXPECT_EQ(cell.failed, 1u);
  const std::string text = render_platform_matrix(matrix, true);
  EXPECT_TRUE(text.starts_with(
      "Platform matrix a x b (passed/failed):\n  a \\ b  rust\n  cpp    \x1b[31m1/1\x1b[0m\n"
      "Platform matrix a x c (passed/failed):\n"))
      << text;
}

}  // namespace
}  // namespace troupe::report
