// Cucumber's official Gherkin test data: every good file must give the same
// source, gherkinDocument and pickles as the reference; every bad file the same
// errors (locations, count and message text). Compared as JSON values.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "gherkin/gherkin.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace troupe::gherkin;

namespace {

const fs::path kTestData = fs::path(TROUPE_SOURCE_DIR) / "tests/conformance/gherkin/testdata";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::vector<json> read_ndjson(const fs::path& path) {
  std::vector<json> out;
  std::ifstream in(path, std::ios::binary);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

// Feature files (.feature, .feature.md) in a testdata folder, sorted.
std::vector<std::string> feature_files(const char* folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(kTestData / folder)) {
    std::string name = entry.path().filename().string();
    if (name.ends_with(".feature") || name.ends_with(".feature.md")) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string test_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
}

class GoodFile : public testing::TestWithParam<std::string> {};
class BadFile : public testing::TestWithParam<std::string> {};

TEST_P(GoodFile, MatchesReference) {
  const std::string name = GetParam();
  const fs::path dir = kTestData / "good";
  IdGenerator ids;
  ParsedFeature parsed = parse_feature("../testdata/good/" + name, read_file(dir / name), ids);
  for (const auto& error : parsed.errors) ADD_FAILURE() << "unexpected error: " << error.message;
  ASSERT_TRUE(parsed.errors.empty());

  auto source = read_ndjson(dir / (name + ".source.ndjson"));
  ASSERT_EQ(source.size(), 1u);
  EXPECT_EQ(source_message(parsed), source[0]["source"]);

  auto ast = read_ndjson(dir / (name + ".ast.ndjson"));
  ASSERT_EQ(ast.size(), 1u);
  json actual_ast = gherkin_document_message(parsed);
  EXPECT_EQ(actual_ast, ast[0]["gherkinDocument"])
      << "actual:   " << actual_ast.dump() << "\nexpected: " << ast[0]["gherkinDocument"].dump();

  auto pickles = read_ndjson(dir / (name + ".pickles.ndjson"));
  ASSERT_EQ(parsed.pickles.size(), pickles.size());
  for (std::size_t i = 0; i < pickles.size(); ++i) {
    json actual = pickle_message(parsed.pickles[i]);
    EXPECT_EQ(actual, pickles[i]["pickle"]) << "pickle " << i << "\nactual:   " << actual.dump()
                                            << "\nexpected: " << pickles[i]["pickle"].dump();
  }
}

TEST_P(BadFile, ReportsReferenceErrors) {
  const std::string name = GetParam();
  const fs::path dir = kTestData / "bad";
  IdGenerator ids;
  ParsedFeature parsed = parse_feature("../testdata/bad/" + name, read_file(dir / name), ids);
  EXPECT_FALSE(parsed.document.has_value());
  EXPECT_TRUE(parsed.pickles.empty());
  auto expected = read_ndjson(dir / (name + ".errors.ndjson"));
  json actual = json::array();
  for (const auto& error : parsed.errors) actual.push_back(parse_error_message(error));
  json wanted = json::array();
  for (const auto& envelope : expected) wanted.push_back(envelope["parseError"]);
  EXPECT_EQ(actual, wanted) << "actual:   " << actual.dump() << "\nexpected: " << wanted.dump();
}

INSTANTIATE_TEST_SUITE_P(Gherkin, GoodFile, testing::ValuesIn(feature_files("good")), test_name);
INSTANTIATE_TEST_SUITE_P(Gherkin, BadFile, testing::ValuesIn(feature_files("bad")), test_name);

}  // namespace
