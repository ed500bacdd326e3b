#include "report/html_formatter.hpp"

#include <gtest/gtest.h>

#include "report_test_support.hpp"

namespace troupe::report {
namespace {

using testing::count_of;

class HtmlFormatterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::use_utc();
    html_ = testing::render_synthetic("html", {.troupe_version = "9.9.9"});
  }
  std::string html_;
};

TEST_F(HtmlFormatterTest, SelfContainedPageWithEveryTestCase) {
  EXPECT_TRUE(html_.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
  EXPECT_TRUE(html_.ends_with("</html>\n"));
  EXPECT_EQ(html_.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html_.find("href=\"http"), std::string::npos);
  EXPECT_EQ(count_of(html_, "<article class=\"case "), 18u);
  for (const auto& tc : testing::make_synthetic_run().plan.test_cases)
    EXPECT_EQ(count_of(html_, "<span class=\"name\">" + tc.name + "</span>"), 1u) << tc.name;
  EXPECT_NE(html_.find("<p class=\"counts\"><span>18 test cases</span><span "
                       "class=\"passed-text\">12 passed</span>"
                       "<span class=\"failed-text\">3 failed</span><span class=\"skipped-text\">3 "
                       "skipped</span></p>"),
            std::string::npos);
  EXPECT_NE(html_.find("Started 2026-01-02 03:04:05 UTC, run took 6.00s &middot; troupe 9.9.9"),
            std::string::npos);
}

TEST_F(HtmlFormatterTest, FailuresComeFirstThenPassedThenSkipped) {
  const auto first_failed = html_.find("data-status=\"failed\"");
  const auto last_failed = html_.rfind("data-status=\"failed\"");
  const auto first_passed = html_.find("data-status=\"passed\"");
  const auto last_passed = html_.rfind("data-status=\"passed\"");
  const auto first_skipped = html_.find("data-status=\"skipped\"");
  EXPECT_LT(first_failed, first_passed);
  EXPECT_LT(last_failed, first_passed);
  EXPECT_LT(last_passed, first_skipped);
  EXPECT_EQ(count_of(html_, "data-status=\"failed\""), 3u);
}

TEST_F(HtmlFormatterTest, TimelineHasALanePerProcessBarsAndServoMarks) {
  const auto start = html_.find("<span class=\"name\">rust/python | share a buffer</span>");
  const auto end = html_.find("</article>", start);
  const std::string article = html_.substr(start, end - start);
  EXPECT_EQ(count_of(article, "<div class=\"lane\">"), 2u);
  EXPECT_NE(article.find("<div class=\"lane-label\">reader (rust)</div>"), std::string::npos);
  EXPECT_NE(article.find("<div class=\"lane-label\">writer (python)</div>"), std::string::npos);
  // The broadcast step is a bar in both lanes; the not-run stop step is none.
  EXPECT_EQ(count_of(article, "<div class=\"bar failed\""), 2u);
  EXPECT_EQ(count_of(article, "<div class=\"bar passed\""), 2u);
  EXPECT_EQ(count_of(article, "class=\"mark start\""), 2u);
  EXPECT_EQ(count_of(article, "class=\"mark exit unexpected\""), 1u);
  EXPECT_NE(article.find("title=\"writer@python exited (pid 4039, exit code 1, "
                         "unexpectedly)\nTraceback (most recent call last):\nAssertionError\""),
            std::string::npos);
  // Logs on hover: the bar's title carries the step's logs.
  EXPECT_NE(
      article.find("title=\"Then every process sees 1 buffer — failed in 20ms\nwriter@python: "
                   "expected 1 buffer, saw 0\n"
                   "[03:04:05.363] [rust:reader] [DEBUG] handling: every process sees 1 buffer"),
      std::string::npos);
  EXPECT_NE(article.find("<details class=\"logs\" open><summary>Logs of every process, in time "
                         "order (7 lines)</summary>"),
            std::string::npos);
}

TEST_F(HtmlFormatterTest, OverviewHasThePlatformMatrix) {
  EXPECT_NE(
      html_.find(
          "<caption>reader &times; writer (passed/failed)</caption><tr><th>reader \\ writer</th>"
          "<th>cpp</th><th>python</th><th>rust</th></tr><tr><th>cpp</th>"
          "<td class=\"ok\" title=\"1 passed, 0 failed\">1/0</td>"
          "<td class=\"ok\" title=\"1 passed, 0 failed\">1/0</td>"
          "<td class=\"bad\" title=\"0 passed, 1 failed\">0/1</td></tr>"),
      std::string::npos);
  EXPECT_NE(html_.find("<caption>logger (passed/failed)</caption>"), std::string::npos);
}

TEST(HtmlFormatter, EscapesWhatProcessesPrint) {
  plan::TestCase tc;
  tc.name = "<script>alert(1)</script>";
  const exec::TimePoint t = testing::synthetic_epoch();
  const std::string html = testing::render("html", {}, [&](exec::EventSink& sink) {
    sink.on_test_case_finished({&tc,
                                t,
                                exec::Status::Failed,
                                exec::Millis(1),
                                "a < b & \"c\"",
                                false,
                                {{t, "r", "cpp", "INFO", "</pre><b>", "stderr"}}});
    sink.on_run_finished({t, exec::Millis(1), false, 0});
  });
  EXPECT_EQ(html.find("<script>alert"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("a &lt; b &amp; &quot;c&quot;"), std::string::npos);
  EXPECT_NE(html.find("&lt;/pre&gt;&lt;b&gt;"), std::string::npos);
}

}  // namespace
}  // namespace troupe::report
