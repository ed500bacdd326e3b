// Servo lifecycle through run_plan: start sequence, steps, context, broadcast, built-ins, stop.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>

#include "exec_test_support.hpp"

namespace troupe::exec::testing {
namespace {

using plan::StepAction;
using plan::StepType;

TEST_F(ExecTest, PassingStepsStartOneServoAndStopItGracefully) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("pass", {{"writer", "py"}})
                .send("writer", "creates buffer 'b1' with size '1024'", StepType::Given)
                .send("writer", "logs 'hello'")
                .tag("@smoke")
                .build();
  RecordingSink sink;
  RunResult result = run({tc}, config, sink);

  EXPECT_EQ(result.passed, 1u);
  EXPECT_EQ(result.failed, 0u);
  ASSERT_EQ(sink.cases_finished.size(), 1u);
  EXPECT_EQ(sink.cases_finished[0].status, Status::Passed);
  EXPECT_FALSE(sink.cases_finished[0].interrupted);
  ASSERT_EQ(sink.steps_finished.size(), 2u);
  for (const auto& step : sink.steps_finished) {
    EXPECT_EQ(step.status, Status::Passed) << step.error;
    EXPECT_EQ(step.roles, std::vector<std::string>{"writer"});
  }
  ASSERT_EQ(sink.servos_started.size(), 1u);
  ASSERT_EQ(sink.servos_exited.size(), 1u);
  EXPECT_TRUE(sink.servos_exited[0].expected);
  EXPECT_EQ(sink.servos_exited[0].exit_code, 0);
  EXPECT_EQ(sink.servos_exited[0].pid, sink.servos_started[0].pid);
  ASSERT_EQ(sink.run_finished.size(), 1u);
  EXPECT_TRUE(sink.run_finished[0].success);
  EXPECT_EQ(sink.order.front(), "run+");
  EXPECT_EQ(sink.order.back(), "run-");
  EXPECT_EQ(sink.order[sink.order.size() - 2], "case- pass");

  const std::string run_id = sink.test_run_id("pass");
  auto recorded = records(run_id, "writer");
  ASSERT_GE(recorded.size(), 7u);
  std::vector<std::string> methods;
  for (std::size_t i = 1; i < recorded.size(); ++i) methods.push_back(recorded[i]["method"]);
  EXPECT_EQ(methods, (std::vector<std::string>{"health", "initialize", "executeStep", "executeStep",
                                               "cleanup", "shutdown"}));
  const auto& env = recorded[0]["env"];
  EXPECT_EQ(env["TROUPE_RUN_ID"], run_id);
  EXPECT_EQ(env["TROUPE_ROLE"], "writer");
  EXPECT_EQ(env["TROUPE_PLATFORM"], "py");
  EXPECT_EQ(env["ECHO_SERVO_PLATFORM"], "py");
  EXPECT_FALSE(env.contains("HARMONY_HOST_PID"));
  EXPECT_EQ(recorded[0]["pgid"], recorded[0]["pid"]) << "servo must lead its own process group";

  const auto& init = recorded[2]["params"];
  EXPECT_EQ(init["role"], "writer");
  EXPECT_EQ(init["platform"], "py");
  EXPECT_EQ(init["scenario"], "pass");
  EXPECT_EQ(init["feature"], "Exec feature");
  EXPECT_EQ(init["testRunId"], run_id);
  EXPECT_EQ(init["hostPid"], static_cast<int>(::getpid()));
  EXPECT_EQ(init["tags"], nlohmann::json::array({"@smoke"}));

  const auto& step = recorded[3]["params"];
  EXPECT_EQ(step["process"], "writer");
  EXPECT_EQ(step["stepType"], "given");
  EXPECT_EQ(step["step"], "creates buffer 'b1' with size '1024'");
  EXPECT_EQ(step["originalStep"], "the 'writer' process creates buffer 'b1' with size '1024'");
  EXPECT_EQ(step["parameters"], (nlohmann::json{{"0", "b1"}, {"1", "1024"}}));
  EXPECT_EQ(step["isBroadcast"], false);
  EXPECT_EQ(step["timeoutMs"], 10000);
  EXPECT_EQ(recorded[4]["params"]["stepType"], "when");

