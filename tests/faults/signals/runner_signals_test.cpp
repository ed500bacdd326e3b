// SIGINT, SIGTERM and SIGHUP sent to the real troupe binary at chosen moments of a run (servos
// starting, a step in flight, teardown, between test cases, two jobs at once, a second SIGINT):
// exit code, complete reports that mark the interrupted test cases, time bound, no process left.
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdio>
#include <nlohmann/json.hpp>

#include "e2e_support.hpp"
#include "live_run.hpp"
#include "report_checks.hpp"

namespace troupe::faults {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;
using std::chrono::milliseconds;

// Measured 3-8 ms from the signal to troupe's exit; the bound leaves room for ASan on a loaded
// machine and is still far below every wait the servos below would otherwise impose (20 s or more).
constexpr milliseconds kExitBound{5000};
constexpr milliseconds kEventBound{30000};  // servos start (python) before a beacon arrives

class RunnerSignalsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = e2e::scratch_dir(std::string("signals-") + info->name());
  }

  void write_config(const std::vector<std::string>& servo_flags, int stop_grace_ms = 2000) {
    json command = {
        "python3",
        (e2e::source_dir() / "tests" / "faults" / "signals" / "signal_servo.py").string()};
    for (const auto& flag : servo_flags) command.push_back(flag);
    json config = {{"features", {"features"}},
                   {"platforms", {{"p", {{"command", command}}}}},
                   {"stopGraceMs", stop_grace_ms},
                   {"startTimeoutMs", 60000},
                   {"stepTimeoutMs", 60000}};
    e2e::write_file(dir_ / "troupe.json", config.dump(2));
  }

  void write_feature(const std::string& text) {
    e2e::write_file(dir_ / "features" / "signals.feature", text);
  }

  LiveRunSetup setup(std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"run",
                                  "--format",
                                  "progress",
                                  "--format",
                                  "junit:reports/junit.xml",
                                  "--format",
                                  "message:reports/messages.ndjson",
                                  "--format",
                                  "html:reports/report.html"};
    args.insert(args.end(), extra.begin(), extra.end());
    return LiveRunSetup{args, dir_};
  }

  // What every interrupted run must show, whatever the moment.
  void expect_interrupted_run(const e2e::Outcome& o, const LiveRun& run, int signal,
                              const std::string& name) {
    EXPECT_FALSE(o.timed_out) << o.out << o.err;
    EXPECT_EQ(o.exit_code, 128 + signal) << o.out << o.err;
    EXPECT_LT(run.exit_after_last_signal(), kExitBound) << o.out << o.err;
    std::printf("%s: exit %lld ms after the last signal\n", name.c_str(),
                static_cast<long long>(run.exit_after_last_signal().count()));
    EXPECT_NE(o.out.find("Interrupted by " + name + ": "), std::string::npos) << o.out;
    EXPECT_EQ(messages_run_message(report("messages.ndjson")), "interrupted by " + name);
    EXPECT_NE(html_page(report("report.html")).find("(interrupted by " + name + ")"),
              std::string::npos);
    EXPECT_EQ(e2e::processes_left(o.marker), 0) << "processes left behind\n" << o.out << o.err;
  }

  fs::path report(const std::string& name) const { return dir_ / "reports" / name; }

  fs::path dir_;
};

TEST_F(RunnerSignalsTest, SigintWhileServosStartKillsThemAndExits130) {
  write_config({"--hold-health"});
  write_feature(R"(Feature: Signals
  Scenario: starting
    Given the 'a' process passes
    And the 'b' process passes
)");
  LiveRun run(setup());
  ASSERT_TRUE(run.wait_for("health", 1, kEventBound)) << run.out() << run.err();
  run.send(SIGINT);
  const e2e::Outcome o = run.finish(milliseconds(60000));
  expect_interrupted_run(o, run, SIGINT, "SIGINT");
  EXPECT_EQ(junit_case(report("junit.xml"), "starting"), "failure:interrupted");
  EXPECT_EQ(messages_failure_type(report("messages.ndjson"), "starting"), "interrupted");
  EXPECT_NE(html_page(report("report.html")).find("s-interrupted"), std::string::npos);
  EXPECT_NE(o.out.find("(1 interrupted)"), std::string::npos) << o.out;
}

TEST_F(RunnerSignalsTest, SigtermMidStepReportsWhatFinishedAndExits143) {
  write_config({});
  write_feature(R"(Feature: Signals
  Scenario: first passes
    Given the 'a' process passes

  Scenario: second hangs
    Given the 'a' process passes
    When the 'a' process hangs
    Then the 'a' process passes

  Scenario: third never starts
    Given the 'a' process passes
)");
  LiveRun run(setup());
  ASSERT_TRUE(run.wait_for("hangs", 1, kEventBound)) << run.out() << run.err();
  run.send(SIGTERM);
  const e2e::Outcome o = run.finish(milliseconds(60000));
  expect_interrupted_run(o, run, SIGTERM, "SIGTERM");
  const fs::path junit = report("junit.xml");
  EXPECT_EQ(junit_case(junit, "first passes"), "passed");
  EXPECT_EQ(junit_case(junit, "second hangs"), "failure:interrupted");
  EXPECT_EQ(junit_case(junit, "third never starts"),
            "skipped:not run: the run ended before this test case");
  EXPECT_EQ(messages_failure_type(report("messages.ndjson"), "second hangs"), "interrupted");
  EXPECT_NE(o.out.find("Interrupted by SIGTERM: 2 of 3 test cases finished"), std::string::npos)
      << o.out;
}

