#include "rpc/json_rpc.hpp"

#include <gtest/gtest.h>

#include <string>

namespace troupe::rpc {
namespace {

using nlohmann::json;

Reply expect_reply(std::string_view body) {
  auto decoded = decode_reply(body);
  if (auto* error = std::get_if<std::string>(&decoded)) {
    ADD_FAILURE() << "unexpected protocol error: " << *error;
    return {};
  }
  return std::get<Reply>(decoded);
}

std::string expect_error(std::string_view body) {
  auto decoded = decode_reply(body);
  if (!std::holds_alternative<std::string>(decoded)) {
    ADD_FAILURE() << "expected a protocol error for " << body;
    return {};
  }
  return std::get<std::string>(decoded);
}

TEST(EncodeRequest, PutsJsonrpcIdMethodParamsInOrder) {
  EXPECT_EQ(encode_request(7, "executeStep", json{{"step", "x"}}),
            R"({"jsonrpc":"2.0","id":7,"method":"executeStep","params":{"step":"x"}})");
  EXPECT_EQ(encode_request(1, "health", json::array()),
            R"({"jsonrpc":"2.0","id":1,"method":"health","params":[]})");
}

TEST(EncodeRequest, OmitsNullParams) {
  EXPECT_EQ(encode_request(3, "shutdown", nullptr),
            R"({"jsonrpc":"2.0","id":3,"method":"shutdown"})");
}

TEST(EncodeRequest, ReplacesInvalidUtf8InsteadOfThrowing) {
  const std::string body = encode_request(1, "executeStep", json{{"step", "a\xff"}});
  EXPECT_EQ(body,
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"executeStep\",\"params\":{\"step\":"
            "\"a\xef\xbf\xbd\"}}");
}

TEST(DecodeReply, RoundTripsAResult) {
  const json result = {{"success", true}, {"data", {{"n", 1}}}};
  const std::string body = json{{"jsonrpc", "2.0"}, {"id", 42}, {"result", result}}.dump();
  const Reply reply = expect_reply(body);
  EXPECT_EQ(reply.id, 42);
  EXPECT_TRUE(reply.ok);
  EXPECT_EQ(reply.result, result);
}

TEST(DecodeReply, NullResultIsAResult) {
  const Reply reply = expect_reply(R"({"jsonrpc":"2.0","id":5,"result":null})");
  EXPECT_TRUE(reply.ok);
  EXPECT_TRUE(reply.result.is_null());
  EXPECT_EQ(reply.id, 5);
}

TEST(DecodeReply, ReadsAnErrorObject) {
  const Reply reply = expect_reply(
      R"({"jsonrpc":"2.0","id":9,"error":{"code":-32601,"message":"Method not found","data":{"m":"x"}}})");
  EXPECT_FALSE(reply.ok);
  EXPECT_EQ(reply.id, 9);
  EXPECT_EQ(reply.error_code, -32601);
  EXPECT_EQ(reply.error_message, "Method not found");
  EXPECT_EQ(reply.error_data, (json{{"m", "x"}}));
}

TEST(DecodeReply, ErrorWithoutDataHasNullData) {
  const Reply reply = expect_reply(R"({"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"m"}})");
  EXPECT_TRUE(reply.error_data.is_null());
}

TEST(DecodeReply, IgnoresUnknownMembers) {
  const Reply reply = expect_reply(R"({"jsonrpc":"2.0","id":2,"result":true,"extra":[1,2]})");
  EXPECT_EQ(reply.result, json(true));
}

TEST(DecodeReply, RejectsInvalidJson) {
  EXPECT_EQ(
      expect_error("{\"jsonrpc\":"),
      "message is not valid JSON (parse error at line 1, column 12: syntax error while parsing "
      "value - unexpected end of input; expected '[', '{', or a literal): "
      "\"{\\\"jsonrpc\\\":\"");
  EXPECT_EQ(expect_error("").rfind("message is not valid JSON (", 0), 0u);
}

