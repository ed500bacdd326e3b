#include "gherkin/token_scanner.hpp"

#include <algorithm>

#include "gherkin/text.hpp"

namespace troupe::gherkin {

TokenScanner::TokenScanner(std::string_view source) : source_(source) {
  // Like the reference: split on \r?\n, then drop the last piece when it is blank.
  line_count_ = static_cast<std::size_t>(std::count(source_.begin(), source_.end(), '\n')) + 1;
  std::size_t last_newline = source_.rfind('\n');
  std::size_t last_start = last_newline == std::string_view::npos ? 0 : last_newline + 1;
  if (text::trim(source_.substr(last_start)).empty()) --line_count_;
}

Token TokenScanner::read() {
  Token token;
  token.location.line = ++line_number_;
  if (static_cast<std::size_t>(line_number_) > line_count_) {
    token.eof = true;
    return token;
  }
  std::size_t newline = source_.find('\n', pos_);
  std::string_view text;
  if (newline == std::string_view::npos) {
    text = source_.substr(pos_);
    pos_ = source_.size();
  } else {
    text = source_.substr(pos_, newline - pos_);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    pos_ = newline + 1;
  }
  token.line = GherkinLine(text, line_number_);
  return token;
}

}  // namespace troupe::gherkin
