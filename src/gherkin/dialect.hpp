#pragma once
// Keywords of one natural language, from gherkin-languages.json (embedded in
// the binary at build time, so nothing is read from the source tree at run time).
#include <array>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "gherkin/pickle.hpp"

namespace troupe::gherkin {

struct Dialect {
  std::string code;  // e.g. "en", "fr"
  std::vector<std::string> feature, rule, background, scenario, scenario_outline, examples;
  std::vector<std::string> given, when, then, and_, but;
  // Every step keyword, longest first as the reference sorts them; a keyword
  // listed under several types appears once (a later copy could never match).
  std::vector<std::string> step_keywords;
  // keyword_type(step_keywords[i]), precomputed for the matcher (speed).
  std::vector<KeywordType> step_keyword_types;
  // A keyword listed under several types (like "* ") has type Unknown.
  std::unordered_map<std::string, KeywordType> keyword_types;
  // starts_keyword[b]: some keyword of the dialect begins with byte b. Lets the
  // matcher reject most lines without comparing every keyword (speed).
  std::array<bool, 256> starts_keyword{};

  KeywordType keyword_type(const std::string& keyword) const;
};

// nullptr when the language is not in gherkin-languages.json.
const Dialect* find_dialect(std::string_view code);

// The raw gherkin-languages.json text (generated source).
extern const char* const kGherkinLanguagesJson;

}  // namespace troupe::gherkin
