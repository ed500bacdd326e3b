#include "plan/role_name.hpp"

#include <fmt/format.h>

namespace troupe::plan {

namespace {

// Length of the UTF-8 sequence starting at `text[pos]`, or 0 when it is not well formed.
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(pos);
  std::size_t length = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF) length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4) length = 4;
  else return 0;
  if (pos + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i)
    if ((byte(pos + i) & 0xC0) != 0x80) return 0;
  // Overlong forms, surrogates and code points past U+10FFFF.
  if (lead == 0xE0 && byte(pos + 1) < 0xA0) return 0;
  if (lead == 0xED && byte(pos + 1) > 0x9F) return 0;
  if (lead == 0xF0 && byte(pos + 1) < 0x90) return 0;
  if (lead == 0xF4 && byte(pos + 1) > 0x8F) return 0;
  return length;
}

}  // namespace

std::string role_name_problem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (name.size() > kMaxRoleNameBytes)
    return fmt::format("is {} bytes long (at most {})", name.size(), kMaxRoleNameBytes);
  if (name == "." || name == "..") return "is a relative directory name";
  for (std::size_t pos = 0; pos < name.size();) {
    const char c = name[pos];
    const auto code = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\') return fmt::format("contains '{}'", c);
    if (c == ' ' || c == '\t') return "contains a blank";
    if (code < 0x20 || code == 0x7F) return fmt::format("contains the control byte 0x{:02X}", code);
    const std::size_t length = utf8_sequence_length(name, pos);
    if (length == 0) return fmt::format("contains invalid UTF-8 at byte {}", pos + 1);
    pos += length;
  }
  return {};
}

std::string printable_role_name(std::string_view name) {
  constexpr std::size_t kMaxShown = 80;
  std::string out;
  std::size_t pos = 0;
  while (pos < name.size() && pos < kMaxShown) {
    const auto code = static_cast<unsigned char>(name[pos]);
    const std::size_t length = utf8_sequence_length(name, pos);
    if (code < 0x20 || code == 0x7F || length == 0) {
      out += fmt::format("\\x{:02X}", code);
      ++pos;
    } else {
      out.append(name.substr(pos, length));
      pos += length;
    }
  }
  if (pos < name.size()) out += "...";
  return out;
}

}  // namespace troupe::plan
