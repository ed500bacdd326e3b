// Hostile or huge input: each gives a precise error or a correct parse, in time
// and memory linear in the input.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "gherkin/gherkin.hpp"

using namespace troupe::gherkin;

namespace {

double seconds_to_parse(const std::string& data, std::size_t* pickles = nullptr) {
  IdGenerator ids;
  auto start = std::chrono::steady_clock::now();
  ParsedFeature parsed = parse_feature("timed.feature", data, ids);
  auto stop = std::chrono::steady_clock::now();
  EXPECT_TRUE(parsed.errors.empty()) << parsed.errors.front().message;
  if (pickles) *pickles = parsed.pickles.size();
  return std::chrono::duration<double>(stop - start).count();
}

std::string table_feature(std::size_t rows) {
  std::string data = "Feature: table\n  Scenario: many rows\n    Given a table\n";
  data.reserve(rows * 24 + 64);
  for (std::size_t i = 0; i < rows; ++i) data += "      | " + std::to_string(i) + " | value |\n";
  return data;
}

TEST(GherkinBadInput, BinaryDataGivesOneErrorAtTheNulByte) {
  IdGenerator ids;
  std::string data = "Feature: x\n  Scenario: y\x01\x02";
  data += '\0';
  data += "\x7f rest";
  auto parsed = parse_feature("bin.feature", data, ids);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].location.line, 2);
  EXPECT_EQ(parsed.errors[0].location.column, 16);
  EXPECT_NE(parsed.errors[0].message.find("binary data"), std::string::npos)
      << parsed.errors[0].message;
  EXPECT_FALSE(parsed.document.has_value());
  EXPECT_TRUE(parsed.pickles.empty());
}

TEST(GherkinBadInput, InvalidUtf8GivesOneErrorAtTheBadByte) {
  IdGenerator ids;
  auto parsed = parse_feature("latin1.feature", "Feature: caf\xe9\n", ids);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].location.line, 1);
  EXPECT_EQ(parsed.errors[0].location.column, 13);
  EXPECT_EQ(parsed.errors[0].message,
            "(1:13): invalid UTF-8 (byte 0xE9): feature files must be UTF-8");
}

TEST(GherkinBadInput, OverlongAndSurrogateUtf8AreRejected) {
  IdGenerator ids;
  EXPECT_EQ(parse_feature("a.feature", "Feature: \xc0\xaf", ids).errors.size(), 1u);
  EXPECT_EQ(parse_feature("b.feature", "Feature: \xed\xa0\x80", ids).errors.size(), 1u);
  EXPECT_EQ(parse_feature("c.feature", "Feature: \xf0\x9f\x98", ids).errors.size(), 1u);
  EXPECT_TRUE(parse_feature("d.feature", "Feature: \xf0\x9f\x98\x80", ids).errors.empty());
}

TEST(GherkinBadInput, EmptyFileIsAnEmptyDocument) {
  IdGenerator ids;
  auto parsed = parse_feature("empty.feature", "", ids);
  EXPECT_TRUE(parsed.errors.empty());
  ASSERT_TRUE(parsed.document.has_value());
  EXPECT_FALSE(parsed.document->feature.has_value());
  EXPECT_TRUE(parsed.pickles.empty());
  EXPECT_EQ(gherkin_document_message(parsed),
            nlohmann::json::parse(R"({"uri":"empty.feature","comments":[]})"));
}

TEST(GherkinBadInput, MissingFileGivesOneReadError) {
  IdGenerator ids;
  auto parsed = parse_feature_file("/nonexistent/dir/x.feature", "x.feature", ids);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].uri, "x.feature");
  EXPECT_EQ(parsed.errors[0].message, "cannot read: no such file");
  EXPECT_EQ(parse_error_message(parsed.errors[0]),
            nlohmann::json::parse(
                R"({"source":{"uri":"x.feature"},"message":"cannot read: no such file"})"));
}

TEST(GherkinBadInput, DirectoryGivesOneReadError) {
  IdGenerator ids;
  auto parsed = parse_feature_file(std::filesystem::temp_directory_path(), "tmp", ids);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].message, "cannot read: is a directory");
}

