#include <gtest/gtest.h>

#include "rpc/frame_decoder.hpp"
#include "rpc/utf8.hpp"

namespace troupe::rpc {
namespace {

TEST(EscapeBytes, EscapesControlQuotesAndBackslash) {
  EXPECT_EQ(escape_bytes("hello world\n"), "hello world\\n");
  EXPECT_EQ(escape_bytes("a\r\tb\"c\\d"), "a\\r\\tb\\\"c\\\\d");
  EXPECT_EQ(escape_bytes(std::string("\0\x01\x7f", 3)), "\\x00\\x01\\x7f");
}

TEST(EscapeBytes, KeepsValidUtf8AndHexesInvalidBytes) {
  EXPECT_EQ(escape_bytes("caf\xc3\xa9"), "caf\xc3\xa9");
  EXPECT_EQ(escape_bytes("a\xff"
                         "b\xc3"),
            "a\\xffb\\xc3");
}

TEST(EscapeBytes, CutsAtMaxCharsWithEllipsis) {
  EXPECT_EQ(escape_bytes("abcdef", 3), "abc...");
  EXPECT_EQ(escape_bytes("abc", 3), "abc");
  // A multi-byte character that would straddle the limit is dropped, never split.
  EXPECT_EQ(escape_bytes("ab\xc3\xa9z", 3), "ab...");
}

TEST(Utf8, FindsFirstInvalidByte) {
  EXPECT_EQ(find_invalid_utf8("plain ascii"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("\xe2\x82\xac \xf0\x9f\x98\x80"), std::nullopt);
  EXPECT_EQ(find_invalid_utf8("ab\xff"), 2u);
  EXPECT_EQ(find_invalid_utf8("\xc0\xaf"), 0u);          // overlong '/'
  EXPECT_EQ(find_invalid_utf8("x\xed\xa0\x80"), 1u);     // UTF-16 surrogate
  EXPECT_EQ(find_invalid_utf8("\xf4\x90\x80\x80"), 0u);  // above U+10FFFF
  EXPECT_EQ(find_invalid_utf8("ok\xe2\x82"), 2u);        // truncated sequence
}

}  // namespace
}  // namespace troupe::rpc
