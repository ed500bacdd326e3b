#include "rpc/servo_protocol.hpp"

#include <gtest/gtest.h>

#include "rpc/json_rpc.hpp"

namespace troupe::rpc {
namespace {

using nlohmann::json;

InitializeParams sample_initialize() {
  InitializeParams params;
  params.role = "reader";
  params.platform = "cpp";
  params.scenario = "Simple write-read";
  params.feature = "Basic communication";
  params.test_run_id = "r7-3";
  params.host_pid = 4242;
  params.feature_id = 17;
  params.tags = {"@smoke", "@timeout:5000"};
  return params;
}

StepParams sample_step() {
  StepParams params;
  params.process = "writer";
  params.step_type = plan::StepType::When;
  params.step = "writes frame with size '1024'";
  params.original_step = "the 'writer' process writes frame with size '1024'";
  params.parameters = step_parameters(params.step);
  params.context = json{{"bufferName", "b1"}, {"count", 3}};
  params.timeout_ms = 30000;
  return params;
}

class TroupeProtocolTest : public ::testing::Test {
 protected:
  std::unique_ptr<ServoProtocol> protocol = make_servo_protocol(config::Protocol::Troupe);
};

TEST_F(TroupeProtocolTest, ParameterlessMethodsOmitParams) {
  EXPECT_TRUE(protocol->health_params().is_null());
  EXPECT_TRUE(protocol->cleanup_params().is_null());
  EXPECT_TRUE(protocol->shutdown_params().is_null());
  EXPECT_EQ(encode_request(1, kHealthMethod, protocol->health_params()),
            R"({"jsonrpc":"2.0","id":1,"method":"health"})");
}

TEST_F(TroupeProtocolTest, InitializeParamsAreCamelCase) {
  EXPECT_EQ(protocol->initialize_params(sample_initialize()), json::parse(R"({
    "role": "reader", "platform": "cpp", "scenario": "Simple write-read",
    "feature": "Basic communication", "testRunId": "r7-3", "hostPid": 4242, "featureId": 17,
    "tags": ["@smoke", "@timeout:5000"]})"));
}

TEST_F(TroupeProtocolTest, StepParamsWithoutArgument) {
  EXPECT_EQ(protocol->step_params(sample_step()), json::parse(R"({
    "process": "writer", "stepType": "when", "step": "writes frame with size '1024'",
    "originalStep": "the 'writer' process writes frame with size '1024'",
    "parameters": {"0": "1024"}, "context": {"bufferName": "b1", "count": 3},
    "table": null, "docString": null, "isBroadcast": false, "timeoutMs": 30000})"));
}

TEST_F(TroupeProtocolTest, StepParamsWithTableRowsKeyedByHeader) {
  StepParams params = sample_step();
  params.step_type = plan::StepType::Given;
  params.is_broadcast = true;
  params.table = gherkin::PickleTable{{{{"name", "size"}}, {{"a", "1"}}, {{"b", "2"}}}};
  const json sent = protocol->step_params(params);
  EXPECT_EQ(sent["stepType"], "given");
  EXPECT_EQ(sent["isBroadcast"], true);
  EXPECT_EQ(sent["table"], json::parse(R"({"headers": ["name", "size"],
    "rows": [{"name": "a", "size": "1"}, {"name": "b", "size": "2"}]})"));
}

TEST_F(TroupeProtocolTest, StepParamsWithDocString) {
  StepParams params = sample_step();
  params.step_type = plan::StepType::Then;
  params.doc_string = gherkin::PickleDocString{"line 1\nline 2", std::string("json")};
  json sent = protocol->step_params(params);
  EXPECT_EQ(sent["stepType"], "then");
  EXPECT_EQ(sent["docString"], (json{{"content", "line 1\nline 2"}, {"mediaType", "json"}}));
  params.doc_string = gherkin::PickleDocString{"x", std::nullopt};
  sent = protocol->step_params(params);
  EXPECT_EQ(sent["docString"], (json{{"content", "x"}, {"mediaType", nullptr}}));
}

TEST_F(TroupeProtocolTest, EmptyTableAndShortRowsAreSafe) {
  StepParams params = sample_step();
  params.table = gherkin::PickleTable{};
  EXPECT_EQ(protocol->step_params(params)["table"], json::parse(R"({"headers": [], "rows": []})"));
  params.table = gherkin::PickleTable{{{{"a", "b"}}, {{"1"}}}};
  EXPECT_EQ(protocol->step_params(params)["table"]["rows"],
            json::parse(R"([{"a": "1", "b": ""}])"));
}

TEST_F(TroupeProtocolTest, ReadsRepliesAndHealth) {
  std::string why;
  EXPECT_TRUE(protocol->healthy(json(true), why));
  EXPECT_TRUE(protocol->healthy(json{{"healthy", true}}, why));
  EXPECT_FALSE(protocol->healthy(json(false), why));
  const StepOutcome outcome = protocol->step_outcome(json{{"success", true}, {"logs", {"hi"}}});
  EXPECT_TRUE(outcome.success);
  ASSERT_EQ(outcome.logs.size(), 1u);
  EXPECT_EQ(outcome.logs[0].message, "hi");
}

class HarmonyProtocolTest : public ::testing::Test {
 protected:
  std::unique_ptr<ServoProtocol> protocol = make_servo_protocol(config::Protocol::Harmony);
};

TEST_F(HarmonyProtocolTest, ParameterlessMethodsSendAnEmptyArray) {
  // StreamJsonRpc's InvokeAsync(method) with no arguments sends "params": [].
  EXPECT_EQ(protocol->health_params(), json::array());
  EXPECT_EQ(protocol->cleanup_params(), json::array());
  EXPECT_EQ(protocol->shutdown_params(), json::array());
  EXPECT_EQ(encode_request(1, kHealthMethod, protocol->health_params()),
            R"({"jsonrpc":"2.0","id":1,"method":"health","params":[]})");
}

TEST_F(HarmonyProtocolTest, InitializeIsOnePascalCaseObjectInAnArray) {
  EXPECT_EQ(protocol->initialize_params(sample_initialize()), json::parse(R"([{
    "Role": "reader", "Platform": "cpp", "Scenario": "Simple write-read",
    "HostPid": 4242, "FeatureId": 17, "TestRunId": "r7-3"}])"));
}

TEST_F(HarmonyProtocolTest, InitializeDerivesTestRunIdLikeHarmonyWhenNoneIsGiven) {
  InitializeParams params = sample_initialize();
  params.test_run_id.clear();
  EXPECT_EQ(protocol->initialize_params(params)[0]["TestRunId"], "4242_17");
}

TEST_F(HarmonyProtocolTest, StepIsFullTextNumericTypeAndStringContext) {
  EXPECT_EQ(protocol->step_params(sample_step()), json::parse(R"([{
    "Process": "writer", "StepType": 1,
    "Step": "the 'writer' process writes frame with size '1024'",
    "Parameters": {}, "Context": {"bufferName": "b1", "count": "3"}, "IsBroadcast": false}])"));
}

