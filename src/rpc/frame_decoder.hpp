#pragma once
// Splits a servo's stdout byte stream into message bodies (Content-Length or ndjson framing).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.hpp"

namespace troupe::rpc {

// Incremental decoder of a servo's stdout into message bodies. Bounded: a declared or accumulated
// size over max_message_bytes is an error, never an allocation.
class FrameDecoder {
 public:
  FrameDecoder(config::Framing framing, std::size_t max_message_bytes);
  // Appends bytes; complete bodies are appended to `out`. Returns false once the stream is
  // malformed; error() then says why, quoting the first offending bytes escaped, e.g.
  //   unexpected output on stdout: "hello world\n" (expected a Content-Length header)
  bool feed(std::string_view bytes, std::vector<std::string>& out);
  const std::string& error() const;
  bool has_partial()
      const;  // buffered bytes that are not yet a complete message (EOF then = truncated)
  std::string partial_preview() const;  // escaped first bytes of that partial data, for messages
  // When has_partial(): a complete message for "stdout closed now", e.g.
  //   stdout closed inside a message: got 10 of 120 body bytes after "Content-Length:
  //   120\r\n\r\n..."
  std::string eof_error() const;

  // Longest header block accepted before its blank line.
  static constexpr std::size_t kMaxHeaderBytes = 8192;

 private:
  bool feed_content_length(std::vector<std::string>& out);
  bool feed_ndjson(std::string_view bytes, std::vector<std::string>& out);
  // Looks for the end of the header block at the start of `text`; false on malformed input.
  bool scan_header_block(std::string_view text, std::size_t& block_end, bool& complete);
  bool parse_header_block(std::string_view block);
  bool fail(std::string message);

  config::Framing framing_;
  std::size_t max_message_bytes_;
  std::string buffer_;  // unconsumed bytes: header lines and/or a partial body or line
  // Content-Length state.
  std::size_t scan_pos_ = 0;  // bytes of the pending header block already checked
  bool have_header_ = false;  // a header block was parsed, now waiting for body_size_ bytes
  std::size_t body_size_ = 0;
  std::string header_block_;  // raw header block of the pending body, for messages
  bool failed_ = false;
  std::string error_;
};

// One message body wrapped in the platform's framing.
std::string encode_frame(config::Framing framing, std::string_view body);
// `bytes` made printable for use inside double quotes (the quotes are not added): escapes
// \n \r \t \" \\ and \xNN for other control bytes and invalid UTF-8; well-formed UTF-8 characters
// are kept. Cut after max_chars source bytes, with "..." appended.
std::string escape_bytes(std::string_view bytes, std::size_t max_chars = 80);

}  // namespace troupe::rpc
