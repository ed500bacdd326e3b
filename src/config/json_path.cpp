#include "config/json_path.hpp"

#include <fmt/format.h>

namespace troupe::config {
namespace {

bool is_identifier(std::string_view key) {
  if (key.empty()) return false;
  for (std::size_t i = 0; i < key.size(); ++i) {
    const char c = key[i];
    const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    const bool digit = c >= '0' && c <= '9';
    const bool inner = digit || c == '-';
    if (!letter && !(i > 0 && inner)) return false;
  }
  return true;
}

// Length of the valid UTF-8 sequence starting at text[i], or 0 if it is not valid.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
  const auto lead = static_cast<unsigned char>(text[i]);
  std::size_t length = 0;
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2;
  else if (lead >= 0xE0 && lead <= 0xEF)
    length = 3;
  else if (lead >= 0xF0 && lead <= 0xF4)
    length = 4;
  else
    return 0;
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k)
    if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return 0;
  return length;
}

}  // namespace

std::string child_path(std::string_view parent, std::string_view key) {
  if (is_identifier(key)) return fmt::format("{}.{}", parent, key);
  return fmt::format("{}[{}]", parent, quote(key));
}

std::string element_path(std::string_view parent, std::size_t index) {
  return fmt::format("{}[{}]", parent, index);
}

namespace {

void escape_into(std::string& out, std::string_view text, bool escape_quotes) {
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += fmt::format("\\x{:02X}", c);
      ++i;
    } else if (escape_quotes && (c == '"' || c == '\\')) {
      out += '\\';
      out += static_cast<char>(c);
      ++i;
    } else if (c == '\n') {
      out += "\\n";
      ++i;
    } else if (c == '\t') {
      out += "\\t";
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\u{:04X}", c);
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
}

}  // namespace

std::string quote(std::string_view text) {
  std::string out = "\"";
  escape_into(out, text, /*escape_quotes=*/true);
  out += '"';
  return out;
}

std::string printable(std::string_view text, std::size_t max_bytes) {
  std::string out;
  escape_into(out, text.substr(0, max_bytes), /*escape_quotes=*/false);
  if (text.size() > max_bytes) out += "...";
  return out;
}

std::string describe_value(const Json& value) {
  constexpr std::size_t kMaxShown = 60;
  switch (value.type()) {
    case Json::value_t::object:
      return value.empty() ? "an empty object" : "an object";
    case Json::value_t::array:
      return value.empty() ? "an empty array" : "an array";
    case Json::value_t::string: {
      const auto& text = value.get_ref<const std::string&>();
      if (text.size() <= kMaxShown) return quote(text);
      return quote(text.substr(0, kMaxShown)) + "...";
    }
    default:
      return value.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

}  // namespace troupe::config
