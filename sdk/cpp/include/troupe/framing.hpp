#pragma once
// Message framing of the JSON-RPC channel: LSP-style Content-Length headers, or one JSON per line.
#include <algorithm>
#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace troupe {

enum class Framing { ContentLength, Ndjson };

inline std::optional<Framing> parse_framing(std::string_view name) {
  if (name == "content-length") return Framing::ContentLength;
  if (name == "ndjson") return Framing::Ndjson;
  return std::nullopt;
}

inline std::string encode_frame(Framing framing, std::string_view body) {
  if (framing == Framing::Ndjson) return std::string(body) + "\n";
  return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + std::string(body);
}

// One decoded message body, or the reason the bytes could not be framed.
struct Frame {
  std::string body;
  std::string error;  // non-empty: a framing error; the offending bytes were skipped
};

// Splits a byte stream into message bodies; memory stays bounded by `max_message_bytes`.
class FrameDecoder {
 public:
  static constexpr std::size_t kMaxHeaderBytes = 8192;

  explicit FrameDecoder(Framing framing, std::size_t max_message_bytes = 64u << 20)
      : framing_(framing), max_message_bytes_(max_message_bytes) {}

  void feed(std::string_view bytes) {
    if (skip_ > 0) {
      const auto skipped = std::min(skip_, bytes.size());
      skip_ -= skipped;
      bytes.remove_prefix(skipped);
    }
    buffer_.append(bytes);
  }

  // True when bytes of an unfinished message are waiting.
  bool has_partial_message() const {
    return skip_ > 0 || buffer_.find_first_not_of(" \t\r\n") != std::string::npos;
  }

  std::optional<Frame> next() {
    return framing_ == Framing::Ndjson ? next_line() : next_content_length();
  }

 private:
  std::optional<Frame> next_line() {
    while (true) {
      const auto newline = buffer_.find('\n');
      if (newline == std::string::npos) {
        if (buffer_.size() > max_message_bytes_) {
          buffer_.clear();
          discarding_line_ = true;
          return Frame{"", "message longer than " + std::to_string(max_message_bytes_) + " bytes"};
        }
        return std::nullopt;
      }
      std::string line = buffer_.substr(0, newline);
      buffer_.erase(0, newline + 1);
      if (discarding_line_) {
        discarding_line_ = false;
        continue;
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      return Frame{std::move(line), ""};
    }
  }

  std::optional<Frame> next_content_length() {
    if (expected_body_) {
      if (buffer_.size() < *expected_body_) return std::nullopt;
      Frame frame{buffer_.substr(0, *expected_body_), ""};
      buffer_.erase(0, *expected_body_);
      expected_body_.reset();
      return frame;
    }
    // Blank lines between messages carry nothing.
    const auto first = buffer_.find_first_not_of("\r\n");
    buffer_.erase(0, first == std::string::npos ? buffer_.size() : first);
    auto end = buffer_.find("\r\n\r\n");
    std::size_t terminator = 4;
    if (const auto bare = buffer_.find("\n\n"); bare != std::string::npos && bare < end) {
      end = bare;
      terminator = 2;
    }
    if (end == std::string::npos) {
      if (buffer_.size() > kMaxHeaderBytes) {
        buffer_.clear();
        return Frame{"", "message header longer than " + std::to_string(kMaxHeaderBytes) +
                             " bytes without an empty line"};
      }
      return std::nullopt;
    }
    const std::string header = buffer_.substr(0, end);
    buffer_.erase(0, end + terminator);
    std::optional<std::size_t> length;
    std::size_t line_start = 0;
    while (line_start <= header.size()) {
      auto line_end = header.find('\n', line_start);
      if (line_end == std::string::npos) line_end = header.size();
      std::string line = header.substr(line_start, line_end - line_start);
      line_start = line_end + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      const auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      std::transform(name.begin(), name.end(), name.begin(),
                     [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
      if (name != "content-length") continue;
      const auto value = line.substr(line.find_first_not_of(' ', colon + 1) == std::string::npos
                                         ? line.size()
                                         : line.find_first_not_of(' ', colon + 1));
      if (value.empty() || value.size() > 12 ||
          value.find_first_not_of("0123456789") != std::string::npos) {
        return Frame{"", "invalid Content-Length '" + value + "'"};
      }
      length = std::stoull(value);
    }
    if (!length) return Frame{"", "message header without Content-Length: '" + header + "'"};
    if (*length > max_message_bytes_) {
      const auto available = std::min(*length, buffer_.size());
      buffer_.erase(0, available);
      skip_ = *length - available;
      return Frame{"", "message of " + std::to_string(*length) + " bytes exceeds the limit of " +
                           std::to_string(max_message_bytes_)};
    }
    expected_body_ = *length;
    return next_content_length();
  }

  Framing framing_;
  std::size_t max_message_bytes_;
  std::string buffer_;
  std::optional<std::size_t> expected_body_;
  std::size_t skip_ = 0;
  bool discarding_line_ = false;
};

}  // namespace troupe