TEST_F(RunnerSignalsTest, SighupWithTwoJobsInterruptsBothAndExits129) {
  write_config({});
  write_feature(R"(Feature: Signals
  Scenario Outline: hang <n>
    Given the 'a' process passes
    When the 'b' process hangs

    Examples:
      | n |
      | 1 |
      | 2 |
      | 3 |
)");
  LiveRun run(setup({"-j", "2"}));
  ASSERT_TRUE(run.wait_for("hangs", 2, kEventBound)) << run.out() << run.err();
  run.send(SIGHUP);
  const e2e::Outcome o = run.finish(milliseconds(60000));
  expect_interrupted_run(o, run, SIGHUP, "SIGHUP");
  const fs::path junit = report("junit.xml");
  EXPECT_EQ(junit_case(junit, "hang 1"), "failure:interrupted");
  EXPECT_EQ(junit_case(junit, "hang 2"), "failure:interrupted");
  EXPECT_EQ(junit_case(junit, "hang 3"), "skipped:not run: the run ended before this test case");
  EXPECT_NE(o.out.find("(2 interrupted)"), std::string::npos) << o.out;
  EXPECT_EQ(run.beacon_count("spawned"), 4) << "two test cases, two roles each";
}

TEST_F(RunnerSignalsTest, SigintDuringTeardownKillsServosThatHoldShutdown) {
  // The servo never answers shutdown and ignores SIGTERM: without the signal, stopping it would
  // take the 20 s grace for shutdown, 20 s more for its exit, then SIGTERM and SIGKILL.
  write_config({"--hold-shutdown", "--ignore-term"}, 20000);
  write_feature(R"(Feature: Signals
  Scenario: stopping
    Given the 'a' process passes
)");
  LiveRun run(setup());
  ASSERT_TRUE(run.wait_for("shutdown", 1, kEventBound)) << run.out() << run.err();
  run.send(SIGINT);
  const e2e::Outcome o = run.finish(milliseconds(60000));
  expect_interrupted_run(o, run, SIGINT, "SIGINT");
  // Every step passed before the signal: the test case passed, though its servo was killed.
  EXPECT_EQ(junit_case(report("junit.xml"), "stopping"), "passed");
  EXPECT_NE(o.out.find("1 passed, 0 failed, 0 skipped"), std::string::npos) << o.out;
}

TEST_F(RunnerSignalsTest, SigintBetweenTestCasesKeepsTheFinishedOne) {
  write_config({});
  write_feature(R"(Feature: Signals
  Scenario: done before
    Given the 'a' process passes

  Scenario: after the signal
    Given the 'a' process passes
)");
  LiveRun run(setup());
  // The first test case's servo leaves at stdin EOF: its test case is ending, the next not begun.
  ASSERT_TRUE(run.wait_for("exit", 1, kEventBound)) << run.out() << run.err();
  run.send(SIGINT);
  const e2e::Outcome o = run.finish(milliseconds(60000));
  expect_interrupted_run(o, run, SIGINT, "SIGINT");
  const fs::path junit = report("junit.xml");
  EXPECT_EQ(junit_case(junit, "done before"), "passed");
  const std::string second = junit_case(junit, "after the signal");
  EXPECT_TRUE(second == "failure:interrupted" ||
              second == "skipped:not run: the run ended before this test case")
      << second;
}

TEST_F(RunnerSignalsTest, SecondSigintEndsTheRunAtOnce) {
  // Two SIGINTs back to back (an impatient Ctrl-C Ctrl-C) while the servo ignores SIGTERM and has
  // left a grandchild in its own session: the second one ends the run on the spot, the reports
  // are still complete and nothing is left.
  write_config({"--ignore-term"}, 20000);
  write_feature(R"(Feature: Signals
  Scenario: stubborn
    Given the 'a' process spawns an escaped grandchild
    When the 'a' process hangs
)");
  LiveRun run(setup());
  ASSERT_TRUE(run.wait_for("hangs", 1, kEventBound)) << run.out() << run.err();
  int grandchild = 0;
  for (const auto& beacon : run.beacons())
    if (beacon.event == "grandchild") grandchild = beacon.pid;
  ASSERT_GT(grandchild, 0);
  run.send(SIGINT);
  run.send(SIGINT);
  const e2e::Outcome o = run.finish(milliseconds(60000));
  EXPECT_LT(run.exit_after_last_signal(), milliseconds(1500)) << o.out << o.err;
  expect_interrupted_run(o, run, SIGINT, "SIGINT");
  EXPECT_EQ(junit_case(report("junit.xml"), "stubborn"), "failure:interrupted");
  EXPECT_TRUE(process_ended(grandchild));
  if (!process_ended(grandchild)) ::kill(grandchild, SIGKILL);  // not to outlive a failed test
}

}  // namespace
}  // namespace troupe::faults
