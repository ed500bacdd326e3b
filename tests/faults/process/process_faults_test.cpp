// The process fault suite: the real troupe binary against a servo that crashes, hangs, closes
// its stdout, ignores EOF and SIGTERM, or leaves grandchildren behind (faulty_servo.py).
//
// Every run has one role `x` on two platforms, `good` and `faulty` (the same script, the second
// misbehaving), and two scenarios: `fault` (the faulty step) and `healthy neighbour`. So each
// run has 4 test cases; the test checks the faulty one's reported error and duration, that the
// others pass, the exit code, and that no process of the run is left.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "e2e_support.hpp"

namespace troupe::e2e {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;
using std::chrono::milliseconds;

// Which of the faulty platform's test cases fail.
enum class Failing {
  None,           // the servo misbehaves but troupe copes: everything passes
  FaultScenario,  // only the scenario with the faulty step
  Both,           // both scenarios (faults at start or stop hit every test case)
};

struct ProcessFault {
  std::string name{};                     // test name suffix
  std::vector<std::string> servo_args{};  // extra argv of the faulty platform's servo
  std::string step{};                     // "the 'x' process <step>" in the fault scenario
  std::string error{};                    // the faulty case's reported error (its first line)
  bool exact = true;                      // error is the whole first line, not just its start
  Failing failing = Failing::FaultScenario;
  milliseconds min_duration{0};  // of the faulty `fault` test case
  milliseconds max_duration{2500};
  std::string config = "{}";     // merged into troupe.json
  std::string scenario_tags{};   // e.g. "@timeout:500"
  std::string also_in_output{};  // e.g. the servo's stderr tail in the failure details
};

// gtest prints a parameter as its name instead of its bytes.
void PrintTo(const ProcessFault& fault, std::ostream* out) {
  *out << fault.name;
}

// A long step timeout, so a fault that is only noticed by the step timeout fails the bound.
constexpr const char* kBaseConfig = R"({"stepTimeoutMs": 20000, "startTimeoutMs": 5000,
                                        "stopGraceMs": 1000})";

std::string servo_path() {
  return (source_dir() / "tests" / "faults" / "process" / "faulty_servo.py").string();
}

// The line of the summary that reports `name`, e.g. "[2/4] failed  faulty | fault (347ms): ...".
std::optional<std::string> result_line(const std::string& out, const std::string& status,
                                       const std::string& name) {
  const std::string needle = status + "  " + name + " (";
  std::size_t at = out.find(needle);
  if (at == std::string::npos) return std::nullopt;
  std::size_t begin = out.rfind('\n', at);
  begin = begin == std::string::npos ? 0 : begin + 1;
  return out.substr(begin, out.find('\n', at) - begin);
}

// The duration printed in a result line: "(347ms)" or "(2.34s)".
milliseconds line_duration(const std::string& line) {
  static const std::regex duration(R"(\((\d+)ms\)|\((\d+(?:\.\d+)?)s\))");
  std::smatch m;
  if (!std::regex_search(line, m, duration)) return milliseconds(-1);
  if (m[1].matched) return milliseconds(std::stoll(m[1].str()));
  return milliseconds(static_cast<long long>(std::stod(m[2].str()) * 1000));
}

class ProcessFaults : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("process-") + info->name();
    for (char& c : name)
      if (c == '/') c = '-';
    dir_ = scratch_dir(name);
  }

  void write_config(const std::vector<std::string>& faulty_args, const std::string& extra) {
    json faulty = {"python3", servo_path()};
    for (const auto& arg : faulty_args) faulty.push_back(arg);
    json config = json::parse(kBaseConfig);
    config["features"] = {"features"};
    config["platforms"] = {{"good", {{"command", {"python3", servo_path()}}}},
                           {"faulty", {{"command", faulty}}}};
    config["roles"] = {{"x", {"good", "faulty"}}};
    config.update(json::parse(extra));
    write_file(dir_ / "troupe.json", config.dump(2));
  }

  void write_feature(const std::string& text) {
    write_file(dir_ / "features" / "faults.feature", text);
  }

  Outcome run(std::vector<std::string> args = {"run"}) {
    Outcome o = run_troupe({.args = std::move(args), .cwd = dir_, .timeout = milliseconds(90000)});
    EXPECT_FALSE(o.timed_out) << o.out << o.err;
    EXPECT_EQ(processes_left(o.marker), 0) << "processes left behind\n" << o.out << o.err;
    return o;
  }

  // The test case `name` has `status`; returns its result line ("" when missing).
  std::string expect_case(const Outcome& o, const std::string& status, const std::string& name) {
    auto line = result_line(o.out, status, name);
    EXPECT_TRUE(line.has_value()) << "expected '" << status << "  " << name << "'\n"
                                  << o.out << o.err;
    return line.value_or("");
  }

  fs::path dir_;
};

