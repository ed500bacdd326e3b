// Several test cases on one loop: -j, @serial, fail-fast, skipped and dry-run test cases, signals.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cerrno>
#include <csignal>
#include <set>

#include "exec/servo_connection.hpp"
#include "exec_test_support.hpp"

namespace troupe::exec::testing {
namespace {

// Highest number of test cases running at once, from the event order.
int max_concurrency(const RecordingSink& sink) {
  int running = 0, highest = 0;
  for (const auto& e : sink.order) {
    if (e.rfind("case+ ", 0) == 0) highest = std::max(highest, ++running);
    if (e.rfind("case- ", 0) == 0) --running;
  }
  return highest;
}

std::ptrdiff_t position(const RecordingSink& sink, const std::string& event) {
  auto it = std::find(sink.order.begin(), sink.order.end(), event);
  EXPECT_NE(it, sink.order.end()) << event;
  return it - sink.order.begin();
}

TEST_F(ExecTest, JobsRunTestCasesConcurrentlyWithDistinctRunIds) {
  auto config = make_config({platform("py")});
  std::vector<plan::TestCase> cases;
  for (int i = 0; i < 4; ++i)
    cases.push_back(CaseBuilder("case" + std::to_string(i), {{"writer", "py"}, {"reader", "py"}})
                        .send("writer", "sleeps '300' ms")
                        .send("reader", "does it")
                        .build());
  RecordingSink sink;
  RunOptions options;
  options.jobs = 2;
  RunResult result = run(cases, config, sink, options);
  EXPECT_EQ(result.passed, 4u);
  EXPECT_EQ(max_concurrency(sink), 2);
  std::set<std::string> run_ids;
  for (const auto& started : sink.cases_started) run_ids.insert(started.test_run_id);
  EXPECT_EQ(run_ids.size(), 4u);
  for (const auto& id : run_ids) {
    EXPECT_EQ(
        id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_"),
        std::string::npos)
        << id << " is not safe in a file name";
    // Both servos of a test case got its id.
    EXPECT_EQ(records(id, "writer").at(0)["env"]["TROUPE_RUN_ID"], id);
    EXPECT_EQ(records(id, "reader").at(0)["env"]["TROUPE_RUN_ID"], id);
  }
  expect_no_process_left(sink);
}

TEST_F(ExecTest, SerialTestCasesRunAlone) {
  auto config = make_config({platform("py")});
  auto make = [](const std::string& name) {
    return CaseBuilder(name, {{"writer", "py"}}).send("writer", "sleeps '200' ms");
  };
  std::vector<plan::TestCase> cases = {make("a").build(), make("b").build(),
                                       make("serial").serial().build(), make("c").build(),
                                       make("d").build()};
  RecordingSink sink;
  RunOptions options;
  options.jobs = 4;
  RunResult result = run(cases, config, sink, options);
  EXPECT_EQ(result.passed, 5u);
  auto serial_start = position(sink, "case+ serial");
  auto serial_end = position(sink, "case- serial");
  EXPECT_GT(serial_start, position(sink, "case- a"));
  EXPECT_GT(serial_start, position(sink, "case- b"));
  EXPECT_LT(serial_end, position(sink, "case+ c"));
  EXPECT_LT(serial_end, position(sink, "case+ d"));
  EXPECT_EQ(max_concurrency(sink), 2);
  expect_no_process_left(sink);
}

TEST_F(ExecTest, FailFastStartsNothingNewAndInterruptsTheRunning) {
  auto config = make_config({platform("py")});
  std::vector<plan::TestCase> cases = {
      CaseBuilder("fails", {{"writer", "py"}}).send("writer", "fails with 'boom'").build(),
      CaseBuilder("slow", {{"writer", "py"}})
          .send("writer", "sleeps '3000' ms")
          .send("writer", "never runs")
          .build(),
      CaseBuilder("never", {{"writer", "py"}}).send("writer", "does it").build(),
  };
  RecordingSink sink;
  RunOptions options;
  options.jobs = 2;
  options.fail_fast = true;
  RunResult result = run(cases, config, sink, options);
  EXPECT_EQ(result.failed, 1u);
  EXPECT_EQ(result.skipped, 1u);
  EXPECT_EQ(result.passed, 0u);
  EXPECT_EQ(sink.finished("never"), nullptr) << "not started, not reported";
  const TestCaseFinished* slow = sink.finished("slow");
  ASSERT_NE(slow, nullptr);
  EXPECT_TRUE(slow->interrupted);
  auto slow_steps = sink.steps_of("slow");
  ASSERT_EQ(slow_steps.size(), 2u);
  EXPECT_EQ(slow_steps[0]->status, Status::Skipped);
  EXPECT_EQ(slow_steps[0]->error, "interrupted by --fail-fast: 'fails' failed");
  EXPECT_TRUE(sink.exited("writer", 1)->expected);
  EXPECT_FALSE(sink.run_finished.at(0).success);
  expect_no_process_left(sink);
}

TEST_F(ExecTest, FailFastWithOneJobReportsOnlyWhatRan) {
  auto config = make_config({platform("py")});
  std::vector<plan::TestCase> cases = {
      CaseBuilder("first", {{"writer", "py"}}).send("writer", "fails with 'boom'").build(),
      CaseBuilder("second", {{"writer", "py"}}).send("writer", "does it").build(),
  };
  RecordingSink sink;
  RunOptions options;
  options.fail_fast = true;
  RunResult result = run(cases, config, sink, options);
  EXPECT_EQ(result.failed, 1u);
  EXPECT_EQ(sink.cases_finished.size(), 1u);
  EXPECT_EQ(sink.cases_started.size(), 1u);
}

TEST_F(ExecTest, SkippedAndDryRunTestCasesStartNoServo) {
  auto config = make_config({platform("py")});
  std::vector<plan::TestCase> cases = {
      CaseBuilder("skipped", {{"writer", "py"}})
          .send("writer", "does it")
          .skip("@platform:windows: not this host (linux)")
          .build(),
      CaseBuilder("runs", {{"writer", "py"}}).send("writer", "does it").build(),
  };
  RecordingSink sink;
  RunResult result = run(cases, config, sink);
  EXPECT_EQ(result.skipped, 1u);
  EXPECT_EQ(result.passed, 1u);
  EXPECT_EQ(sink.finished("skipped")->status, Status::Skipped);
  EXPECT_EQ(sink.finished("skipped")->error, "@platform:windows: not this host (linux)");
  EXPECT_EQ(sink.steps_of("skipped").at(0)->status, Status::Skipped);
  EXPECT_EQ(sink.servos_started.size(), 1u);

  RecordingSink dry;
  RunOptions options;
  options.dry_run = true;
  RunResult dry_result = run(cases, config, dry, options);
  EXPECT_EQ(dry_result.skipped, 2u);
  EXPECT_EQ(dry.cases_finished.size(), 2u);
  EXPECT_EQ(dry.steps_finished.size(), 2u);
  for (const auto& step : dry.steps_finished) EXPECT_EQ(step.status, Status::Skipped);
  EXPECT_TRUE(dry.servos_started.empty());
}

TEST_F(ExecTest, EmptyPlanRunsNothing) {
  auto config = make_config({platform("py")});
  RecordingSink sink;
  RunResult result = run({}, config, sink);
  EXPECT_EQ(result.passed + result.failed + result.skipped, 0u);
  EXPECT_EQ(sink.run_started.size(), 1u);
  EXPECT_EQ(sink.run_finished.size(), 1u);
  EXPECT_TRUE(sink.run_finished[0].success);
}

bool default_disposition(int signal) {
  struct sigaction current {};
  sigaction(signal, nullptr, &current);
  return current.sa_handler == SIG_DFL;
}

TEST_F(ExecTest, SigintKillsServosAndFinishesRunningTestCasesAsInterrupted) {
  auto config = make_config({platform("py")});
  std::vector<plan::TestCase> cases = {
      CaseBuilder("signals", {{"writer", "py"}})
          .send("writer", "sleeps '300' ms")
          .send("writer", "signals troupe with 'SIGINT'")
          .send("writer", "sleeps '5000' ms")
          .build(),
      CaseBuilder("busy", {{"writer", "py"}, {"reader", "py"}})
          .send("reader", "does it")
          .send("writer", "sleeps '20000' ms")
          .build(),
      CaseBuilder("never", {{"writer", "py"}}).send("writer", "does it").build(),
  };
  RecordingSink sink;
  RunOptions options;
  options.jobs = 2;
  RunResult result = run(cases, config, sink, options);
  EXPECT_EQ(result.interrupted_by_signal, SIGINT);
  ASSERT_EQ(sink.run_finished.size(), 1u);
  EXPECT_EQ(sink.run_finished[0].interrupted_by_signal, SIGINT);
  EXPECT_FALSE(sink.run_finished[0].success);
  EXPECT_EQ(sink.finished("never"), nullptr);
  for (const std::string name : {"signals", "busy"}) {
    const TestCaseFinished* finished = sink.finished(name);
    ASSERT_NE(finished, nullptr) << name;
    EXPECT_TRUE(finished->interrupted) << name;
    EXPECT_EQ(finished->status, Status::Failed) << name;
    EXPECT_EQ(finished->error, "interrupted by SIGINT") << name;
    EXPECT_LT(finished->duration.count(), 10000);
  }
  for (const auto& exited : sink.servos_exited) EXPECT_EQ(exited.signal, SIGKILL) << exited.role;
  EXPECT_TRUE(default_disposition(SIGINT));
  EXPECT_TRUE(default_disposition(SIGTERM));
  EXPECT_TRUE(default_disposition(SIGHUP));
  expect_no_process_left(sink);
}

// Raises SIGTERM when the named test case's second step starts, and again when the first signal
// has cut a step short, i.e. while servos are still being torn down.
class SignallingSink : public RecordingSink {
 public:
  void on_step_started(const StepStarted& e) override {
    RecordingSink::on_step_started(e);
    if (e.test_case->name == "twice" && e.step_index == 1 && !first_) {
      first_ = true;
      std::raise(SIGTERM);
    }
  }
  void on_step_finished(const StepFinished& e) override {
    RecordingSink::on_step_finished(e);
    if (first_ && !second_ && e.error.rfind("interrupted by SIGTERM", 0) == 0) {
      second_ = true;
      std::raise(SIGTERM);
    }
  }

