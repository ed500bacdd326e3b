#pragma once
// Splits the source into lines (on \n or \r\n) and hands them out as tokens,
// then an end-of-file token forever. Lines are views into the source.
#include <cstddef>
#include <string_view>

#include "gherkin/token.hpp"

namespace troupe::gherkin {

class TokenScanner {
 public:
  explicit TokenScanner(std::string_view source);
  Token read();

 private:
  std::string_view source_;
  std::size_t pos_ = 0;
  int line_number_ = 0;
  bool done_ = false;  // the last piece was read
};

}  // namespace troupe::gherkin
