#include "report/progress_formatter.hpp"

#include <gtest/gtest.h>

#include "report_test_support.hpp"

namespace troupe::report {
namespace {

TEST(ProgressFormatter, PlainLinePerTestCaseOffTerminal) {
  const std::string text = testing::render_synthetic("progress");
  EXPECT_EQ(testing::count_of(text, "\n"), 18u);
  EXPECT_EQ(text.substr(0, text.find('\n', text.find('\n', text.find('\n') + 1) + 1) + 1),
            "[1/18] passed  cpp/cpp | share a buffer (120ms)\n"
            "[2/18] passed  cpp/python | share a buffer (120ms)\n"
            "[3/18] failed  cpp/rust | share a buffer (5.06s): no response from reader@cpp within "
            "5000ms\n");
  EXPECT_NE(text.find("[15/18] skipped cpp | windows event log (0ms) - @platform:windows: not this "
                      "host (linux)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("[16/18] undefined rust | log at WARN (level=WARN) (35ms): no step "
                      "definition matches 'logs at WARN'\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.find('\r'), std::string::npos) << "no redrawing in CI logs";
}

TEST(ProgressFormatter, LiveCounterWithEtaOnATerminal) {
  const auto path = testing::fresh_dir("progress-live") / "out";
  const exec::TimePoint t0 = testing::synthetic_epoch();
  plan::TestCase a, b, c;
  a.name = "A";
  b.name = "B";
  c.name = "C";
  {
    ProgressFormatter progress(std::make_unique<OutputFile>("progress", path.string()), false,
                               true);
    progress.on_run_started({t0, 3, "run"});
    progress.on_test_case_finished(
        {&a, t0 + exec::Millis(2000), exec::Status::Passed, exec::Millis(2000), "", false, {}});
    progress.on_test_case_finished(
        {&b, t0 + exec::Millis(4000), exec::Status::Failed, exec::Millis(2000), "boom", false, {}});
    progress.on_test_case_finished(
        {&c, t0 + exec::Millis(5000), exec::Status::Skipped, exec::Millis(0), "", false, {}});
    progress.on_run_finished({t0 + exec::Millis(5000), exec::Millis(5000), false, 0});
  }
  EXPECT_EQ(testing::read_text(path),
            "0/3 test cases: 0 passed, 0 failed, 0 skipped"
            "\r\x1b[K1/3 test cases: 1 passed, 0 failed, 0 skipped, 2.00s elapsed, ETA 4.00s"
            "\r\x1b[K✘ B (2.00s): boom\n"
            "2/3 test cases: 1 passed, 1 failed, 0 skipped, 4.00s elapsed, ETA 2.00s"
            "\r\x1b[K3/3 test cases: 1 passed, 1 failed, 1 skipped, 5.00s elapsed"
            "\r\x1b[K3/3 test cases: 1 passed, 1 failed, 1 skipped, 5.00s elapsed\n");
}

}  // namespace
}  // namespace troupe::report
