// `troupe parse`: NDJSON envelopes, error formats and exit codes, run as a process.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace {

struct ProcessResult {
  int exit_code = -1;
  std::string out;
};

// Runs troupe in the good/ or bad/ testdata folder so that uris are bare names.
ProcessResult troupe(const std::string& folder, const std::string& args) {
  std::string command = std::string("cd '") + TROUPE_SOURCE_DIR +
                        "/tests/conformance/gherkin/testdata/" + folder + "' && '" + TROUPE_EXE +
                        "' " + args;
  ProcessResult run;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  char buffer[4096];
  while (std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) run.out.append(buffer, n);
  int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::vector<nlohmann::json> lines(const std::string& text) {
  std::vector<nlohmann::json> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    if (end > start) out.push_back(nlohmann::json::parse(text.substr(start, end - start)));
    start = end + 1;
  }
  return out;
}

TEST(TroupeParse, PrintsSourceDocumentAndPickles) {
  ProcessResult run = troupe("good", "parse minimal.feature");
  ASSERT_EQ(run.exit_code, 0);
  auto envelopes = lines(run.out);
  ASSERT_EQ(envelopes.size(), 3u);
  EXPECT_EQ(envelopes[0]["source"]["uri"], "minimal.feature");
  EXPECT_EQ(envelopes[1]["gherkinDocument"]["feature"]["name"], "Minimal");
  EXPECT_EQ(envelopes[2]["pickle"]["id"], "3");
}

TEST(TroupeParse, IdsDoNotDependOnWhatIsPrinted) {
  ProcessResult all = troupe("good", "parse minimal.feature background.feature");
  ProcessResult pickles_only =
      troupe("good", "parse --no-source --no-ast minimal.feature background.feature");
  ASSERT_EQ(all.exit_code, 0);
  ASSERT_EQ(pickles_only.exit_code, 0);
  std::vector<nlohmann::json> expected;
  for (auto& envelope : lines(all.out))
    if (envelope.contains("pickle")) expected.push_back(envelope);
  EXPECT_EQ(lines(pickles_only.out), expected);
}

TEST(TroupeParse, HumanErrorsGoToStderrWithExitOne) {
  ProcessResult run =
      troupe("bad", "parse --no-source multiple_parser_errors.feature 2>&1 1>/dev/null");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_EQ(run.out,
            "multiple_parser_errors.feature:2:1: expected: #EOF, #Language, #TagLine, "
            "#FeatureLine, #Comment, "
            "#Empty, got 'invalid line here'\n"
            "multiple_parser_errors.feature:9:1: expected: #EOF, #TableRow, #DocStringSeparator, "
            "#StepLine, "
            "#TagLine, #ExamplesLine, #ScenarioLine, #RuleLine, #Comment, #Empty, got 'another "
            "invalid line "
            "here'\n");
}

TEST(TroupeParse, JsonErrorsAreParseErrorEnvelopes) {
  ProcessResult run = troupe("bad", "parse --no-source --json-errors unexpected_eof.feature");
  EXPECT_EQ(run.exit_code, 1);
  auto envelopes = lines(run.out);
  ASSERT_EQ(envelopes.size(), 1u);
  EXPECT_EQ(envelopes[0],
            nlohmann::json::parse(
                R"({"parseError":{"message":"(7:0): unexpected end of file, expected: #TagLine, )"
                R"(#RuleLine, #Comment, #Empty","source":{"location":{"line":7},)"
                R"("uri":"unexpected_eof.feature"}}})"));
}

TEST(TroupeParse, UnreadableFileIsAnErrorButOtherFilesStillParse) {
  ProcessResult run =
      troupe("good", "parse --no-source --no-ast no_such.feature minimal.feature 2>&1");
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.out.find("no_such.feature: cannot read: no such file\n"), std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("{\"pickle\":"), std::string::npos) << run.out;
}

TEST(TroupeParse, MissingFileArgumentIsAUsageError) {
  ProcessResult run = troupe("good", "parse 2>/dev/null");
  EXPECT_EQ(run.exit_code, 2);
}

}  // namespace
