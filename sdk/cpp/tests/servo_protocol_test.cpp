// Drives the test servo as the runner does: a real process over pipes, in both framings.
#include <gtest/gtest.h>
#include <signal.h>

#include <regex>
#include <string>

#include "servo_process.hpp"

using namespace std::chrono_literals;
using nlohmann::json;
using troupe::Framing;
using troupe_test::ServoProcess;

namespace troupe {
// Names the framing in test names instead of printing its bytes.
void PrintTo(Framing framing, std::ostream* out) {
  *out << (framing == Framing::Ndjson ? "ndjson" : "content-length");
}
}  // namespace troupe

namespace {

const std::string kServo = TEST_SERVO_BINARY;
const std::string kBrokenServo = BROKEN_SERVO_BINARY;

json step_params(const std::string& text, const std::string& type = "given") {
  return {{"process", "reader"},
          {"stepType", type},
          {"step", text},
          {"originalStep", "the 'reader' process " + text},
          {"parameters", json::object()},
          {"context", json::object()},
          {"table", nullptr},
          {"docString", nullptr},
          {"isBroadcast", false},
          {"timeoutMs", 10000}};
}

std::vector<std::string> messages_of(const json& result) {
  std::vector<std::string> messages;
  for (const auto& log : result.at("logs")) messages.push_back(log.at("message"));
  return messages;
}

bool contains(const std::vector<std::string>& messages, const std::string& wanted) {
  return std::find(messages.begin(), messages.end(), wanted) != messages.end();
}

class ServoProtocol : public testing::TestWithParam<Framing> {
 protected:
  ServoProcess servo{kServo, GetParam()};

