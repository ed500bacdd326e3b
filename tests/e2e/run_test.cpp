// End-to-end tests of `troupe run` and `troupe list`: the real binary, real servo processes
// (tests/servos/echo_servo.py), and a census of processes after every run.
#include <signal.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e_support.hpp"

namespace troupe::e2e {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;
using std::chrono::milliseconds;

int count(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) ++n;
  return n;
}

class RunTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = scratch_dir(std::string("run-") + info->name());
    record_ = dir_ / "record";
    fs::create_directories(record_);
  }

  // Two platforms speaking the two framings, every servo recording what it receives.
  void write_config(const std::string& extra = "", const std::string& a_fault = "") {
    const std::string servo = (servos_dir() / "echo_servo.py").string();
    json a_cmd = {"python3", servo, "--record", record_.string()};
    if (!a_fault.empty()) {
      a_cmd.push_back("--fault");
      a_cmd.push_back(a_fault);
    }
    json config = {
        {"features", {"features"}},
        {"platforms",
         {{"a", {{"command", a_cmd}}},
          {"b", {{"command", {"python3", servo, "--framing", "ndjson", "--record", record_.string()}},
                 {"framing", "ndjson"}}}}},
        {"stopGraceMs", 2000},
        {"startTimeoutMs", 5000}};
    if (!extra.empty()) config.update(json::parse(extra));
    write_file(dir_ / "troupe.json", config.dump(2));
  }

  void write_feature(const std::string& name, const std::string& text) {
    write_file(dir_ / "features" / name, text);
  }

  Outcome troupe(std::vector<std::string> args, milliseconds timeout = milliseconds(60000)) {
    Outcome o = run_troupe({.args = std::move(args), .cwd = dir_, .timeout = timeout});
    EXPECT_FALSE(o.timed_out) << o.out << o.err;
    EXPECT_EQ(processes_left(o.marker), 0) << "processes left behind\n" << o.out << o.err;
    return o;
  }

  // Every message each servo received: file name is <testRunId>.<role>.jsonl.
  std::map<std::string, std::vector<json>> recorded() const {
    std::map<std::string, std::vector<json>> out;
    for (const auto& entry : fs::directory_iterator(record_)) {
      std::ifstream in(entry.path());
      std::string line;
      while (std::getline(in, line)) out[entry.path().filename().string()].push_back(json::parse(line));
    }
    return out;
  }

  fs::path dir_;
  fs::path record_;
};

const char* kTwoRoles = R"(Feature: Exchange
  Scenario: Simple write-read cycle
    Given the 'reader' process creates buffer 'b1' with size '10240'
    When the 'writer' process connects to buffer 'b1'
    And the 'writer' process writes frame with size '1024'
    Then the 'reader' process should read frame with size '1024'
)";

TEST_F(RunTest, RunsEveryCombinationAndPasses) {
  write_config();
  write_feature("exchange.feature", kTwoRoles);
  Outcome o = troupe({"run"});
  EXPECT_EQ(o.exit_code, 0) << o.out << o.err;
  for (const char* name : {"a/a | Simple write-read cycle", "a/b | Simple write-read cycle",
                           "b/a | Simple write-read cycle", "b/b | Simple write-read cycle"})
    EXPECT_NE(o.out.find(std::string("passed  ") + name + " ("), std::string::npos) << name << "\n" << o.out;
  EXPECT_NE(o.out.find("\n4 passed, 0 failed, 0 skipped\n"), std::string::npos) << o.out;
  // One servo per role per test case, each with its own testRunId, told its role and platform.
  auto rec = recorded();
  EXPECT_EQ(rec.size(), 8u);
  std::set<std::string> run_ids;
  for (const auto& [file, lines] : rec) {
    const json& env = lines.front()["env"];
    run_ids.insert(env["TROUPE_RUN_ID"].get<std::string>());
    EXPECT_EQ(file, env["TROUPE_RUN_ID"].get<std::string>() + "." + env["TROUPE_ROLE"].get<std::string>() + ".jsonl");
    std::vector<std::string> methods;
    for (std::size_t i = 1; i < lines.size(); ++i) methods.push_back(lines[i]["method"]);
    ASSERT_GE(methods.size(), 4u) << file;
    EXPECT_EQ(methods.front(), "health");
    EXPECT_EQ(methods[1], "initialize");
    EXPECT_EQ(methods[methods.size() - 2], "cleanup");
    EXPECT_EQ(methods.back(), "shutdown");
  }
  EXPECT_EQ(run_ids.size(), 4u);
}

