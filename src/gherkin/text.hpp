#pragma once
// Text helpers that reproduce JavaScript string semantics on UTF-8 data: the
// reference parser measures columns in code points or UTF-16 units and trims
// with JavaScript's notion of white space, and the expected output depends on it.
#include <cstddef>
#include <string>
#include <string_view>

namespace troupe::gherkin::text {

// Length in bytes of the white-space character (JavaScript `\s`) at `pos`, or 0.
std::size_t whitespace_length(std::string_view s, std::size_t pos);
// Same as whitespace_length, for the characters a table cell is trimmed of
// (space, tab, \v, \f, \r, U+0085, U+00A0).
std::size_t cell_space_length(std::string_view s, std::size_t pos);
// Length in bytes of the white-space character that ends at `end`, or 0.
std::size_t whitespace_length_before(std::string_view s, std::size_t end);

std::string_view trim_left(std::string_view s);
std::string_view trim_right(std::string_view s);
inline std::string_view trim(std::string_view s) {
  return trim_right(trim_left(s));
}

// Number of code points in a (valid) UTF-8 string.
std::size_t count_code_points(std::string_view s);
// Number of UTF-16 code units the string would take in JavaScript.
std::size_t count_utf16_units(std::string_view s);
// Byte length of the UTF-8 sequence starting with `lead`.
inline std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead < 0xE0) return 2;
  if (lead < 0xF0) return 3;
  return 4;
}

// Byte offset of the first invalid UTF-8 sequence, or npos when valid.
std::size_t find_invalid_utf8(std::string_view s);

// Replaces every occurrence of `from` in `s` by `to`, scanning left to right.
std::string replace_all(std::string_view s, std::string_view from, std::string_view to);

}  // namespace troupe::gherkin::text
