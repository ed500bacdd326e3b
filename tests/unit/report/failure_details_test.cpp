#include "report/failure_details.hpp"

#include <gtest/gtest.h>

#include "report/log_format.hpp"

namespace troupe::report {
namespace {

plan::TestCase make_case() {
  plan::TestCase tc;
  tc.name = "cpp/python | breaks";
  auto pickle = std::make_shared<gherkin::Pickle>();
  pickle->uri = "features/x.feature";
  tc.pickle = pickle;
  tc.roles = {"reader", "writer"};
  tc.combination = {{"reader", "cpp"}, {"writer", "python"}};
  plan::PlannedStep step;
  step.keyword = "When ";
  step.text = "the 'writer' process writes frame";
  step.location = {7, 5};
  step.type = plan::StepType::When;
  step.role = "writer";
  tc.steps.push_back(step);
  return tc;
}

exec::LogEntry log(const std::string& role, const std::string& platform, const std::string& msg) {
  exec::LogEntry e;
  e.time = exec::Clock::now();
  e.role = role;
  e.platform = platform;
  e.level = "INFO";
  e.message = msg;
  return e;
}

TEST(FailureDetails, ShowsStepProcessErrorAndTheTailOfEveryServoLog) {
  plan::TestCase tc = make_case();
  exec::StepFinished step;
  step.test_case = &tc;
  step.step_index = 0;
  step.status = exec::Status::Failed;
  step.error = "checksum mismatch";
  step.roles = {"writer"};
  step.logs = {log("writer", "python", "step log")};
  exec::TestCaseFinished fin{&tc, exec::Clock::now(), exec::Status::Failed, exec::Millis(30),
                             "checksum mismatch", false, {}};
  fin.logs = {log("reader", "cpp", "r1"), log("writer", "python", "w1"),
              log("writer", "python", "w2"), log("writer", "python", "w3")};
  FailureDetails details = collect_failure_details({step}, fin, 2);
  EXPECT_TRUE(details.failed_steps.front().logs.empty()) << "step logs are in the test case's";
  ASSERT_EQ(details.log_tail.size(), 3u);

  std::string text = render_failure_details(tc, details, "  ", false);
  EXPECT_NE(text.find("  step:    When the 'writer' process writes frame  # features/x.feature:7\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("  process: writer on python (when)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  error:   checksum mismatch\n"), std::string::npos) << text;
  EXPECT_NE(text.find("last log lines of cpp:reader:"), std::string::npos) << text;
  EXPECT_NE(text.find("last log lines of python:writer:"), std::string::npos) << text;
  EXPECT_EQ(text.find("] w1"), std::string::npos) << "only the tail is kept\n" << text;
  EXPECT_NE(text.find("[python:writer] [INFO] w3"), std::string::npos) << text;
  EXPECT_EQ(text.find("\x1b["), std::string::npos) << "no colour unless asked";
}

TEST(FailureDetails, WithoutAFailedStepShowsTheTestCaseError) {
  plan::TestCase tc = make_case();
  exec::TestCaseFinished fin{&tc, exec::Clock::now(), exec::Status::Failed, exec::Millis(5),
                             "test case timed out after 100 ms", false, {}};
  std::string text = render_failure_details(tc, collect_failure_details({}, fin, 10), "", true);
  EXPECT_NE(text.find("error:   \x1b[31mtest case timed out after 100 ms"), std::string::npos) << text;
}

TEST(LogFormat, LogLineShape) {
  exec::LogEntry e = log("writer", "cpp", "hello");
  e.level = "WARN";
  std::string line = format_log_entry(e);
  EXPECT_EQ(line.substr(0, 1), "[");
  EXPECT_EQ(line.substr(14), " [cpp:writer] [WARN] hello");
  EXPECT_EQ(format_duration(exec::Millis(999)), "999ms");
  EXPECT_EQ(format_duration(exec::Millis(1234)), "1.23s");
  EXPECT_EQ(format_duration(exec::Millis(123000)), "2m03s");
}

}  // namespace
}  // namespace troupe::report