TEST_F(RunTest, StepsCarryStrippedTextTypeAndSharedContext) {
  write_config();
  write_feature("ctx.feature", R"(Feature: Context
  Scenario: share
    Given the 'reader' process sets 'handle' to '0x1234'
    Then the 'writer' process expects 'handle' to be '0x1234'
)");
  Outcome o = troupe({"run", "--combination", "reader=a,writer=b"});
  EXPECT_EQ(o.exit_code, 0) << o.out << o.err;
  EXPECT_NE(o.out.find("1 passed, 0 failed"), std::string::npos) << o.out;
  bool saw_writer_step = false;
  for (const auto& [file, lines] : recorded()) {
    for (const auto& line : lines) {
      if (line.value("method", "") != "executeStep") continue;
      const json& p = line["params"];
      if (p["process"] == "writer") {
        saw_writer_step = true;
        EXPECT_EQ(p["stepType"], "then");
        EXPECT_EQ(p["step"], "expects 'handle' to be '0x1234'");
        EXPECT_EQ(p["originalStep"], "the 'writer' process expects 'handle' to be '0x1234'");
        EXPECT_EQ(p["context"]["handle"], "0x1234");
        EXPECT_EQ(p["isBroadcast"], false);
      }
    }
  }
  EXPECT_TRUE(saw_writer_step);
}