TEST_F(HarmonyProtocolTest, StepTypeNumbering) {
  StepParams params = sample_step();
  params.step_type = plan::StepType::Given;
  EXPECT_EQ(protocol->step_params(params)[0]["StepType"], 0);
  params.step_type = plan::StepType::Then;
  params.is_broadcast = true;
  const json sent = protocol->step_params(params);
  EXPECT_EQ(sent[0]["StepType"], 2);
  EXPECT_EQ(sent[0]["IsBroadcast"], true);
}

TEST_F(HarmonyProtocolTest, NeverSendsKeysHarmonyDidNotSend) {
  StepParams params = sample_step();
  params.table = gherkin::PickleTable{{{{"a"}}, {{"1"}}}};
  params.doc_string = gherkin::PickleDocString{"x", std::nullopt};
  const json sent = protocol->step_params(params);
  ASSERT_TRUE(sent.is_array());
  ASSERT_EQ(sent.size(), 1u);
  std::vector<std::string> keys;
  for (const auto& [key, value] : sent[0].items()) keys.push_back(key);
  EXPECT_EQ(keys, (std::vector<std::string>{"Context", "IsBroadcast", "Parameters", "Process",
                                            "Step", "StepType"}));
}

TEST_F(HarmonyProtocolTest, ReadsACSharpServoReply) {
  const StepOutcome outcome = protocol->step_outcome(json::parse(R"({
    "Success": false, "Error": "Step execution failed", "Context": {"a": "1"},
    "Logs": [{"Timestamp": "2025-01-01T00:00:00Z", "Level": 4, "Message": "Buffer 'b1' not found"}]})"));
  EXPECT_FALSE(outcome.success);
  EXPECT_EQ(outcome.error, "Step execution failed (last error log: Buffer 'b1' not found)");
  EXPECT_EQ(outcome.context, (json{{"a", "1"}}));
  ASSERT_EQ(outcome.logs.size(), 1u);
  EXPECT_EQ(outcome.logs[0].level, "ERROR");
  EXPECT_EQ(outcome.logs[0].timestamp, "2025-01-01T00:00:00Z");
}

TEST_F(HarmonyProtocolTest, ReadsAPythonServoReply) {
  const StepOutcome outcome = protocol->step_outcome(json::parse(R"({
    "success": true, "error": null, "data": {},
    "logs": [{"level": "INFO", "message": "Step executed successfully"}]})"));
  EXPECT_TRUE(outcome.success);
  ASSERT_EQ(outcome.logs.size(), 1u);
  EXPECT_EQ(outcome.logs[0].level, "INFO");
}

TEST_F(HarmonyProtocolTest, HealthAcceptsTrue) {
  std::string why;
  EXPECT_TRUE(protocol->healthy(json(true), why));
  EXPECT_FALSE(protocol->healthy(json(nullptr), why));
  EXPECT_FALSE(why.empty());
}

TEST(MethodNames, MatchHarmonyServoMethods) {
  EXPECT_EQ(kHealthMethod, "health");
  EXPECT_EQ(kInitializeMethod, "initialize");
  EXPECT_EQ(kDiscoverMethod, "discover");
  EXPECT_EQ(kExecuteStepMethod, "executeStep");
  EXPECT_EQ(kCleanupMethod, "cleanup");
  EXPECT_EQ(kShutdownMethod, "shutdown");
}

}  // namespace
}  // namespace troupe::rpc
