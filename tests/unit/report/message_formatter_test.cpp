#include "report/message_formatter.hpp"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "report_test_support.hpp"

namespace troupe::report {
namespace {

using nlohmann::json;

std::vector<json> parse_lines(const std::string& text) {
  std::vector<json> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    out.push_back(json::parse(text.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

std::string type_of(const json& envelope) {
  return envelope.begin().key();
}

class MessageFormatterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::use_utc();
    messages_ = parse_lines(testing::render_synthetic("message", {.troupe_version = "9.9.9"}));
  }
  std::vector<json> all(const std::string& type) const {
    std::vector<json> out;
    for (const auto& m : messages_)
      if (type_of(m) == type) out.push_back(m[type]);
    return out;
  }
  std::vector<json> messages_;
};

TEST_F(MessageFormatterTest, OrderOfTheStream) {
  ASSERT_FALSE(messages_.empty());
  std::vector<std::string> head;
  for (std::size_t i = 0; i < 10; ++i) head.push_back(type_of(messages_[i]));
  EXPECT_EQ(head, (std::vector<std::string>{"meta", "source", "gherkinDocument", "pickle", "source",
                                            "gherkinDocument", "pickle", "pickle", "pickle",
                                            "testRunStarted"}));
  EXPECT_EQ(type_of(messages_[10]), "testCase");
  EXPECT_EQ(type_of(messages_[27]), "testCase");
  EXPECT_EQ(type_of(messages_[28]), "testCaseStarted");
  EXPECT_EQ(type_of(messages_.back()), "testRunFinished");
  const json meta = messages_[0]["meta"];
  EXPECT_EQ(meta["implementation"], (json{{"name", "troupe"}, {"version", "9.9.9"}}));
  EXPECT_EQ(meta["protocolVersion"], "34.2.1");
  for (const auto& m : messages_) EXPECT_EQ(m.size(), 1u) << m.dump();
}

TEST_F(MessageFormatterTest, OneTestCasePerPickleAndCombinationWithEveryPickleStep) {
  const auto cases = all("testCase");
  ASSERT_EQ(cases.size(), 18u);
  std::map<std::string, int> per_pickle;
  for (const auto& tc : cases) ++per_pickle[tc["pickleId"]];
  EXPECT_EQ(per_pickle,
            (std::map<std::string, int>{{"a9", 9}, {"b14", 3}, {"b18", 3}, {"b20", 3}}));
  EXPECT_EQ(cases[0],
            json::parse(R"({"id":"tc0","pickleId":"a9","testRunStartedId":"run-1","testSteps":[
    {"id":"tc0-step0","pickleStepId":"a5","stepDefinitionIds":[],"stepMatchArgumentsLists":[]},
    {"id":"tc0-step1","pickleStepId":"a6","stepDefinitionIds":[],"stepMatchArgumentsLists":[]},
    {"id":"tc0-step2","pickleStepId":"a7","stepDefinitionIds":[],"stepMatchArgumentsLists":[]},
    {"id":"tc0-step3","pickleStepId":"a8","stepDefinitionIds":[],"stepMatchArgumentsLists":[]}]})"));
}

TEST_F(MessageFormatterTest, ResultsTimestampsAndDurations) {
  std::map<std::string, int> statuses;
  for (const auto& f : all("testStepFinished")) ++statuses[f["testStepResult"]["status"]];
  // 12 passed cases (52 steps), the failures' passed steps, the skipped rest.
  EXPECT_EQ(statuses, (std::map<std::string, int>{
                          {"PASSED", 46}, {"FAILED", 2}, {"UNDEFINED", 1}, {"SKIPPED", 8}}));
  json timeout;
  for (const auto& f : all("testStepFinished"))
    if (f["testStepResult"]["status"] == "FAILED" && f["testStepId"] == "tc2-step1") timeout = f;
  ASSERT_FALSE(timeout.is_null());
  EXPECT_EQ(timeout["testStepResult"],
            json::parse(R"({"status":"FAILED","duration":{"seconds":5,"nanos":0},
    "message":"timeout: no response from reader@cpp within 5000ms",
    "exception":{"type":"timeout","message":"no response from reader@cpp within 5000ms"}})"));
  EXPECT_EQ(all("testRunStarted")[0],
            json::parse(R"({"id":"run-1","timestamp":{"seconds":1767323045,"nanos":0}})"));
  EXPECT_EQ(
      all("testRunFinished")[0],
      json::parse(
          R"({"success":false,"testRunStartedId":"run-1","timestamp":{"seconds":1767323051,"nanos":0}})"));
}

TEST_F(MessageFormatterTest, EveryStartedCaseFinishesAndEveryStepRunsInsideItsCase) {
  std::set<std::string> open;
  for (const auto& m : messages_) {
    const std::string type = type_of(m);
    if (type == "testCaseStarted") open.insert(m[type]["id"].get<std::string>());
    if (type == "testStepStarted" || type == "testStepFinished" || type == "attachment") {
      EXPECT_TRUE(open.count(m[type]["testCaseStartedId"].get<std::string>())) << m.dump();
    }
    if (type == "testCaseFinished") {
      EXPECT_EQ(open.erase(m[type]["testCaseStartedId"].get<std::string>()), 1u);
    }
  }
  EXPECT_TRUE(open.empty());
  EXPECT_EQ(all("testCaseStarted").size(), 18u);
}

TEST_F(MessageFormatterTest, LogsAreAttachmentsOfTheirStepAndPlatformsAreSaid) {
  std::vector<std::string> bodies;
  for (const auto& a : all("attachment"))
    if (a["testCaseStartedId"] == "tcs7") bodies.push_back(a["body"]);
  // tcs7 is rust/python: the stderr line arrives while the broadcast step runs.
  ASSERT_GE(bodies.size(), 3u);
  EXPECT_EQ(bodies[0], "platforms: reader=rust, writer=python");
  EXPECT_NE(std::find(bodies.begin(), bodies.end(),
                      "[03:04:05.364] [python:writer] [ERROR] Traceback (most recent call last): "
                      "AssertionError"),
            bodies.end());
  for (const auto& a : all("attachment")) {
    EXPECT_EQ(a["mediaType"], "text/x.cucumber.log+plain");
    EXPECT_EQ(a["contentEncoding"], "IDENTITY");
  }
}

TEST(MessageFormatter, FailureWithoutAFailedStepFailsTheFirstUnfinishedStep) {
  auto pickle = std::make_shared<gherkin::Pickle>();
  pickle->id = "p1";
  plan::TestCase tc;
  tc.pickle = pickle;
  tc.steps.resize(2);
  tc.steps[0].pickle_step_id = "s1";
  tc.steps[1].pickle_step_id = "s2";
  const exec::TimePoint t = testing::synthetic_epoch();
  const auto lines = parse_lines(testing::render("message", {}, [&](exec::EventSink& sink) {
    sink.on_test_case_started({&tc, t, "x"});
    sink.on_step_finished(
        {&tc, 0, t + exec::Millis(5), exec::Status::Passed, exec::Millis(5), "", "", {}, {}});
    sink.on_log({&tc, {t + exec::Millis(6), "r", "cpp", "WARN", "between steps", "stderr"}});
    sink.on_test_case_finished({&tc,
                                t + exec::Millis(9),
                                exec::Status::Failed,
                                exec::Millis(9),
                                "servo crashed",
                                false,
                                {}});
    sink.on_run_finished({t + exec::Millis(10), exec::Millis(10), false, 0});
  }));
  std::vector<std::string> types;
  for (const auto& m : lines) types.push_back(type_of(m));
  EXPECT_EQ(types, (std::vector<std::string>{
                       "meta", "testRunStarted", "testCase", "testCaseStarted", "testStepStarted",
                       "testStepFinished", "testStepStarted", "attachment", "testStepFinished",
                       "testCaseFinished", "testRunFinished"}));
  EXPECT_EQ(lines[7]["attachment"]["testStepId"], "tc0-step1");
  EXPECT_EQ(lines[8]["testStepFinished"]["testStepResult"]["status"], "FAILED");
  EXPECT_EQ(lines[8]["testStepFinished"]["testStepResult"]["message"], "servo crashed");
}

TEST(MessageFormatter, InvalidUtf8InLogsIsReplacedNotThrown) {
  plan::TestCase tc;
  tc.steps.resize(1);
  const exec::TimePoint t = testing::synthetic_epoch();
  exec::LogEntry bad{t, "r", "cpp", "INFO", "bytes \xff\xfe end", "step"};
  const std::string text = testing::render("message", {}, [&](exec::EventSink& sink) {
    sink.on_step_finished({&tc, 0, t, exec::Status::Passed, exec::Millis(1), "", "", {bad}, {"r"}});
  });
  EXPECT_NE(text.find("bytes \xEF\xBF\xBD\xEF\xBF\xBD end"), std::string::npos) << text;
}

}  // namespace
}  // namespace troupe::report
