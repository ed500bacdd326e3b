#include "gherkin/token_scanner.hpp"

#include "gherkin/text.hpp"

namespace troupe::gherkin {

TokenScanner::TokenScanner(std::string_view source) : source_(source) {}

// Like the reference: split on \r?\n, then drop the last piece when it is blank.
// The last piece is recognised when it is reached, so the source is not
// scanned up front to count lines (speed).
Token TokenScanner::read() {
  Token token;
  token.location.line = ++line_number_;
  if (done_) {
    token.eof = true;
    return token;
  }
  std::size_t newline = source_.find('\n', pos_);
  std::string_view text;
  if (newline == std::string_view::npos) {
    text = source_.substr(pos_);
    pos_ = source_.size();
    done_ = true;
    if (text::trim(text).empty()) {
      token.eof = true;
      return token;
    }
  } else {
    text = source_.substr(pos_, newline - pos_);
    if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
    pos_ = newline + 1;
  }
  token.line = GherkinLine(text, line_number_);
  return token;
}

}  // namespace troupe::gherkin
