#include "synthetic_run.hpp"

#include <algorithm>
#include <string>

namespace troupe::report::testing {
namespace {

using Event = std::function<void(exec::EventSink&)>;
using exec::Millis;

const char* kBuffersSource =
    "Feature: Shared buffers\n"
    "\n"
    "  Scenario: share a buffer\n"
    "    Given the 'writer' process creates buffer 'b1'\n"
    "    When the 'reader' process opens buffer 'b1'\n"
    "    Then every process sees 1 buffer\n"
    "    And the 'writer' process stops\n";

const char* kBuffersDocument = R"({"uri":"features/buffers.feature","comments":[],"feature":{
 "location":{"line":1,"column":1},"tags":[],"language":"en","keyword":"Feature","name":"Shared buffers",
 "description":"","children":[{"scenario":{"id":"a4","location":{"line":3,"column":3},"tags":[],
 "keyword":"Scenario","name":"share a buffer","description":"","examples":[],"steps":[
 {"id":"a0","location":{"line":4,"column":5},"keyword":"Given ","keywordType":"Context","text":"the 'writer' process creates buffer 'b1'"},
 {"id":"a1","location":{"line":5,"column":5},"keyword":"When ","keywordType":"Action","text":"the 'reader' process opens buffer 'b1'"},
 {"id":"a2","location":{"line":6,"column":5},"keyword":"Then ","keywordType":"Outcome","text":"every process sees 1 buffer"},
 {"id":"a3","location":{"line":7,"column":5},"keyword":"And ","keywordType":"Conjunction","text":"the 'writer' process stops"}]}}]}})";

const char* kBuffersPickle =
    R"({"id":"a9","uri":"features/buffers.feature","location":{"line":3,"column":3},
 "name":"share a buffer","language":"en","tags":[],"astNodeIds":["a4"],"steps":[
 {"id":"a5","text":"the 'writer' process creates buffer 'b1'","type":"Context","astNodeIds":["a0"]},
 {"id":"a6","text":"the 'reader' process opens buffer 'b1'","type":"Action","astNodeIds":["a1"]},
 {"id":"a7","text":"every process sees 1 buffer","type":"Outcome","astNodeIds":["a2"]},
 {"id":"a8","text":"the 'writer' process stops","type":"Outcome","astNodeIds":["a3"]}]})";

const char* kLoggingSource =
    "Feature: Logging\n"
    "\n"
    "  Scenario Outline: log at <level>\n"
    "    Given the 'logger' process logs at <level>\n"
    "    And 10 ms pass\n"
    "    Then the 'logger' process has 1 line\n"
    "\n"
    "    Examples:\n"
    "      | level |\n"
    "      | INFO  |\n"
    "      | WARN  |\n"
    "\n"
    "  @platform:windows\n"
    "  Scenario: windows event log\n"
    "    Given the 'logger' process writes to the event log\n";

const char* kLoggingDocument = R"({"uri":"features/logging.feature","comments":[],"feature":{
 "location":{"line":1,"column":1},"tags":[],"language":"en","keyword":"Feature","name":"Logging",
 "description":"","children":[
 {"scenario":{"id":"b7","location":{"line":3,"column":3},"tags":[],"keyword":"Scenario Outline",
  "name":"log at <level>","description":"","steps":[
  {"id":"b0","location":{"line":4,"column":5},"keyword":"Given ","keywordType":"Context","text":"the 'logger' process logs at <level>"},
  {"id":"b1","location":{"line":5,"column":5},"keyword":"And ","keywordType":"Conjunction","text":"10 ms pass"},
  {"id":"b2","location":{"line":6,"column":5},"keyword":"Then ","keywordType":"Outcome","text":"the 'logger' process has 1 line"}],
  "examples":[{"id":"b6","location":{"line":8,"column":5},"tags":[],"keyword":"Examples","name":"","description":"",
   "tableHeader":{"id":"b3","location":{"line":9,"column":7},"cells":[{"location":{"line":9,"column":9},"value":"level"}]},
   "tableBody":[{"id":"b4","location":{"line":10,"column":7},"cells":[{"location":{"line":10,"column":9},"value":"INFO"}]},
                {"id":"b5","location":{"line":11,"column":7},"cells":[{"location":{"line":11,"column":9},"value":"WARN"}]}]}]}},
 {"scenario":{"id":"b10","location":{"line":14,"column":3},"tags":[{"location":{"line":13,"column":3},"name":"@platform:windows","id":"b8"}],
  "keyword":"Scenario","name":"windows event log","description":"","examples":[],"steps":[
  {"id":"b9","location":{"line":15,"column":5},"keyword":"Given ","keywordType":"Context","text":"the 'logger' process writes to the event log"}]}}]}})";

