// The JSON layer: positions of syntax errors, nesting limit, duplicate keys, file order.
#include "config/json_text.hpp"

#include <gtest/gtest.h>

namespace troupe::config {
namespace {

using Lines = std::vector<std::string>;

Lines errors_for(const std::string& text) {
  Diagnostics diagnostics("f.json");
  parse_json_text(text, diagnostics);
  return diagnostics.errors();
}

TEST(ConfigJsonText, ParsesValidJsonKeepingKeyOrder) {
  Diagnostics diagnostics("f.json");
  const auto root =
      parse_json_text(R"({"b": 1, "a": [true, null], "c": {"z": 1, "y": 2}})", diagnostics);
  ASSERT_TRUE(root);
  EXPECT_FALSE(diagnostics.has_errors());
  std::string order;
  for (const auto& [key, value] : root->items()) order += key;
  EXPECT_EQ(order, "bac");
}

TEST(ConfigJsonText, ColumnsCountCharactersNotBytes) {
  // "é" is two bytes; the error is at the third character of line 2.
  EXPECT_EQ(errors_for("{\n\"é\" 1}"),
            (Lines{"f.json:2:5: invalid JSON: syntax error while parsing object separator - "
                   "unexpected number literal; expected ':'"}));
}

TEST(ConfigJsonText, RejectsTrailingContent) {
  EXPECT_EQ(errors_for("{} {}"),
            (Lines{"f.json:1:4: invalid JSON: syntax error while parsing value - unexpected '{'; "
                   "expected end of input"}));
}

TEST(ConfigJsonText, CommentsAreNotJson) {
  const auto errors = errors_for("{ // note\n}");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("f.json:1:3: invalid JSON: ", 0), 0u) << errors[0];
}

TEST(ConfigJsonText, NumberOverflowIsLocated) {
  EXPECT_EQ(errors_for("{\n  \"a\": 1e400\n}"),
            (Lines{"f.json:2:8: invalid JSON: number overflow parsing '1e400'"}));
}

TEST(ConfigJsonText, ParserQuotesAreEscapedAndCut) {
  EXPECT_EQ(errors_for("{\"a\":\ntru\x80}"),
            (Lines{"f.json:2:4: invalid JSON: syntax error while parsing value - invalid literal; "
                   "last read: '\"a\":<U+000A>tru\\x80'"}));
  const auto errors = errors_for("[1" + std::string(5000, '0') + "e999]");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_LT(errors[0].size(), 300u);
  EXPECT_EQ(errors[0].substr(errors[0].size() - 3), "...");
}

TEST(ConfigJsonText, NestingBeyondTheLimitIsLocated) {
  const std::string deep = std::string(kMaxNestingDepth, '[') + std::string(kMaxNestingDepth, ']');
  EXPECT_EQ(errors_for(deep), Lines{});
  const std::string deeper = "\n" + std::string(kMaxNestingDepth + 1, '[');
  EXPECT_EQ(errors_for(deeper), (Lines{"f.json:2:65: invalid JSON: nested deeper than 64 levels"}));
}

TEST(ConfigJsonText, BracketsInsideStringsDoNotCountAsNesting) {
  const std::string text = "[\"" + std::string(200, '[') + "\\\"" + std::string(200, '{') + "\"]";
  EXPECT_EQ(errors_for(text), Lines{});
}

TEST(ConfigJsonText, DuplicateKeysAtAnyDepth) {
  EXPECT_EQ(errors_for(R"({"a": 1, "a": 2, "b": [[], {"c": {"d": 1, "d": 1}}]})"),
            (Lines{R"(f.json: $: duplicate key "a")", R"(f.json: $.b[1].c: duplicate key "d")"}));
}

TEST(ConfigJsonText, OversizedTextIsRefusedBeforeParsing) {
  EXPECT_EQ(errors_for(std::string(kMaxConfigBytes + 1, ' ')),
            (Lines{"f.json: file is 4194305 bytes; a config file may have at most 4194304"}));
}

}  // namespace
}  // namespace troupe::config
