// Fuzz target: a servo's stdout as troupe reads it. Input: one control byte, then the stream.
// Control bit 0 picks the framing (Content-Length or ndjson), the other bits seed the chunk sizes
// the bytes arrive in. The stream is decoded in chunks and at once: both must give the same
// bodies and the same verdict. Each body is decoded as JSON-RPC, and each result read as a health
// and a step reply in both dialects. Nothing may throw or grow beyond the message limit.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "config/config.hpp"
#include "fuzz_target.hpp"
#include "rpc/frame_decoder.hpp"
#include "rpc/json_rpc.hpp"
#include "rpc/servo_protocol.hpp"

namespace {

// Small, so that inputs of libFuzzer's usual sizes reach the "message too large" paths.
constexpr std::size_t kMaxMessageBytes = 1024;

struct Decoded {
  std::vector<std::string> bodies;
  bool ok = true;
};

// The chunk sizes come from a xorshift generator seeded by the control byte: 1 to 64 bytes.
Decoded decode_in_chunks(troupe::config::Framing framing, std::string_view stream, unsigned seed) {
  troupe::rpc::FrameDecoder decoder(framing, kMaxMessageBytes);
  Decoded decoded;
  std::uint32_t state = seed * 2654435761u + 1u;
  while (!stream.empty() && decoded.ok) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    const std::size_t chunk = std::min<std::size_t>(stream.size(), 1 + state % 64);
    decoded.ok = decoder.feed(stream.substr(0, chunk), decoded.bodies);
    stream.remove_prefix(chunk);
  }
  if (!decoded.ok) {
    (void)decoder.error();
  } else if (decoder.has_partial()) {
    (void)decoder.partial_preview();
    (void)decoder.eof_error();
  }
  return decoded;
}

void read_body(std::string_view body) {
  using namespace troupe;
  (void)rpc::escape_bytes(body);
  auto decoded = rpc::decode_reply(body);
  const auto* reply = std::get_if<rpc::Reply>(&decoded);
  if (reply == nullptr || !reply->ok) return;
  for (auto dialect : {config::Protocol::Troupe, config::Protocol::Harmony}) {
    const auto protocol = rpc::make_servo_protocol(dialect);
    std::string why_not;
    (void)protocol->healthy(reply->result, why_not);
    const rpc::StepOutcome outcome = protocol->step_outcome(reply->result);
    // What is kept of a reply ends up in reports: it must serialise.
    (void)outcome.data.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    (void)outcome.context.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned control = data[0];
  const auto framing =
      (control & 1u) ? troupe::config::Framing::Ndjson : troupe::config::Framing::ContentLength;
  const std::string_view stream(reinterpret_cast<const char*>(data) + 1, size - 1);

  const Decoded chunked = decode_in_chunks(framing, stream, control >> 1);
  troupe::rpc::FrameDecoder whole_decoder(framing, kMaxMessageBytes);
  Decoded whole;
  whole.ok = whole_decoder.feed(stream, whole.bodies);
  // How the bytes are split by the pipe must not change what troupe reads.
  if (chunked.ok != whole.ok || chunked.bodies != whole.bodies) __builtin_trap();
  for (const auto& body : whole.bodies) {
    if (body.size() > kMaxMessageBytes) __builtin_trap();
    read_body(body);
  }
  return 0;
}
