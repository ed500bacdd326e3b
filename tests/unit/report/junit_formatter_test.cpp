#include "report/junit_formatter.hpp"

#include <gtest/gtest.h>

#include <pugixml.hpp>
#include <set>

#include "report_test_support.hpp"

namespace troupe::report {
namespace {

class JunitFormatterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::use_utc();
    xml_ = testing::render_synthetic("junit");
    ASSERT_TRUE(doc_.load_string(xml_.c_str())) << xml_;
  }
  pugi::xml_node testcase(const char* name) const {
    return doc_.select_node(("//testcase[@name='" + std::string(name) + "']").c_str()).node();
  }
  std::string xml_;
  pugi::xml_document doc_;
};

TEST_F(JunitFormatterTest, OneSuitePerFeatureOneCasePerTestCaseWithCounts) {
  pugi::xml_node root = doc_.child("testsuites");
  EXPECT_STREQ(root.attribute("tests").value(), "18");
  EXPECT_STREQ(root.attribute("failures").value(), "3");
  EXPECT_STREQ(root.attribute("errors").value(), "0");
  EXPECT_STREQ(root.attribute("time").value(), "6.000");
  std::vector<std::string> suites;
  for (auto suite : root.children("testsuite")) suites.push_back(suite.attribute("name").value());
  EXPECT_EQ(suites, (std::vector<std::string>{"Shared buffers", "Logging"}));
  pugi::xml_node logging = root.find_child_by_attribute("testsuite", "name", "Logging");
  EXPECT_STREQ(logging.attribute("tests").value(), "9");
  EXPECT_STREQ(logging.attribute("failures").value(), "1");
  EXPECT_STREQ(logging.attribute("skipped").value(), "3");
  EXPECT_STREQ(logging.attribute("timestamp").value(), "2026-01-02T03:04:05");
  std::set<std::string> names;
  for (auto node : doc_.select_nodes("//testcase"))
    names.insert(node.node().attribute("name").value());
  EXPECT_EQ(names.size(), 18u) << "names are unique per combination and example row";
}

TEST_F(JunitFormatterTest, PropertiesListEveryRolePlatformOfTheFeature) {
  pugi::xml_node properties = doc_.child("testsuites").child("testsuite").child("properties");
  std::vector<std::string> pairs;
  for (auto property : properties.children("property"))
    pairs.push_back(std::string(property.attribute("name").value()) + "=" +
                    property.attribute("value").value());
  EXPECT_EQ(pairs, (std::vector<std::string>{"file=features/buffers.feature", "reader=cpp",
                                             "reader=python", "reader=rust", "writer=cpp",
                                             "writer=python", "writer=rust"}));
}

TEST_F(JunitFormatterTest, FailureHasMessageTypeAndDetailsThenLogsInSystemOut) {
  pugi::xml_node tc = testcase("cpp/rust | share a buffer");
  ASSERT_TRUE(tc);
  EXPECT_STREQ(tc.attribute("classname").value(), "Shared buffers");
  EXPECT_STREQ(tc.attribute("time").value(), "5.060");
  pugi::xml_node failure = tc.child("failure");
  EXPECT_STREQ(failure.attribute("message").value(), "no response from reader@cpp within 5000ms");
  EXPECT_STREQ(failure.attribute("type").value(), "timeout");
  EXPECT_STREQ(failure.text().get(),
               "step: When the 'reader' process opens buffer 'b1' (features/buffers.feature:5)\n"
               "process: reader@cpp\n"
               "status: failed\n"
               "error (timeout): no response from reader@cpp within 5000ms\n");
  EXPECT_STREQ(
      tc.child("system-out").text().get(),
      "platforms: reader=cpp, writer=rust\n"
      "[03:04:05.128] [rust:writer] [DEBUG] handling: the 'writer' process creates buffer 'b1'\n"
      "[03:04:05.129] [rust:writer] [INFO] done\n"
      "[03:04:10.128] [cpp:reader] [DEBUG] handling: the 'reader' process opens buffer 'b1'\n");
  // Child order of the junit-4 XSD: skipped, error, failure, system-out, system-err.
  EXPECT_STREQ(tc.first_child().name(), "failure");
  EXPECT_STREQ(tc.last_child().name(), "system-out");
}

TEST_F(JunitFormatterTest, UnexpectedExitIsPartOfTheFailureAndSkippedHasItsReason) {
  pugi::xml_node failure = testcase("rust/python | share a buffer").child("failure");
  EXPECT_STREQ(failure.attribute("type").value(), "assertion");
  EXPECT_NE(std::string(failure.text().get())
                .find("process writer@python (pid 4039) ended unexpectedly: exit code 1\n"
                      "stderr:\nTraceback (most recent call last):\nAssertionError\n"),
            std::string::npos)
      << failure.text().get();
  pugi::xml_node skipped = testcase("python | windows event log");
  EXPECT_STREQ(skipped.child("skipped").text().get(), "@platform:windows: not this host (linux)");
  EXPECT_FALSE(skipped.child("failure"));
  EXPECT_STREQ(
      testcase("rust | log at WARN (level=WARN)").child("failure").attribute("type").value(),
      "undefined");
}

TEST(JunitFormatter, ControlCharactersInLogsStayWellFormed) {
  plan::TestCase tc;
  tc.name = "bad <bytes> & \"quotes\"";
  exec::LogEntry entry{
      exec::Clock::now(), "r", "cpp", "INFO", std::string("bell\x07 nul\x01 esc\x1b[0m"), "stderr"};
  const std::string xml = testing::render("junit", {}, [&](exec::EventSink& sink) {
    sink.on_test_case_finished({&tc,
                                exec::Clock::now(),
                                exec::Status::Failed,
                                exec::Millis(1),
                                "bad\x02 error",
                                false,
                                {entry}});
    sink.on_run_finished({exec::Clock::now(), exec::Millis(1), false, 0});
  });
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str())) << xml;
  pugi::xml_node node = doc.select_node("//testcase").node();
  EXPECT_STREQ(node.attribute("name").value(), "bad <bytes> & \"quotes\"");
  EXPECT_STREQ(node.child("failure").attribute("message").value(), "bad\\x02 error");
  EXPECT_NE(
      std::string(node.child("system-out").text().get()).find("bell\\x07 nul\\x01 esc\\x1b[0m"),
      std::string::npos);
}

TEST(JunitFormatter, PlannedButNeverRunCasesAreSkippedAsNotRun) {
  plan::TestCase tc;
  tc.name = "never ran";
  const std::string xml = testing::render("junit", {}, [&](exec::EventSink& sink) {
    sink.on_test_case_planned({&tc});
    sink.on_run_finished({exec::Clock::now(), exec::Millis(1), false, 2});
  });
  pugi::xml_document doc;
  ASSERT_TRUE(doc.load_string(xml.c_str())) << xml;
  EXPECT_STREQ(doc.select_node("//testcase/skipped").node().text().get(),
               "not run: the run ended before this test case");
  EXPECT_STREQ(doc.child("testsuites").child("testsuite").attribute("skipped").value(), "1");
}

}  // namespace
}  // namespace troupe::report
