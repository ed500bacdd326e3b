// An interrupted run as each file format shows it: the interrupted test case is marked, the one
// that never started is "not run", and the run names the signal.
#include <gtest/gtest.h>

#include <csignal>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report_test_support.hpp"

namespace troupe::report {
namespace {

using testing::count_of;

// Three test cases: one passed, one cut short by SIGTERM in its second step, one never started.
std::string render_interrupted(const std::string& format) {
  static auto pickle = [] {
    auto p = std::make_shared<gherkin::Pickle>();
    p->id = "p1";
    p->uri = "features/long.feature";
    p->name = "long";
    p->feature_name = "Long";
    return p;
  }();
  static std::vector<plan::TestCase> cases = [] {
    std::vector<plan::TestCase> out(3);
    const char* names[] = {"cpp | quick", "cpp | slow", "cpp | later"};
    for (std::size_t i = 0; i < out.size(); ++i) {
      out[i].name = names[i];
      out[i].pickle = pickle;
      out[i].combination = {{"solo", "cpp"}};
      out[i].steps.resize(2);
      out[i].steps[0].pickle_step_id = "s1";
      out[i].steps[0].keyword = "Given ";
      out[i].steps[0].text = "the 'solo' process starts work";
      out[i].steps[1].pickle_step_id = "s2";
      out[i].steps[1].keyword = "When ";
      out[i].steps[1].text = "the 'solo' process waits";
    }
    return out;
  }();
  const exec::TimePoint t = testing::synthetic_epoch();
  return testing::render(format, {}, [&](exec::EventSink& sink) {
    for (const auto& tc : cases) sink.on_test_case_planned({&tc});
    sink.on_run_started({t, cases.size(), "run"});
    for (int i = 0; i < 2; ++i) {
      const plan::TestCase& tc = cases[static_cast<std::size_t>(i)];
      sink.on_test_case_started({&tc, t, "x"});
      sink.on_step_started({&tc, 0, t});
      sink.on_step_finished(
          {&tc, 0, t, exec::Status::Passed, exec::Millis(1), "", "", {}, {"solo"}});
      sink.on_step_started({&tc, 1, t});
      if (i == 0)
        sink.on_step_finished(
            {&tc, 1, t, exec::Status::Passed, exec::Millis(1), "", "", {}, {"solo"}});
      else
        sink.on_step_finished({&tc,
                               1,
                               t,
                               exec::Status::Failed,
                               exec::Millis(1),
                               "interrupted by SIGTERM",
                               "interrupted",
                               {},
                               {"solo"}});
      sink.on_test_case_finished({&tc,
                                  t,
                                  i == 0 ? exec::Status::Passed : exec::Status::Failed,
                                  exec::Millis(2),
                                  i == 0 ? "" : "interrupted by SIGTERM",
                                  i == 1,
                                  {}});
    }
    sink.on_run_finished({t + exec::Millis(5), exec::Millis(5), false, SIGTERM});
  });
}

TEST(InterruptedRun, JunitMarksTheInterruptedCaseAndTheOneNotRun) {
  const std::string xml = render_interrupted("junit");
  EXPECT_NE(xml.find("<failure message=\"interrupted by SIGTERM\" type=\"interrupted\">"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<skipped>not run: the run ended before this test case</skipped>"),
            std::string::npos)
      << xml;
  EXPECT_EQ(count_of(xml, "<testcase "), 3u);
}

TEST(InterruptedRun, MessagesNameTheSignalAndTheInterruptedStep) {
  std::istringstream lines(render_interrupted("message"));
  std::string line, run_message, step_exception;
  int started = 0;
  while (std::getline(lines, line)) {
    const auto envelope = nlohmann::json::parse(line);
    if (envelope.contains("testCaseStarted")) ++started;
    if (envelope.contains("testRunFinished")) run_message = envelope["testRunFinished"]["message"];
    if (envelope.contains("testStepFinished") &&
        envelope["testStepFinished"]["testStepResult"]["status"] == "FAILED")
      step_exception = envelope["testStepFinished"]["testStepResult"]["exception"]["type"];
  }
  EXPECT_EQ(run_message, "interrupted by SIGTERM");
  EXPECT_EQ(step_exception, "interrupted");
  EXPECT_EQ(started, 2) << "the test case that never started is not in the stream";
}

TEST(InterruptedRun, HtmlMarksTheInterruptedCaseAndNamesTheSignal) {
  const std::string html = render_interrupted("html");
  EXPECT_EQ(count_of(html, "<span class=\"badge s-interrupted\">interrupted</span>"), 1u);
  const auto slow = html.find("<span class=\"name\">cpp | slow</span>");
  const auto badge = html.find("s-interrupted\">interrupted</span>");
  ASSERT_NE(slow, std::string::npos);
  EXPECT_LT(badge, slow) << "the badge comes before the name in the heading";
  EXPECT_EQ(html.rfind("<article", badge), html.rfind("<article", slow)) << "in the same test case";
  EXPECT_NE(html.find("(interrupted by SIGTERM)"), std::string::npos);
  EXPECT_NE(html.find(">not run</span> <span class=\"name\">cpp | later</span>"),
            std::string::npos);
  EXPECT_TRUE(html.ends_with("</html>\n"));
}

TEST(InterruptedRun, SummaryNamesTheSignal) {
  const std::string text = render_interrupted("summary");
  EXPECT_NE(text.find("2 test cases in 5ms: 1 passed, 1 failed (1 interrupted)\n"
                      "Interrupted by SIGTERM: 2 of 3 test cases finished\n"),
            std::string::npos)
      << text;
}

}  // namespace
}  // namespace troupe::report
