// The small parts of the runner that need no process: timestamps, stderr lines, the log book.
#include <gtest/gtest.h>

#include <chrono>

#include "exec/log_book.hpp"
#include "exec/log_time.hpp"
#include "exec/process_group.hpp"
#include "exec/run_ids.hpp"
#include "exec/stderr_lines.hpp"

namespace troupe::exec {
namespace {

long long epoch_ms(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
}

TEST(LogTimestamp, ReadsIsoFormsWithAndWithoutZone) {
  EXPECT_EQ(epoch_ms(*parse_log_timestamp("2020-01-02T03:04:05.678Z")), 1577934245678);
  EXPECT_EQ(epoch_ms(*parse_log_timestamp("2020-01-02 03:04:05.678")), 1577934245678);
  EXPECT_EQ(epoch_ms(*parse_log_timestamp("2020-01-02T05:04:05.6789012+02:00")), 1577934245678);
  EXPECT_EQ(epoch_ms(*parse_log_timestamp("2020-01-02T01:04:05-0200")), 1577934245000);
  EXPECT_EQ(epoch_ms(*parse_log_timestamp("1970-01-01T00:00:00Z")), 0);
}

TEST(LogTimestamp, RejectsAnythingElse) {
  for (const char* bad : {"", "yesterday", "2020-13-01T00:00:00Z", "2020-02-30T00:00:00Z",
                          "2020-01-02T03:04", "2020-01-02T03:04:05Zjunk", "2020-01-02T03:04:05."})
    EXPECT_FALSE(parse_log_timestamp(bad).has_value()) << bad;
}

TEST(StderrLines, SplitsLinesAndKeepsATail) {
  std::vector<std::string> lines;
  StderrLines splitter(1024, [&](std::string line) { lines.push_back(std::move(line)); });
  splitter.feed("one\ntw");
  splitter.feed("o\r\nthree");
  EXPECT_EQ(lines, (std::vector<std::string>{"one", "two"}));
  splitter.finish();
  EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "three"}));
  EXPECT_EQ(splitter.tail(), "one\ntwo\nthree");
}

TEST(StderrLines, StaysWithinItsBudget) {
  std::vector<std::string> lines;
  StderrLines splitter(100, [&](std::string line) { lines.push_back(std::move(line)); });
  std::string chunk(30, 'x');
  for (int i = 0; i < 1000; ++i) splitter.feed(chunk + "\n");
  std::size_t bytes = 0;
  for (const auto& l : lines) bytes += l.size();
  EXPECT_LE(bytes, 200u);
  splitter.finish();
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines.back(), "[troupe] stderr cut at the limit of 100 bytes (30907 bytes dropped)");
  // A huge line without a newline is cut, not accumulated.
  std::vector<std::string> huge;
  StderrLines one(64, [&](std::string line) { huge.push_back(std::move(line)); });
  one.feed(std::string(10000, 'y'));
  ASSERT_EQ(huge.size(), 1u);
  EXPECT_EQ(huge[0].size(), 64u);
  EXPECT_LE(one.tail().size(), StderrLines::kTailBytes + 3);
}

TEST(StderrLines, TailKeepsTheLastLines) {
  StderrLines splitter(1 << 20, [](std::string) {});
  for (int i = 0; i < 100; ++i) splitter.feed("line " + std::to_string(i) + "\n");
  std::string tail = splitter.tail();
  EXPECT_EQ(tail.rfind("line 99"), tail.size() - 7);
  EXPECT_EQ(tail.find("line 79"), std::string::npos);
  EXPECT_NE(tail.find("line 80"), std::string::npos);
}

TEST(LogBook, SortsByTimeAndNotesWhatWasCut) {
  LogBook book(2);
  LogEntry late, early, extra;
  late.time = TimePoint(std::chrono::seconds(20));
  late.message = "late";
  early.time = TimePoint(std::chrono::seconds(10));
  early.message = "early";
  extra.message = "extra";
  EXPECT_TRUE(book.add(late));
  EXPECT_TRUE(book.add(early));
  EXPECT_FALSE(book.add(extra));
  auto sorted = book.in_time_order();
  ASSERT_EQ(sorted.size(), 3u);
  EXPECT_EQ(sorted[0].message, "early");
  EXPECT_EQ(sorted[1].message, "late");
  EXPECT_EQ(sorted[2].source, "troupe");
  EXPECT_EQ(sorted[2].message, "log cut: 1 more entries dropped (limit 2 per test case)");
}

TEST(SignalName, NamesCommonSignals) {
  EXPECT_EQ(signal_name(11), "SIGSEGV");
  EXPECT_EQ(signal_name(9), "SIGKILL");
  EXPECT_EQ(signal_name(99), "signal 99");
}

TEST(RunIds, AreDistinctAndFileNameSafe) {
  std::string a = make_run_id(), b = make_run_id();
  EXPECT_NE(a, b);
  EXPECT_EQ(make_test_run_id("r", 6), "r-0007");
  EXPECT_EQ(a.find_first_of("/\\: "), std::string::npos);
  EXPECT_NE(next_feature_id(), next_feature_id());
}

}  // namespace
}  // namespace troupe::exec