  json execute(json params) { return servo.call("executeStep", params).at("result"); }
};

TEST_P(ServoProtocol, AnswersHealthInItsFraming) {
  const auto reply = servo.call("health");
  EXPECT_EQ(reply.at("jsonrpc"), "2.0");
  EXPECT_EQ(reply.at("id"), servo.last_id());
  EXPECT_EQ(reply.at("result"), true);
  const std::string prefix = GetParam() == Framing::Ndjson ? "{" : "Content-Length: ";
  EXPECT_EQ(servo.raw_stdout().substr(0, prefix.size()), prefix);
}

TEST_P(ServoProtocol, InitializeRunsHooksAndStepsSeeTheSession) {
  const auto init = servo.call("initialize", {{"role", "reader"},
                                              {"platform", "cpp"},
                                              {"scenario", "Write and read"},
                                              {"feature", "Buffers"},
                                              {"testRunId", "run-7"},
                                              {"hostPid", 1234},
                                              {"featureId", "f-1"},
                                              {"tags", {"@fast"}}});
  EXPECT_EQ(init.at("result").at("success"), true);
  EXPECT_TRUE(contains(messages_of(init.at("result")), "initialized as reader"));
  const auto result = execute(step_params("the session is reported", "then"));
  ASSERT_EQ(result.at("success"), true) << result.dump();
  EXPECT_EQ(result.at("data").at("role"), "reader");
  EXPECT_EQ(result.at("data").at("platform"), "cpp");
  EXPECT_EQ(result.at("data").at("testRunId"), "run-7");
  EXPECT_EQ(result.at("data").at("scenario"), "Write and read");
  EXPECT_EQ(result.at("data").at("process"), "reader");
  EXPECT_EQ(result.at("data").at("type"), "then");
  EXPECT_EQ(result.at("data").at("originalStep"), "the 'reader' process the session is reported");
  EXPECT_EQ(result.at("data").at("tags"), json({"@fast"}));
}

TEST_P(ServoProtocol, DiscoverListsEveryPattern) {
  const auto steps = servo.call("discover").at("result").at("steps");
  EXPECT_EQ(steps.size(), 17u);
  bool found_expression = false;
  bool found_regex = false;
  for (const auto& step : steps) {
    if (step.at("pattern") == "the buffer {string} has size {int}") {
      found_expression = true;
      EXPECT_EQ(step.at("type"), "given");
      EXPECT_EQ(step.at("kind"), "cucumber-expression");
    }
    if (step.at("pattern") == R"(^I have (\d+) cukes( in my belly)?$)") {
      found_regex = true;
      EXPECT_EQ(step.at("kind"), "regular-expression");
    }
  }
  EXPECT_TRUE(found_expression);
  EXPECT_TRUE(found_regex);
}

TEST_P(ServoProtocol, SuccessfulStepReturnsWhatItSetInContextAndItsLogs) {
  auto params = step_params("the buffer 'b1' has size 1024");
  params["context"] = {{"existing", 1}};
  const auto result = execute(params);
  EXPECT_EQ(result.at("success"), true);
  EXPECT_EQ(result.at("context"), json({{"buffer", "b1"}, {"size", 1024}}));
  ASSERT_EQ(result.at("logs").size(), 2u);
  EXPECT_EQ(result.at("logs")[0].at("level"), "debug");
  EXPECT_EQ(result.at("logs")[0].at("message"), "creating buffer b1");
  EXPECT_EQ(result.at("logs")[1].at("level"), "info");
  const std::regex iso8601(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)");
  EXPECT_TRUE(std::regex_match(result.at("logs")[1].at("timestamp").get<std::string>(), iso8601));
}

TEST_P(ServoProtocol, StepReadsTheContextItIsSent) {
  auto params = step_params("the context value 'size' is 1024", "then");
  params["context"] = {{"size", 1024}};
  EXPECT_EQ(execute(params).at("success"), true);
  params["context"] = {{"size", 3}};
  const auto failed = execute(params);
  EXPECT_EQ(failed.at("success"), false);
  EXPECT_EQ(failed.at("errorType"), "troupe::AssertionError");
  EXPECT_NE(failed.at("error").get<std::string>().find("context 'size' is 3, expected 1024"),
            std::string::npos);
}

TEST_P(ServoProtocol, RemovedContextKeyIsReturnedAsNull) {
  auto params = step_params("the context key 'gone' is removed", "when");
  params["context"] = {{"gone", 1}, {"kept", 2}};
  EXPECT_EQ(execute(params).at("context"), json({{"gone", nullptr}}));
}

TEST_P(ServoProtocol, ExceptionFailsTheStepWithMessageAndType) {
  const auto result = execute(step_params("a step fails with 'disk full'", "when"));
  EXPECT_EQ(result.at("success"), false);
  EXPECT_EQ(result.at("error"), "disk full");
  EXPECT_EQ(result.at("errorType"), "std::runtime_error");
  const auto custom = execute(step_params("a buffer overflows", "when"));
  EXPECT_EQ(custom.at("error"), "buffer is full");
  EXPECT_NE(custom.at("errorType").get<std::string>().find("BufferFullError"), std::string::npos);
  const auto number = execute(step_params("a step throws a number", "when"));
  EXPECT_EQ(number.at("success"), false);
  EXPECT_EQ(number.at("errorType"), "int");
  // The servo survives every one of them.
  EXPECT_EQ(servo.call("health").at("result"), true);
}

TEST_P(ServoProtocol, FailedAssertionFailsTheStep) {
  const auto result = execute(step_params("1 equals 2", "then"));
  EXPECT_EQ(result.at("success"), false);
  EXPECT_EQ(result.at("errorType"), "troupe::AssertionError");
  EXPECT_EQ(result.at("error").get<std::string>().rfind("1 != 2 (", 0), 0u);
  EXPECT_EQ(execute(step_params("7 equals 7", "then")).at("success"), true);
}

TEST_P(ServoProtocol, UndefinedStepAnswersWithASnippet) {
  const auto result = execute(step_params("a step nobody wrote 5 times for 'x'", "when"));
  EXPECT_EQ(result.at("success"), false);
  EXPECT_EQ(result.at("errorType"), "UndefinedStep");
  EXPECT_EQ(result.at("error").get<std::string>().rfind(
                "undefined step: a step nobody wrote 5 times for 'x'", 0),
            0u);
  const auto snippet = result.at("snippet").get<std::string>();
  EXPECT_NE(snippet.find(R"(servo.when("a step nobody wrote {int} times for {string}")"),
            std::string::npos)
      << snippet;
  EXPECT_NE(snippet.find("int int1, std::string string1"), std::string::npos) << snippet;
}

TEST_P(ServoProtocol, AmbiguousStepListsTheCandidates) {
  const auto result = execute(step_params("an ambiguous step"));
  EXPECT_EQ(result.at("success"), false);
  EXPECT_EQ(result.at("errorType"), "AmbiguousStep");
  const auto error = result.at("error").get<std::string>();
  EXPECT_NE(error.find("'an ambiguous step' ("), std::string::npos) << error;
  EXPECT_NE(error.find("'an {word} step' ("), std::string::npos) << error;
  EXPECT_NE(error.find("test_servo.cpp:"), std::string::npos) << error;
  EXPECT_EQ(result.at("candidates").size(), 2u);
}

TEST_P(ServoProtocol, StepPastItsTimeoutIsAnsweredAsTimedOut) {
  auto params = step_params("the step sleeps 60000 ms", "when");
  params["timeoutMs"] = 200;
  const auto started = std::chrono::steady_clock::now();
  const auto result = servo.call("executeStep", params, 5s).at("result");
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_EQ(result.at("success"), false);
  EXPECT_EQ(result.at("errorType"), "Timeout");
  EXPECT_NE(result.at("error").get<std::string>().find("timed out after 200 ms"),
            std::string::npos);
  EXPECT_TRUE(contains(messages_of(result), "sleeping"));
  // The stuck step still occupies the worker: later steps are refused, the protocol still answers.
  const auto next = execute(step_params("1 equals 1", "then"));
  EXPECT_EQ(next.at("errorType"), "Busy");
  EXPECT_EQ(servo.call("health").at("result"), true);
  servo.close_stdin();
  EXPECT_EQ(servo.wait_exit(5s), 0);
}

TEST_P(ServoProtocol, StepWithinItsTimeoutSucceeds) {
  auto params = step_params("the step sleeps 10 ms", "when");
  params["timeoutMs"] = 5000;
  EXPECT_EQ(execute(params).at("success"), true);
}

TEST_P(ServoProtocol, DataTableReachesTheStep) {
  auto params = step_params("the following buffers:");
  params["table"] = {
      {"headers", {"name", "size"}},
      {"rows", {{{"name", "b1"}, {"size", "10"}}, {{"name", "b2"}, {"size", "20"}}}}};
  const auto result = execute(params);
  ASSERT_EQ(result.at("success"), true) << result.dump();
  EXPECT_EQ(result.at("data").at("headers"), json({"name", "size"}));
  EXPECT_EQ(result.at("data").at("names"), json({"b1", "b2"}));
  EXPECT_EQ(result.at("data").at("firstSize"), "10");
}

TEST_P(ServoProtocol, DocStringReachesTheStep) {
  auto params = step_params("the document:");
  params["docString"] = {{"content", "line 1\nline 2"}, {"mediaType", "text/plain"}};
  const auto result = execute(params);
  ASSERT_EQ(result.at("success"), true) << result.dump();
  EXPECT_EQ(result.at("data"), json({{"content", "line 1\nline 2"}, {"mediaType", "text/plain"}}));
}

TEST_P(ServoProtocol, PrintedOutputGoesToTheLogsNotTheProtocol) {
  const auto result = execute(step_params("the step prints", "when"));
  ASSERT_EQ(result.at("success"), true);
  const auto messages = messages_of(result);
  EXPECT_TRUE(contains(messages, "from cout"));
  EXPECT_TRUE(contains(messages, "from printf"));
  EXPECT_TRUE(contains(messages, "without newline"));
  EXPECT_EQ(servo.raw_stdout().find("from cout\n"), std::string::npos);
  EXPECT_EQ(servo.call("health").at("result"), true);
}

TEST_P(ServoProtocol, MorePrintedOutputThanAPipeHoldsIsCollected) {
  const auto result = execute(step_params("the step prints 5000 lines", "when"));
  ASSERT_EQ(result.at("success"), true);
  const auto messages = messages_of(result);
  ASSERT_EQ(messages.size(), 5000u);
  EXPECT_EQ(messages.back(), "line 4999 of printed output");
}

TEST_P(ServoProtocol, RegexStepConvertsItsGroups) {
  const auto full = execute(step_params("I have 42 cukes in my belly"));
  EXPECT_EQ(full.at("data"), json({{"count", 42}, {"where", " in my belly"}}));
  const auto partial = execute(step_params("I have 3 cukes"));
  EXPECT_EQ(partial.at("data"), json({{"count", 3}, {"where", "nowhere"}}));
}

TEST_P(ServoProtocol, TypedParametersAreConverted) {
  EXPECT_EQ(execute(step_params("the value 1.5 is typed", "then")).at("data"), 3.0);
  const auto overflow = execute(step_params("99999999999 equals 1", "then"));
  EXPECT_EQ(overflow.at("success"), false);
  EXPECT_EQ(overflow.at("errorType"), "troupe::ArgumentError");
  EXPECT_NE(overflow.at("error").get<std::string>().find("out of range for int"),
            std::string::npos);
}

TEST_P(ServoProtocol, HugeStepTextIsRefusedNotMatched) {
  const auto result = execute(step_params("a step fails with '" + std::string(100000, 'x') + "'"));
  EXPECT_EQ(result.at("success"), false);
  EXPECT_EQ(result.at("errorType"), "StepTooLong");
  EXPECT_EQ(servo.call("health").at("result"), true);
}

TEST_P(ServoProtocol, CleanupRunsTheHookAndReturnsItsLogs) {
  const auto result = servo.call("cleanup").at("result");
  EXPECT_EQ(result.at("success"), true);
  const auto messages = messages_of(result);
  EXPECT_TRUE(contains(messages, "released resources"));
  EXPECT_TRUE(contains(messages, "cleanup printed"));
}

TEST_P(ServoProtocol, ShutdownEndsTheProcess) {
  EXPECT_EQ(servo.call("shutdown").at("result").at("success"), true);
  EXPECT_EQ(servo.wait_exit(5s), 0);
}

TEST_P(ServoProtocol, ExitsWhenStdinCloses) {
  EXPECT_EQ(servo.call("health").at("result"), true);
  servo.close_stdin();
  EXPECT_EQ(servo.wait_exit(5s), 0);
}

TEST_P(ServoProtocol, AnswersTheRunningStepThenExitsWhenStdinCloses) {
  auto params = step_params("the step sleeps 60000 ms", "when");
  params["timeoutMs"] = 300;
  servo.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "executeStep"}, {"params", params}});
  servo.close_stdin();
  const auto reply = servo.receive(5s);
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->at("result").at("errorType"), "Timeout");
  EXPECT_EQ(servo.wait_exit(5s), 0);
}

