#pragma once
// UTF-8 well-formedness check (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF).
#include <cstddef>
#include <optional>
#include <string_view>

namespace troupe::rpc {

// Offset of the first byte that does not start or continue a well-formed sequence; nullopt when
// `text` is valid UTF-8.
std::optional<std::size_t> find_invalid_utf8(std::string_view text);
// Length of the well-formed UTF-8 sequence starting at text[pos], or 0 when there is none.
std::size_t utf8_sequence_length(std::string_view text, std::size_t pos);

}  // namespace troupe::rpc