  // Step logs: the plain one stamped on receipt, the structured one with the servo's time.
  const auto& logs = sink.steps_finished[1].logs;
  ASSERT_EQ(logs.size(), 2u);
  EXPECT_EQ(logs[0].message, "hello");
  EXPECT_EQ(logs[0].source, "step");
  EXPECT_EQ(logs[0].role, "writer");
  EXPECT_EQ(logs[0].platform, "py");
  EXPECT_EQ(logs[1].message, "structured hello");
  EXPECT_EQ(logs[1].level, "DEBUG");
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::milliseconds>(logs[1].time.time_since_epoch())
                .count(),
            1577934245678);
  // The test case's logs are in time order, so the 2020 entry comes first.
  const auto& all = sink.cases_finished[0].logs;
  ASSERT_FALSE(all.empty());
  EXPECT_EQ(all.front().message, "structured hello");
  for (std::size_t i = 1; i < all.size(); ++i) EXPECT_LE(all[i - 1].time, all[i].time);
  expect_no_process_left(sink);
}

TEST_F(ExecTest, NdjsonFramingWorksTheSame) {
  auto config = make_config({platform("nd", {}, config::Framing::Ndjson)});
  auto tc = CaseBuilder("ndjson", {{"writer", "nd"}})
                .send("writer", "sets 'a' to '1'")
                .send("writer", "expects 'a' to be '1'")
                .build();
  RecordingSink sink;
  RunResult result = run({tc}, config, sink);
  EXPECT_EQ(result.passed, 1u);
  ASSERT_EQ(sink.steps_finished.size(), 2u);
  EXPECT_EQ(sink.steps_finished[1].status, Status::Passed) << sink.steps_finished[1].error;
  expect_no_process_left(sink);
}

TEST_F(ExecTest, ContextReturnedByOneRoleReachesTheOther) {
  auto config = make_config({platform("py"), platform("nd", {}, config::Framing::Ndjson)});
  auto good = CaseBuilder("shared", {{"writer", "py"}, {"reader", "nd"}})
                  .send("writer", "sets 'bufferName' to 'b-42'")
                  .send("reader", "expects 'bufferName' to be 'b-42'")
                  .build();
  auto bad = CaseBuilder("mismatch", {{"writer", "py"}, {"reader", "nd"}})
                 .send("writer", "sets 'bufferName' to 'b-42'")
                 .send("reader", "expects 'bufferName' to be 'other'")
                 .send("writer", "never runs")
                 .build();
  RecordingSink sink;
  RunResult result = run({good, bad}, config, sink);
  EXPECT_EQ(result.passed, 1u);
  EXPECT_EQ(result.failed, 1u);
  auto steps = sink.steps_of("mismatch");
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[1]->status, Status::Failed);
  EXPECT_EQ(steps[1]->error, "expected bufferName='other', got 'b-42'");
  EXPECT_EQ(steps[2]->status, Status::Skipped);
  EXPECT_EQ(sink.finished("mismatch")->error, "expected bufferName='other', got 'b-42'");
  auto reader_steps = requests(sink.test_run_id("shared"), "reader", "executeStep");
  ASSERT_EQ(reader_steps.size(), 1u);
  EXPECT_EQ(reader_steps[0]["params"]["context"]["bufferName"], "b-42");
  expect_no_process_left(sink);
}

TEST_F(ExecTest, BroadcastStartsEveryRoleAndPassesOnlyIfAllPass) {
  auto config = make_config({platform("py")});
  auto pass = CaseBuilder("broadcast", {{"writer", "py"}, {"reader", "py"}})
                  .send("writer", "sets 'k' to 'v'")
                  .broadcast("all processes expects 'k' to be 'v'")
                  .build();
  auto fail = CaseBuilder("broadcast-fail", {{"writer", "py"}, {"reader", "py"}})
                  .broadcast("every process fails with 'nope'")
                  .build();
  RecordingSink sink;
  RunResult result = run({pass, fail}, config, sink);
  EXPECT_EQ(result.passed, 1u);
  EXPECT_EQ(result.failed, 1u);
  auto steps = sink.steps_of("broadcast");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[1]->status, Status::Passed) << steps[1]->error;
  EXPECT_EQ(steps[1]->roles, (std::vector<std::string>{"reader", "writer"}));
  for (const std::string role : {"reader", "writer"}) {
    auto sent = requests(sink.test_run_id("broadcast"), role, "executeStep");
    ASSERT_FALSE(sent.empty()) << role;
    EXPECT_EQ(sent.back()["params"]["isBroadcast"], true);
    EXPECT_EQ(sent.back()["params"]["process"], role);
  }
  auto failed = sink.steps_of("broadcast-fail");
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0]->status, Status::Failed);
  EXPECT_EQ(failed[0]->error, "py:reader: nope\npy:writer: nope");
  expect_no_process_left(sink);
}