TEST(DecodeReply, RejectsInvalidUtf8WithEscapedBytes) {
  EXPECT_EQ(expect_error("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"a\xff\"}"),
            "message is not valid UTF-8 (byte 0xff at offset 35): "
            "\"\\\",\\\"id\\\":1,\\\"result\\\":\\\"a\\xff\\\"}\"");
}

TEST(DecodeReply, RejectsDeepNestingWithoutRecursing) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::string error = expect_error(deep);
  EXPECT_EQ(error.rfind("message nests JSON deeper than 256 levels: \"[[[[", 0), 0u) << error;
  // Unterminated, too.
  EXPECT_EQ(expect_error(std::string(100000, '{')).rfind("message nests JSON deeper than 256", 0),
            0u);
}

TEST(DecodeReply, AcceptsNestingAtTheLimitAndIgnoresBracketsInStrings) {
  std::string nested = std::string(255, '[') + std::string(255, ']');
  const std::string body = R"({"jsonrpc":"2.0","id":1,"result":)" + nested + "}";
  EXPECT_TRUE(expect_reply(body).ok);
  const std::string brackets =
      R"({"jsonrpc":"2.0","id":1,"result":")" + std::string(1000, '[') + R"(\"[[["})";
  EXPECT_TRUE(expect_reply(brackets).ok);
}

TEST(DecodeReply, RejectsNonObjects) {
  EXPECT_EQ(expect_error("[1,2]"),
            "message is a JSON array, not a JSON-RPC response object: \"[1,2]\"");
  EXPECT_EQ(expect_error("42"), "message is a JSON number, not a JSON-RPC response object: \"42\"");
}

TEST(DecodeReply, RejectsRequestsAndNotificationsFromTheServo) {
  EXPECT_EQ(expect_error(R"({"jsonrpc":"2.0","id":1,"method":"log","params":{}})"),
            "servo sent a request (method \"log\") but servos may only reply to troupe's requests: "
            "\"{\\\"jsonrpc\\\":\\\"2.0\\\",\\\"id\\\":1,\\\"method\\\":\\\"log\\\",\\\"params\\\":"
            "{}}\"");
  EXPECT_EQ(expect_error(R"({"jsonrpc":"2.0","method":"progress"})")
                .rfind("servo sent a notification (method \"progress\")", 0),
            0u);
}

TEST(DecodeReply, RequiresJsonrpc20) {
  EXPECT_EQ(expect_error(R"({"id":1,"result":true})"),
            "message lacks \"jsonrpc\": \"2.0\": \"{\\\"id\\\":1,\\\"result\\\":true}\"");
  EXPECT_EQ(expect_error(R"({"jsonrpc":"1.0","id":1,"result":true})").rfind("message lacks", 0),
            0u);
}

TEST(DecodeReply, RequiresExactlyOneOfResultAndError) {
  EXPECT_EQ(expect_error(R"({"jsonrpc":"2.0","id":1})"),
            "response has neither \"result\" nor \"error\": "
            "\"{\\\"jsonrpc\\\":\\\"2.0\\\",\\\"id\\\":1}\"");
  EXPECT_EQ(expect_error(R"({"jsonrpc":"2.0","id":1,"result":1,"error":{"code":1,"message":"m"}})")
                .rfind("response has both \"result\" and \"error\": ", 0),
            0u);
}

TEST(DecodeReply, RequiresAnIntegerId) {
  EXPECT_EQ(expect_error(R"({"jsonrpc":"2.0","result":true})"),
            "response has no \"id\": \"{\\\"jsonrpc\\\":\\\"2.0\\\",\\\"result\\\":true}\"");
  EXPECT_EQ(expect_error(R"({"jsonrpc":"2.0","id":"1","result":true})")
                .rfind("response id \\\"1\\\" is not an integer: ", 0),
            0u);
  EXPECT_EQ(expect_error(R"({"jsonrpc":"2.0","id":1.5,"result":true})")
                .rfind("response id 1.5 is not an integer", 0),
            0u);
  EXPECT_EQ(expect_error(R"({"jsonrpc":"2.0","id":18446744073709551615,"result":true})")
                .rfind("response id 18446744073709551615 is out of range", 0),
            0u);
  EXPECT_EQ(expect_reply(R"({"jsonrpc":"2.0","id":-3,"result":true})").id, -3);
}