class ProcessFaultTable : public ProcessFaults,
                          public ::testing::WithParamInterface<ProcessFault> {};

TEST_P(ProcessFaultTable, FailsOnlyTheAffectedTestCaseWithAPreciseMessage) {
  const ProcessFault& fault = GetParam();
  json extra = json::parse(fault.config);
  write_config(fault.servo_args, extra.dump());
  std::string tags = fault.scenario_tags.empty() ? "" : "  " + fault.scenario_tags + "\n";
  write_feature("Feature: Process faults\n" + tags +
                "  Scenario: fault\n"
                "    Given the 'x' process is ready\n"
                "    When the 'x' process " +
                fault.step +
                "\n"
                "    Then the 'x' process is still ready\n"
                "  Scenario: healthy neighbour\n"
                "    Given the 'x' process is ready\n");
  Outcome o = run();

  int failed = fault.failing == Failing::None ? 0 : fault.failing == Failing::FaultScenario ? 1 : 2;
  EXPECT_EQ(o.exit_code, failed == 0 ? 0 : 1) << o.out << o.err;
  EXPECT_NE(o.out.find("\n" + std::to_string(4 - failed) + " passed, " + std::to_string(failed) +
                       " failed, 0 skipped\n"),
            std::string::npos)
      << o.out << o.err;
  expect_case(o, "passed", "good | fault");
  expect_case(o, "passed", "good | healthy neighbour");
  expect_case(o, fault.failing == Failing::Both ? "failed" : "passed",
              "faulty | healthy neighbour");

  std::string line = expect_case(o, failed == 0 ? "passed" : "failed", "faulty | fault");
  if (failed > 0) {
    std::size_t colon = line.find("): ");
    ASSERT_NE(colon, std::string::npos) << line;
    std::string reported = line.substr(colon + 3);
    if (fault.exact) {
      EXPECT_EQ(reported, fault.error) << o.out;
    } else {
      EXPECT_EQ(reported.substr(0, fault.error.size()), fault.error) << o.out;
    }
    // The failure details name the role and platform.
    EXPECT_NE(o.out.find("faulty | fault  # features/faults.feature:"), std::string::npos) << o.out;
  }
  if (fault.failing == Failing::FaultScenario) {
    EXPECT_NE(o.out.find("step:    When the 'x' process " + fault.step), std::string::npos)
        << o.out;
    EXPECT_NE(o.out.find("process: x on faulty (when)"), std::string::npos) << o.out;
  }
  if (!fault.also_in_output.empty()) {
    EXPECT_NE(o.out.find(fault.also_in_output), std::string::npos) << o.out;
  }

  milliseconds took = line_duration(line);
  EXPECT_GE(took, fault.min_duration) << line;
  EXPECT_LT(took, fault.max_duration) << line;
}

const std::string kNotHealthy =
    R"(servo faulty:x is not healthy: health reply is neither true nor {"healthy": true}: )";