TEST_F(ExecTest, DataTablesAreSentAsHeadersAndRowObjects) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("table", {{"writer", "py"}})
                .send("writer", "writes rows")
                .table({{"name", "size"}, {"a", "1"}, {"b", "2"}})
                .build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).passed, 1u);
  auto sent = requests(sink.test_run_id("table"), "writer", "executeStep");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["params"]["table"]["headers"], nlohmann::json::array({"name", "size"}));
  EXPECT_EQ(sent[0]["params"]["table"]["rows"][1]["size"], "2");
}

TEST_F(ExecTest, StopThenStepFailsUntilTheRoleStartsAgain) {
  auto config = make_config({platform("py")});
  auto restart = CaseBuilder("restart", {{"writer", "py"}})
                     .send("writer", "sets 'k' to 'v'")
                     .builtin(StepAction::Stop, "writer")
                     .builtin(StepAction::Start, "writer")
                     .builtin(StepAction::Start, "writer")  // already running: a no-op
                     .send("writer", "expects 'k' to be 'v'")
                     .build();
  auto stopped = CaseBuilder("stopped", {{"writer", "py"}})
                     .send("writer", "does something")
                     .builtin(StepAction::Stop, "writer")
                     .send("writer", "does something else")
                     .build();
  RecordingSink sink;
  RunResult result = run({restart, stopped}, config, sink);
  EXPECT_EQ(result.passed, 1u);
  EXPECT_EQ(result.failed, 1u);
  for (const auto* step : sink.steps_of("restart"))
    EXPECT_EQ(step->status, Status::Passed) << step->error;
  // Two servos for the restarted role, each initialized; the context survived the restart.
  std::vector<int> pids;
  for (const auto& s : sink.servos_started)
    if (s.test_case->name == "restart") pids.push_back(s.pid);
  ASSERT_EQ(pids.size(), 2u);
  EXPECT_NE(pids[0], pids[1]);
  auto stopped_steps = sink.steps_of("stopped");
  ASSERT_EQ(stopped_steps.size(), 3u);
  EXPECT_EQ(stopped_steps[1]->status, Status::Passed);
  EXPECT_EQ(stopped_steps[2]->status, Status::Failed);
  EXPECT_EQ(stopped_steps[2]->error, "process 'writer' is not running");
  EXPECT_EQ(stopped_steps[2]->error_type, "not running");
  expect_no_process_left(sink);
}

TEST_F(ExecTest, BroadcastLeavesOutRolesStoppedByABuiltIn) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("broadcast-after-stop", {{"writer", "py"}, {"reader", "py"}})
                .send("writer", "does it")
                .builtin(StepAction::Stop, "writer")
                .broadcast("every process checks")
                .build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).passed, 1u) << sink.cases_finished.at(0).error;
  auto steps = sink.steps_of("broadcast-after-stop");
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[2]->roles, std::vector<std::string>{"reader"});
  EXPECT_EQ(requests(sink.test_run_id("broadcast-after-stop"), "writer", "executeStep").size(), 1u);
  expect_no_process_left(sink);
}

TEST_F(ExecTest, ServoDyingBetweenStepsFailsTheNextStepSentToIt) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("idle-crash", {{"writer", "py"}})
                .send("writer", "replies then exits with '5'")
                .send("writer", "does it")
                .build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  auto steps = sink.steps_of("idle-crash");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0]->status, Status::Passed);
  EXPECT_EQ(steps[1]->status, Status::Failed);
  EXPECT_NE(steps[1]->error.find("servo py:writer exited with code 5"), std::string::npos)
      << steps[1]->error;
  ASSERT_NE(sink.exited("writer"), nullptr);
  EXPECT_FALSE(sink.exited("writer")->expected);
  expect_no_process_left(sink);
}

TEST_F(ExecTest, KillIsImmediateAndExpected) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("kill", {{"writer", "py"}})
                .send("writer", "does something")
                .builtin(StepAction::Kill, "writer")
                .builtin(StepAction::Start, "writer")
                .send("writer", "does something again")
                .build();
  RecordingSink sink;
  RunResult result = run({tc}, config, sink);
  EXPECT_EQ(result.passed, 1u) << sink.finished("kill")->error;
  const ServoExited* killed = sink.exited("writer", 0);
  ASSERT_NE(killed, nullptr);
  EXPECT_TRUE(killed->expected);
  EXPECT_EQ(killed->signal, SIGKILL);
  EXPECT_FALSE(killed->exit_code.has_value());
  // The kill step finished only after the exit was seen.
  auto pos = [&](const std::string& what) {
    return std::find(sink.order.begin(), sink.order.end(), what) - sink.order.begin();
  };
  EXPECT_LT(pos("servo- kill writer"), pos("step- kill 1"));
  expect_no_process_left(sink);
}

