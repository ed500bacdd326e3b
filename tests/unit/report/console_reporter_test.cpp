#include "report/console_reporter.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <cstdio>
#include <string>

#include "report/log_format.hpp"

namespace troupe::report {
namespace {

std::string read_all(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string s;
  char buf[4096];
  while (size_t n = std::fread(buf, 1, sizeof buf, f)) s.append(buf, n);
  return s;
}

plan::TestCase make_case(const std::string& name) {
  plan::TestCase tc;
  tc.name = name;
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

TEST(ConsoleReporter, PrintsOneLinePerTestCaseAndCounts) {
  std::FILE* out = std::tmpfile();
  ConsoleReporter reporter({.out = out});
  plan::TestCase a = make_case("cpp/python | passes");
  plan::TestCase b = make_case("cpp/python | skipped");
  b.skip_reason = "@platform:windows: not this host (linux)";
  reporter.on_run_started({exec::Clock::now(), 2, "run"});
  reporter.on_test_case_finished(
      {&a, exec::Clock::now(), exec::Status::Passed, exec::Millis(12), "", false, {}});
  reporter.on_test_case_finished(
      {&b, exec::Clock::now(), exec::Status::Skipped, exec::Millis(0), "", false, {}});
  reporter.on_run_finished({exec::Clock::now(), exec::Millis(1500), true, 0});
  std::string text = read_all(out);
  EXPECT_NE(text.find("PASS cpp/python | passes (12ms)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("SKIP cpp/python | skipped (0ms) - @platform:windows: not this host (linux)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("\n1 passed, 0 failed, 1 skipped\n"), std::string::npos) << text;
  EXPECT_EQ(text.find("\x1b["), std::string::npos) << "no colour unless asked";
  std::fclose(out);
}

TEST(ConsoleReporter, FailureShowsStepProcessErrorAndEveryServoLogTail) {
  std::FILE* out = std::tmpfile();
  ConsoleReporter reporter({.out = out, .tail_lines_per_servo = 2});
  plan::TestCase tc = make_case("cpp/python | breaks");
  exec::StepFinished step;
  step.test_case = &tc;
  step.step_index = 0;
  step.status = exec::Status::Failed;
  step.error = "checksum mismatch";
  step.roles = {"writer"};
  reporter.on_step_finished(step);
  exec::TestCaseFinished fin{
      &tc, exec::Clock::now(), exec::Status::Failed, exec::Millis(30), "checksum mismatch", false,
      {}};
  fin.logs = {log("reader", "cpp", "r1"), log("writer", "python", "w1"),
              log("writer", "python", "w2"), log("writer", "python", "w3")};
  reporter.on_test_case_finished(fin);
  reporter.on_run_finished({exec::Clock::now(), exec::Millis(40), false, 0});
  std::string text = read_all(out);
  EXPECT_NE(text.find("FAIL cpp/python | breaks"), std::string::npos) << text;
  EXPECT_NE(text.find("step:     When the 'writer' process writes frame (features/x.feature:7)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("process:  writer on python (when)"), std::string::npos) << text;
  EXPECT_NE(text.find("error:    checksum mismatch"), std::string::npos) << text;
  EXPECT_NE(text.find("log of cpp:reader:"), std::string::npos) << text;
  EXPECT_NE(text.find("log of python:writer (last 2 of 3 lines):"), std::string::npos) << text;
  EXPECT_EQ(text.find("] w1"), std::string::npos) << "only the tail is printed";
  EXPECT_NE(text.find("[python:writer] [INFO] w3"), std::string::npos) << text;
  EXPECT_NE(text.find("0 passed, 1 failed, 0 skipped"), std::string::npos) << text;
  std::fclose(out);
}

TEST(ConsoleReporter, InterruptedRunSaysSoAndColourIsOptional) {
  std::FILE* out = std::tmpfile();
  ConsoleReporter reporter({.out = out, .color = true});
  plan::TestCase tc = make_case("cpp/python | long");
  reporter.on_run_started({exec::Clock::now(), 3, "run"});
  reporter.on_test_case_finished(
      {&tc, exec::Clock::now(), exec::Status::Failed, exec::Millis(5), "interrupted", true, {}});
  reporter.on_run_finished({exec::Clock::now(), exec::Millis(5), false, SIGINT});
  std::string text = read_all(out);
  EXPECT_NE(text.find("\x1b[31mINTR\x1b[0m cpp/python | long"), std::string::npos) << text;
  EXPECT_NE(text.find("Interrupted by SIGINT: 1 of 3 test cases finished"), std::string::npos)
      << text;
  std::fclose(out);
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
