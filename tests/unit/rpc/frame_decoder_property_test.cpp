// Randomised checks of FrameDecoder: any split of a valid stream decodes the same, and arbitrary
// bytes never yield an over-limit body (the cheap stand-in for a fuzzer in the unit suite).
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "rpc/frame_decoder.hpp"
#include "rpc/json_rpc.hpp"

namespace troupe::rpc {
namespace {

using config::Framing;

std::vector<std::string> sample_bodies() {
  return {R"({"jsonrpc":"2.0","id":1,"result":true})", "{}",
          R"({"jsonrpc":"2.0","id":2,"result":{"success":true,"logs":["caf\u00e9","x"]}})",
          std::string(R"({"s":")") + std::string(300, 'z') + "\"}"};
}

class RandomSplits : public ::testing::TestWithParam<Framing> {};

TEST_P(RandomSplits, AnySplitDecodesTheSameBodies) {
  const Framing framing = GetParam();
  std::string stream;
  for (const auto& body : sample_bodies()) stream += encode_frame(framing, body);
  std::mt19937 random(12345);
  for (int round = 0; round < 200; ++round) {
    FrameDecoder decoder(framing, 4096);
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < stream.size()) {
      const std::size_t chunk = std::uniform_int_distribution<std::size_t>(1, 40)(random);
      ASSERT_TRUE(decoder.feed(std::string_view(stream).substr(pos, chunk), out))
          << decoder.error();
      pos += chunk;
    }
    EXPECT_EQ(out, sample_bodies());
    EXPECT_FALSE(decoder.has_partial());
  }
}

TEST_P(RandomSplits, ArbitraryBytesNeverYieldOverLimitBodiesOrCrash) {
  const Framing framing = GetParam();
  constexpr std::size_t kLimit = 64;
  std::mt19937 random(777);
  const std::string alphabet = "Content-Length: 0123456789\r\n{}[]\"\\:abc\xff\xc3\xa9 ";
  for (int round = 0; round < 500; ++round) {
    FrameDecoder decoder(framing, kLimit);
    std::vector<std::string> out;
    bool ok = true;
    for (int feed = 0; feed < 20 && ok; ++feed) {
      std::string chunk;
      const int length = std::uniform_int_distribution<int>(0, 50)(random);
      for (int i = 0; i < length; ++i)
        chunk +=
            alphabet[std::uniform_int_distribution<std::size_t>(0, alphabet.size() - 1)(random)];
      ok = decoder.feed(chunk, out);
      if (!ok) {
        EXPECT_FALSE(decoder.error().empty());
      }
    }
    for (const auto& body : out) {
      EXPECT_LE(body.size(), kLimit);
      // Whatever came out, decoding it yields a reply or a message, never an exception.
      const auto decoded = decode_reply(body);
      if (const auto* error = std::get_if<std::string>(&decoded)) {
        EXPECT_FALSE(error->empty());
      }
    }
  }
}

INSTANTIATE_TEST_SUITE_P(BothFramings, RandomSplits,
                         ::testing::Values(Framing::ContentLength, Framing::Ndjson),
                         [](const auto& info) {
                           return info.param == Framing::Ndjson ? std::string("Ndjson")
                                                                : std::string("ContentLength");
                         });

}  // namespace
}  // namespace troupe::rpc
