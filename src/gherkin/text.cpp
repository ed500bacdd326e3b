#include "gherkin/text.hpp"

#include <cstdint>
#include <cstring>

namespace troupe::gherkin::text {
namespace {

// Decodes the code point at `pos` (assumes valid UTF-8); sets `len`.
std::uint32_t decode(std::string_view s, std::size_t pos, std::size_t& len) {
  auto b0 = static_cast<unsigned char>(s[pos]);
  len = sequence_length(b0);
  if (pos + len > s.size()) {
    len = 1;
    return b0;
  }
  switch (len) {
    case 1:
      return b0;
    case 2:
      return ((b0 & 0x1Fu) << 6) | (static_cast<unsigned char>(s[pos + 1]) & 0x3Fu);
    case 3:
      return ((b0 & 0x0Fu) << 12) | ((static_cast<unsigned char>(s[pos + 1]) & 0x3Fu) << 6) |
             (static_cast<unsigned char>(s[pos + 2]) & 0x3Fu);
    default:
      return ((b0 & 0x07u) << 18) | ((static_cast<unsigned char>(s[pos + 1]) & 0x3Fu) << 12) |
             ((static_cast<unsigned char>(s[pos + 2]) & 0x3Fu) << 6) |
             (static_cast<unsigned char>(s[pos + 3]) & 0x3Fu);
  }
}

bool is_js_space(std::uint32_t c) {
  switch (c) {
    case 0x09:
    case 0x0A:
    case 0x0B:
    case 0x0C:
    case 0x0D:
    case 0x20:
    case 0xA0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202F:
    case 0x205F:
    case 0x3000:
    case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200A;
  }
}

}  // namespace

std::size_t whitespace_length(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return 0;
  auto b = static_cast<unsigned char>(s[pos]);
  if (b < 0x80) return (b == ' ' || (b >= 0x09 && b <= 0x0D)) ? 1 : 0;
  std::size_t len = 0;
  return is_js_space(decode(s, pos, len)) ? len : 0;
}

std::size_t cell_space_length(std::string_view s, std::size_t pos) {
  if (pos >= s.size()) return 0;
  auto b = static_cast<unsigned char>(s[pos]);
  if (b < 0x80) return (b == ' ' || b == '\t' || b == '\v' || b == '\f' || b == '\r') ? 1 : 0;
  std::size_t len = 0;
  auto c = decode(s, pos, len);
  return (c == 0x85 || c == 0xA0) ? len : 0;
}

std::size_t whitespace_length_before(std::string_view s, std::size_t end) {
  if (end == 0) return 0;
  auto b = static_cast<unsigned char>(s[end - 1]);
  if (b < 0x80) return (b == ' ' || (b >= 0x09 && b <= 0x0D)) ? 1 : 0;
  // Walk back to the lead byte of the sequence that ends at `end`.
  std::size_t start = end - 1;
  while (start > 0 && end - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
    --start;
  std::size_t len = whitespace_length(s, start);
  return (len != 0 && start + len == end) ? len : 0;
}

std::string_view trim_left(std::string_view s) {
  std::size_t pos = 0;
  // Fast path for the usual indentation; the general loop below does the rest.
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t')) ++pos;
  while (std::size_t len = whitespace_length(s, pos)) pos += len;
  return s.substr(pos);
}

std::string_view trim_right(std::string_view s) {
  std::size_t end = s.size();
  while (end > 0 && (s[end - 1] == ' ' || s[end - 1] == '\t')) --end;  // fast path
  while (std::size_t len = whitespace_length_before(s, end)) end -= len;
  return s.substr(0, end);
}

std::size_t count_code_points(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::size_t count_utf16_units(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) {
    auto b = static_cast<unsigned char>(c);
    if ((b & 0xC0) != 0x80) n += b >= 0xF0 ? 2 : 1;
  }
  return n;
}

std::size_t find_invalid_utf8(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    // Fast path: skip 8 ASCII bytes at a time.
    while (i + 8 <= n) {
      std::uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ull) break;
      i += 8;
    }
    if (i >= n) break;
    auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    std::size_t len;
    std::uint32_t min;
    if (b >= 0xC2 && b <= 0xDF) {
      len = 2;
      min = 0x80;
    } else if (b >= 0xE0 && b <= 0xEF) {
      len = 3;
      min = 0x800;
    } else if (b >= 0xF0 && b <= 0xF4) {
      len = 4;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    std::size_t dummy = 0;
    auto cp = decode(s, i, dummy);
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
    i += len;
  }
  return std::string_view::npos;
}

std::string replace_all(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  out.reserve(s.size());
  std::size_t pos = 0;
  while (true) {
    std::size_t hit = s.find(from, pos);
    if (hit == std::string_view::npos) break;
    out.append(s.substr(pos, hit - pos));
    out.append(to);
    pos = hit + from.size();
  }
  out.append(s.substr(pos));
  return out;
}

}  // namespace troupe::gherkin::text