TEST_F(ExecTest, KillOrStopOfARoleNotRunningFails) {
  auto config = make_config({platform("py")});
  auto tc =
      CaseBuilder("kill-unstarted", {{"writer", "py"}}).builtin(StepAction::Kill, "writer").build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  ASSERT_EQ(sink.steps_finished.size(), 1u);
  EXPECT_EQ(sink.steps_finished[0].error, "process 'writer' is not running");
  EXPECT_TRUE(sink.servos_started.empty());
}

TEST_F(ExecTest, WaitWaitsWithATimer) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("wait", {{"writer", "py"}}).builtin(StepAction::Wait, "", 200).build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).passed, 1u);
  ASSERT_EQ(sink.steps_finished.size(), 1u);
  EXPECT_GE(sink.steps_finished[0].duration.count(), 195);
  EXPECT_TRUE(sink.servos_started.empty()) << "a wait starts no servo";
}

TEST_F(ExecTest, StepWithoutProcessFails) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("no-process", {}).no_process("something happens").build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  ASSERT_EQ(sink.steps_finished.size(), 1u);
  EXPECT_EQ(sink.steps_finished[0].error, "no process for step");
}

TEST_F(ExecTest, StderrLinesBecomeLogs) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("stderr", {{"writer", "py"}})
                .send("writer", "writes 'to the void' to stderr")
                .build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).passed, 1u);
  bool live = false;
  for (const auto& log : sink.logs)
    if (log.entry.source == "stderr" && log.entry.message == "to the void") live = true;
  EXPECT_TRUE(live);
  EXPECT_NE(joined_messages(sink.cases_finished.at(0).logs).find("[stderr] to the void"),
            std::string::npos);
}

TEST_F(ExecTest, StopEscalatesToSigtermThenSigkill) {
  auto ignores_eof = platform("eof", {"--fault", "ignore-eof"});
  auto ignores_term = platform("term", {"--fault", "ignore-term"});
  auto config = make_config({ignores_eof, ignores_term});
  config.stop_grace_ms = 300;
  auto tc = CaseBuilder("escalate", {{"a", "eof"}, {"b", "term"}})
                .send("a", "does something")
                .send("b", "does something")
                .build();
  RecordingSink sink;
  // Not exiting on stdin EOF breaks the servo contract: the test case fails, naming the servo.
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  EXPECT_EQ(
      sink.cases_finished.at(0).error,
      "servo eof:a did not exit within 300 ms of its stdin closing (stopGraceMs): sent SIGTERM");
  const ServoExited* a = sink.exited("a");
  const ServoExited* b = sink.exited("b");
  ASSERT_NE(a, nullptr);
  ASSERT_NE(b, nullptr);
  EXPECT_EQ(a->signal, SIGTERM);
  EXPECT_EQ(b->signal, SIGKILL);
  EXPECT_TRUE(a->expected);
  EXPECT_TRUE(b->expected);
  std::string logs = joined_messages(sink.cases_finished.at(0).logs);
  EXPECT_NE(logs.find("sending SIGTERM"), std::string::npos) << logs;
  EXPECT_NE(logs.find("sending SIGKILL"), std::string::npos) << logs;
  expect_no_process_left(sink);
}

TEST_F(ExecTest, MissingProgramFailsTheStepThatNeedsIt) {
  auto broken = platform("ghost");
  broken.command = {"/nonexistent/servo-binary", "--flag"};
  auto config = make_config({broken});
  auto tc = CaseBuilder("ghost", {{"writer", "ghost"}}).send("writer", "does something").build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  ASSERT_EQ(sink.steps_finished.size(), 1u);
  EXPECT_EQ(
      sink.steps_finished[0].error,
      "cannot start servo ghost:writer: /nonexistent/servo-binary: no such file or directory");
  EXPECT_TRUE(sink.servos_started.empty());
}

TEST_F(ExecTest, UnconfiguredPlatformFailsWithItsName) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("unconfigured", {{"writer", "rust"}}).send("writer", "does it").build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  EXPECT_EQ(sink.steps_finished.at(0).error, "platform 'rust' of role 'writer' is not configured");
}

}  // namespace
}  // namespace troupe::exec::testing