TEST_P(ServoProtocol, ExitsWhenTheRunnerStopsReadingDuringALongStep) {
  auto params = step_params("the step sleeps 60000 ms", "when");
  params.erase("timeoutMs");
  servo.send({{"jsonrpc", "2.0"}, {"id", 1}, {"method", "executeStep"}, {"params", params}});
  servo.close_stdin();
  servo.close_stdout();
  EXPECT_EQ(servo.wait_exit_without_stdout(5s), 0);
}

TEST_P(ServoProtocol, UnknownMethodIsMethodNotFound) {
  const auto reply = servo.call("frobnicate");
  EXPECT_EQ(reply.at("error").at("code"), -32601);
  EXPECT_EQ(reply.at("error").at("message"), "Method not found: frobnicate");
}

TEST_P(ServoProtocol, MalformedMessagesGetJsonRpcErrors) {
  servo.write_raw(troupe::encode_frame(GetParam(), "{not json"));
  auto reply = servo.receive();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->at("error").at("code"), -32700);
  EXPECT_TRUE(reply->at("id").is_null());
  servo.send(json::array({1, 2}));
  reply = servo.receive();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->at("error").at("code"), -32600);
  const auto missing_step = servo.call("executeStep", {{"stepType", "given"}});
  EXPECT_EQ(missing_step.at("error").at("code"), -32602);
  EXPECT_EQ(servo.call("health").at("result"), true);
}

