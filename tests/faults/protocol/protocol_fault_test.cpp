// End-to-end protocol fault suite: the real troupe binary against a servo that breaks the
// JSON-RPC protocol on demand (protocol_faulty_servo.py). Role 'x' runs on platforms 'good' and
// 'faulty', so the faulty scenario expands into a passing and a failing test case; a second
// scenario on 'good' must pass too. Every case checks the reported text, the wall time, the exit
// code, the other test cases and that no process of the run is left.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "e2e_support.hpp"

namespace troupe::e2e {
namespace {

#if defined(__SANITIZE_ADDRESS__)
// ASan's shadow memory and redzones roughly double what troupe uses; its quarantine of freed
// blocks (256 MiB by default) would hide whether troupe itself frees what it reads, so it is kept
// small for these runs.
constexpr long kSanitizerMemoryFactor = 2;
std::map<std::string, std::string> sanitizer_env() {
  const char* inherited = std::getenv("ASAN_OPTIONS");
  std::string options = inherited ? inherited : "";
  if (!options.empty()) options += ":";
  return {{"ASAN_OPTIONS", options + "quarantine_size_mb=8:thread_local_quarantine_size_kb=256"}};
}
#else
constexpr long kSanitizerMemoryFactor = 1;
std::map<std::string, std::string> sanitizer_env() { return {}; }
#endif
namespace fs = std::filesystem;
using json = nlohmann::json;
using std::chrono::milliseconds;

const char* kFeature = R"(Feature: Protocol faults
  Scenario: Misbehaving step
    Given the 'x' process does a normal step
    When the 'x' process misbehaves
    Then the 'x' process does a normal step

