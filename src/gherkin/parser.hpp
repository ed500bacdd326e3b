#pragma once
// The Gherkin grammar as a state machine, mirroring the reference parser that
// is generated from gherkin.berp: same states, same order of token tests, so
// the same errors ("expected: #EOF, #Comment, ..., got '...'") at the same places.
// Every error is collected; parsing goes on after an error (up to 11 errors).
#include <optional>
#include <string_view>
#include <vector>

#include "gherkin/ast.hpp"
#include "gherkin/id_generator.hpp"
#include "gherkin/token.hpp"
#include "gherkin/token_matcher.hpp"

namespace troupe::gherkin {

struct ParseResult {
  std::optional<GherkinDocument> document;  // set when there is no error
  std::vector<GherkinError> errors;
};

ParseResult parse_document(std::string_view source, TokenMatcher& matcher, IdGenerator& ids);

}  // namespace troupe::gherkin