 private:
  bool first_ = false;
  bool second_ = false;
};

TEST_F(ExecTest, SecondSignalEndsTheRunAtOnce) {
  // A grandchild that escaped the servo's group keeps its stdout open, so after the first
  // signal troupe would wait for that pipe (up to the drain limit); the second ends it at once.
  auto config = make_config({platform("py")});
  std::vector<plan::TestCase> cases = {
      CaseBuilder("twice", {{"writer", "py"}})
          .send("writer", "spawns an escaped grandchild")
          .send("writer", "sleeps '20000' ms")
          .build(),
  };
  SignallingSink sink;
  RunResult result = run(cases, config, sink);
  EXPECT_EQ(result.interrupted_by_signal, SIGTERM);
  ASSERT_EQ(sink.run_finished.size(), 1u);
  EXPECT_LT(sink.run_finished[0].duration.count(),
            static_cast<long>(ServoConnection::kDrainLimitMs) - 500);
  const TestCaseFinished* finished = sink.finished("twice");
  ASSERT_NE(finished, nullptr);
  EXPECT_TRUE(finished->interrupted);
  EXPECT_TRUE(default_disposition(SIGTERM));
  expect_no_process_left(sink);
  // The escaped grandchild was re-parented to us (subreaper) and killed and reaped by run_plan.
  int escaped = 0;
  for (const auto& r : records(sink.test_run_id("twice"), "writer"))
    if (r.contains("escaped")) escaped = r["escaped"].get<int>();
  ASSERT_GT(escaped, 0);
  EXPECT_EQ(::kill(escaped, 0), -1);
  EXPECT_EQ(errno, ESRCH);
}

}  // namespace
}  // namespace troupe::exec::testing