TEST_P(ServoProtocol, AcceptsHarmonyStyleParams) {
  const auto reply = servo.call("executeStep", json::array({{{"Process", "reader"},
                                                             {"StepType", 0},
                                                             {"Step", "the buffer 'h' has size 8"},
                                                             {"Context", json::object()},
                                                             {"IsBroadcast", false}}}));
  EXPECT_EQ(reply.at("result").at("success"), true) << reply.dump();
  EXPECT_EQ(reply.at("result").at("context").at("size"), 8);
}

INSTANTIATE_TEST_SUITE_P(Framings, ServoProtocol,
                         testing::Values(Framing::ContentLength, Framing::Ndjson),
                         [](const testing::TestParamInfo<Framing>& info) {
                           return info.param == Framing::Ndjson ? std::string("ndjson")
                                                                : std::string("content_length");
                         });

TEST(ServoFraming, ChosenByEnvironment) {
  ServoProcess servo(kServo, Framing::Ndjson, {}, true);
  EXPECT_EQ(servo.call("health").at("result"), true);
  EXPECT_EQ(servo.raw_stdout().front(), '{');
}

TEST(ServoFraming, UnknownFramingIsRefused) {
  ServoProcess servo(kServo, Framing::Ndjson, {"TROUPE_FRAMING=xml"}, true);
  EXPECT_EQ(servo.wait_exit(5s), 2);
  EXPECT_NE(servo.read_stderr_until_exit().find("unknown framing 'xml'"), std::string::npos);
}