const char* kLoggingPickles[] = {
    R"({"id":"b14","uri":"features/logging.feature","location":{"line":10,"column":9},"name":"log at INFO","language":"en",
 "tags":[],"astNodeIds":["b7","b4"],"steps":[
 {"id":"b11","text":"the 'logger' process logs at INFO","type":"Context","astNodeIds":["b0","b4"]},
 {"id":"b12","text":"10 ms pass","type":"Context","astNodeIds":["b1","b4"]},
 {"id":"b13","text":"the 'logger' process has 1 line","type":"Outcome","astNodeIds":["b2","b4"]}]})",
    R"({"id":"b18","uri":"features/logging.feature","location":{"line":11,"column":9},"name":"log at WARN","language":"en",
 "tags":[],"astNodeIds":["b7","b5"],"steps":[
 {"id":"b15","text":"the 'logger' process logs at WARN","type":"Context","astNodeIds":["b0","b5"]},
 {"id":"b16","text":"10 ms pass","type":"Context","astNodeIds":["b1","b5"]},
 {"id":"b17","text":"the 'logger' process has 1 line","type":"Outcome","astNodeIds":["b2","b5"]}]})",
    R"({"id":"b20","uri":"features/logging.feature","location":{"line":14,"column":3},"name":"windows event log","language":"en",
 "tags":[{"name":"@platform:windows","astNodeId":"b8"}],"astNodeIds":["b10"],"steps":[
 {"id":"b19","text":"the 'logger' process writes to the event log","type":"Context","astNodeIds":["b9"]}]})"};

const std::vector<std::string> kPlatforms = {"cpp", "python", "rust"};

exec::FeatureParsed feature(const char* uri, const char* source, const char* document,
                            std::vector<nlohmann::json> pickles) {
  return {uri,
          {{"uri", uri}, {"data", source}, {"mediaType", "text/x.cucumber.gherkin+plain"}},
          nlohmann::json::parse(document),
          std::move(pickles)};
}

// The gherkin stage's Pickle for a pickle message (only what the reports read).
std::shared_ptr<gherkin::Pickle> pickle_of(const nlohmann::json& message,
                                           const std::string& feature_name, int scenario_line,
                                           const std::vector<std::string>& keywords,
                                           const std::vector<int>& lines) {
  auto pickle = std::make_shared<gherkin::Pickle>();
  pickle->id = message["id"];
  pickle->uri = message["uri"];
  pickle->name = message["name"];
  pickle->language = "en";
  pickle->location = {message["location"]["line"], message["location"]["column"]};
  pickle->feature_name = feature_name;
  pickle->scenario_location = {scenario_line, 3};
  for (std::size_t i = 0; i < message["steps"].size(); ++i) {
    gherkin::PickleStep step;
    step.id = message["steps"][i]["id"];
    step.text = message["steps"][i]["text"];
    step.keyword = keywords[i];
    step.location = {lines[i], 5};
    pickle->steps.push_back(step);
  }
  for (const auto& tag : message["tags"]) pickle->tags.push_back({tag["name"], tag["astNodeId"]});
  return pickle;
}