TEST_F(RunTest, FailureShowsStepProcessErrorAndLogsAndExitsOne) {
  write_config();
  write_feature("fail.feature", R"(Feature: Failing
  Scenario: breaks
    Given the 'reader' process logs 'ready to read'
    When the 'writer' process fails with 'checksum mismatch in frame 7'
    Then the 'reader' process logs 'never reached'
)");
  Outcome o = troupe({"run", "--platforms", "a"});
  EXPECT_EQ(o.exit_code, 1) << o.out << o.err;
  EXPECT_NE(o.out.find("failed  a/a | breaks ("), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("checksum mismatch in frame 7"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("process: writer on a (when)"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("fail.feature:4"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("[a:reader] [INFO] ready to read"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("never reached"), std::string::npos) << "steps after a failure are skipped\n" << o.out;
  EXPECT_NE(o.out.find("0 passed, 1 failed, 0 skipped"), std::string::npos) << o.out;
}

TEST_F(RunTest, ListPrintsTestCasesWithoutStartingServos) {
  write_config();
  write_feature("exchange.feature", kTwoRoles);
  write_feature("outline.feature", R"(Feature: Sizes
  @slow
  Scenario Outline: frames of size <size>
    When the 'writer' process writes frame with size '<size>'
    Examples:
      | size |
      | 1    |
      | 1024 |
)");
  Outcome o = troupe({"list"});
  EXPECT_EQ(o.exit_code, 0) << o.err;
  EXPECT_EQ(count(o.out, "\n"), 4 + 4) << o.out;
  EXPECT_NE(o.out.find("a | frames of size 1"), std::string::npos) << o.out;
  EXPECT_TRUE(recorded().empty()) << "list starts nothing";

  Outcome tagged = troupe({"list", "--tags", "@slow and not @fast", "--platforms", "b"});
  EXPECT_EQ(tagged.exit_code, 0) << tagged.err;
  EXPECT_EQ(count(tagged.out, "\n"), 2) << tagged.out;

  Outcome named = troupe({"list", "--name", "write-read"});
  EXPECT_EQ(count(named.out, "\n"), 4) << named.out;

  Outcome by_line = troupe({"list", "features/outline.feature:8"});
  EXPECT_EQ(by_line.exit_code, 0) << by_line.err;
  EXPECT_EQ(count(by_line.out, "\n"), 2) << by_line.out;
  EXPECT_NE(by_line.out.find("1024"), std::string::npos) << by_line.out;

  Outcome combo = troupe({"list", "--combination", "reader=b,writer=a", "features/exchange.feature"});
  EXPECT_EQ(combo.out, "b/a | Simple write-read cycle\n");
}

TEST_F(RunTest, BadInputsExitTwoWithPreciseMessages) {
  write_config(R"({"colour": true})");
  write_feature("exchange.feature", kTwoRoles);
  Outcome unknown_key = troupe({"run"});
  EXPECT_EQ(unknown_key.exit_code, 2);
  EXPECT_NE(unknown_key.err.find("troupe.json"), std::string::npos) << unknown_key.err;
  EXPECT_NE(unknown_key.err.find("$.colour"), std::string::npos) << unknown_key.err;

  write_config();
  write_feature("broken.feature", "Feature: x\n  Scenario: y\n    Given ok\n  oops not gherkin\n");
  Outcome parse = troupe({"run"});
  EXPECT_EQ(parse.exit_code, 2);
  EXPECT_NE(parse.err.find("features/broken.feature:4:3: (4:3): expected"), std::string::npos) << parse.err;
  fs::remove(dir_ / "features" / "broken.feature");

  Outcome tags = troupe({"run", "--tags", "@a and"});
  EXPECT_EQ(tags.exit_code, 2);
  EXPECT_NE(tags.err.find("@a and"), std::string::npos) << tags.err;

  Outcome combo = troupe({"run", "--combination", "reader=zz"});
  EXPECT_EQ(combo.exit_code, 2);
  EXPECT_NE(combo.err.find("zz"), std::string::npos) << combo.err;

  Outcome missing = troupe({"run", "features/nope.feature"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("features/nope.feature"), std::string::npos) << missing.err;

  fs::remove(dir_ / "troupe.json");
  Outcome no_config = troupe({"run"});
  EXPECT_EQ(no_config.exit_code, 2);
  EXPECT_NE(no_config.err.find("--config"), std::string::npos) << no_config.err;
  EXPECT_TRUE(recorded().empty());
}

TEST_F(RunTest, StepTimeoutKillsTheServoAndSkipsTheRest) {
  write_config();
  write_feature("hang.feature", R"(Feature: Hanging
  @timeout:700
  Scenario: hangs
    Given the 'reader' process logs 'started'
    When the 'writer' process hangs
    Then the 'reader' process logs 'never reached'
)");
  Outcome o = troupe({"run", "--platforms", "a"}, milliseconds(30000));
  EXPECT_EQ(o.exit_code, 1) << o.out << o.err;
  EXPECT_NE(o.out.find("timed out after 700 ms"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("never reached"), std::string::npos) << o.out;
  EXPECT_LT(o.elapsed, milliseconds(10000)) << "the hung servo is killed, the other stopped gracefully";
}

TEST_F(RunTest, CrashingServoReportsExitCodeAndStderrTail) {
  write_config();
  write_feature("crash.feature", R"(Feature: Crashing
  Scenario: exits
    When the 'writer' process exits with code '3'
  Scenario: segfaults
    When the 'writer' process segfaults
  Scenario: stray output
    When the 'writer' process writes stray text
  Scenario: still fine
    When the 'writer' process logs 'fine'
)");
  Outcome o = troupe({"run", "--platforms", "a"}, milliseconds(30000));
  EXPECT_EQ(o.exit_code, 1) << o.out << o.err;
  EXPECT_NE(o.out.find("code 3"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("exiting with 3"), std::string::npos) << "stderr tail shown\n" << o.out;
  EXPECT_NE(o.out.find("SIGSEGV"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("protocol error from a:writer"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("this is not json-rpc"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("passed  a | still fine ("), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("1 passed, 3 failed, 0 skipped"), std::string::npos) << o.out;
}

TEST_F(RunTest, BuiltInStepsStartStopAndKillProcesses) {
  write_config();
  write_feature("lifecycle.feature", R"(Feature: Lifecycle
  Scenario: restart
    Given the 'writer' process starts
    And the 'writer' process sets 'k' to 'v'
    When the 'writer' process is killed
    And the 'writer' process starts
    Then the 'writer' process logs 'alive again'
    And wait for 50 ms
    And the 'writer' process stops
  Scenario: not running
    Given the 'writer' process logs 'up'
    When the 'writer' process stops
    Then the 'writer' process logs 'should fail'
)");
  Outcome o = troupe({"run", "--platforms", "b"});
  EXPECT_EQ(o.exit_code, 1) << o.out << o.err;
  EXPECT_NE(o.out.find("passed  b | restart ("), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("failed  b | not running ("), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("process 'writer' is not running"), std::string::npos) << o.out;
}

TEST_F(RunTest, BroadcastReachesEveryRole) {
  write_config();
  write_feature("broadcast.feature", R"(Feature: Broadcast
  Background:
    Given logs 'background step'
  Scenario: all
    Given the 'reader' process logs 'r'
    And the 'writer' process logs 'w'
    Then logs 'everyone'
)");
  Outcome o = troupe({"run", "--platforms", "a", "-v"});
  EXPECT_EQ(o.exit_code, 0) << o.out << o.err;
  int broadcasts = 0;
  for (const auto& [file, lines] : recorded())
    for (const auto& line : lines)
      if (line.value("method", "") == "executeStep" && line["params"]["isBroadcast"] == true) ++broadcasts;
  EXPECT_EQ(broadcasts, 4) << "two broadcast steps to two roles";
  EXPECT_NE(o.out.find("[a:reader] [INFO] everyone"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("[a:writer] [INFO] everyone"), std::string::npos) << o.out;
}

TEST_F(RunTest, ParallelRunGivesTheSameResults) {
  write_config();
  write_feature("exchange.feature", kTwoRoles);
  write_feature("more.feature", R"(Feature: More
  Scenario: sleepy
    When the 'writer' process sleeps '200' ms
    Then the 'reader' process sleeps '200' ms
)");
  Outcome serial = troupe({"run"});
  Outcome parallel = troupe({"run", "-j", "3"});
  EXPECT_EQ(serial.exit_code, 0) << serial.out;
  EXPECT_EQ(parallel.exit_code, 0) << parallel.out;
  EXPECT_NE(parallel.out.find("8 passed, 0 failed, 0 skipped"), std::string::npos) << parallel.out;
  std::regex pass_line("passed  ([^\\n(]*) \\(");
  auto names = [&](const std::string& out) {
    std::set<std::string> s;
    for (std::sregex_iterator it(out.begin(), out.end(), pass_line), end; it != end; ++it) s.insert((*it)[1]);
    return s;
  };
  EXPECT_EQ(names(serial.out), names(parallel.out));
  EXPECT_EQ(names(serial.out).size(), 8u);
}

TEST_F(RunTest, DryRunAndFailFastStartNothingMoreThanNeeded) {
  write_config();
  write_feature("exchange.feature", kTwoRoles);
  Outcome dry = troupe({"run", "--dry-run"});
  EXPECT_EQ(dry.exit_code, 0) << dry.out << dry.err;
  EXPECT_TRUE(recorded().empty()) << "dry run starts no servo";

  write_feature("exchange.feature", R"(Feature: Fail fast
  Scenario: first fails
    When the 'writer' process fails with 'first'
  Scenario: second
    When the 'writer' process logs 'second'
)");
  Outcome ff = troupe({"run", "--fail-fast", "--platforms", "a"});
  EXPECT_EQ(ff.exit_code, 1) << ff.out;
  EXPECT_EQ(ff.out.find("passed  a | second ("), std::string::npos) << ff.out;
}

TEST_F(RunTest, SigintKillsEveryServoAndExits130) {
  write_config();
  write_feature("interrupt.feature", R"(Feature: Interrupt
  Scenario: interrupted
    Given the 'reader' process logs 'up'
    When the 'writer' process signals troupe with 'SIGINT'
    Then the 'writer' process hangs
)");
  Outcome o = troupe({"run", "--platforms", "a"}, milliseconds(30000));
  EXPECT_EQ(o.exit_code, 130) << o.out << o.err;
  EXPECT_LT(o.elapsed, milliseconds(10000)) << o.out;
  EXPECT_NE(o.out.find("Interrupted by SIGINT"), std::string::npos) << o.out;
}

TEST_F(RunTest, SigtermExits143) {
  write_config();
  write_feature("interrupt.feature", R"(Feature: Interrupt
  Scenario: terminated
    When the 'writer' process signals troupe with 'SIGTERM'
    Then the 'writer' process hangs
)");
  Outcome o = troupe({"run", "--platforms", "b"}, milliseconds(30000));
  EXPECT_EQ(o.exit_code, 143) << o.out << o.err;
}

TEST_F(RunTest, GrandchildrenDoNotOutliveTheRun) {
  write_config();
  write_feature("grandchild.feature", R"(Feature: Grandchild
  Scenario: spawns
    When the 'writer' process spawns a grandchild
)");
  Outcome o = troupe({"run", "--platforms", "a"});  // troupe() asserts no process is left
  EXPECT_EQ(o.exit_code, 0) << o.out << o.err;
}

TEST_F(RunTest, HarmonyConfigRunsUnchanged) {
  const std::string servo = (servos_dir() / "echo_servo.py").string();
  json harmony = {
      {"FeaturesPath", "features"},
      {"DefaultTimeoutMs", 5000},
      {"ProcessInitializationDelayMs", 1000},
      {"Platforms",
       {{"csharp", {{"Executable", "python3"},
                    {"Arguments", servo + " --protocol harmony --record \"" + record_.string() + "\""},
                    {"WorkingDirectory", "."}}}}}};
  write_file(dir_ / "harmony-config.json", harmony.dump(2));
  write_feature("exchange.feature", R"(Feature: Harmony
  Scenario: one
    Given the 'reader' process sets 'k' to 'v'
    When the 'writer' process expects 'k' to be 'v'
  Scenario: two
    Given the 'reader' process logs 'x'
    Then the 'writer' process fails quietly with log 'the real reason'
)");
  Outcome o = troupe({"run"});
  EXPECT_EQ(o.exit_code, 1) << o.out << o.err;
  EXPECT_NE(o.err.find("InitializationDelayMs"), std::string::npos) << "the delay is ignored with a note\n" << o.err;
  EXPECT_NE(o.out.find("passed  csharp/csharp | one ("), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("failed  csharp/csharp | two ("), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("the real reason"), std::string::npos) << "the servo's logs are shown\n" << o.out;

  std::map<std::string, std::set<std::string>> feature_ids_by_run;
  for (const auto& [file, lines] : recorded()) {
    const json& env = lines.front()["env"];
    feature_ids_by_run[env["TROUPE_RUN_ID"]].insert(env["HARMONY_FEATURE_ID"].get<std::string>());
    EXPECT_TRUE(env.contains("HARMONY_HOST_PID"));
    for (const auto& line : lines) {
      if (line.value("method", "") != "executeStep") continue;
      const json& p = line["params"];
      ASSERT_TRUE(p.is_array() && p.size() == 1) << p;
      EXPECT_TRUE(p[0]["StepType"].is_number()) << p;
      EXPECT_EQ(p[0]["Step"].get<std::string>().rfind("the '", 0), 0u) << "full text\n" << p;
      EXPECT_TRUE(p[0].contains("Process") && p[0].contains("IsBroadcast") && p[0].contains("Context")) << p;
    }
  }
  ASSERT_EQ(feature_ids_by_run.size(), 2u);
  std::set<std::string> all;
  for (const auto& [run, ids] : feature_ids_by_run) {
    EXPECT_EQ(ids.size(), 1u) << "one feature id per test case";
    all.insert(ids.begin(), ids.end());
  }
  EXPECT_EQ(all.size(), 2u) << "distinct between test cases";
}

}  // namespace
}  // namespace troupe::e2e

namespace troupe::e2e {
namespace {

TEST_F(RunTest, RerunFileRunsJustTheFailedTestCases) {
  write_config();
  write_feature("mixed.feature", R"(Feature: Mixed
  Scenario: good
    When the 'writer' process logs 'fine'
  Scenario: bad
    When the 'writer' process fails with 'broken'
)");
  const std::string rerun = (dir_ / "out" / "rerun.txt").string();
  Outcome first = troupe({"run", "--platforms", "a", "--format", "progress", "--format", "rerun:" + rerun});
  EXPECT_EQ(first.exit_code, 1) << first.out << first.err;
  EXPECT_EQ(read_file(rerun), "features/mixed.feature:4\n");

  Outcome again = troupe({"run", "--platforms", "a", "@" + rerun});
  EXPECT_EQ(again.exit_code, 1) << again.out << again.err;
  EXPECT_NE(again.out.find("failed  a | bad ("), std::string::npos) << again.out;
  EXPECT_EQ(again.out.find("a | good"), std::string::npos) << "only the failed one runs\n" << again.out;
  EXPECT_NE(again.out.find("0 passed, 1 failed, 0 skipped"), std::string::npos) << again.out;
}

TEST_F(RunTest, MachineReadFormatOnStdoutMovesTheSummaryToStderr) {
  write_config();
  write_feature("exchange.feature", kTwoRoles);
  Outcome o = troupe({"run", "--platforms", "a", "--format", "message"});
  EXPECT_EQ(o.exit_code, 0) << o.err;
  std::istringstream lines(o.out);
  std::string line;
  int envelopes = 0;
  while (std::getline(lines, line)) {
    json envelope = json::parse(line);  // every stdout line is a message envelope
    EXPECT_EQ(envelope.size(), 1u) << line;
    ++envelopes;
  }
  EXPECT_GT(envelopes, 10);
  EXPECT_NE(o.err.find("1 passed, 0 failed, 0 skipped"), std::string::npos) << o.err;

  Outcome bad = troupe({"run", "--format", "nonsense"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("nonsense"), std::string::npos) << bad.err;
}

}  // namespace
}  // namespace troupe::e2e
