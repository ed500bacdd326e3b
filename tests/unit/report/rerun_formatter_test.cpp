#include "report/rerun_formatter.hpp"

#include <gtest/gtest.h>

#include "report_test_support.hpp"

namespace troupe::report {
namespace {

TEST(RerunFormatter, FailedPicklesOnceEachInPlanOrder) {
  // Two failed combinations of buffers.feature:3 give one line; the outline row gives its own line.
  EXPECT_EQ(testing::render_synthetic("rerun"),
            "features/buffers.feature:3\nfeatures/logging.feature:11\n");
}

TEST(RerunFormatter, NothingFailedWritesAnEmptyFile) {
  auto pickle = std::make_shared<gherkin::Pickle>();
  pickle->uri = "f.feature";
  pickle->location = {4, 3};
  plan::TestCase tc;
  tc.pickle = pickle;
  const std::string text = testing::render("rerun", {}, [&](exec::EventSink& sink) {
    sink.on_test_case_planned({&tc});
    sink.on_test_case_finished(
        {&tc, exec::Clock::now(), exec::Status::Passed, exec::Millis(1), "", false, {}});
    sink.on_run_finished({exec::Clock::now(), exec::Millis(1), true, 0});
  });
  EXPECT_EQ(text, "");
}

}  // namespace
}  // namespace troupe::report