TEST(GherkinBadInput, HundredMegabyteFileParses) {
  // Mostly doc string text, with a scenario every ~1 MB.
  std::string line(99, 'x');
  line += '\n';
  std::string data = "Feature: huge\n";
  data.reserve(101u << 20);
  std::size_t scenarios = 0;
  while (data.size() < (100u << 20)) {
    data +=
        "  Scenario: s" + std::to_string(scenarios++) + "\n    Given a big text\n      \"\"\"\n";
    for (int i = 0; i < 10000; ++i) data += line;
    data += "      \"\"\"\n";
  }
  const auto path = std::filesystem::temp_directory_path() / "troupe_gherkin_100mb.feature";
  {
    std::ofstream out(path, std::ios::binary);
    out << data;
  }
  IdGenerator ids;
  auto start = std::chrono::steady_clock::now();
  auto parsed = parse_feature_file(path, "huge.feature", ids);
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::filesystem::remove(path);
  ASSERT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.pickles.size(), scenarios);
  ASSERT_TRUE(parsed.pickles[0].steps[0].argument.has_value());
  EXPECT_EQ(parsed.pickles[0].steps[0].argument->doc_string->content.size(), 10000u * 100u - 1u);
  EXPECT_LT(elapsed, 30.0);
}

TEST(GherkinBadInput, TenMegabyteLineParses) {
  std::string text(10u << 20, 'a');
  IdGenerator ids;
  auto parsed =
      parse_feature("long.feature", "Feature: long\n  Scenario: s\n    Given " + text + "\n", ids);
  ASSERT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.pickles.size(), 1u);
  EXPECT_EQ(parsed.pickles[0].steps[0].text.size(), text.size());
}

TEST(GherkinBadInput, TenMegabyteTableRowParses) {
  std::string row = "      |";
  for (int i = 0; i < 1'000'000; ++i) row += " cell \\| |";
  IdGenerator ids;
  auto parsed = parse_feature("row.feature",
                              "Feature: wide\n  Scenario: s\n    Given a row\n" + row + "\n", ids);
  ASSERT_TRUE(parsed.errors.empty());
  const auto& table = parsed.pickles.at(0).steps.at(0).argument->data_table;
  ASSERT_TRUE(table.has_value());
  ASSERT_EQ(table->rows[0].cells.size(), 1'000'000u);
  EXPECT_EQ(table->rows[0].cells[999'999], "cell |");
}

TEST(GherkinBadInput, HundredThousandRowTableIsLinear) {
  std::size_t pickles = 0;
  double small = seconds_to_parse(table_feature(25'000), &pickles);
  EXPECT_EQ(pickles, 1u);
  double large = seconds_to_parse(table_feature(100'000));
  EXPECT_LT(large, 5.0);
  // 4x the rows may not take much more than 4x the time (generous for noise).
  EXPECT_LT(large, 12.0 * small + 0.05)
      << "25k rows: " << small << " s, 100k rows: " << large << " s";
}

TEST(GherkinBadInput, InconsistentRowInHugeTableIsPinpointed) {
  std::string data = table_feature(100'000);
  data += "      | short |\n";
  IdGenerator ids;
  auto parsed = parse_feature("t.feature", data, ids);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].message, "(100004:7): inconsistent cell count within the table");
}

TEST(GherkinBadInput, TenThousandDelimiterLinesInsideADocString) {
  std::string data = "Feature: nested\n  Scenario: s\n    Given text\n      ```\n";
  for (int i = 0; i < 10'000; ++i) data += "      \"\"\"\n";
  data += "      ```\n";
  IdGenerator ids;
  auto parsed = parse_feature("nested.feature", data, ids);
  ASSERT_TRUE(parsed.errors.empty());
  const auto& doc = parsed.pickles.at(0).steps.at(0).argument->doc_string;
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->content.size(), 10'000u * 4u - 1u);
}

TEST(GherkinBadInput, TenThousandBareDelimiterLinesStopAfterElevenErrors) {
  std::string data = "Feature: nested\n  Scenario: s\n    Given text\n";
  for (int i = 0; i < 10'000; ++i) data += "      \"\"\" line " + std::to_string(i) + "\n";
  IdGenerator ids;
  auto start = std::chrono::steady_clock::now();
  auto parsed = parse_feature("nested.feature", data, ids);
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // Doc strings open and close in pairs; the second one of the step is an error,
  // and the parser gives up after 11 distinct errors like the reference.
  ASSERT_EQ(parsed.errors.size(), 11u);
  EXPECT_EQ(parsed.errors[0].location.line, 6);
  EXPECT_FALSE(parsed.document.has_value());
  EXPECT_LT(elapsed, 2.0);
}

TEST(GherkinBadInput, UnterminatedDocStringReportsEndOfFile) {
  IdGenerator ids;
  auto parsed = parse_feature(
      "open.feature", "Feature: f\n  Scenario: s\n    Given x\n      \"\"\"\n      text\n", ids);
  ASSERT_EQ(parsed.errors.size(), 1u);
  EXPECT_EQ(parsed.errors[0].message,
            "(6:0): unexpected end of file, expected: #DocStringSeparator, #Other");
  EXPECT_EQ(parsed.errors[0].location.column, 0);
}

}  // namespace
