// Servos written for the C# Harmony runner: PascalCase array params, numeric StepType, full step
// text, HARMONY_* environment.
#include <gtest/gtest.h>
#include <unistd.h>

#include "exec_test_support.hpp"

namespace troupe::exec::testing {
namespace {

using plan::StepType;

TEST_F(ExecTest, HarmonyServosGetHarmonyShapedRequestsAndEnvironment) {
  auto harmony = platform("csharp", {}, config::Framing::ContentLength, config::Protocol::Harmony);
  auto config = make_config({harmony});
  auto first = CaseBuilder("harmony-1", {{"writer", "csharp"}, {"reader", "csharp"}})
                   .send("writer", "sets 'bufferName' to 'b1'", StepType::Given)
                   .send("reader", "expects 'bufferName' to be 'b1'", StepType::When)
                   .send("reader", "checks it", StepType::Then)
                   .build();
  auto second = CaseBuilder("harmony-2", {{"writer", "csharp"}, {"reader", "csharp"}})
                    .send("writer", "does it")
                    .send("reader", "does it")
                    .build();
  RecordingSink sink;
  RunResult result = run({first, second}, config, sink);
  ASSERT_EQ(result.passed, 2u) << sink.cases_finished.at(0).error;

  const std::string id1 = sink.test_run_id("harmony-1");
  const std::string id2 = sink.test_run_id("harmony-2");
  auto writer1 = records(id1, "writer");
  auto reader1 = records(id1, "reader");
  auto writer2 = records(id2, "writer");
  ASSERT_FALSE(writer1.empty());
  ASSERT_FALSE(reader1.empty());
  ASSERT_FALSE(writer2.empty());
  const std::string host_pid = std::to_string(::getpid());
  EXPECT_EQ(writer1[0]["env"]["HARMONY_HOST_PID"], host_pid);
  EXPECT_EQ(reader1[0]["env"]["HARMONY_HOST_PID"], host_pid);
  EXPECT_EQ(writer1[0]["env"]["HARMONY_FEATURE_ID"], reader1[0]["env"]["HARMONY_FEATURE_ID"]);
  EXPECT_NE(writer1[0]["env"]["HARMONY_FEATURE_ID"], writer2[0]["env"]["HARMONY_FEATURE_ID"]);
  EXPECT_EQ(writer1[0]["env"]["TROUPE_RUN_ID"], id1);

  auto init = requests(id1, "writer", "initialize");
  ASSERT_EQ(init.size(), 1u);
  ASSERT_TRUE(init[0]["params"].is_array());
  ASSERT_EQ(init[0]["params"].size(), 1u);
  const auto& init_params = init[0]["params"][0];
  EXPECT_EQ(init_params["Role"], "writer");
  EXPECT_EQ(init_params["Platform"], "csharp");
  EXPECT_EQ(init_params["Scenario"], "harmony-1");
  EXPECT_EQ(init_params["HostPid"], ::getpid());
  EXPECT_EQ(std::to_string(init_params["FeatureId"].get<long long>()),
            writer1[0]["env"]["HARMONY_FEATURE_ID"].get<std::string>());

  auto writer_steps = requests(id1, "writer", "executeStep");
  auto reader_steps = requests(id1, "reader", "executeStep");
  ASSERT_EQ(writer_steps.size(), 1u);
  ASSERT_EQ(reader_steps.size(), 2u);
  const auto& given = writer_steps[0]["params"][0];
  EXPECT_EQ(given["Process"], "writer");
  EXPECT_EQ(given["StepType"], 0);
  EXPECT_EQ(given["Step"], "the 'writer' process sets 'bufferName' to 'b1'");
  EXPECT_EQ(given["IsBroadcast"], false);
  EXPECT_TRUE(given["Parameters"].is_object());
  EXPECT_EQ(reader_steps[0]["params"][0]["StepType"], 1);
  EXPECT_EQ(reader_steps[1]["params"][0]["StepType"], 2);
  // The writer's PascalCase Context reply was merged and sent on.
  EXPECT_EQ(reader_steps[0]["params"][0]["Context"]["bufferName"], "b1");
  expect_no_process_left(sink);
}

TEST_F(ExecTest, HarmonyFailureReasonFromNumericLevelLogs) {
  auto harmony = platform("csharp", {}, config::Framing::ContentLength, config::Protocol::Harmony);
  auto config = make_config({harmony});
  auto tc = CaseBuilder("harmony-fail", {{"writer", "csharp"}})
                .send("writer", "fails quietly with log 'ring buffer full'")
                .build();
  RecordingSink sink;
  EXPECT_EQ(run({tc}, config, sink).failed, 1u);
  const auto& step = sink.steps_finished.at(0);
  EXPECT_EQ(step.error, "ring buffer full");
  ASSERT_EQ(step.logs.size(), 1u);
  EXPECT_EQ(step.logs[0].level, "ERROR");
}

}  // namespace
}  // namespace troupe::exec::testing