TEST(ServoFraming, BadContentLengthHeaderIsReportedAndSkipped) {
  ServoProcess servo(kServo, Framing::ContentLength);
  servo.write_raw("Content-Length: lots\r\n\r\n");
  const auto reply = servo.receive();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->at("error").at("code"), -32700);
  EXPECT_NE(
      reply->at("error").at("message").get<std::string>().find("invalid Content-Length 'lots'"),
      std::string::npos);
  EXPECT_EQ(servo.call("health").at("result"), true);
}

TEST(ServoRegistration, MistakesAreNamedAndTheServoDoesNotStart) {
  ServoProcess servo(kBrokenServo, Framing::Ndjson);
  EXPECT_EQ(servo.wait_exit(5s), 1);
  const auto errors = servo.read_stderr_until_exit();
  EXPECT_NE(errors.find("broken_servo.cpp:6: step 'a {color} ball'"), std::string::npos) << errors;
  EXPECT_NE(errors.find("Undefined parameter type 'color'"), std::string::npos) << errors;
  EXPECT_NE(errors.find("An alternative may not exclusively contain optionals"), std::string::npos);
  EXPECT_NE(errors.find("the pattern has 1 parameter(s) but the step function takes 0"),
            std::string::npos);
}

// The runner dies (SIGKILL) while its servo runs a long step: the servo must not outlive it.
TEST(ServoLifetime, ExitsWhenTheRunnerIsKilled) {
  int lifeline[2];
  ASSERT_EQ(pipe(lifeline), 0);
  const auto request = troupe::encode_frame(
      Framing::Ndjson,
      json({{"jsonrpc", "2.0"},
            {"id", 1},
            {"method", "executeStep"},
            {"params", {{"step", "the step sleeps 60000 ms"}, {"stepType", "when"}}}})
          .dump());
  int ready[2];
  ASSERT_EQ(pipe(ready), 0);
  const pid_t runner = fork();
  ASSERT_GE(runner, 0);
  if (runner == 0) {
    close(ready[0]);
    int in[2];
    int out[2];
    if (pipe(in) != 0 || pipe(out) != 0) _exit(1);
    const pid_t servo = fork();
    if (servo == 0) {
      dup2(in[0], 0);
      dup2(out[1], 1);
      close(out[0]);
      close(out[1]);
      dup2(lifeline[1], 2);  // the servo's stderr closes only when it exits
      close(in[1]);
      close(ready[1]);
      close(lifeline[0]);
      close(lifeline[1]);
      execl(kServo.c_str(), kServo.c_str(), "--framing", "ndjson", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(in[0]);
    close(out[1]);
    close(lifeline[1]);
    if (write(in[1], request.data(), request.size()) < 0) _exit(1);
    if (write(ready[1], "r", 1) != 1) _exit(1);
    pause();
    _exit(0);
  }
  close(lifeline[1]);
  close(ready[1]);
  char signal_byte = 0;
  // The runner has started the servo and sent it the request.
  ASSERT_EQ(read(ready[0], &signal_byte, 1), 1);
  close(ready[0]);
  kill(runner, SIGKILL);
  waitpid(runner, nullptr, 0);
  // End of file on the lifeline means the servo has exited.
  pollfd fd{lifeline[0], POLLIN, 0};
  char buffer[4096];
  bool closed = false;
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!closed && std::chrono::steady_clock::now() < deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (poll(&fd, 1, static_cast<int>(left.count())) <= 0) break;
    closed = read(lifeline[0], buffer, sizeof buffer) <= 0;
  }
  close(lifeline[0]);
  EXPECT_TRUE(closed) << "the servo outlived its runner";
}

}  // namespace
