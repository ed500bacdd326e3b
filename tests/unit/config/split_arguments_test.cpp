// Harmony `Arguments` splits as .NET's Process does on Unix.
#include "config/split_arguments.hpp"

#include <gtest/gtest.h>

namespace troupe::config {
namespace {

using Args = std::vector<std::string>;

Args split_ok(const std::string& text) {
  const auto result = split_arguments(text);
  EXPECT_FALSE(result.error) << "unexpected error for [" << text << "]: " << *result.error;
  return result.arguments;
}

TEST(ConfigSplitArguments, SeparatesOnSpacesAndTabsAndDropsEmptyRuns) {
  EXPECT_EQ(split_ok(""), Args{});
  EXPECT_EQ(split_ok("   \t "), Args{});
  EXPECT_EQ(split_ok("run --project  x.csproj\t-v"), (Args{"run", "--project", "x.csproj", "-v"}));
  EXPECT_EQ(split_ok("  lead trail  "), (Args{"lead", "trail"}));
}

TEST(ConfigSplitArguments, NewlinesAreOrdinaryCharacters) {
  EXPECT_EQ(split_ok("a\nb c"), (Args{"a\nb", "c"}));
}

TEST(ConfigSplitArguments, DoubleQuotesGroupAndAreRemoved) {
  EXPECT_EQ(split_ok(R"("My Server/Server.csproj" --x)"), (Args{"My Server/Server.csproj", "--x"}));
  EXPECT_EQ(split_ok(R"(a"b c"d)"), (Args{"ab cd"}));
  EXPECT_EQ(split_ok(R"("")"), (Args{""}));
  EXPECT_EQ(split_ok(R"(x "" y)"), (Args{"x", "", "y"}));
}

TEST(ConfigSplitArguments, DoubledQuoteInsideQuotesIsALiteralQuote) {
  EXPECT_EQ(split_ok(R"("say ""hi""")"), (Args{R"(say "hi")"}));
}

TEST(ConfigSplitArguments, SingleQuotesAreOrdinaryCharacters) {
  EXPECT_EQ(split_ok("'a b'"), (Args{"'a", "b'"}));
}

TEST(ConfigSplitArguments, BackslashesFollowTheCRuntimeRules) {
  EXPECT_EQ(split_ok(R"(C:\path\to\dir)"), (Args{R"(C:\path\to\dir)"}));  // literal
  EXPECT_EQ(split_ok(R"(\"quoted\")"), (Args{R"("quoted")"}));            // 1 -> literal quote
  EXPECT_EQ(split_ok(R"(a\\"b c")"), (Args{R"(a\b c)"}));                 // 2 -> 1 and grouping
  EXPECT_EQ(split_ok(R"(a\\\"b)"), (Args{R"(a\"b)"}));                    // 3 -> 1 and a quote
  EXPECT_EQ(split_ok(R"("c:\dir\\" next)"), (Args{R"(c:\dir\)", "next"}));
  EXPECT_EQ(split_ok(R"(trailing\)"), (Args{R"(trailing\)"}));
}

TEST(ConfigSplitArguments, NothingIsExpanded) {
  EXPECT_EQ(split_ok("$HOME ~/x *.txt `id` $(id)"),
            (Args{"$HOME", "~/x", "*.txt", "`id`", "$(id)"}));
}

TEST(ConfigSplitArguments, UnterminatedQuoteIsAnError) {
  const auto result = split_arguments(R"(ok "never closed)");
  ASSERT_TRUE(result.error);
  EXPECT_EQ(*result.error, "unterminated double quote at character 4");
}

}  // namespace
}  // namespace troupe::config
