// The example exchanges in docs/protocol.md, byte for byte: if these change, update the docs.
#include <gtest/gtest.h>

#include "rpc/frame_decoder.hpp"
#include "rpc/json_rpc.hpp"
#include "rpc/servo_protocol.hpp"

namespace troupe::rpc {
namespace {

using config::Framing;
using nlohmann::json;

constexpr const char* kRunId = "20261126T105500-41234-1-0003";

InitializeParams documented_initialize(std::string role, std::string platform) {
  InitializeParams params;
  params.role = std::move(role);
  params.platform = std::move(platform);
  params.scenario = "Simple write-read";
  params.feature = "Basic communication";
  params.test_run_id = kRunId;
  params.host_pid = 41234;
  params.feature_id = 3;
  params.tags = {"@smoke"};
  return params;
}

TEST(DocumentedExchange, TroupeContentLength) {
  const auto protocol = make_servo_protocol(config::Protocol::Troupe);
  EXPECT_EQ(encode_frame(Framing::ContentLength,
                         encode_request(1, kHealthMethod, protocol->health_params())),
            "Content-Length: 42\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"health\"}");
  EXPECT_EQ(
      encode_frame(
          Framing::ContentLength,
          encode_request(2, kInitializeMethod,
                         protocol->initialize_params(documented_initialize("writer", "python")))),
      "Content-Length: "
      "247\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{"
      "\"feature\":\"Basic "
      "communication\",\"featureId\":3,\"hostPid\":41234,\"platform\":\"python\","
      "\"role\":\"writer\",\"scenario\":\"Simple write-read\",\"tags\":[\"@smoke\"],\"testRunId\":"
      "\"20261126T105500-41234-1-0003\"}}");
  StepParams step;
  step.process = "writer";
  step.step_type = plan::StepType::When;
  step.step = "writes frame with size '1024'";
  step.original_step = "the 'writer' process writes frame with size '1024'";
  step.parameters = step_parameters(step.step);
  step.timeout_ms = 30000;
  EXPECT_EQ(
      encode_frame(Framing::ContentLength,
                   encode_request(3, kExecuteStepMethod, protocol->step_params(step))),
      "Content-Length: "
      "309\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"executeStep\",\"params\":{"
      "\"context\":{},\"docString\":null,\"isBroadcast\":false,\"originalStep\":\"the 'writer' "
      "process writes frame with size '1024'\",\"parameters\":{\"0\":\"1024\"},\"process\":"
      "\"writer\",\"step\":\"writes frame with size '1024'\",\"stepType\":\"when\",\"table\":null,"
      "\"timeoutMs\":30000}}");
  EXPECT_EQ(encode_frame(Framing::ContentLength,
                         encode_request(5, kShutdownMethod, protocol->shutdown_params())),
            "Content-Length: 44\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"shutdown\"}");

  // The documented reply decodes to what the docs say.
  std::vector<std::string> bodies;
  FrameDecoder decoder(Framing::ContentLength, 1 << 20);
  ASSERT_TRUE(decoder.feed(
      "Content-Length: "
      "190\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"success\":true,\"data\":{"
      "\"frameId\":123},\"context\":{\"lastFrameId\":\"123\"},\"logs\":[\"[DEBUG] writing 1024 "
      "bytes\","
      "{\"level\":\"INFO\",\"message\":\"frame 123 written\"}]}}",
      bodies));
  ASSERT_EQ(bodies.size(), 1u);
  const Reply reply = std::get<Reply>(decode_reply(bodies[0]));
  const StepOutcome outcome = protocol->step_outcome(reply.result);
  EXPECT_TRUE(outcome.success);
  EXPECT_EQ(outcome.context, (json{{"lastFrameId", "123"}}));
  ASSERT_EQ(outcome.logs.size(), 2u);
  EXPECT_EQ(outcome.logs[0].level, "DEBUG");
}

TEST(DocumentedExchange, TroupeNdjson) {
  const auto protocol = make_servo_protocol(config::Protocol::Troupe);
  EXPECT_EQ(
      encode_frame(Framing::Ndjson, encode_request(1, kHealthMethod, protocol->health_params())),
      "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"health\"}\n");
}

TEST(DocumentedExchange, HarmonyContentLength) {
  const auto protocol = make_servo_protocol(config::Protocol::Harmony);
  EXPECT_EQ(encode_frame(Framing::ContentLength,
                         encode_request(1, kHealthMethod, protocol->health_params())),
            "Content-Length: "
            "54\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"health\",\"params\":[]}");
  EXPECT_EQ(
      encode_frame(
          Framing::ContentLength,
          encode_request(2, kInitializeMethod,
                         protocol->initialize_params(documented_initialize("reader", "csharp")))),
      "Content-Length: "
      "199\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":[{"
      "\"FeatureId\":3,\"HostPid\":41234,\"Platform\":\"csharp\",\"Role\":\"reader\",\"Scenario\":"
      "\"Simple write-read\",\"TestRunId\":\"20261126T105500-41234-1-0003\"}]}");
  StepParams step;
  step.process = "reader";
  step.step_type = plan::StepType::Then;
  step.step = "the 'reader' process should read frame with size '1024'";
  step.original_step = step.step;
  step.parameters = step_parameters("should read frame with size '1024'");
  step.context = json{{"lastFrameId", "123"}};
  step.timeout_ms = 30000;
  EXPECT_EQ(
      encode_frame(Framing::ContentLength,
                   encode_request(3, kExecuteStepMethod, protocol->step_params(step))),
      "Content-Length: "
      "225\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"executeStep\",\"params\":[{"
      "\"Context\":{\"lastFrameId\":\"123\"},\"IsBroadcast\":false,\"Parameters\":{},\"Process\":"
      "\"reader\",\"Step\":\"the 'reader' process should read frame with size '1024'\","
      "\"StepType\":2}]}");
  EXPECT_EQ(encode_frame(Framing::ContentLength,
                         encode_request(4, kCleanupMethod, protocol->cleanup_params())),
            "Content-Length: "
            "55\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"cleanup\",\"params\":[]}");

  const Reply reply =
      std::get<Reply>(decode_reply("{\"jsonrpc\":\"2.0\",\"id\":3,\"result\":{\"Success\":false,"
                                   "\"Error\":\"Step execution failed\","
                                   "\"Context\":null,\"Logs\":[{\"Timestamp\":\"2026-11-26T10:55:"
                                   "01.123Z\",\"Level\":4,\"Message\":"
                                   "\"expected 1024 bytes, read 0\"}]}}"));
  const StepOutcome outcome = protocol->step_outcome(reply.result);
  EXPECT_FALSE(outcome.success);
  EXPECT_EQ(outcome.error, "Step execution failed (last error log: expected 1024 bytes, read 0)");
}

}  // namespace
}  // namespace troupe::rpc
