// End-to-end tests of the worked example (examples/pipes): the whole suite passes in all nine
// reader x writer combinations of cpp, python and node, with one job and with two, leaving no
// process and no endpoint behind; and the deliberately faulty Python writer fails exactly the
// combinations it takes part in, with the reader's "checksum mismatch" in troupe's output.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "e2e_support.hpp"

namespace troupe::e2e {
namespace {
namespace fs = std::filesystem;
using json = nlohmann::json;
using std::chrono::milliseconds;

const fs::path kExampleDir = source_dir() / "examples" / "pipes";
const fs::path kCppServo = fs::path(TROUPE_BINARY_DIR) / "examples" / "pipes" / "pipes-cpp-servo";

// The example's config with every path made absolute, so it runs from a scratch folder against
// this build tree (the checked-in one points at build/).
fs::path absolute_config(const std::string& name, const fs::path& dir) {
  json config = json::parse(read_file(kExampleDir / name));
  for (auto& feature : config["features"])
    feature = (kExampleDir / feature.get<std::string>()).string();
  for (auto& [platform, entry] : config["platforms"].items()) {
    auto& command = entry["command"];
    if (platform == "cpp")
      command[0] = kCppServo.string();
    else
      command[1] = (kExampleDir / command[1].get<std::string>()).string();
  }
  const fs::path path = dir / name;
  write_file(path, config.dump(2));
  return path;
}

// A short private TMPDIR: the servos put their endpoints there, and it must be empty afterwards.
class EndpointFolder {
 public:
  EndpointFolder() {
    char pattern[] = "/tmp/pipes-e2e-XXXXXX";
    const char* made = mkdtemp(pattern);
    if (made) path_ = made;
  }
  ~EndpointFolder() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }
  std::vector<std::string> leftovers() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(path_))
      names.push_back(entry.path().filename());
    return names;
  }

 private:
  fs::path path_;
};

struct Results {
  std::set<std::string> passed;
  std::set<std::string> failed;
};

// Reads "[3/120] passed  cpp/node | Simple exchange (12ms)" lines of the progress format.
Results results_of(const std::string& progress) {
  static const std::regex line(R"(^\[\d+/\d+\] (passed|failed)\s+(.*) \([0-9.]+m?s\)(:.*)?$)");
  Results results;
  std::istringstream in(progress);
  for (std::string text; std::getline(in, text);) {
    std::smatch match;
    if (!std::regex_match(text, match, line)) continue;
    (match[1] == "passed" ? results.passed : results.failed).insert(match[2]);
  }
  return results;
}

std::set<std::string> expected_suite_names() {
  const std::vector<std::string> platforms = {"cpp", "python", "node"};
  const std::vector<std::string> two_role_scenarios = {
      "Simple exchange",
      "Many frames arrive in order",
      "A 1 MB frame keeps its checksum",
      "An empty frame",
      "Frames of size 1 (size=1)",
      "Frames of size 255 (size=255)",
      "Frames of size 4096 (size=4096)",
      "Frames of size 65537 (size=65537)",
      "Frames of size 300000 (size=300000)",
      "A table of frames",
      "The writer is killed mid-stream",
      "The reader is killed",
      "The reader restarts and the writer reconnects"};
  std::set<std::string> names;
  for (const auto& scenario : two_role_scenarios)
    for (const auto& reader : platforms)
      for (const auto& writer : platforms) names.insert(reader + "/" + writer + " | " + scenario);
  for (const auto& reader : platforms) names.insert(reader + " | A read with no writer times out");
  return names;
}

class ExampleSuiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(kCppServo))
        << kCppServo << " is missing: build the pipes-cpp-servo target";
    ASSERT_FALSE(endpoints_.path().empty()) << "cannot create a folder under /tmp";
    dir_ = scratch_dir(std::string("example-") +
                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
  }

  Outcome troupe(std::vector<std::string> args) {
    Outcome outcome = run_troupe({.args = std::move(args),
                                  .cwd = dir_,
                                  .env = {{"TMPDIR", endpoints_.path().string()}},
                                  .timeout = milliseconds(240000)});
    EXPECT_FALSE(outcome.timed_out) << outcome.out << outcome.err;
    EXPECT_EQ(processes_left(outcome.marker), 0) << "processes left behind\n" << outcome.out;
    EXPECT_EQ(endpoints_.leftovers(), std::vector<std::string>{}) << "endpoints left behind";
    return outcome;
  }

  void expect_whole_suite_passes(const std::string& jobs) {
    const auto config = absolute_config("troupe.json", dir_);
    const Outcome outcome =
        troupe({"run", "--config", config.string(), "-j", jobs, "-f", "progress"});
    EXPECT_EQ(outcome.exit_code, 0) << outcome.out << outcome.err;
    const Results results = results_of(outcome.out);
    EXPECT_EQ(results.passed, expected_suite_names()) << outcome.out;
    EXPECT_EQ(results.failed, std::set<std::string>{}) << outcome.out;
    EXPECT_NE(outcome.out.find("120 passed, 0 failed, 0 skipped"), std::string::npos)
        << outcome.out;
  }

  EndpointFolder endpoints_;
  fs::path dir_;
};

TEST_F(ExampleSuiteTest, WholeSuitePassesInAllNineCombinationsWithOneJob) {
  expect_whole_suite_passes("1");
}

TEST_F(ExampleSuiteTest, WholeSuitePassesWithTheSameNamesWithTwoJobs) {
  expect_whole_suite_passes("2");
}

TEST_F(ExampleSuiteTest, FaultyWriterFailsExactlyItsCombinationsWithAChecksumMismatch) {
  const auto config = absolute_config("troupe-faulty.json", dir_);
  const fs::path progress = dir_ / "progress.txt";
  const Outcome outcome = troupe({"run", "--config", config.string(), "--name", "^Simple exchange$",
                                  "-f", "pretty", "-f", "progress:" + progress.string()});
  EXPECT_EQ(outcome.exit_code, 1) << outcome.out << outcome.err;

  // Readers on every platform accept every honest writer and reject the faulty one.
  const Results results = results_of(read_file(progress));
  std::set<std::string> passed, failed;
  for (const std::string reader : {"cpp", "python", "node"}) {
    for (const std::string writer : {"cpp", "python", "node"})
      passed.insert(reader + "/" + writer + " | Simple exchange");
    failed.insert(reader + "/python-faulty | Simple exchange");
  }
  EXPECT_EQ(results.passed, passed) << outcome.out;
  EXPECT_EQ(results.failed, failed) << outcome.out;

  // The failing step is the reader's, on each reader platform, with the reader's own words.
  const std::string mismatch =
      "checksum mismatch in frame 1: header says 0x46ac0698, payload of 1024 bytes has 0x46ac0699";
  for (const std::string reader : {"cpp", "python", "node"}) {
    EXPECT_NE(outcome.out.find("platforms: reader=" + reader + ", writer=python-faulty"),
              std::string::npos)
        << outcome.out;
    EXPECT_NE(
        outcome.out.find("✘ Then the 'reader' process should read frame with size 1024  # reader@" +
                         reader),
        std::string::npos)
        << outcome.out;
  }
  EXPECT_NE(outcome.out.find(mismatch), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("[INFO] connected to"), std::string::npos) << outcome.out;
  EXPECT_NE(outcome.out.find("(fault: corrupt-checksum)"), std::string::npos) << outcome.out;
  // The writer's own steps pass: only the other side can see the corruption.
  EXPECT_NE(outcome.out.find(
                "✔ When the 'writer' process writes frame with size 1024  # writer@python-faulty"),
            std::string::npos)
      << outcome.out;
  EXPECT_NE(outcome.out.find("9 passed, 3 failed, 0 skipped"), std::string::npos) << outcome.out;
}

}  // namespace
}  // namespace troupe::e2e
