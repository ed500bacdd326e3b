// What a misbehaving servo does to a run: timeouts, crashes, bad start-ups, protocol errors,
// and processes it leaves behind.
#include <gtest/gtest.h>

#include <csignal>

#include "exec_test_support.hpp"

namespace troupe::exec::testing {
namespace {

using plan::StepAction;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST_F(ExecTest, StepTimeoutKillsThatServoSkipsTheRestAndStopsTheOthers) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("step-timeout", {{"writer", "py"}, {"reader", "py"}})
                .send("reader", "gets ready")
                .send("writer", "hangs")
                .send("reader", "never runs")
                .step_timeout(400)
                .build();
  RecordingSink sink;
  RunResult result = run({tc}, config, sink);
  EXPECT_EQ(result.failed, 1u);
  auto steps = sink.steps_of("step-timeout");
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[1]->status, Status::Failed);
  EXPECT_EQ(steps[1]->error, "timed out after 400 ms");
  EXPECT_EQ(steps[1]->error_type, "timeout");
  EXPECT_GE(steps[1]->duration.count(), 395);
  EXPECT_EQ(steps[2]->status, Status::Skipped);
  const ServoExited* writer = sink.exited("writer");
  const ServoExited* reader = sink.exited("reader");
  ASSERT_NE(writer, nullptr);
  ASSERT_NE(reader, nullptr);
  EXPECT_EQ(writer->signal, SIGKILL);
  EXPECT_EQ(reader->exit_code, 0) << "the other servo is stopped normally";
  EXPECT_EQ(requests(sink.test_run_id("step-timeout"), "reader", "shutdown").size(), 1u);
  EXPECT_TRUE(requests(sink.test_run_id("step-timeout"), "writer", "cleanup").empty());
  // The servo was told its deadline.
  auto sent = requests(sink.test_run_id("step-timeout"), "writer", "executeStep");
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0]["params"]["timeoutMs"], 400);
  expect_no_process_left(sink);
}

TEST_F(ExecTest, ScenarioTimeoutFailsTheRunningStepAndKillsEverything) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("scenario-timeout", {{"writer", "py"}, {"reader", "py"}})
                .send("reader", "gets ready")
                .send("writer", "sleeps '20000' ms")
                .send("writer", "never runs")
                .scenario_timeout(700)
                .build();
  RecordingSink sink;
  RunResult result = run({tc}, config, sink);
  EXPECT_EQ(result.failed, 1u);
  auto steps = sink.steps_of("scenario-timeout");
  ASSERT_EQ(steps.size(), 3u);
  EXPECT_EQ(steps[1]->error, "test case timed out after 700 ms");
  EXPECT_EQ(steps[1]->error_type, "timeout");
  EXPECT_EQ(steps[2]->status, Status::Skipped);
  EXPECT_EQ(sink.finished("scenario-timeout")->error, "test case timed out after 700 ms");
  EXPECT_FALSE(sink.finished("scenario-timeout")->interrupted);
  EXPECT_EQ(sink.exited("writer")->signal, SIGKILL);
  EXPECT_EQ(sink.exited("reader")->signal, SIGKILL);
  EXPECT_LT(sink.finished("scenario-timeout")->duration.count(), 5000);
  expect_no_process_left(sink);
}

TEST_F(ExecTest, ServoExitingMidStepFailsItWithCodeAndStderr) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("crash", {{"writer", "py"}})
                .send("writer", "exits with code '3'")
                .send("writer", "never runs")
                .build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  auto steps = sink.steps_of("crash");
  ASSERT_EQ(steps.size(), 2u);
  EXPECT_EQ(steps[0]->error, "servo py:writer exited with code 3\nstderr tail:\nexiting with 3");
  EXPECT_EQ(steps[0]->error_type, "servo exited");
  EXPECT_EQ(steps[1]->status, Status::Skipped);
  const ServoExited* exited = sink.exited("writer");
  ASSERT_NE(exited, nullptr);
  EXPECT_FALSE(exited->expected);
  EXPECT_EQ(exited->exit_code, 3);
  EXPECT_EQ(exited->stderr_tail, "exiting with 3");
  expect_no_process_left(sink);
}

TEST_F(ExecTest, ServoDyingOfSigsegvNamesTheSignal) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("segv", {{"writer", "py"}}).send("writer", "segfaults").build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  ASSERT_EQ(sink.steps_finished.size(), 1u);
  const auto& error = sink.steps_finished[0].error;
  EXPECT_TRUE(contains(error, "servo py:writer was killed by signal SIGSEGV")) << error;
  EXPECT_TRUE(contains(error, "about to crash")) << error;
  EXPECT_EQ(sink.exited("writer")->signal, SIGSEGV);
  expect_no_process_left(sink);
}

TEST_F(ExecTest, ServoExitingBeforeHealth) {
  auto config = make_config({platform("py", {"--fault", "exit-before-health"})});
  auto tc = CaseBuilder("early-exit", {{"writer", "py"}}).send("writer", "does it").build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  ASSERT_EQ(sink.steps_finished.size(), 1u);
  EXPECT_EQ(sink.steps_finished[0].error,
            "servo py:writer exited with code 4 before answering health\nstderr tail:\n"
            "cannot start: missing thing");
  EXPECT_EQ(sink.steps_finished[0].error_type, "servo exited");
  expect_no_process_left(sink);
}