plan::PlannedStep planned(const gherkin::PickleStep& step, plan::StepType type,
                          plan::StepAction action, const std::string& role) {
  plan::PlannedStep out;
  out.pickle_step_id = step.id;
  out.keyword = step.keyword;
  out.text = step.text;
  out.stripped = step.text;
  out.location = step.location;
  out.type = type;
  out.action = action;
  out.role = role;
  if (action == plan::StepAction::Wait) out.wait_ms = 10;
  return out;
}

exec::LogEntry log_entry(exec::TimePoint time, const std::string& role, const std::string& platform,
                         const std::string& level, const std::string& message,
                         const std::string& source) {
  return {time, role, platform, level, message, source};
}

// How one step of a test case turns out.
struct StepOutcome {
  exec::Status status = exec::Status::Passed;
  std::string error;
  std::string error_type;
};

// The events of one test case: steps run in order until the first failure.
std::vector<Event> case_events(const plan::TestCase& tc, exec::TimePoint start,
                               const std::vector<StepOutcome>& outcomes,
                               const std::string& unexpected_exit_role) {
  std::vector<Event> events;
  const plan::TestCase* p = &tc;
  // As exec reports them: steps that do not run finish Skipped.
  const auto skip_steps_from = [&](std::size_t first, exec::TimePoint at) {
    for (std::size_t i = first; i < tc.steps.size(); ++i) {
      events.push_back([p, i, at](exec::EventSink& s) { s.on_step_started({p, i, at}); });
      exec::StepFinished skipped{p, i, at, exec::Status::Skipped, Millis(0), "", "", {}, {}};
      if (tc.steps[i].action == plan::StepAction::Send) skipped.roles = {tc.steps[i].role};
      events.push_back([skipped](exec::EventSink& s) { s.on_step_finished(skipped); });
    }
  };
  if (tc.skip_reason) {
    events.push_back([p, start](exec::EventSink& s) {
      s.on_test_case_started({p, start, "run-1/" + p->id});
    });
    skip_steps_from(0, start);
    events.push_back([p, start](exec::EventSink& s) {
      s.on_test_case_finished(
          {p, start, exec::Status::Skipped, Millis(0), *p->skip_reason, false, {}});
    });
    return events;
  }
  exec::TimePoint now = start;
  events.push_back([p, now](exec::EventSink& s) {
    s.on_test_case_started({p, now, "run-1/" + p->id});
  });
  int pid = 4000 + static_cast<int>(tc.id.size());
  for (const auto& rp : tc.combination) {
    now += Millis(20);
    const int this_pid = pid++;
    events.push_back([p, rp, this_pid, now](exec::EventSink& s) {
      s.on_servo_started({p, rp.role, rp.platform, this_pid, now});
    });
  }
  std::vector<exec::LogEntry> all_logs;
  exec::Status case_status = exec::Status::Passed;
  std::string case_error;
  for (std::size_t i = 0; i < tc.steps.size(); ++i) {
    const plan::PlannedStep& step = tc.steps[i];
    const StepOutcome outcome = i < outcomes.size() ? outcomes[i] : StepOutcome{};
    const exec::TimePoint began = now;
    events.push_back([p, i, began](exec::EventSink& s) { s.on_step_started({p, i, began}); });
    std::vector<std::string> roles;
    if (step.action == plan::StepAction::Broadcast)
      roles = tc.roles;
    else if (!step.role.empty())
      roles = {step.role};
    const Millis took(outcome.error_type == "timeout" ? 5000 : 10 + 5 * static_cast<int>(i));
    now += took;
    std::vector<exec::LogEntry> logs;
    for (const auto& role : roles) {
      const std::string platform = *tc.platform_of(role);
      logs.push_back(log_entry(now - Millis(2), role, platform, "DEBUG",
                               "handling: " + step.stripped, "step"));
      if (outcome.status == exec::Status::Passed)
        logs.push_back(log_entry(now - Millis(1), role, platform, "INFO", "done", "step"));
    }
    for (const auto& entry : logs)
      events.push_back([p, entry](exec::EventSink& s) { s.on_log({p, entry}); });
    if (outcome.status != exec::Status::Passed && !unexpected_exit_role.empty()) {
      const std::string platform = *tc.platform_of(unexpected_exit_role);
      all_logs.push_back(log_entry(now - Millis(1), unexpected_exit_role, platform, "ERROR",
                                   "Traceback (most recent call last): AssertionError", "stderr"));
      events.push_back([p, entry = all_logs.back()](exec::EventSink& s) { s.on_log({p, entry}); });
    }
    all_logs.insert(all_logs.end(), logs.begin(), logs.end());
    exec::StepFinished finished{
        p, i, now, outcome.status, took, outcome.error, outcome.error_type, logs, roles};
    events.push_back([finished](exec::EventSink& s) { s.on_step_finished(finished); });
    if (outcome.status != exec::Status::Passed) {
      case_status = outcome.status;
      case_error = outcome.error;
      skip_steps_from(i + 1, now);
      break;
    }
  }
  int exit_pid = 4000 + static_cast<int>(tc.id.size());
  for (const auto& rp : tc.combination) {
    now += Millis(5);
    exec::ServoExited exited{p, rp.role, rp.platform, exit_pid++, now, 0, std::nullopt, true, ""};
    if (rp.role == unexpected_exit_role) {
      exited.exit_code = 1;
      exited.expected = false;
      exited.stderr_tail = "Traceback (most recent call last):\nAssertionError";
    }
    events.push_back([exited](exec::EventSink& s) { s.on_servo_exited(exited); });
  }
  std::sort(all_logs.begin(), all_logs.end(),
            [](const exec::LogEntry& a, const exec::LogEntry& b) { return a.time < b.time; });
  exec::TestCaseFinished finished{
      p,          now,   case_status, std::chrono::duration_cast<Millis>(now - start),
      case_error, false, all_logs};
  events.push_back([finished](exec::EventSink& s) { s.on_test_case_finished(finished); });
  return events;
}

}  // namespace

