#include "plan/builtin_step.hpp"

#include <fmt/format.h>

#include <charconv>
#include <climits>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace troupe::plan {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// The blank-separated words of the text, as views into it (case kept).
std::vector<std::string_view> split_words(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    while (pos < text.size() && is_blank(text[pos])) ++pos;
    const std::size_t start = pos;
    while (pos < text.size() && !is_blank(text[pos])) ++pos;
    if (pos > start) out.push_back(text.substr(start, pos - start));
  }
  return out;
}

// Lower-cased words from `first` on, so "is  Started" compares equal to "is started".
std::vector<std::string> lower_words(const std::vector<std::string_view>& parts,
                                     std::size_t first) {
  std::vector<std::string> out;
  for (std::size_t i = first; i < parts.size(); ++i) out.push_back(lower(parts[i]));
  return out;
}

bool is_quoted_name(std::string_view word) {
  if (word.size() < 3 || word.front() != '\'' || word.back() != '\'') return false;
  for (const char c : word.substr(1, word.size() - 2)) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::optional<StepAction> lifecycle_action(const std::vector<std::string>& verb) {
  using Words = std::vector<std::string>;
  if (verb == Words{"starts"} || verb == Words{"is", "started"}) return StepAction::Start;
  if (verb == Words{"stops"} || verb == Words{"is", "stopped"} || verb == Words{"shuts", "down"})
    return StepAction::Stop;
  if (verb == Words{"is", "killed"} || verb == Words{"crashes"}) return StepAction::Kill;
  return std::nullopt;
}

// [the] '<role>' process <verb>: only the `process` forms, so "the 'writer' starts" stays a
// step for the servo.
std::optional<BuiltinStep> match_lifecycle(std::string_view text) {
  const std::vector<std::string_view> parts = split_words(text);
  std::size_t at = 0;
  if (!parts.empty() && lower(parts[0]) == "the") at = 1;
  if (parts.size() < at + 3 || !is_quoted_name(parts[at]) || lower(parts[at + 1]) != "process") {
    return std::nullopt;
  }
  const auto action = lifecycle_action(lower_words(parts, at + 2));
  if (!action) return std::nullopt;
  const std::size_t rest_start = static_cast<std::size_t>(parts[at + 2].data() - text.data());
  return BuiltinStep{*action, std::string(parts[at].substr(1, parts[at].size() - 2)),
                     std::string(text.substr(rest_start)), 0};
}

std::optional<BuiltinStep> match_wait(std::string_view text) {
  const std::vector<std::string> parts = lower_words(split_words(text), 0);
  if (parts.size() != 4 || parts[0] != "wait" || parts[1] != "for") return std::nullopt;
  std::string_view number = parts[2];
  if (number.size() >= 2 && number.front() == '\'' && number.back() == '\'') {
    number = number.substr(1, number.size() - 2);
  }
  // Digits with an optional fraction; no sign, exponent or hex.
  bool seen_dot = false;
  bool seen_digit = false;
  for (const char c : number) {
    if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else if (c >= '0' && c <= '9') {
      seen_digit = true;
    } else {
      return std::nullopt;
    }
  }
  if (!seen_digit) return std::nullopt;
  double factor = 0;
  const std::string& unit = parts[3];
  if (unit == "seconds" || unit == "second") {
    factor = 1000;
  } else if (unit == "ms" || unit == "milliseconds" || unit == "millisecond") {
    factor = 1;
  } else {
    return std::nullopt;
  }
  double value = 0;
  std::from_chars(number.data(), number.data() + number.size(), value);
  const double ms = std::round(value * factor);
  if (!(ms <= static_cast<double>(INT_MAX))) {
    throw std::out_of_range(
        fmt::format("wait of {} {} is too long (at most {} ms)", number, unit, INT_MAX));
  }
  return BuiltinStep{StepAction::Wait, {}, std::string(text), static_cast<int>(ms)};
}

}  // namespace

std::optional<BuiltinStep> match_builtin_step(std::string_view step_text) {
  if (auto lifecycle = match_lifecycle(step_text)) return lifecycle;
  return match_wait(step_text);
}

}  // namespace troupe::plan