TEST_F(ExecTest, ServoNeverAnsweringHealth) {
  auto config = make_config({platform("py", {"--fault", "no-health"})});
  config.start_timeout_ms = 500;
  auto tc = CaseBuilder("no-health", {{"writer", "py"}}).send("writer", "does it").build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  ASSERT_EQ(sink.steps_finished.size(), 1u);
  EXPECT_EQ(sink.steps_finished[0].error,
            "servo py:writer did not answer health within 500 ms (startTimeoutMs)");
  EXPECT_EQ(sink.steps_finished[0].error_type, "timeout");
  EXPECT_EQ(sink.exited("writer")->signal, SIGKILL);
  expect_no_process_left(sink);
}

TEST_F(ExecTest, UnhealthyServo) {
  auto config = make_config({platform("py", {"--fault", "unhealthy"})});
  auto tc = CaseBuilder("unhealthy", {{"writer", "py"}}).send("writer", "does it").build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  const auto& error = sink.steps_finished.at(0).error;
  EXPECT_TRUE(contains(error, "servo py:writer is not healthy")) << error;
  EXPECT_TRUE(contains(error, "disk on fire")) << error;
  expect_no_process_left(sink);
}

TEST_F(ExecTest, StrayStdoutIsAProtocolErrorNotAHang) {
  auto config = make_config({platform("py", {"--fault", "stray-stdout"})});
  auto tc = CaseBuilder("stray", {{"writer", "py"}}).send("writer", "does it").build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  const auto& step = sink.steps_finished.at(0);
  EXPECT_TRUE(contains(step.error, "protocol error from py:writer: ")) << step.error;
  EXPECT_TRUE(contains(step.error, "hello world")) << step.error;
  EXPECT_EQ(step.error_type, "protocol error");
  EXPECT_FALSE(sink.exited("writer")->expected);
  expect_no_process_left(sink);
}

TEST_F(ExecTest, StrayTextDuringAStep) {
  auto config = make_config({platform("py")});
  auto tc =
      CaseBuilder("stray-step", {{"writer", "py"}}).send("writer", "writes stray text").build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  const auto& step = sink.steps_finished.at(0);
  EXPECT_TRUE(contains(step.error, "protocol error from py:writer: ")) << step.error;
  EXPECT_TRUE(contains(step.error, "this is not json-rpc")) << step.error;
  EXPECT_LT(step.duration.count(), 5000);
  expect_no_process_left(sink);
}

TEST_F(ExecTest, ReplyWithUnknownIdIsAProtocolError) {
  auto config = make_config({platform("py"), platform("bad", {"--fault", "unknown-id"})});
  auto in_step = CaseBuilder("unknown-id-step", {{"writer", "py"}})
                     .send("writer", "replies with unknown id")
                     .build();
  auto in_health =
      CaseBuilder("unknown-id-health", {{"writer", "bad"}}).send("writer", "does it").build();
  RecordingSink sink;
  EXPECT_EQ(run({in_step, in_health}, config, sink).failed, 2u);
  auto a = sink.steps_of("unknown-id-step");
  auto b = sink.steps_of("unknown-id-health");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_TRUE(contains(a[0]->error, "protocol error from py:writer: reply with unknown id"))
      << a[0]->error;
  EXPECT_TRUE(contains(b[0]->error, "protocol error from bad:writer: reply with unknown id"))
      << b[0]->error;
  expect_no_process_left(sink);
}

TEST_F(ExecTest, GrandchildrenDoNotOutliveTheirServo) {
  auto config = make_config({platform("py")});
  auto stopped = CaseBuilder("grandchild-stop", {{"writer", "py"}})
                     .send("writer", "spawns a grandchild")
                     .build();
  auto crashed = CaseBuilder("grandchild-crash", {{"writer", "py"}})
                     .send("writer", "spawns a grandchild")
                     .send("writer", "exits with code '0'")
                     .build();
  auto killed = CaseBuilder("grandchild-kill", {{"writer", "py"}})
                    .send("writer", "spawns a grandchild")
                    .builtin(StepAction::Kill, "writer")
                    .build();
  RecordingSink sink;
  RunResult result = run({stopped, crashed, killed}, config, sink);
  EXPECT_EQ(result.passed, 2u);
  EXPECT_EQ(result.failed, 1u);
  int grandchildren = 0;
  for (const auto& name : {"grandchild-stop", "grandchild-crash", "grandchild-kill"})
    for (const auto& r : records(sink.test_run_id(name), "writer"))
      if (r.contains("grandchild")) ++grandchildren;
  EXPECT_EQ(grandchildren, 3);
  expect_no_process_left(sink);
}

TEST_F(ExecTest, HarmonyStyleFailureReasonComesFromTheLogs) {
  auto config = make_config({platform("py")});
  auto tc = CaseBuilder("quiet-failure", {{"writer", "py"}})
                .send("writer", "fails quietly with log 'buffer full'")
                .build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  EXPECT_EQ(sink.steps_finished.at(0).error, "buffer full");
}

}  // namespace
}  // namespace troupe::exec::testing
