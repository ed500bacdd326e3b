// A run that fails before it starts (bad config, feature syntax error) must leave the report files
// of the previous run as they were: they are opened only once everything has loaded.
#include <gtest/gtest.h>

#include "e2e_support.hpp"

namespace troupe::faults {
namespace {
namespace fs = std::filesystem;

class ConfigErrorKeepsReportsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = e2e::scratch_dir(std::string("signals-") + info->name());
    for (const char* name : {"junit.xml", "messages.ndjson", "report.html"})
      e2e::write_file(dir_ / "reports" / name, std::string("previous run: ") + name);
  }

  e2e::Outcome run() {
    return e2e::run_troupe(
        {.args = {"run", "-f", "junit:reports/junit.xml", "-f", "message:reports/messages.ndjson",
                  "-f", "html:reports/report.html"},
         .cwd = dir_,
         .timeout = std::chrono::milliseconds(30000)});
  }

  void expect_reports_untouched() {
    for (const char* name : {"junit.xml", "messages.ndjson", "report.html"})
      EXPECT_EQ(e2e::read_file(dir_ / "reports" / name), std::string("previous run: ") + name);
  }

  fs::path dir_;
};

TEST_F(ConfigErrorKeepsReportsTest, BrokenConfig) {
  e2e::write_file(dir_ / "troupe.json", R"({"platforms": {"p": {"command": 7}}})");
  const e2e::Outcome o = run();
  EXPECT_EQ(o.exit_code, 2) << o.out << o.err;
  EXPECT_NE(o.err.find("troupe.json"), std::string::npos) << o.err;
  expect_reports_untouched();
}

TEST_F(ConfigErrorKeepsReportsTest, FeatureSyntaxError) {
  e2e::write_file(dir_ / "troupe.json",
                  R"({"features": ["features"], "platforms": {"p": {"command": ["true"]}}})");
  e2e::write_file(dir_ / "features" / "broken.feature",
                  "Feature: broken\n  Scenario: x\n    Given a step\n  this line is not Gherkin\n");
  const e2e::Outcome o = run();
  EXPECT_EQ(o.exit_code, 2) << o.out << o.err;
  EXPECT_NE(o.err.find("broken.feature:"), std::string::npos) << o.err;
  expect_reports_untouched();
}

TEST_F(ConfigErrorKeepsReportsTest, AnUnwritableReportPathIsStillRefusedBeforeTheRun) {
  e2e::write_file(dir_ / "troupe.json",
                  R"({"features": ["features"], "platforms": {"p": {"command": ["true"]}}})");
  e2e::write_file(dir_ / "features" / "ok.feature",
                  "Feature: ok\n  Scenario: x\n    Given the 'a' process passes\n");
  fs::create_directories(dir_ / "reports" / "a-folder.xml");
  const e2e::Outcome o = e2e::run_troupe({.args = {"run", "-f", "junit:reports/a-folder.xml"},
                                          .cwd = dir_,
                                          .timeout = std::chrono::milliseconds(30000)});
  EXPECT_EQ(o.exit_code, 2) << o.out << o.err;
  EXPECT_NE(o.err.find("troupe: --format: format 'junit': cannot write 'reports/a-folder.xml': it "
                       "is a directory"),
            std::string::npos)
      << o.err;
  EXPECT_EQ(e2e::processes_left(o.marker), 0);
}

}  // namespace
}  // namespace troupe::faults
