// escape_bytes: raw servo output made safe to quote in a one-line message.
#include <fmt/format.h>

#include <algorithm>

#include "rpc/frame_decoder.hpp"
#include "rpc/utf8.hpp"

namespace troupe::rpc {

std::string escape_bytes(std::string_view bytes, std::size_t max_chars) {
  std::string out;
  out.reserve(std::min(bytes.size(), max_chars) + 8);
  std::size_t pos = 0;
  while (pos < bytes.size() && pos < max_chars) {
    const auto byte = static_cast<unsigned char>(bytes[pos]);
    switch (byte) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      default:
        if (byte >= 0x20 && byte < 0x7F) {
          out += static_cast<char>(byte);
        } else if (byte >= 0x80) {
          // Well-formed multi-byte characters stay readable; anything else is shown as hex.
          const std::size_t length = utf8_sequence_length(bytes, pos);
          if (length > 0 && pos + length <= max_chars) {
            out.append(bytes.substr(pos, length));
            pos += length;
            continue;
          }
          if (length > 0) {  // a character cut by the limit
            pos = max_chars;
            continue;
          }
          out += fmt::format("\\x{:02x}", byte);
        } else {
          out += fmt::format("\\x{:02x}", byte);
        }
    }
    ++pos;
  }
  if (pos < bytes.size()) out += "...";
  return out;
}

}  // namespace troupe::rpc