exec::TimePoint synthetic_epoch() {
  return exec::TimePoint(std::chrono::seconds(1767323045));
}

SyntheticRun make_synthetic_run() {
  SyntheticRun run;
  run.start = synthetic_epoch();
  const nlohmann::json buffers_pickle = nlohmann::json::parse(kBuffersPickle);
  std::vector<nlohmann::json> logging_pickles;
  for (const char* text : kLoggingPickles) logging_pickles.push_back(nlohmann::json::parse(text));
  run.features.push_back(
      feature("features/buffers.feature", kBuffersSource, kBuffersDocument, {buffers_pickle}));
  run.features.push_back(
      feature("features/logging.feature", kLoggingSource, kLoggingDocument, logging_pickles));

  auto& cases = run.plan.test_cases;
  const auto buffers = pickle_of(buffers_pickle, "Shared buffers", 3,
                                 {"Given ", "When ", "Then ", "And "}, {4, 5, 6, 7});
  for (const auto& reader : kPlatforms) {
    for (const auto& writer : kPlatforms) {
      plan::TestCase tc;
      tc.id = "features/buffers.feature:3:" + reader + "/" + writer;
      tc.name = reader + "/" + writer + " | share a buffer";
      tc.pickle = buffers;
      tc.roles = {"reader", "writer"};
      tc.combination = {{"reader", reader}, {"writer", writer}};
      tc.steps = {
          planned(buffers->steps[0], plan::StepType::Given, plan::StepAction::Send, "writer"),
          planned(buffers->steps[1], plan::StepType::When, plan::StepAction::Send, "reader"),
          planned(buffers->steps[2], plan::StepType::Then, plan::StepAction::Broadcast, ""),
          planned(buffers->steps[3], plan::StepType::Then, plan::StepAction::Stop, "writer")};
      cases.push_back(std::move(tc));
    }
  }
  const char* levels[] = {"INFO", "WARN"};
  for (int row = 0; row < 2; ++row) {
    auto pickle =
        pickle_of(logging_pickles[row], "Logging", 3, {"Given ", "And ", "Then "}, {4, 5, 6});
    pickle->example_values = {{"level", levels[row]}};
    for (const auto& platform : kPlatforms) {
      plan::TestCase tc;
      tc.id = "features/logging.feature:" + std::to_string(10 + row) + ":" + platform;
      tc.name = platform + " | log at " + levels[row] + " (level=" + levels[row] + ")";
      tc.pickle = pickle;
      tc.roles = {"logger"};
      tc.combination = {{"logger", platform}};
      tc.steps = {
          planned(pickle->steps[0], plan::StepType::Given, plan::StepAction::Send, "logger"),
          planned(pickle->steps[1], plan::StepType::Given, plan::StepAction::Wait, ""),
          planned(pickle->steps[2], plan::StepType::Then, plan::StepAction::Send, "logger")};
      cases.push_back(std::move(tc));
    }
  }
  const auto windows = pickle_of(logging_pickles[2], "Logging", 14, {"Given "}, {15});
  for (const auto& platform : kPlatforms) {
    plan::TestCase tc;
    tc.id = "features/logging.feature:14:" + platform;
    tc.name = platform + " | windows event log";
    tc.pickle = windows;
    tc.roles = {"logger"};
    tc.combination = {{"logger", platform}};
    tc.tags = {"@platform:windows"};
    tc.skip_reason = "@platform:windows: not this host (linux)";
    tc.steps = {
        planned(windows->steps[0], plan::StepType::Given, plan::StepAction::Send, "logger")};
    cases.push_back(std::move(tc));
  }
  return run;
}

