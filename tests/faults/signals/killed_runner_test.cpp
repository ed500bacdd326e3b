// troupe killed with SIGKILL while steps run: it cannot clean up, so its servos must notice (stdin
// EOF, or their stdout losing its reader) and exit. Checked with the example servos written with
// each SDK (examples/pipes: C++, Python, Node), each waiting in a step for a frame that never
// comes.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "e2e_support.hpp"
#include "live_run.hpp"

namespace troupe::faults {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;
using std::chrono::milliseconds;

TEST(KilledRunnerTest, EverySdkServoExitsWhenTroupeIsKilledMidStep) {
  const fs::path dir = e2e::scratch_dir("signals-killed-runner");
  const fs::path pipes = e2e::source_dir() / "examples" / "pipes";
  json config = {
      {"features", {"features"}},
      {"stepTimeoutMs", 60000},
      {"platforms",
       {{"cpp",
         {{"command",
           {(fs::path(TROUPE_BINARY_DIR) / "examples" / "pipes" / "pipes-cpp-servo").string()}}}},
        {"python",
         {{"command", {"python3", (pipes / "python" / "servo.py").string()}},
          {"env", {{"PYTHONDONTWRITEBYTECODE", "1"}}}}},
        {"node", {{"command", {"node", (pipes / "node" / "servo.js").string()}}}}}}};
  e2e::write_file(dir / "troupe.json", config.dump(2));
  // No writer: each reader waits for a frame for almost the whole 60 s step timeout.
  e2e::write_file(dir / "features" / "wait.feature", R"(Feature: Killed runner
  Scenario: reader waits
    Given the 'reader' process creates the endpoint
    Then the 'reader' process should read frame with size 16
)");
  LiveRun run(LiveRunSetup{{"run", "-j", "3", "--format", "message"}, dir});
  // Two steps started in each of the three test cases: every reader has its waiting step.
  ASSERT_TRUE(run.wait_for_output("\"testStepStarted\"", 6, milliseconds(60000)))
      << run.out() << run.err();
  EXPECT_EQ(run.out().find("\"testCaseFinished\""), std::string::npos) << "nobody may be done yet";
  // troupe and one servo per SDK (the census waits for nothing while they all run).
  EXPECT_EQ(e2e::processes_left(run.marker(), milliseconds(0)), 4);
  run.send(SIGKILL);
  const e2e::Outcome o = run.finish(milliseconds(10000));
  EXPECT_EQ(o.signal, SIGKILL);
  const auto killed = std::chrono::steady_clock::now();
  // The SDKs run cleanup hooks at EOF (bounded at 5 s) and then exit; measured well under 1 s.
  EXPECT_EQ(e2e::processes_left(o.marker, milliseconds(15000)), 0)
      << "servos outlived the killed troupe\n"
      << o.err;
  const auto gone_after =
      std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - killed);
  EXPECT_LT(gone_after, milliseconds(10000));
  std::printf("servos gone %lld ms after troupe was killed\n",
              static_cast<long long>(gone_after.count()));
}

}  // namespace
}  // namespace troupe::faults
