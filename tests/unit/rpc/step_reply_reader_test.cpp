#include "rpc/step_reply_reader.hpp"

#include <gtest/gtest.h>

namespace troupe::rpc {
namespace {

using nlohmann::json;

TEST(StepReplyLogCap, KeepsTheFirstLinesAndPutsANoteFirst) {
  json result = {{"success", true}, {"Logs", json::array()}};
  for (int i = 0; i < 10; ++i) result["Logs"].push_back("line " + std::to_string(i));
  cap_step_logs(result, 4);
  EXPECT_EQ(result["Logs"],
            (json{"[WARN] troupe: the reply had 10 log lines; kept the first 3, dropped 7 "
                  "(maxLogLinesPerTestCase)",
                  "line 0", "line 1", "line 2"}));
  const StepOutcome outcome = read_step_outcome(result);
  ASSERT_EQ(outcome.logs.size(), 4u);
  EXPECT_EQ(outcome.logs[0].level, "WARN");
  EXPECT_EQ(
      outcome.logs[0].message,
      "troupe: the reply had 10 log lines; kept the first 3, dropped 7 (maxLogLinesPerTestCase)");
}

TEST(StepReplyLogCap, LeavesSmallOrOddLogsAlone) {
  json small = {{"success", true}, {"logs", {"a", "b"}}};
  cap_step_logs(small, 2);
  EXPECT_EQ(small["logs"], (json{"a", "b"}));
  json text = {{"success", true}, {"logs", "oops"}};
  cap_step_logs(text, 1);
  EXPECT_EQ(text["logs"], "oops");
  json not_object = json::array({1, 2, 3});
  cap_step_logs(not_object, 1);
  EXPECT_EQ(not_object, (json{1, 2, 3}));
}

TEST(StepReply, ReadsASuccessfulReply) {
  const StepOutcome outcome = read_step_outcome(json::parse(R"({
    "success": true, "data": {"frameId": 123}, "context": {"bufferName": "b1"},
    "logs": ["[DEBUG] Creating buffer", "plain line", {"level": "warning", "message": "slow"}]
  })"));
  EXPECT_TRUE(outcome.success);
  EXPECT_EQ(outcome.error, "");
  EXPECT_EQ(outcome.data, (json{{"frameId", 123}}));
  EXPECT_EQ(outcome.context, (json{{"bufferName", "b1"}}));
  ASSERT_EQ(outcome.logs.size(), 3u);
  EXPECT_EQ(outcome.logs[0].level, "DEBUG");
  EXPECT_EQ(outcome.logs[0].message, "Creating buffer");
  EXPECT_EQ(outcome.logs[1].level, "INFO");
  EXPECT_EQ(outcome.logs[1].message, "plain line");
  EXPECT_EQ(outcome.logs[2].level, "WARN");
  EXPECT_EQ(outcome.logs[2].message, "slow");
  EXPECT_FALSE(outcome.logs[2].timestamp.has_value());
}

TEST(StepReply, StringLogWithUnknownBracketKeepsWholeText) {
  const StepOutcome outcome = read_step_outcome(
      json::parse(R"({"success":true,"logs":["[2024-01-01 10:00:00.123] Writing"]})"));
  ASSERT_EQ(outcome.logs.size(), 1u);
  EXPECT_EQ(outcome.logs[0].level, "INFO");
  EXPECT_EQ(outcome.logs[0].message, "[2024-01-01 10:00:00.123] Writing");
}

TEST(StepReply, ReadsPascalCaseHarmonyReplyWithNumericLevels) {
  const StepOutcome outcome = read_step_outcome(json::parse(R"({
    "Success": true, "Error": null, "Context": {"k": "v"},
    "Logs": [{"Timestamp": "2025-01-02T03:04:05.678Z", "Level": 2, "Message": "hello"},
             {"Timestamp": "2025-01-02T03:04:05.679Z", "Level": 5, "Message": "bad"}]
  })"));
  EXPECT_TRUE(outcome.success);
  EXPECT_EQ(outcome.context, (json{{"k", "v"}}));
  ASSERT_EQ(outcome.logs.size(), 2u);
  EXPECT_EQ(outcome.logs[0].timestamp, "2025-01-02T03:04:05.678Z");
  EXPECT_EQ(outcome.logs[0].level, "INFO");
  EXPECT_EQ(outcome.logs[0].message, "hello");
  EXPECT_EQ(outcome.logs[1].level, "CRITICAL");
}

TEST(StepReply, UnknownLevelIsKeptInTheMessage) {
  const StepOutcome outcome = read_step_outcome(json::parse(
      R"({"success":true,"logs":[{"level":42,"message":"m"},{"level":"LOUD","message":"n"}]})"));
  ASSERT_EQ(outcome.logs.size(), 2u);
  EXPECT_EQ(outcome.logs[0].level, "INFO");
  EXPECT_EQ(outcome.logs[0].message, "[42] m");
  EXPECT_EQ(outcome.logs[1].message, "[LOUD] n");
}

TEST(StepReply, MissingSuccessIsAProtocolFailure) {
  const StepOutcome outcome = read_step_outcome(json::parse(R"({"data": 1})"));
  EXPECT_FALSE(outcome.success);
  EXPECT_EQ(outcome.error, "reply has no boolean 'success' (it is missing)");
  EXPECT_EQ(outcome.error_type, "protocol error");
}

TEST(StepReply, NonBooleanSuccessIsAProtocolFailure) {
  const StepOutcome outcome = read_step_outcome(json::parse(R"({"success": "yes", "error": "e"})"));
  EXPECT_FALSE(outcome.success);
  EXPECT_EQ(outcome.error, "reply has no boolean 'success' (got string \"yes\"); error: e");
}

TEST(StepReply, NonObjectReplyIsAProtocolFailure) {
  const StepOutcome outcome = read_step_outcome(json(true));
  EXPECT_FALSE(outcome.success);
  EXPECT_EQ(outcome.error,
            "executeStep reply is a JSON boolean true, not an object with a boolean 'success'");
  EXPECT_EQ(outcome.error_type, "protocol error");
}

TEST(StepReply, FailureKeepsErrorAndErrorType) {
  const StepOutcome outcome = read_step_outcome(json::parse(
      R"({"success": false, "error": "buffer 'b1' not found", "errorType": "AssertionError"})"));
  EXPECT_FALSE(outcome.success);
  EXPECT_EQ(outcome.error, "buffer 'b1' not found");
  EXPECT_EQ(outcome.error_type, "AssertionError");
}

TEST(StepReply, FailureWithoutErrorTakesTheLastErrorLog) {
  const StepOutcome outcome = read_step_outcome(json::parse(R"({
    "Success": false,
    "Logs": [{"Level": 4, "Message": "first"}, {"Level": 4, "Message": "Buffer not found"},
             {"Level": 2, "Message": "done"}]})"));
  EXPECT_EQ(outcome.error, "Buffer not found");
}

TEST(StepReply, GenericErrorIsCompletedFromTheLogs) {
  const StepOutcome outcome = read_step_outcome(json::parse(R"({
    "success": false, "error": "Step execution failed",
    "logs": [{"level": 4, "message": "Expected 1024 bytes, read 0"}]})"));
  EXPECT_EQ(outcome.error, "Step execution failed (last error log: Expected 1024 bytes, read 0)");
}

TEST(StepReply, FailureWithNothingToSayStillHasAMessage) {
  const StepOutcome outcome = read_step_outcome(json::parse(R"({"success": false})"));
  EXPECT_EQ(outcome.error, "step failed (the servo gave no error message)");
}

TEST(StepReply, WrongTypedPartsBecomeWarningsNotFailures) {
  const StepOutcome outcome =
      read_step_outcome(json::parse(R"({"success": true, "logs": "oops", "context": [1]})"));
  EXPECT_TRUE(outcome.success);
  EXPECT_TRUE(outcome.context.is_null());
  ASSERT_EQ(outcome.logs.size(), 2u);
  EXPECT_EQ(outcome.logs[0].level, "WARN");
  EXPECT_EQ(outcome.logs[0].message,
            "troupe: ignored reply 'logs': expected an array, got string \"oops\"");
  EXPECT_EQ(outcome.logs[1].message,
            "troupe: ignored reply 'context': expected an object, got array [1]");
}

TEST(StepReply, BadLogEntriesAreReportedOneByOne) {
  const StepOutcome outcome =
      read_step_outcome(json::parse(R"({"success": true, "logs": [7, {"message": 12}, null]})"));
  ASSERT_EQ(outcome.logs.size(), 3u);
  EXPECT_EQ(outcome.logs[0].message,
            "troupe: ignored a log entry that is neither a string nor an object: number 7");
  EXPECT_EQ(outcome.logs[1].message, "12");
  EXPECT_EQ(outcome.logs[2].level, "WARN");
}

TEST(StepReply, NullContextMeansNoChange) {
  const StepOutcome outcome =
      read_step_outcome(json::parse(R"({"success": true, "context": null})"));
  EXPECT_TRUE(outcome.context.is_null());
  EXPECT_TRUE(outcome.logs.empty());
}

TEST(FindMember, PrefersExactMatchThenCaseInsensitive) {
  const json object = json::parse(R"({"Context": 1, "context": 2, "LOGS": 3})");
  EXPECT_EQ(*find_member(object, "context"), json(2));
  EXPECT_EQ(*find_member(object, "logs"), json(3));
  EXPECT_EQ(find_member(object, "data"), nullptr);
  EXPECT_EQ(find_member(json::array(), "data"), nullptr);
}

TEST(Health, AcceptsTrueAndHealthyObjects) {
  std::string why;
  EXPECT_TRUE(read_health(json(true), why));
  EXPECT_TRUE(read_health(json{{"healthy", true}}, why));
  EXPECT_TRUE(read_health(json{{"Healthy", true}}, why));
}

TEST(Health, ExplainsUnhealthyReplies) {
  std::string why;
  EXPECT_FALSE(read_health(json(false), why));
  EXPECT_EQ(why, "servo reported unhealthy (health returned false)");
  EXPECT_FALSE(read_health(json{{"healthy", false}, {"reason", "no shm"}}, why));
  EXPECT_EQ(why, "servo reported unhealthy (healthy: false): no shm");
  EXPECT_FALSE(read_health(json("ok"), why));
  EXPECT_EQ(why, "health reply is neither true nor {\"healthy\": true}: string \"ok\"");
  EXPECT_FALSE(read_health(json(nullptr), why));
  EXPECT_EQ(why, "health reply is neither true nor {\"healthy\": true}: null");
}

}  // namespace
}  // namespace troupe::rpc
