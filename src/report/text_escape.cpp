#include "report/text_escape.hpp"

#include <fmt/format.h>

namespace troupe::report {

std::string xml_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 && c != '\t' && c != '\n' && c != '\r')
      out += fmt::format("\\x{:02x}", byte);
    else if (byte == 0x7f)
      out += "\\x7f";
    else
      out += c;
  }
  return out;
}

namespace {

// Length of the well-formed UTF-8 sequence at `text[pos]`, 0 when it is not one.
std::size_t utf8_length(std::string_view text, std::size_t pos) {
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
  if (lead == 0xE0 && byte(pos + 1) < 0xA0) return 0;
  if (lead == 0xED && byte(pos + 1) > 0x9F) return 0;
  if (lead == 0xF0 && byte(pos + 1) < 0x90) return 0;
  if (lead == 0xF4 && byte(pos + 1) > 0x8F) return 0;
  return length;
}

}  // namespace

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte == '\r' && (pos + 1 == text.size() || text[pos + 1] == '\n')) {
      ++pos;
      continue;
    }
    const std::size_t length = utf8_length(text, pos);
    const bool c0 = byte < 0x20 && byte != '\n' && byte != '\t';
    const bool c1 = length == 2 && byte == 0xC2 && static_cast<unsigned char>(text[pos + 1]) < 0xA0;
    if (length == 0 || c0 || byte == 0x7F) {
      out += fmt::format("\\x{:02X}", byte);
      ++pos;
    } else if (c1) {
      out += fmt::format("\\xC2\\x{:02X}", static_cast<unsigned char>(text[pos + 1]));
      pos += 2;
    } else {
      out.append(text.substr(pos, length));
      pos += length;
    }
  }
  return out;
}

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : xml_safe(text)) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string script_safe_json(std::string_view json_text) {
  std::string out;
  out.reserve(json_text.size());
  for (std::size_t i = 0; i < json_text.size(); ++i) {
    if (json_text[i] == '<' && i + 1 < json_text.size() && json_text[i + 1] == '/') {
      out += "<\\/";
      ++i;
    } else {
      out += json_text[i];
    }
  }
  return out;
}

}  // namespace troupe::report
