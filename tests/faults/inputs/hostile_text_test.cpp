// Text from feature files (step text, scenario and feature names, tags, doc strings) is data:
// it must arrive at the servo byte for byte, appear escaped in reports, and never be run by a
// shell, used as a path, or read as a format string.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e_support.hpp"

namespace troupe::e2e {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;

// Each would create a file named PWNED* (or print something odd) if it reached a shell, a path
// or printf/fmt as a format string.
const std::vector<std::string> kHostileTexts = {
    "$(touch PWNED1)",
    "`touch PWNED2`",
    "; touch PWNED3 #",
    "| tee PWNED4",
    "> PWNED5",
    "../../../../tmp/PWNED6",
    "%s%s%s%n%n%x",
    "{}{0}{:>999999999}{name}",
    "\\x41 \\n \" ' \\",
};

TEST(HostileText, ReachesTheServoVerbatimAndNothingElse) {
  const fs::path dir = scratch_dir("hostile-text");
  const fs::path record = dir / "record";
  fs::create_directories(record);
  const std::string servo = (servos_dir() / "echo_servo.py").string();
  const json config = {
      {"features", {"features"}},
      {"platforms", {{"p", {{"command", {"python3", servo, "--record", record.string()}}}}}},
      {"startTimeoutMs", 10000}};
  write_file(dir / "troupe.json", config.dump(2));

  std::string feature = "@tag-$(touch_PWNED7) @%n%s\nFeature: %s%n $(touch PWNED8)\n";
  for (std::size_t i = 0; i < kHostileTexts.size(); ++i) {
    feature += "  Scenario: " + std::to_string(i) + " " + kHostileTexts[i] + "\n";
    feature += "    Given the 'srv' process echoes " + kHostileTexts[i] + "\n";
    feature += "    And the 'srv' process logs '" + kHostileTexts[i] + " \x1b[2J\x1b]0;title\x07'\n";
  }
  write_file(dir / "features" / "hostile.feature", feature);

  const Outcome o = run_troupe({.args = {"run", "-v", "-f", "summary", "-f", "junit:out/junit.xml",
                                         "-f", "message:out/messages.ndjson", "-f",
                                         "html:out/report.html", "-f", "rerun:out/rerun.txt"},
                                .cwd = dir,
                                .timeout = std::chrono::milliseconds(120000)});
  EXPECT_FALSE(o.timed_out);
  EXPECT_EQ(o.exit_code, 0) << o.out << o.err;
  EXPECT_NE(o.out.find(std::to_string(kHostileTexts.size()) + " passed, 0 failed, 0 skipped"),
            std::string::npos)
      << o.out << o.err;
  EXPECT_EQ(processes_left(o.marker), 0);

  // Nothing was created anywhere a shell or a path would have put it.
  for (const fs::path& where : {dir, dir.parent_path(), fs::path("/tmp")}) {
    for (const auto& entry : fs::directory_iterator(where)) {
      EXPECT_EQ(entry.path().filename().string().find("PWNED"), std::string::npos)
          << entry.path();
    }
  }

  // The servo received each text exactly as written.
  std::vector<std::string> steps;
  for (const auto& entry : fs::directory_iterator(record)) {
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) {
      const json message = json::parse(line);
      if (message.value("method", "") == "executeStep")
        steps.push_back(message["params"]["step"].get<std::string>());
    }
  }
  for (const std::string& text : kHostileTexts) {
    EXPECT_NE(std::find(steps.begin(), steps.end(), "echoes " + text), steps.end()) << text;
  }

  // A servo's log cannot drive the terminal: control bytes are escaped in console output.
  EXPECT_NE(o.out.find("$(touch PWNED1) "), std::string::npos) << "-v shows servo logs\n" << o.out;
  EXPECT_EQ(o.out.find('\x1b'), std::string::npos);
  EXPECT_EQ(o.err.find('\x1b'), std::string::npos);
  EXPECT_EQ(o.out.find('\x07'), std::string::npos);

  // Every report was written where -f said, and nowhere else.
  for (const char* report : {"junit.xml", "messages.ndjson", "report.html", "rerun.txt"})
    EXPECT_TRUE(fs::exists(dir / "out" / report)) << report;
  const std::string junit = read_file(dir / "out" / "junit.xml");
  EXPECT_NE(junit.find("$(touch PWNED1)"), std::string::npos);
  EXPECT_EQ(junit.find('\x1b'), std::string::npos) << "XML 1.0 cannot hold ESC";
}

}  // namespace
}  // namespace troupe::e2e
