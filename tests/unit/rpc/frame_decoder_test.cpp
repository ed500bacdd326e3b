#include "rpc/frame_decoder.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace troupe::rpc {
namespace {

using config::Framing;
using Bodies = std::vector<std::string>;

constexpr std::size_t kLimit = 1024;

Bodies feed_all(FrameDecoder& decoder, std::string_view bytes) {
  Bodies out;
  EXPECT_TRUE(decoder.feed(bytes, out)) << decoder.error();
  return out;
}

// Feeding one byte at a time must give the same bodies as one big feed.
Bodies feed_bytewise(FrameDecoder& decoder, std::string_view bytes) {
  Bodies out;
  for (char c : bytes) {
    EXPECT_TRUE(decoder.feed(std::string_view(&c, 1), out)) << decoder.error();
  }
  return out;
}

std::string fail_with(Framing framing, std::string_view bytes, std::size_t limit = kLimit) {
  FrameDecoder decoder(framing, limit);
  Bodies out;
  EXPECT_FALSE(decoder.feed(bytes, out));
  EXPECT_TRUE(out.empty());
  return decoder.error();
}

TEST(ContentLengthFraming, EncodesLspStyle) {
  EXPECT_EQ(encode_frame(Framing::ContentLength, R"({"a":1})"),
            "Content-Length: 7\r\n\r\n{\"a\":1}");
  // Length counts bytes, not characters.
  EXPECT_EQ(encode_frame(Framing::ContentLength, "\xc3\xa9"), "Content-Length: 2\r\n\r\n\xc3\xa9");
}

TEST(ContentLengthFraming, DecodesOneMessage) {
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  EXPECT_EQ(feed_all(decoder, "Content-Length: 7\r\n\r\n{\"a\":1}"), Bodies{"{\"a\":1}"});
  EXPECT_FALSE(decoder.has_partial());
}

TEST(ContentLengthFraming, DecodesSeveralMessagesInOneFeed) {
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  const std::string stream = encode_frame(Framing::ContentLength, "{\"id\":1}") +
                             encode_frame(Framing::ContentLength, "{\"id\":2}") +
                             encode_frame(Framing::ContentLength, "[]");
  EXPECT_EQ(feed_all(decoder, stream), (Bodies{"{\"id\":1}", "{\"id\":2}", "[]"}));
  EXPECT_FALSE(decoder.has_partial());
}

TEST(ContentLengthFraming, DecodesByteByByte) {
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  const std::string stream = encode_frame(Framing::ContentLength, "{\"id\":1}") +
                             "Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n" +
                             encode_frame(Framing::ContentLength, "{\"id\":2,\"x\":\"\xc3\xa9\"}");
  EXPECT_EQ(feed_bytewise(decoder, stream),
            (Bodies{"{\"id\":1}", "{\"id\":2,\"x\":\"\xc3\xa9\"}"}));
  EXPECT_FALSE(decoder.has_partial());
}

TEST(ContentLengthFraming, MessageSplitAcrossFeedsIsPartialUntilComplete) {
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  Bodies out;
  ASSERT_TRUE(decoder.feed("Content-Len", out));
  EXPECT_TRUE(decoder.has_partial());
  ASSERT_TRUE(decoder.feed("gth: 4\r\n\r\n{}", out));
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(decoder.has_partial());
  ASSERT_TRUE(decoder.feed("[]Content-Length: 2\r\n\r\n", out));
  EXPECT_EQ(out, Bodies{"{}[]"});
  ASSERT_TRUE(decoder.feed("{}", out));
  EXPECT_EQ(out, (Bodies{"{}[]", "{}"}));
  EXPECT_FALSE(decoder.has_partial());
}

TEST(ContentLengthFraming, HeaderNamesAreCaseInsensitiveAndOtherHeadersIgnored) {
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  EXPECT_EQ(feed_all(decoder,
                     "content-type: application/json\r\nCONTENT-LENGTH:2\r\nX-Extra:  y \r\n\r\n{}"
                     "content-length: \t3 \r\n\r\n[1]"),
            (Bodies{"{}", "[1]"}));
}

TEST(ContentLengthFraming, AcceptsBareLfLineEndsAndBlankLinesBetweenMessages) {
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  EXPECT_EQ(feed_all(decoder, "Content-Length: 2\n\n{}\n\r\nContent-Length: 2\r\n\r\n[]\n"),
            (Bodies{"{}", "[]"}));
  EXPECT_FALSE(decoder.has_partial());
}

TEST(ContentLengthFraming, ZeroLengthBodyIsAnEmptyMessage) {
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  EXPECT_EQ(feed_all(decoder, "Content-Length: 0\r\n\r\n"), Bodies{""});
}

TEST(ContentLengthFraming, StrayOutputIsAnErrorQuotingIt) {
  EXPECT_EQ(fail_with(Framing::ContentLength, "hello world\n"),
            "unexpected output on stdout: \"hello world\\n\" (expected a Content-Length header)");
}

TEST(ContentLengthFraming, AStrayPrintThatLooksLikeAOneWordHeaderIsRejectedAtItsColon) {
  // "debug: x=1" has the shape of a header line; troupe accepts only hyphenated header names
  // (Content-Length, Content-Type, X-Extra), so the print fails at once instead of stalling.
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  Bodies out;
  EXPECT_TRUE(decoder.feed("debug", out));
  EXPECT_FALSE(decoder.feed(": x=1\n", out));
  EXPECT_EQ(decoder.error(),
            "unexpected output on stdout: \"debug: x=1\\n\" (expected a Content-Length header)");
  EXPECT_EQ(
      fail_with(Framing::ContentLength, "Content-Length: 2\r\nError: boom\r\n\r\n{}"),
      "unexpected output on stdout: \"Error: boom\\r\\n\" (expected a Content-Length header)");
  EXPECT_EQ(fail_with(Framing::ContentLength, "-Length: 2\r\n\r\n{}"),
            "unexpected output on stdout: \"-Length: 2\\r\\n\" (expected a Content-Length header)");
}

TEST(ContentLengthFraming, StrayOutputIsDetectedBeforeItsNewline) {
  // A servo that prints a prompt and waits must not stall until a timeout.
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  Bodies out;
  EXPECT_TRUE(decoder.feed("Ready", out));
  EXPECT_FALSE(decoder.feed(">", out));
  EXPECT_EQ(decoder.error(),
            "unexpected output on stdout: \"Ready>\" (expected a Content-Length header)");
}

TEST(ContentLengthFraming, OnlyTheOffendingLineIsQuoted) {
  // The reply after a stray print may already be buffered; it is not part of the complaint.
  EXPECT_EQ(fail_with(Framing::ContentLength, "hello world\nContent-Length: 2\r\n\r\n{}"),
            "unexpected output on stdout: \"hello world\\n\" (expected a Content-Length header)");
}

TEST(ContentLengthFraming, NdjsonOutputGetsAHint) {
  EXPECT_EQ(fail_with(Framing::ContentLength, "{\"jsonrpc\":\"2.0\"}\n"),
            "unexpected output on stdout: \"{\\\"jsonrpc\\\":\\\"2.0\\\"}\\n\" (expected a "
            "Content-Length header; does the servo use ndjson framing?)");
}

TEST(ContentLengthFraming, LineWithoutColonIsAnError) {
  EXPECT_EQ(
      fail_with(Framing::ContentLength, "Content-Length\r\n\r\n"),
      "unexpected output on stdout: \"Content-Length\\r\\n\" (expected a Content-Length header)");
}

TEST(ContentLengthFraming, HugeLengthIsRejectedWithoutAllocating) {
  EXPECT_EQ(fail_with(Framing::ContentLength, "Content-Length: 99999999999\r\n\r\n"),
            "Content-Length 99999999999 exceeds the message limit of 1024 bytes");
  EXPECT_EQ(fail_with(Framing::ContentLength,
                      "Content-Length: 999999999999999999999999999999999999\r\n\r\n"),
            "Content-Length 999999999999999999999999999999999999 exceeds the message limit of "
            "1024 bytes");
  EXPECT_EQ(fail_with(Framing::ContentLength, "Content-Length: 1025\r\n\r\n"),
            "Content-Length 1025 exceeds the message limit of 1024 bytes");
}

TEST(ContentLengthFraming, LengthAtTheLimitIsAccepted) {
  FrameDecoder decoder(Framing::ContentLength, 4);
  EXPECT_EQ(feed_all(decoder, "Content-Length: 4\r\n\r\nabcd"), Bodies{"abcd"});
}

TEST(ContentLengthFraming, NegativeOrNonNumericLengthIsAnError) {
  EXPECT_EQ(fail_with(Framing::ContentLength, "Content-Length: -5\r\n\r\n"),
            "invalid Content-Length \"-5\" (expected a non-negative decimal integer) in header "
            "\"Content-Length: -5\\r\\n\\r\\n\"");
  EXPECT_EQ(fail_with(Framing::ContentLength, "Content-Length: ten\r\n\r\n"),
            "invalid Content-Length \"ten\" (expected a non-negative decimal integer) in header "
            "\"Content-Length: ten\\r\\n\\r\\n\"");
  EXPECT_EQ(fail_with(Framing::ContentLength, "Content-Length: 0x10\r\n\r\n"),
            "invalid Content-Length \"0x10\" (expected a non-negative decimal integer) in header "
            "\"Content-Length: 0x10\\r\\n\\r\\n\"");
  EXPECT_EQ(fail_with(Framing::ContentLength, "Content-Length: \r\n\r\n"),
            "invalid Content-Length \"\" (expected a non-negative decimal integer) in header "
            "\"Content-Length: \\r\\n\\r\\n\"");
}

TEST(ContentLengthFraming, MissingOrConflictingLengthIsAnError) {
  EXPECT_EQ(fail_with(Framing::ContentLength, "Content-Type: application/json\r\n\r\n{}"),
            "header block without Content-Length: \"Content-Type: application/json\\r\\n\\r\\n\"");
  EXPECT_EQ(
      fail_with(Framing::ContentLength, "Content-Length: 2\r\nContent-Length: 3\r\n\r\n"),
      "conflicting Content-Length headers (2 and 3) in \"Content-Length: 2\\r\\nContent-Length: "
      "3\\r\\n\\r\\n\"");
}

TEST(ContentLengthFraming, EndlessHeaderBlockIsBounded) {
  std::string headers;
  while (headers.size() <= FrameDecoder::kMaxHeaderBytes) headers += "X-Padding: aaaaaaaaaaaa\r\n";
  const std::string error = fail_with(Framing::ContentLength, headers);
  EXPECT_EQ(
      error.rfind("header block longer than 8192 bytes without its empty line: \"X-Padding", 0), 0u)
      << error;
  // Same for one endless header line fed in pieces.
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  Bodies out;
  ASSERT_TRUE(decoder.feed("X-Long: ", out));
  bool ok = true;
  for (int i = 0; i < 2000 && ok; ++i) ok = decoder.feed("aaaaaaaa", out);
  EXPECT_FALSE(ok);
  EXPECT_EQ(decoder.error().rfind("header block longer than 8192 bytes", 0), 0u) << decoder.error();
}

TEST(ContentLengthFraming, HeaderWithoutBodyIsPartialAtEof) {
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  Bodies out;
  ASSERT_TRUE(decoder.feed("Content-Length: 20\r\n\r\n{\"id\":", out));
  EXPECT_TRUE(out.empty());
  EXPECT_TRUE(decoder.has_partial());
  EXPECT_EQ(decoder.partial_preview(), "Content-Length: 20\\r\\n\\r\\n{\\\"id\\\":");
  EXPECT_EQ(decoder.eof_error(),
            "stdout closed inside a message: got 6 of 20 body bytes after \"Content-Length: "
            "20\\r\\n\\r\\n{\\\"id\\\":\"");
}

TEST(ContentLengthFraming, UnfinishedHeaderIsPartialAtEof) {
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  Bodies out;
  ASSERT_TRUE(decoder.feed("Content-Length: 5\r\n", out));
  EXPECT_TRUE(decoder.has_partial());
  EXPECT_EQ(decoder.eof_error(),
            "stdout closed inside a message header: \"Content-Length: 5\\r\\n\"");
}

TEST(ContentLengthFraming, TrailingBlankLineIsNotPartial) {
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  Bodies out;
  ASSERT_TRUE(decoder.feed("Content-Length: 2\r\n\r\n{}\r", out));
  EXPECT_EQ(out, Bodies{"{}"});
  EXPECT_FALSE(decoder.has_partial());
}

TEST(ContentLengthFraming, StaysFailedAfterAnError) {
  FrameDecoder decoder(Framing::ContentLength, kLimit);
  Bodies out;
  EXPECT_FALSE(decoder.feed("oops\n", out));
  const std::string first = decoder.error();
  EXPECT_FALSE(decoder.feed(encode_frame(Framing::ContentLength, "{}"), out));
  EXPECT_EQ(decoder.error(), first);
  EXPECT_TRUE(out.empty());
}

TEST(NdjsonFraming, EncodesOneLine) {
  EXPECT_EQ(encode_frame(Framing::Ndjson, R"({"a":1})"), "{\"a\":1}\n");
}

TEST(NdjsonFraming, DecodesLinesSkippingBlankOnesAndStrippingCr) {
  FrameDecoder decoder(Framing::Ndjson, kLimit);
  EXPECT_EQ(feed_all(decoder, "{\"id\":1}\n\n  \r\n{\"id\":2}\r\n[3]\n"),
            (Bodies{"{\"id\":1}", "{\"id\":2}", "[3]"}));
  EXPECT_FALSE(decoder.has_partial());
}

TEST(NdjsonFraming, DecodesByteByByte) {
  FrameDecoder decoder(Framing::Ndjson, kLimit);
  EXPECT_EQ(feed_bytewise(decoder, "{\"id\":1}\n{\"id\":2}\r\n"),
            (Bodies{"{\"id\":1}", "{\"id\":2}"}));
}

TEST(NdjsonFraming, UnterminatedLineIsPartialAtEof) {
  FrameDecoder decoder(Framing::Ndjson, kLimit);
  Bodies out;
  ASSERT_TRUE(decoder.feed("{\"id\":1}\n{\"id\"", out));
  EXPECT_EQ(out, Bodies{"{\"id\":1}"});
  EXPECT_TRUE(decoder.has_partial());
  EXPECT_EQ(decoder.eof_error(),
            "stdout closed inside a message: unterminated ndjson line \"{\\\"id\\\"\"");
}

TEST(NdjsonFraming, LineAtTheLimitIsAccepted) {
  FrameDecoder decoder(Framing::Ndjson, 4);
  EXPECT_EQ(feed_all(decoder, "abcd\r\nwxyz\n"), (Bodies{"abcd", "wxyz"}));
}

TEST(NdjsonFraming, OverlongLineFailsWithoutWaitingForItsEnd) {
  FrameDecoder decoder(Framing::Ndjson, 16);
  Bodies out;
  ASSERT_TRUE(decoder.feed("[1]\n0123456789", out));
  EXPECT_EQ(out, Bodies{"[1]"});
  EXPECT_FALSE(decoder.feed("0123456789", out));
  EXPECT_EQ(decoder.error(),
            "ndjson line longer than the message limit of 16 bytes: \"01234567890123456789\"");
}

TEST(NdjsonFraming, HugeSingleFeedIsRejectedWithoutBufferingIt) {
  FrameDecoder decoder(Framing::Ndjson, kLimit);
  const std::string huge(10 * 1024 * 1024, 'x');
  Bodies out;
  EXPECT_FALSE(decoder.feed(huge, out));
  EXPECT_EQ(
      decoder.error().rfind("ndjson line longer than the message limit of 1024 bytes: \"xxx", 0),
      0u);
  EXPECT_LT(decoder.error().size(), 200u);
}

TEST(NdjsonFraming, OverlongLineWithCrIsRejected) {
  EXPECT_EQ(fail_with(Framing::Ndjson, "abcde\r\n", 4),
            "ndjson line longer than the message limit of 4 bytes: \"abcde\\r\"");
}

}  // namespace
}  // namespace troupe::rpc
