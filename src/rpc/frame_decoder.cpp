#include "rpc/frame_decoder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

namespace troupe::rpc {

namespace {

constexpr std::string_view kExpectedHeader = "expected a Content-Length header";

// RFC 9110 token characters: what a header name may consist of.
bool is_token_char(unsigned char c) {
  if (std::isalnum(c)) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view strip_cr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// A complete header name troupe accepts: HTTP style words joined by '-' (Content-Length,
// Content-Type, X-Extra). A single word before a colon ("debug: x=1", "Error: ...") is far more
// likely a stray print than a header, so it is rejected at once instead of stalling the reply.
bool is_header_name(std::string_view name) {
  const std::size_t hyphen = name.find('-');
  return hyphen != std::string_view::npos && hyphen > 0 && name.back() != '-';
}

// True when `line` (no '\n') can still become a "Name: value" header line or a blank line.
bool is_plausible_header_prefix(std::string_view line) {
  if (line.empty() || line == "\r") return true;
  const std::size_t colon = line.find(':');
  const std::string_view name = line.substr(0, colon);
  if (colon == 0) return false;
  if (!std::all_of(name.begin(), name.end(),
                   [](char c) { return is_token_char(static_cast<unsigned char>(c)); }))
    return false;
  return colon == std::string_view::npos || is_header_name(name);
}

std::string unexpected_output(std::string_view bytes) {
  std::string hint;
  if (!bytes.empty() && (bytes.front() == '{' || bytes.front() == '['))
    hint = "; does the servo use ndjson framing?";
  return fmt::format("unexpected output on stdout: \"{}\" ({}{})", escape_bytes(bytes),
                     kExpectedHeader, hint);
}

}  // namespace

FrameDecoder::FrameDecoder(config::Framing framing, std::size_t max_message_bytes)
    : framing_(framing), max_message_bytes_(max_message_bytes) {}

bool FrameDecoder::fail(std::string message) {
  failed_ = true;
  error_ = std::move(message);
  return false;
}

const std::string& FrameDecoder::error() const {
  return error_;
}

bool FrameDecoder::feed(std::string_view bytes, std::vector<std::string>& out) {
  if (failed_) return false;
  if (framing_ == config::Framing::Ndjson) return feed_ndjson(bytes, out);
  buffer_.append(bytes);
  return feed_content_length(out);
}

bool FrameDecoder::feed_content_length(std::vector<std::string>& out) {
  std::size_t pos = 0;  // start of the unconsumed part of buffer_
  while (true) {
    if (have_header_) {
      if (buffer_.size() - pos < body_size_) break;
      out.emplace_back(buffer_, pos, body_size_);
      pos += body_size_;
      have_header_ = false;
      header_block_.clear();
      scan_pos_ = 0;
      continue;
    }
    // Blank lines between messages are tolerated (servos that println after the body).
    while (pos < buffer_.size()) {
      const std::size_t blank = buffer_[pos] == '\n'                   ? 1
                                : buffer_.compare(pos, 2, "\r\n") == 0 ? 2
                                                                       : 0;
      if (blank == 0) break;
      pos += blank;
      scan_pos_ = scan_pos_ > blank ? scan_pos_ - blank : 0;
    }
    const std::string_view rest = std::string_view(buffer_).substr(pos);
    if (rest.empty()) break;
    std::size_t block_end = 0;
    bool complete = false;
    if (!scan_header_block(rest, block_end, complete)) return false;
    if (!complete) break;
    if (!parse_header_block(rest.substr(0, block_end))) return false;
    header_block_.assign(rest.substr(0, block_end));
    pos += block_end;
    have_header_ = true;
  }
  buffer_.erase(0, pos);
  return true;
}

// Header lines end in CRLF (a bare LF is accepted too); the block ends with an empty line.
// scan_pos_ remembers how far `text` was already checked, so byte-by-byte feeds stay linear.
bool FrameDecoder::scan_header_block(std::string_view text, std::size_t& block_end,
                                     bool& complete) {
  std::size_t line_start = 0;
  if (scan_pos_ > 0) {
    const std::size_t previous_newline = text.rfind('\n', scan_pos_ - 1);
    line_start = previous_newline == std::string_view::npos ? 0 : previous_newline + 1;
  }
  while (true) {
    const std::size_t newline = text.find('\n', line_start);
    if (newline == std::string_view::npos) {
      if (!is_plausible_header_prefix(text.substr(line_start)))
        return fail(unexpected_output(text.substr(line_start)));
      if (text.size() > kMaxHeaderBytes)
        return fail(fmt::format("header block longer than {} bytes without its empty line: \"{}\"",
                                kMaxHeaderBytes, escape_bytes(text)));
      scan_pos_ = text.size();
      complete = false;
      return true;
    }
    const std::string_view line = strip_cr(text.substr(line_start, newline - line_start));
    if (line.empty()) {
      block_end = newline + 1;
      complete = true;
      return true;
    }
    // Only the offending line is quoted: what follows it may be a valid message.
    if (line.find(':') == std::string_view::npos || !is_plausible_header_prefix(line))
      return fail(unexpected_output(text.substr(line_start, newline + 1 - line_start)));
    line_start = newline + 1;
    if (line_start > kMaxHeaderBytes)
      return fail(fmt::format("header block longer than {} bytes without its empty line: \"{}\"",
                              kMaxHeaderBytes, escape_bytes(text)));
  }
}

bool FrameDecoder::parse_header_block(std::string_view block) {
  std::optional<std::size_t> length;
  std::size_t line_start = 0;
  while (line_start < block.size()) {
    const std::size_t newline = block.find('\n', line_start);
    const std::string_view line = strip_cr(block.substr(line_start, newline - line_start));
    line_start = newline + 1;
    if (line.empty()) break;
    const std::size_t colon = line.find(':');
    if (!iequals(line.substr(0, colon), "Content-Length")) continue;  // e.g. Content-Type
    const std::string_view value = trim_blanks(line.substr(colon + 1));
    const bool all_digits = !value.empty() && std::all_of(value.begin(), value.end(), [](char c) {
      return c >= '0' && c <= '9';
    });
    if (!all_digits)
      return fail(
          fmt::format("invalid Content-Length \"{}\" (expected a non-negative decimal integer) in "
                      "header \"{}\"",
                      escape_bytes(value), escape_bytes(block)));
    // Saturating parse: any value over the limit is rejected before it could size a buffer.
    std::size_t parsed = 0;
    bool over_limit = false;
    for (char c : value) {
      parsed = parsed * 10 + static_cast<std::size_t>(c - '0');
      if (parsed > max_message_bytes_) {
        over_limit = true;
        break;
      }
    }
    if (over_limit)
      return fail(fmt::format("Content-Length {} exceeds the message limit of {} bytes",
                              escape_bytes(value), max_message_bytes_));
    if (length && *length != parsed)
      return fail(fmt::format("conflicting Content-Length headers ({} and {}) in \"{}\"", *length,
                              parsed, escape_bytes(block)));
    length = parsed;
  }
  if (!length)
    return fail(fmt::format("header block without Content-Length: \"{}\"", escape_bytes(block)));
  body_size_ = *length;
  return true;
}

bool FrameDecoder::feed_ndjson(std::string_view bytes, std::vector<std::string>& out) {
  std::size_t pos = 0;
  while (pos < bytes.size()) {
    const std::size_t newline = bytes.find('\n', pos);
    const std::string_view piece = bytes.substr(
        pos, newline == std::string_view::npos ? std::string_view::npos : newline - pos);
    // +1: a trailing '\r' of a CRLF line is not part of the message.
    if (buffer_.size() + piece.size() > max_message_bytes_ + 1) {
      std::string preview =
          buffer_.size() >= 80 ? buffer_.substr(0, 80) : buffer_ + std::string(piece.substr(0, 80));
      return fail(fmt::format("ndjson line longer than the message limit of {} bytes: \"{}\"",
                              max_message_bytes_, escape_bytes(preview)));
    }
    buffer_.append(piece);
    if (newline == std::string_view::npos) break;
    pos = newline + 1;
    const std::string_view line = strip_cr(buffer_);
    if (line.size() > max_message_bytes_)
      return fail(fmt::format("ndjson line longer than the message limit of {} bytes: \"{}\"",
                              max_message_bytes_, escape_bytes(line)));
    if (!trim_blanks(line).empty()) out.emplace_back(line);
    buffer_.clear();
  }
  return true;
}

bool FrameDecoder::has_partial() const {
  if (have_header_) return true;
  if (framing_ == config::Framing::Ndjson) return !trim_blanks(strip_cr(buffer_)).empty();
  return buffer_.find_first_not_of("\r\n") != std::string::npos;
}

std::string FrameDecoder::partial_preview() const {
  if (have_header_) return escape_bytes(header_block_ + buffer_.substr(0, 80));
  return escape_bytes(buffer_);
}

std::string FrameDecoder::eof_error() const {
  if (have_header_)
    return fmt::format("stdout closed inside a message: got {} of {} body bytes after \"{}\"",
                       buffer_.size(), body_size_, partial_preview());
  if (framing_ == config::Framing::Ndjson)
    return fmt::format("stdout closed inside a message: unterminated ndjson line \"{}\"",
                       partial_preview());
  return fmt::format("stdout closed inside a message header: \"{}\"", partial_preview());
}

std::string encode_frame(config::Framing framing, std::string_view body) {
  if (framing == config::Framing::Ndjson) {
    std::string line(body);
    line += '\n';
    return line;
  }
  return fmt::format("Content-Length: {}\r\n\r\n{}", body.size(), body);
}

}  // namespace troupe::rpc
