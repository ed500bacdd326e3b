// Unit tests of the SDK's building blocks: framing, snippets and argument conversion.
#include <gtest/gtest.h>

#include <troupe/argument_conversion.hpp>
#include <troupe/framing.hpp>
#include <troupe/snippet.hpp>

namespace {

using troupe::Frame;
using troupe::FrameDecoder;
using troupe::Framing;

std::vector<Frame> decode_byte_by_byte(Framing framing, const std::string& bytes,
                                       std::size_t limit = 1 << 20) {
  FrameDecoder decoder(framing, limit);
  std::vector<Frame> frames;
  for (const char byte : bytes) {
    decoder.feed(std::string_view(&byte, 1));
    while (auto frame = decoder.next()) frames.push_back(*frame);
  }
  return frames;
}

TEST(FrameDecoder, ContentLengthMessagesSurviveAnySplit) {
  const std::string bytes = troupe::encode_frame(Framing::ContentLength, R"({"a":1})") +
                            "content-length: 7\r\nContent-Type: application/json\r\n\r\n{\"b\":2}";
  const auto frames = decode_byte_by_byte(Framing::ContentLength, bytes);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].body, R"({"a":1})");
  EXPECT_EQ(frames[1].body, R"({"b":2})");
  EXPECT_TRUE(frames[1].error.empty());
}

TEST(FrameDecoder, NdjsonSkipsBlankLinesAndCarriageReturns) {
  const auto frames = decode_byte_by_byte(Framing::Ndjson, "{\"a\":1}\r\n\n  \n{\"b\":2}\n");
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_EQ(frames[0].body, R"({"a":1})");
  EXPECT_EQ(frames[1].body, R"({"b":2})");
}

TEST(FrameDecoder, HeaderWithoutContentLengthIsAnErrorAndDecodingGoesOn) {
  const auto frames = decode_byte_by_byte(
      Framing::ContentLength,
      "Content-Type: json\r\n\r\n" + troupe::encode_frame(Framing::ContentLength, "{}"));
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_NE(frames[0].error.find("without Content-Length"), std::string::npos);
  EXPECT_EQ(frames[1].body, "{}");
}

TEST(FrameDecoder, OversizedContentLengthBodyIsSkipped) {
  const std::string big(100, 'x');
  const auto frames = decode_byte_by_byte(Framing::ContentLength,
                                          troupe::encode_frame(Framing::ContentLength, big) +
                                              troupe::encode_frame(Framing::ContentLength, "{}"),
                                          50);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_NE(frames[0].error.find("exceeds the limit of 50"), std::string::npos);
  EXPECT_EQ(frames[1].body, "{}");
}

TEST(FrameDecoder, OversizedLineIsSkipped) {
  const auto frames =
      decode_byte_by_byte(Framing::Ndjson, std::string(100, 'x') + "\n{\"ok\":true}\n", 50);
  ASSERT_EQ(frames.size(), 2u);
  EXPECT_NE(frames[0].error.find("longer than 50"), std::string::npos);
  EXPECT_EQ(frames[1].body, R"({"ok":true})");
}

TEST(FrameDecoder, EndlessHeaderIsBounded) {
  FrameDecoder decoder(Framing::ContentLength);
  decoder.feed(std::string(FrameDecoder::kMaxHeaderBytes + 10, 'h'));
  const auto frame = decoder.next();
  ASSERT_TRUE(frame.has_value());
  EXPECT_NE(frame->error.find("without an empty line"), std::string::npos);
  EXPECT_FALSE(decoder.has_partial_message());
}

TEST(Snippet, GuessesParameterTypes) {
  const auto generated =
      troupe::generate_expression("I pour 2.5 litres into \"cup\" 3 times (a/b)");
  EXPECT_EQ(generated.expression, "I pour {float} litres into {string} {int} times \\(a\\/b\\)");
  EXPECT_EQ(generated.parameter_types, (std::vector<std::string>{"float", "string", "int"}));
  EXPECT_EQ(troupe::generate_expression("version2 is v1.0").expression, "version2 is v1.0");
}

TEST(Snippet, IsCompilableLookingCpp) {
  EXPECT_EQ(troupe::cpp_snippet("then", "it weighs 3 kg"),
            "servo.then(\"it weighs {int} kg\", [](troupe::Step& step, int int1) {\n"
            "  throw troupe::PendingError(\"TODO: implement this step\");\n});");
}

troupe::cucumber_expressions::Argument text_argument(std::optional<std::string> text) {
  return troupe::cucumber_expressions::Argument{{std::move(text), {}}, nullptr};
}

TEST(ArgumentConversion, ConvertsToDeclaredTypes) {
  EXPECT_EQ(troupe::convert_argument<int>(text_argument("-12"), 1), -12);
  EXPECT_EQ(troupe::convert_argument<long long>(text_argument("+9223372036854775807"), 1),
            9223372036854775807LL);
  EXPECT_DOUBLE_EQ(troupe::convert_argument<double>(text_argument("1.5E+3"), 1), 1500.0);
  EXPECT_TRUE(troupe::convert_argument<bool>(text_argument("yes"), 1));
  EXPECT_EQ(troupe::convert_argument<std::string>(text_argument("x y"), 1), "x y");
  EXPECT_EQ(troupe::convert_argument<std::optional<int>>(text_argument(std::nullopt), 1),
            std::nullopt);
}

TEST(ArgumentConversion, RejectsWhatDoesNotFit) {
  EXPECT_THROW(troupe::convert_argument<std::uint8_t>(text_argument("300"), 2),
               troupe::ArgumentError);
  EXPECT_THROW(troupe::convert_argument<unsigned>(text_argument("-1"), 1), troupe::ArgumentError);
  EXPECT_THROW(troupe::convert_argument<int>(text_argument("12abc"), 1), troupe::ArgumentError);
  EXPECT_THROW(troupe::convert_argument<bool>(text_argument("maybe"), 1), troupe::ArgumentError);
  try {
    troupe::convert_argument<int>(text_argument(std::nullopt), 3);
    ADD_FAILURE() << "an absent argument must not convert to int";
  } catch (const troupe::ArgumentError& error) {
    EXPECT_NE(std::string(error.what()).find("argument 3 did not take part in the match"),
              std::string::npos);
  }
}

}  // namespace