void SyntheticRun::replay(exec::EventSink& sink) const {
  for (const auto& f : features) sink.on_feature_parsed(f);
  for (const auto& tc : plan.test_cases) sink.on_test_case_planned({&tc});
  sink.on_run_started({start, plan.test_cases.size(), "run-1"});

  exec::TimePoint clock = start;
  std::vector<std::vector<Event>> per_case;
  for (const auto& tc : plan.test_cases) {
    std::vector<StepOutcome> outcomes;
    std::string unexpected_exit;
    const std::string reader = tc.platform_of("reader") ? *tc.platform_of("reader") : "";
    const std::string writer = tc.platform_of("writer") ? *tc.platform_of("writer") : "";
    if (reader == "cpp" && writer == "rust") {
      outcomes = {{},
                  {exec::Status::Failed, "no response from reader@cpp within 5000ms", "timeout"}};
    } else if (reader == "rust" && writer == "python") {
      outcomes = {
          {}, {}, {exec::Status::Failed, "writer@python: expected 1 buffer, saw 0", "assertion"}};
      unexpected_exit = "writer";
    } else if (tc.name == "rust | log at WARN (level=WARN)") {
      outcomes = {
          {exec::Status::Undefined, "no step definition matches 'logs at WARN'", "undefined"}};
    }
    per_case.push_back(case_events(tc, clock, outcomes, unexpected_exit));
    clock += Millis(40);
  }
  // Two test cases at a time, their events alternating, as with -j 2.
  for (std::size_t i = 0; i < per_case.size(); i += 2) {
    const auto& a = per_case[i];
    static const std::vector<Event> none;
    const auto& b = i + 1 < per_case.size() ? per_case[i + 1] : none;
    for (std::size_t k = 0; k < std::max(a.size(), b.size()); ++k) {
      if (k < a.size()) a[k](sink);
      if (k < b.size()) b[k](sink);
    }
  }
  sink.on_run_finished({start + Millis(6000), Millis(6000), false, 0});
}

}  // namespace troupe::report::testing
