#include "plan/process_matcher.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "plan/plan_error.hpp"

namespace troupe::plan {

namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

bool is_name_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// Consumes `word` (ASCII, matched without regard to case) followed by at least one blank.
bool consume_word(std::string_view text, std::size_t& pos, std::string_view word) {
  if (text.size() - pos <= word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = text[pos + i];
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != word[i]) return false;
  }
  if (!is_blank(text[pos + word.size()])) return false;
  pos += word.size();
  while (pos < text.size() && is_blank(text[pos])) ++pos;
  return true;
}

}  // namespace

std::optional<ProcessContext> match_default_process_patterns(std::string_view text) {
  std::size_t pos = 0;
  consume_word(text, pos, "the");
  if (pos >= text.size() || text[pos] != '\'') return std::nullopt;
  const std::size_t name_start = ++pos;
  while (pos < text.size() && is_name_char(text[pos])) ++pos;
  if (pos == name_start || pos >= text.size() || text[pos] != '\'') return std::nullopt;
  const std::size_t name_end = pos++;
  // The name must be followed by blanks and a non-empty rest.
  if (pos >= text.size() || !is_blank(text[pos])) return std::nullopt;
  while (pos < text.size() && is_blank(text[pos])) ++pos;
  if (pos >= text.size()) return std::nullopt;
  // `process` is part of the context only when something follows it.
  const std::size_t before_process = pos;
  if (consume_word(text, pos, "process") && pos >= text.size()) pos = before_process;
  return ProcessContext{std::string(text.substr(name_start, name_end - name_start)),
                        std::string(text.substr(pos))};
}

ProcessMatcher::ProcessMatcher(const std::vector<std::string>& patterns) {
  std::vector<std::string> problems;
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    try {
      NamedGroupRegex regex(patterns[i]);
      if (!regex.group("name")) throw std::invalid_argument("has no (?<name>...) group");
      if (!regex.group("rest")) throw std::invalid_argument("has no (?<rest>...) group");
      custom_.push_back(std::move(regex));
    } catch (const std::invalid_argument& error) {
      problems.push_back(
          fmt::format("$.processPatterns[{}]: \"{}\": {}", i, patterns[i], error.what()));
    }
  }
  if (!problems.empty()) throw PlanError(std::move(problems));
}

std::optional<ProcessContext> ProcessMatcher::match(std::string_view step_text) const {
  if (custom_.empty()) return match_default_process_patterns(step_text);
  if (step_text.size() > kMaxCustomMatchLength) return std::nullopt;
  for (const NamedGroupRegex& pattern : custom_) {
    std::match_results<std::string_view::const_iterator> match;
    if (!std::regex_search(step_text.begin(), step_text.end(), match, pattern.regex())) continue;
    const auto& name = match[*pattern.group("name")];
    if (!name.matched || name.length() == 0) continue;
    const auto& rest = match[*pattern.group("rest")];
    return ProcessContext{name.str(), rest.matched ? rest.str() : std::string()};
  }
  return std::nullopt;
}

}  // namespace troupe::plan
