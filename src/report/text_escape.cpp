#include "report/text_escape.hpp"

#include <fmt/format.h>

#include "rpc/utf8.hpp"

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

std::string terminal_safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    const auto byte = static_cast<unsigned char>(text[pos]);
    if (byte == '\r' && (pos + 1 == text.size() || text[pos + 1] == '\n')) {
      ++pos;
      continue;
    }
    const std::size_t length = rpc::utf8_sequence_length(text, pos);
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