TEST(DecodeReply, ErrorWithNullIdIsReportedWithItsMessage) {
  // What a servo sends when it cannot parse troupe's request at all.
  EXPECT_EQ(expect_error(
                R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}})"),
            "servo replied with an error that has no id: -32700 Parse error");
}

TEST(DecodeReply, RejectsMalformedErrorObjects) {
  EXPECT_EQ(expect_error(R"({"jsonrpc":"2.0","id":1,"error":"boom"})")
                .rfind("response \"error\" is a JSON string, not an object: ", 0),
            0u);
  EXPECT_EQ(expect_error(R"({"jsonrpc":"2.0","id":1,"error":{"message":"m"}})")
                .rfind("response error has no integer \"code\": ", 0),
            0u);
  EXPECT_EQ(expect_error(R"({"jsonrpc":"2.0","id":1,"error":{"code":1}})")
                .rfind("response error has no string \"message\": ", 0),
            0u);
}

TEST(DecodeReply, RoundTripsWhatEncodeRequestBuildsAsIds) {
  for (std::int64_t id : {std::int64_t{0}, std::int64_t{1}, std::int64_t{1} << 40}) {
    const std::string body = json{{"jsonrpc", "2.0"}, {"id", id}, {"result", "ok"}}.dump();
    EXPECT_EQ(expect_reply(body).id, id);
  }
}

}  // namespace
}  // namespace troupe::rpc

namespace troupe::rpc {
namespace {

TEST(DecodeReplyLogCap, KeepsTheFirstLogsWhileParsingAndNotesTheRest) {
  std::string body = R"({"jsonrpc":"2.0","id":7,"result":{"success":true,"Logs":[)";
  for (int i = 0; i < 100; ++i) body += (i ? ",\"l" : "\"l") + std::to_string(i) + "\"";
  body += R"(,{"message":"obj"},[1]],"context":{"logs":[1,2,3,4,5]}}})";
  auto decoded = decode_reply(body, 5);
  ASSERT_TRUE(std::holds_alternative<Reply>(decoded)) << std::get<std::string>(decoded);
  const auto& result = std::get<Reply>(decoded).result;
  EXPECT_EQ(result["Logs"],
            (nlohmann::json{"[WARN] troupe: the reply had 102 log lines; kept the first 4, "
                            "dropped 98 (maxLogLinesPerTestCase)",
                            "l0", "l1", "l2", "l3"}));
  // Only result.logs is capped, not arrays of the same name elsewhere.
  EXPECT_EQ(result["context"]["logs"], (nlohmann::json{1, 2, 3, 4, 5}));
}

TEST(DecodeReplyLogCap, ExactlyTheLimitIsKeptWhole) {
  auto decoded = decode_reply(R"({"jsonrpc":"2.0","id":1,"result":{"logs":["a","b"]}})", 2);
  ASSERT_TRUE(std::holds_alternative<Reply>(decoded));
  EXPECT_EQ(std::get<Reply>(decoded).result["logs"], (nlohmann::json{"a", "b"}));
}

TEST(DecodeReplyLogCap, LogsOutsideTheResultAreUntouched) {
  auto decoded = decode_reply(
      R"({"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"m","data":{"logs":[1,2,3]}}})", 1);
  ASSERT_TRUE(std::holds_alternative<Reply>(decoded));
  EXPECT_EQ(std::get<Reply>(decoded).error_data["logs"], (nlohmann::json{1, 2, 3}));
}

}  // namespace
}  // namespace troupe::rpc