INSTANTIATE_TEST_SUITE_P(
    Process, ProcessFaultTable,
    ::testing::Values(
        // 1. Start: exits before health, never answers health, answers with garbage.
        ProcessFault{.name = "ExitsBeforeHealth",
                     .servo_args = {"--fault", "exit-before-health"},
                     .step = "does something",
                     .error = "servo faulty:x exited with code 5 before answering health",
                     .failing = Failing::Both,
                     .also_in_output = "cannot start: missing library"},
        ProcessFault{
            .name = "NeverAnswersHealth",
            .servo_args = {"--fault", "no-health"},
            .step = "does something",
            .error = "servo faulty:x did not answer health within 1000 ms (startTimeoutMs)",
            .failing = Failing::Both,
            .min_duration = milliseconds(1000),
            .max_duration = milliseconds(4000),
            .config = R"({"startTimeoutMs": 1000})"},
        ProcessFault{.name = "AnswersHealthWithAString",
                     .servo_args = {"--fault", "health-banana"},
                     .step = "does something",
                     .error = kNotHealthy + R"(string "banana")",
                     .failing = Failing::Both},
        ProcessFault{.name = "AnswersHealthWithANumber",
                     .servo_args = {"--fault", "health-42"},
                     .step = "does something",
                     .error = kNotHealthy + "number 42",
                     .failing = Failing::Both},
        ProcessFault{.name = "AnswersHealthWithNull",
                     .servo_args = {"--fault", "health-null"},
                     .step = "does something",
                     .error = kNotHealthy + "null",
                     .failing = Failing::Both},
        ProcessFault{.name = "AnswersHealthWithABodyThatIsNotJson",
                     .servo_args = {"--fault", "health-not-json"},
                     .step = "does something",
                     .error = "protocol error from faulty:x: message is not valid JSON",
                     .exact = false,
                     .failing = Failing::Both,
                     .also_in_output = R"("{not json")"},
        // 2. Crashes in the middle of a step.
        ProcessFault{.name = "CrashesWithSigsegv",
                     .servo_args = {"--faulty"},
                     .step = "crashes with SIGSEGV",
                     .error = "servo faulty:x was killed by signal SIGSEGV",
                     .also_in_output = "about to crash"},
        ProcessFault{.name = "Aborts",
                     .servo_args = {"--faulty"},
                     .step = "aborts",
                     .error = "servo faulty:x was killed by signal SIGABRT",
                     .also_in_output = "about to abort"},
        ProcessFault{.name = "ExitsWithCode3",
                     .servo_args = {"--faulty"},
                     .step = "exits with code '3'",
                     .error = "servo faulty:x exited with code 3",
                     .also_in_output = "exiting with 3"},
        // 3. Hangs in a step: the config's step timeout, a @timeout tag, and ignoring SIGTERM.
        ProcessFault{.name = "HangsPastStepTimeout",
                     .servo_args = {"--faulty"},
                     .step = "hangs",
                     .error = "timed out after 1000 ms",
                     .min_duration = milliseconds(1000),
                     .max_duration = milliseconds(4000),
                     .config = R"({"stepTimeoutMs": 1000})"},
        ProcessFault{.name = "HangsPastTimeoutTag",
                     .servo_args = {"--faulty"},
                     .step = "hangs",
                     .error = "timed out after 500 ms",
                     .min_duration = milliseconds(500),
                     .max_duration = milliseconds(3500),
                     .scenario_tags = "@timeout:500"},
        ProcessFault{.name = "HangsIgnoringSigterm",
                     .servo_args = {"--faulty"},
                     .step = "hangs ignoring SIGTERM",
                     .error = "timed out after 1000 ms",
                     .min_duration = milliseconds(1000),
                     .max_duration = milliseconds(4000),
                     .config = R"({"stepTimeoutMs": 1000})"},
        // 4. Closes its stdout but keeps running: noticed at once, not at the step timeout.
        ProcessFault{
            .name = "ClosesStdoutButKeepsRunning",
            .servo_args = {"--faulty"},
            .step = "closes its stdout",
            .error = "servo faulty:x closed its stdout but kept running: troupe killed it"},
        // 5. Keeps running after shutdown and stdin EOF: SIGTERM, then SIGKILL if ignored.
        ProcessFault{.name = "IgnoresStdinEof",
                     .servo_args = {"--fault", "ignore-eof"},
                     .step = "does something",
                     .error = "servo faulty:x did not exit within 500 ms of its stdin closing "
                              "(stopGraceMs): sent SIGTERM",
                     .failing = Failing::Both,
                     .min_duration = milliseconds(500),
                     .max_duration = milliseconds(3500),
                     .config = R"({"stopGraceMs": 500})"},
        ProcessFault{.name = "IgnoresStdinEofAndSigterm",
                     .servo_args = {"--fault", "ignore-term"},
                     .step = "does something",
                     .error = "servo faulty:x did not exit within 500 ms of its stdin closing "
                              "(stopGraceMs) and ignored SIGTERM for 500 ms: sent SIGKILL",
                     .failing = Failing::Both,
                     .min_duration = milliseconds(1000),
                     .max_duration = milliseconds(4000),
                     .config = R"({"stopGraceMs": 500})"},
        // 6. Grandchildren holding the servo's stdout and stderr: in its group or escaped with
        // setsid(), outliving a servo that ends normally or crashes. Nothing may wait for the
        // pipes to close (3 s drain limit) and nothing may be left.
        ProcessFault{.name = "GrandchildInGroupHoldsPipes",
                     .servo_args = {"--faulty"},
                     .step = "forks a grandchild",
                     .failing = Failing::None},
        ProcessFault{.name = "EscapedGrandchildHoldsPipes",
                     .servo_args = {"--faulty"},
                     .step = "forks an escaped grandchild",
                     .failing = Failing::None},
        ProcessFault{.name = "GrandchildInGroupOutlivesCrashedServo",
                     .servo_args = {"--faulty"},
                     .step = "forks a grandchild and exits with code '3'",
                     .error = "servo faulty:x exited with code 3"},
        ProcessFault{.name = "EscapedGrandchildOutlivesCrashedServo",
                     .servo_args = {"--faulty"},
                     .step = "forks an escaped grandchild and exits with code '3'",
                     .error = "servo faulty:x exited with code 3"}),
    [](const ::testing::TestParamInfo<ProcessFault>& info) { return info.param.name; });

// 5b. A built-in stop step whose servo ignores stdin EOF fails with the stop fault.
TEST_F(ProcessFaults, StopStepOfAServoIgnoringEofFailsWithTheStopFault) {
  write_config({"--fault", "ignore-eof"}, R"({"stopGraceMs": 500})");
  write_feature(R"(Feature: Process faults
  Scenario: fault
    Given the 'x' process is ready
    When the 'x' process stops
    And the 'x' process starts
    Then the 'x' process is ready
)");
  Outcome o = run();
  EXPECT_EQ(o.exit_code, 1) << o.out << o.err;
  EXPECT_NE(o.out.find("\n1 passed, 1 failed, 0 skipped\n"), std::string::npos) << o.out << o.err;
  expect_case(o, "passed", "good | fault");
  std::string line = expect_case(o, "failed", "faulty | fault");
  EXPECT_NE(line.find("): servo faulty:x did not exit within 500 ms of its stdin closing "
                      "(stopGraceMs): sent SIGTERM"),
            std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find("step:    When the 'x' process stops"), std::string::npos) << o.out;
  EXPECT_GE(line_duration(line), milliseconds(500)) << line;
  EXPECT_LT(line_duration(line), milliseconds(3500)) << line;
}

// 7. `the 'x' process is killed` while x is busy (a thread flooding stderr, grandchildren in and
// out of its group): the kill is immediate, the step passes, a fresh x starts, nothing is left.
TEST_F(ProcessFaults, KillOfABusyServoIsImmediateAndLeavesNothing) {
  write_config({"--faulty"}, "{}");
  write_feature(R"(Feature: Process faults
  Scenario: fault
    Given the 'x' process is ready
    When the 'x' process starts busy work
    Then the 'x' process is killed
    And the 'x' process starts
    And the 'x' process is ready
  Scenario: healthy neighbour
    Given the 'x' process is ready
)");
  Outcome o = run();
  EXPECT_EQ(o.exit_code, 0) << o.out << o.err;
  EXPECT_NE(o.out.find("\n4 passed, 0 failed, 0 skipped\n"), std::string::npos) << o.out << o.err;
  for (const char* name :
       {"good | fault", "good | healthy neighbour", "faulty | healthy neighbour"})
    expect_case(o, "passed", name);
  std::string line = expect_case(o, "passed", "faulty | fault");
  // Two servo starts and a kill; a kill that waited for the busy servo would take seconds.
  EXPECT_LT(line_duration(line), milliseconds(2500)) << line;
}

}  // namespace
}  // namespace troupe::e2e
