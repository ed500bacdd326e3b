// The CLI's contract for usage: --help, --version, and exit 2 with one line for any usage error.
#include <gtest/gtest.h>

#include "e2e_support.hpp"

namespace troupe::e2e {
namespace {

int count_lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

TEST(CliUsage, HelpListsSubcommands) {
  Outcome o = run_troupe({.args = {"--help"}});
  EXPECT_EQ(o.exit_code, 0);
  for (const char* sub : {"parse", "run", "list"}) EXPECT_NE(o.out.find(sub), std::string::npos) << o.out;
}

TEST(CliUsage, VersionPrintsNameAndVersion) {
  Outcome o = run_troupe({.args = {"--version"}});
  EXPECT_EQ(o.exit_code, 0);
  EXPECT_EQ(o.out.rfind("troupe ", 0), 0u) << o.out;
  EXPECT_EQ(count_lines(o.out), 1);
}

TEST(CliUsage, UsageErrorsExitTwoWithOneLine) {
  const std::vector<std::vector<std::string>> bad = {
      {},                             // no subcommand
      {"frobnicate"},                 // unknown subcommand
      {"run", "--no-such-flag"},      // unknown option
      {"run", "-j", "zero"},          // wrong type
      {"run", "-j", "0"},             // out of range
      {"parse"},                      // missing files
  };
  for (const auto& args : bad) {
    Outcome o = run_troupe({.args = args});
    std::string shown;
    for (const auto& a : args) shown += a + " ";
    EXPECT_EQ(o.exit_code, 2) << shown << "\n" << o.err;
    EXPECT_EQ(count_lines(o.err), 1) << shown << "\n" << o.err;
    EXPECT_EQ(o.err.rfind("troupe: ", 0), 0u) << shown << "\n" << o.err;
  }
}

}  // namespace
}  // namespace troupe::e2e
