#pragma once
// Splits UTF-8 text into code points: Cucumber Expression columns count code points, not bytes.
#include <string>
#include <string_view>
#include <vector>

namespace troupe::cucumber_expressions {

// Each element views the bytes of one code point; an invalid byte stands alone so that no input is
// lost or rejected.
inline std::vector<std::string_view> split_code_points(std::string_view text) {
  std::vector<std::string_view> code_points;
  std::size_t index = 0;
  while (index < text.size()) {
    const auto lead = static_cast<unsigned char>(text[index]);
    std::size_t length = 1;
    if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
    } else if (lead >= 0xE0) {
      length = 3;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    }
    if (length > 1) {
      bool valid = index + length <= text.size() && lead < 0xF5;
      for (std::size_t offset = 1; valid && offset < length; ++offset) {
        valid = (static_cast<unsigned char>(text[index + offset]) & 0xC0) == 0x80;
      }
      if (!valid) length = 1;
    }
    code_points.push_back(text.substr(index, length));
    index += length;
  }
  return code_points;
}

inline std::size_t count_code_points(std::string_view text) {
  return split_code_points(text).size();
}

}  // namespace troupe::cucumber_expressions
