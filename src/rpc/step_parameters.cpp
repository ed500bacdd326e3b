// step_parameters: the quoted values of a step, handed to servos as a convenience.
#include <cctype>

#include "rpc/servo_protocol.hpp"

namespace troupe::rpc {

namespace {

bool is_word_char(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return std::isalnum(byte) || byte >= 0x80 || c == '_';
}

}  // namespace

// A quote opens only after a non-word character and closes only before one, so apostrophes
// ("doesn't") are not mistaken for quotes.
nlohmann::json step_parameters(std::string_view text) {
  nlohmann::json parameters = nlohmann::json::object();
  std::size_t index = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char quote = text[pos];
    const bool opens =
        (quote == '\'' || quote == '"') && (pos == 0 || !is_word_char(text[pos - 1]));
    if (!opens) {
      ++pos;
      continue;
    }
    std::size_t close = pos + 1;
    while (true) {
      close = text.find(quote, close);
      if (close == std::string_view::npos) break;
      if (close + 1 == text.size() || !is_word_char(text[close + 1])) break;
      ++close;
    }
    if (close == std::string_view::npos) {
      ++pos;
      continue;
    }
    parameters[std::to_string(index++)] = std::string(text.substr(pos + 1, close - pos - 1));
    pos = close + 1;
  }
  return parameters;
}

}  // namespace troupe::rpc
