// The wire format: CRC-32, the payload pattern and the golden frame every language must produce.
#include "frame_format.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

std::string to_hex(const std::vector<std::uint8_t>& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string text;
  for (const auto byte : bytes) {
    text += digits[byte >> 4];
    text += digits[byte & 15];
  }
  return text;
}

TEST(FrameFormat, Crc32MatchesTheStandardCheckValue) {
  const std::string check = "123456789";
  EXPECT_EQ(pipes::crc32({reinterpret_cast<const std::uint8_t*>(check.data()), check.size()}),
            0xCBF43926u);
  EXPECT_EQ(pipes::crc32({}), 0u);
}

// The same bytes are asserted in python/test_frame_channel.py and node/frame_channel.test.js.
TEST(FrameFormat, GoldenFrameIsByteForByteTheDocumentedOne) {
  EXPECT_EQ(to_hex(pipes::encode_frame(7, 5)), "545246310700000005000000048f82df31506f8ead");
}

TEST(FrameFormat, OneMegabyteFrameHasTheDocumentedChecksum) {
  EXPECT_EQ(pipes::crc32(pipes::make_payload(1, 1048576)), 0xdbda0728u);
}

TEST(FrameFormat, HeaderRoundTrips) {
  const pipes::FrameHeader header{pipes::kFrameMagic, 0xA1B2C3D4u, 1048576u, 0xDEADBEEFu};
  const auto decoded = pipes::decode_header(pipes::encode_header(header));
  EXPECT_EQ(decoded.magic, header.magic);
  EXPECT_EQ(decoded.sequence, header.sequence);
  EXPECT_EQ(decoded.payload_size, header.payload_size);
  EXPECT_EQ(decoded.checksum, header.checksum);
}

TEST(FrameFormat, EmptyFrameIsJustAHeaderWithChecksumZero) {
  const auto frame = pipes::encode_frame(1, 0);
  ASSERT_EQ(frame.size(), pipes::kHeaderSize);
  EXPECT_EQ(to_hex(frame), "54524631010000000000000000000000");
}

TEST(FrameFormat, PayloadDifferenceIsFoundAtItsIndex) {
  auto payload = pipes::make_payload(3, 600);
  EXPECT_FALSE(pipes::find_payload_difference(3, payload).has_value());
  payload[513] ^= 1;
  EXPECT_EQ(pipes::find_payload_difference(3, payload), std::optional<std::size_t>(513));
  EXPECT_EQ(pipes::find_payload_difference(4, payload), std::optional<std::size_t>(0));
}

TEST(FrameFormat, Hex32PadsToEightDigits) {
  EXPECT_EQ(pipes::hex32(0x2a), "0x0000002a");
}

}  // namespace
