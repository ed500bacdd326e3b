#include "frame_format.hpp"

#include <cstdio>

namespace pipes {
namespace {

constexpr std::array<std::uint32_t, 256> make_crc_table() {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t n = 0; n < 256; ++n) {
    std::uint32_t c = n;
    for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}

constexpr auto kCrcTable = make_crc_table();

void put_u32(std::uint8_t* out, std::uint32_t value) {
  for (int i = 0; i < 4; ++i) out[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

std::uint32_t get_u32(const std::uint8_t* in) {
  std::uint32_t value = 0;
  for (int i = 0; i < 4; ++i) value |= static_cast<std::uint32_t>(in[i]) << (8 * i);
  return value;
}

}  // namespace

std::uint32_t crc32(std::span<const std::uint8_t> bytes) {
  std::uint32_t c = 0xFFFFFFFFu;
  for (const auto byte : bytes) c = kCrcTable[(c ^ byte) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

std::uint8_t payload_byte(std::uint32_t sequence, std::size_t index) {
  return static_cast<std::uint8_t>(7u * sequence + 31u * index + index / 256u);
}

std::vector<std::uint8_t> make_payload(std::uint32_t sequence, std::uint32_t size) {
  std::vector<std::uint8_t> payload(size);
  for (std::size_t i = 0; i < size; ++i) payload[i] = payload_byte(sequence, i);
  return payload;
}

std::optional<std::size_t> find_payload_difference(std::uint32_t sequence,
                                                   std::span<const std::uint8_t> payload) {
  for (std::size_t i = 0; i < payload.size(); ++i)
    if (payload[i] != payload_byte(sequence, i)) return i;
  return std::nullopt;
}

std::array<std::uint8_t, kHeaderSize> encode_header(const FrameHeader& header) {
  std::array<std::uint8_t, kHeaderSize> bytes{};
  put_u32(bytes.data(), header.magic);
  put_u32(bytes.data() + 4, header.sequence);
  put_u32(bytes.data() + 8, header.payload_size);
  put_u32(bytes.data() + 12, header.checksum);
  return bytes;
}

FrameHeader decode_header(std::span<const std::uint8_t, kHeaderSize> bytes) {
  return FrameHeader{get_u32(bytes.data()), get_u32(bytes.data() + 4), get_u32(bytes.data() + 8),
                     get_u32(bytes.data() + 12)};
}

std::vector<std::uint8_t> encode_frame(std::uint32_t sequence, std::uint32_t payload_size) {
  auto frame = make_payload(sequence, payload_size);
  const auto header = encode_header(FrameHeader{kFrameMagic, sequence, payload_size, crc32(frame)});
  frame.insert(frame.begin(), header.begin(), header.end());
  return frame;
}

std::string hex32(std::uint32_t value) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08x", value);
  return text;
}

}  // namespace pipes
