#pragma once
// The pipes wire format: a 16-byte little-endian header (magic, sequence, payload length,
// CRC-32 of the payload) followed by the payload. See docs/example.md.
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace pipes {

inline constexpr std::uint32_t kFrameMagic = 0x31465254;  // the bytes "TRF1"
inline constexpr std::size_t kHeaderSize = 16;
// Bounds what a reader allocates for one frame, whatever a header claims.
inline constexpr std::uint32_t kMaxPayloadSize = 16 * 1024 * 1024;

struct FrameHeader {
  std::uint32_t magic = kFrameMagic;
  std::uint32_t sequence = 0;
  std::uint32_t payload_size = 0;
  std::uint32_t checksum = 0;
};

// CRC-32 as in zlib, PNG and Ethernet (reflected polynomial 0xEDB88320).
std::uint32_t crc32(std::span<const std::uint8_t> bytes);

// Payload bytes are a function of the sequence number so that a reader can verify content:
// byte i = (7 * sequence + 31 * i + i / 256) mod 256.
std::uint8_t payload_byte(std::uint32_t sequence, std::size_t index);
std::vector<std::uint8_t> make_payload(std::uint32_t sequence, std::uint32_t size);
// The first index where `payload` differs from the pattern of `sequence`, if any.
std::optional<std::size_t> find_payload_difference(std::uint32_t sequence,
                                                   std::span<const std::uint8_t> payload);

std::array<std::uint8_t, kHeaderSize> encode_header(const FrameHeader& header);
FrameHeader decode_header(std::span<const std::uint8_t, kHeaderSize> bytes);

// A whole frame (header and payload) for `sequence`, as every implementation writes it.
std::vector<std::uint8_t> encode_frame(std::uint32_t sequence, std::uint32_t payload_size);

// "0x1a2b3c4d": how checksums and magic numbers appear in messages.
std::string hex32(std::uint32_t value);

}  // namespace pipes
