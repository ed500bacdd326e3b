#include "report/formatter_factory.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "report_test_support.hpp"

namespace troupe::report {
namespace {

std::string reason_of(std::string_view text) {
  try {
    parse_format_spec(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "no error";
}

TEST(FormatSpec, NameAndOptionalPath) {
  FormatSpec junit = parse_format_spec("junit:out/report.xml");
  EXPECT_EQ(junit.name, "junit");
  EXPECT_EQ(junit.path, "out/report.xml");
  FormatSpec pretty = parse_format_spec("pretty");
  EXPECT_EQ(pretty.name, "pretty");
  EXPECT_EQ(pretty.path, "");
  // Only the first ':' separates: paths may hold more.
  EXPECT_EQ(parse_format_spec("html:a:b.html").path, "a:b.html");
}

TEST(FormatSpec, BadSpecsSayWhy) {
  EXPECT_EQ(reason_of(""),
            "--format needs a value: NAME[:PATH] (pretty, progress, summary, junit, message, html, "
            "rerun)");
  EXPECT_EQ(reason_of("xml:out.xml"),
            "--format 'xml:out.xml': unknown format 'xml' (one of pretty, progress, summary, "
            "junit, message, html, rerun)");
  EXPECT_EQ(reason_of(":out.xml"),
            "--format ':out.xml': the name before ':' is missing (one of pretty, progress, "
            "summary, junit, message, html, rerun)");
  EXPECT_EQ(reason_of("junit:"),
            "--format 'junit:': the path after ':' is empty (leave out ':' to write to stdout)");
}

TEST(MakeFormatter, UnknownNameAndUnwritablePathAreErrors) {
  FormatterContext ctx;
  try {
    make_formatter({"nope", ""}, ctx);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(
        e.what(),
        "unknown format 'nope' (one of pretty, progress, summary, junit, message, html, rerun)");
  }
  const auto dir = testing::fresh_dir("unwritable");
  try {
    make_formatter({"junit", dir.string()}, ctx);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()),
              "format 'junit': cannot write '" + dir.string() + "': it is a directory");
  }
  testing::write_blocker(dir / "file");
  try {
    make_formatter({"html", (dir / "file" / "report.html").string()}, ctx);
    FAIL() << "expected an error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("format 'html': cannot create folder '" +
                                         (dir / "file").string() + "'"),
              std::string::npos)
        << e.what();
  }
}

TEST(MakeFormatter, CreatesParentFoldersAndTruncatesAtOnce) {
  const auto dir = testing::fresh_dir("parents");
  const auto path = dir / "a" / "b" / "rerun.txt";
  auto formatter = make_formatter({"rerun", path.string()}, {});
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
}

TEST(MakeFormatter, EveryKnownNameMakesAFormatter) {
  const auto dir = testing::fresh_dir("every");
  for (const auto& name : formatter_names())
    EXPECT_NE(make_formatter({name, (dir / name).string()}, {}), nullptr) << name;
  EXPECT_NE(make_summary({}), nullptr);
}

TEST(DefaultFormat, PrettyOnATerminalProgressElsewhere) {
  EXPECT_EQ(default_format({.is_tty = true}).name, "pretty");
  EXPECT_EQ(default_format({.is_tty = false}).name, "progress");
  EXPECT_EQ(default_format({.is_tty = false}).path, "");
}

}  // namespace
}  // namespace troupe::report

namespace troupe::report {
namespace {

TEST(MakeSummary, WritesToTheGivenStreamWithoutClosingIt) {
  std::FILE* stream = std::tmpfile();
  ASSERT_NE(stream, nullptr);
  {
    auto summary = make_summary({}, stream);
    summary->on_run_finished({exec::Clock::now(), exec::Millis(2), true, 0});
  }
  std::rewind(stream);
  char text[256] = {};
  const std::size_t n = std::fread(text, 1, sizeof text - 1, stream);
  EXPECT_EQ(std::string(text, n), "\n0 test cases in 2ms\n0 passed, 0 failed, 0 skipped\n");
  EXPECT_EQ(std::fclose(stream), 0) << "the summary must not close a stream it does not own";
}

}  // namespace
}  // namespace troupe::report

namespace troupe::report {
namespace {

// Passes every event on except FeatureParsed.
class WithoutFeatureMessages : public exec::EventSink {
 public:
  explicit WithoutFeatureMessages(exec::EventSink& to) : to_(to) {}
  void on_test_case_planned(const exec::TestCasePlanned& e) override { to_.on_test_case_planned(e); }
  void on_run_started(const exec::RunStarted& e) override { to_.on_run_started(e); }
  void on_test_case_started(const exec::TestCaseStarted& e) override { to_.on_test_case_started(e); }
  void on_step_started(const exec::StepStarted& e) override { to_.on_step_started(e); }
  void on_step_finished(const exec::StepFinished& e) override { to_.on_step_finished(e); }
  void on_servo_started(const exec::ServoStarted& e) override { to_.on_servo_started(e); }
  void on_servo_exited(const exec::ServoExited& e) override { to_.on_servo_exited(e); }
  void on_log(const exec::LogReceived& e) override { to_.on_log(e); }
  void on_test_case_finished(const exec::TestCaseFinished& e) override { to_.on_test_case_finished(e); }
  void on_run_finished(const exec::RunFinished& e) override { to_.on_run_finished(e); }

 private:
  exec::EventSink& to_;
};

// The CLI builds the features' Cucumber messages only for formatters that read them: every other
// formatter must write the same without them.
TEST(FormatterFactory, FormattersThatDoNotReadFeatureMessagesDoNotNeedThem) {
  testing::use_utc();
  const testing::SyntheticRun run = testing::make_synthetic_run();
  std::vector<std::string> readers;
  for (const auto& name : formatter_names()) {
    if (reads_feature_messages(name)) {
      readers.push_back(name);
      continue;
    }
    const std::string full = testing::render(name, {}, [&](exec::EventSink& sink) { run.replay(sink); });
    const std::string without = testing::render(name, {}, [&](exec::EventSink& sink) {
      WithoutFeatureMessages filter(sink);
      run.replay(filter);
    });
    EXPECT_EQ(full, without) << name;
    EXPECT_FALSE(full.empty()) << name;
  }
  EXPECT_EQ(readers, (std::vector<std::string>{"pretty", "message", "html"}));
}

}  // namespace
}  // namespace troupe::report