  Scenario: Healthy neighbour
    Given the 'y' process does a normal step
)";

struct FaultCase {
  std::string name;   // test name suffix
  std::string fault;  // --fault of the faulty servo
  // Texts the report must contain, e.g. the exact error line.
  std::vector<std::string> expected;
  bool faulty_case_passes =
      false;  // the fault is tolerated (e.g. a large reply under a raised limit)
  std::string config_extra = "{}";    // merged into troupe.json
  milliseconds bound{15000};          // wall time of the whole run
  long max_rss_kib = 0;               // when set: troupe's own peak memory bound
  std::vector<std::string> absent{};  // texts the report must not contain
};

void PrintTo(const FaultCase& c, std::ostream* os) {
  *os << c.name;
}

std::string error_line(const std::string& why) {
  return "protocol error from faulty:x: " + why;
}

// Peak RSS bound for the 64 MiB body, 1 GiB stderr flood and 1M-log cases. Measured without
// sanitizers: about 16 MiB for the body and the flood, 34 MiB for the million log lines (the
// 10 MB reply, parsed with its logs capped to 10000 while parsing). Keeping a million log records
// or the flooded stderr would need several hundred MiB; 160 MiB leaves room for sanitizers.
// Outcome::max_rss_kib also covers troupe's reaped children, which is why the faulty servo streams
// its big replies instead of building them in memory.
constexpr long kMemoryBoundKib = 160 * 1024;

std::vector<FaultCase> fault_cases() {
  const std::string ms_step_30s = R"({"stepTimeoutMs": 30000})";
  return {
      {"StrayPrintBeforeHealth",
       "stray-before-health",
       {error_line(
           R"(unexpected output on stdout: "hello world\n" (expected a Content-Length header))")}},
      {"StrayPrintInStep",
       "stray-in-step",
       {error_line(
           R"(unexpected output on stdout: "debug: x=1\n" (expected a Content-Length header))")}},
      {"InvalidUtf8",
       "invalid-utf8",
       {error_line(
           R"(message is not valid UTF-8 (byte 0xff at offset 61): "s\":true,\"error\":\"caf\xff\"}}")")}},
      {"TruncatedHeaderThenEof",
       "truncated-header-eof",
       {R"(error:   servo exited: servo faulty:x exited with code 0; stdout closed inside a message header: "Content-Len")"}},
      {"TruncatedHeaderThenHang",
       "truncated-header-hang",
       {error_line(
           R"(no complete reply to 'executeStep' within 1000 ms; stdout stopped inside a message: "Content-Len")")},
       false,
       R"({"stepTimeoutMs": 1000})"},
      {"HugeContentLength",
       "length-huge",
       {error_line("Content-Length 99999999999 exceeds the message limit of 16777216 bytes")}},
      {"NegativeContentLength",
       "length-negative",
       {error_line(
           R"(invalid Content-Length "-5" (expected a non-negative decimal integer) in header "Content-Length: -5\r\n\r\n")")}},
      {"NonNumericContentLength",
       "length-non-numeric",
       {error_line(
           R"(invalid Content-Length "twelve" (expected a non-negative decimal integer) in header "Content-Length: twelve\r\n\r\n")")}},
      {"HeaderWithoutBodyThenSilence",
       "header-no-body-hang",
       {error_line(
           R"(no complete reply to 'executeStep' within 1000 ms; stdout stopped inside a message: "Content-Length: 20\r\n\r\n")")},
       false,
       R"({"stepTimeoutMs": 1000})"},
      {"HeaderWithoutBodyThenEof",
       "header-no-body-eof",
       {R"(error:   servo exited: servo faulty:x exited with code 0; stdout closed inside a message: got 0 of 20 body bytes after "Content-Length: 20\r\n\r\n")"}},
      {"Body64MiBOverDefaultLimit",
       "body-64mb",
       {error_line("Content-Length 67108864 exceeds the message limit of 16777216 bytes")},
       false,
       "{}",
       milliseconds(15000),
       kMemoryBoundKib},
      {"Body20MiBUnderRaisedLimit",
       "body-20mb",
       {"passed  faulty | Misbehaving step ("},
       true,
       R"({"limits": {"maxMessageBytes": 33554432}})"},
      {"JsonNested100000Deep",
       "deep-json",
       {error_line("message nests JSON deeper than 256 levels: \"" + std::string(80, '[') +
                   "...\"")}},
      {"ReplyWithWrongId",
       "wrong-id",
       {error_line("reply with unknown id 1004 (the last request sent had id 4)")}},
      {"DuplicateReply",
       "duplicate-reply",
       {error_line("second reply to request 4 (it was already answered)")}},
      {"Notification",
       "notification",
       {error_line(
           R"(servo sent a notification (method "log") but servos may only reply to troupe's requests: "{\"jsonrpc\": \"2.0\", \"method\": \"log\", \"params\": {\"message\": \"hello\"}}")")}},
      {"RequestOfItsOwn",
       "request",
       {error_line(
           R"(servo sent a request (method "getConfig") but servos may only reply to troupe's requests: "{\"jsonrpc\": \"2.0\", \"id\": 1, \"method\": \"getConfig\", \"params\": {}}")")}},
      {"StderrFlood1GiB",
       "stderr-flood",
       {"[troupe] stderr cut at the limit of 1048576 bytes (1072693248 bytes dropped)",
        "passed  faulty | Misbehaving step ("},
       true,
       ms_step_30s,
       milliseconds(60000),
       kMemoryBoundKib},
      {"SuccessMissing", "success-missing", {"reply has no boolean 'success' (it is missing)"}},
      {"LogsAString",
       "logs-string",
       {R"(troupe: ignored reply 'logs': expected an array, got string "oops")",
        "passed  faulty | Misbehaving step ("},
       true},
      {"LogsAnObject",
       "logs-object",
       {R"(troupe: ignored reply 'logs': expected an array, got object {"message":"oops"})",
        "passed  faulty | Misbehaving step ("},
       true},
      {"LogsOfNumbers",
       "logs-numbers",
       {"troupe: ignored a log entry that is neither a string nor an object: number 1",
        "troupe: ignored a log entry that is neither a string nor an object: number 3",
        "passed  faulty | Misbehaving step ("},
       true},
      {"MillionLogLines",
       "logs-million",
       {"[WARN] troupe: the reply had 1000000 log lines; kept the first 9999, dropped 990001 "
        "(maxLogLinesPerTestCase)",
        "[INFO] line 9998\n", "passed  faulty | Misbehaving step ("},
       true,
       ms_step_30s,
       milliseconds(60000),
       kMemoryBoundKib,
       {"[INFO] line 9999\n"}},
  };
}

class ProtocolFault : public ::testing::TestWithParam<FaultCase> {
 protected:
  void SetUp() override { dir_ = scratch_dir("protocol-" + GetParam().name); }

  void write_config(const FaultCase& c) {
    const std::string servo =
        (source_dir() / "tests" / "faults" / "protocol" / "protocol_faulty_servo.py").string();
    json config = {{"features", {"features"}},
                   {"platforms",
                    {{"good", {{"command", {"python3", servo}}}},
                     {"faulty", {{"command", {"python3", servo, "--fault", c.fault}}}}}},
                   {"roles", {{"x", {"good", "faulty"}}, {"y", {"good"}}}},
                   {"startTimeoutMs", 10000},
                   {"stopGraceMs", 2000}};
    config.update(json::parse(c.config_extra));
    write_file(dir_ / "troupe.json", config.dump(2));
    write_file(dir_ / "features" / "faults.feature", kFeature);
  }

  fs::path dir_;
};

TEST_P(ProtocolFault, FailsOnlyTheFaultyTestCaseInBoundedTimeAndLeavesNothing) {
  const FaultCase& c = GetParam();
  write_config(c);
  // -j 1 keeps the order of the report stable; -v prints the logs of passing test cases too.
  Outcome o =
      run_troupe({.args = {"run", "-j", "1", "-v"},
                  .cwd = dir_,
                  .env = sanitizer_env(),
                  .timeout = milliseconds(120000)});
  const std::string report = o.out + o.err;
  ASSERT_FALSE(o.timed_out) << report.substr(0, 20000);
  EXPECT_LT(o.elapsed, c.bound) << "took " << o.elapsed.count() << " ms";
  EXPECT_EQ(processes_left(o.marker), 0) << "processes left behind";

  for (const auto& text : c.expected)
    EXPECT_NE(report.find(text), std::string::npos) << "missing: " << text << "\n"
                                                    << report.substr(0, 20000);
  for (const auto& text : c.absent)
    EXPECT_EQ(report.find(text), std::string::npos) << "unexpected: " << text;
  EXPECT_NE(report.find("passed  good | Misbehaving step ("), std::string::npos)
      << report.substr(0, 20000);
  EXPECT_NE(report.find("passed  good | Healthy neighbour ("), std::string::npos)
      << report.substr(0, 20000);
  if (c.faulty_case_passes) {
    EXPECT_EQ(o.exit_code, 0) << report.substr(0, 20000);
    EXPECT_NE(report.find("\n3 passed, 0 failed, 0 skipped\n"), std::string::npos)
        << report.substr(0, 20000);
  } else {
    EXPECT_EQ(o.exit_code, 1) << report.substr(0, 20000);
    EXPECT_NE(report.find("failed  faulty | Misbehaving step ("), std::string::npos)
        << report.substr(0, 20000);
    EXPECT_NE(report.find("\n2 passed, 1 failed, 0 skipped\n"), std::string::npos)
        << report.substr(0, 20000);
  }
  if (c.max_rss_kib > 0) {
    EXPECT_LT(o.max_rss_kib, c.max_rss_kib * kSanitizerMemoryFactor) << "troupe's peak memory";
    std::printf("[ measure  ] %s: %lld ms, troupe peak RSS %ld KiB\n", c.name.c_str(),
                static_cast<long long>(o.elapsed.count()), o.max_rss_kib);
  }
}

INSTANTIATE_TEST_SUITE_P(Faults, ProtocolFault, ::testing::ValuesIn(fault_cases()),
                         [](const ::testing::TestParamInfo<FaultCase>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace troupe::e2e
