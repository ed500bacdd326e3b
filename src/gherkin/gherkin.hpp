#pragma once
// The Gherkin front end: parse a feature file into its AST and pickles, and
// render them as Cucumber Messages JSON.
//
//   troupe::gherkin::IdGenerator ids;  // share it across files: ids stay unique
//   auto parsed = troupe::gherkin::parse_feature_file(path, path.string(), ids);
//   if (!parsed.errors.empty()) { /* parsed.errors[i].message is "(line:col): ..." */ }
//   for (const auto& pickle : parsed.pickles) { ... }
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "gherkin/ast.hpp"
#include "gherkin/id_generator.hpp"
#include "gherkin/pickle.hpp"

namespace troupe::gherkin {

inline constexpr const char* kPlainMediaType = "text/x.cucumber.gherkin+plain";
inline constexpr const char* kMarkdownMediaType = "text/x.cucumber.gherkin+markdown";

struct ParseError {
  std::string uri;
  Location location;    // column 0 when unknown (end of file)
  std::string message;  // as the reference words it, e.g. "(2:1): expected: ..., got '...'"
};

struct ParsedFeature {
  std::string uri;
  std::string data;                         // the source text
  std::string media_type;                   // kPlainMediaType, or kMarkdownMediaType for *.md
  std::optional<GherkinDocument> document;  // empty when there are errors
  std::vector<Pickle> pickles;
  std::vector<ParseError> errors;
};

// Media type from the uri: Markdown for names ending in ".md".
std::string media_type_for(const std::string& uri);

// Parses and compiles; never throws for bad input (errors are in the result).
ParsedFeature parse_feature(std::string uri, std::string data, IdGenerator& ids);
// Same, reading the file first; an unreadable or oversized file gives one error.
ParsedFeature parse_feature_file(const std::filesystem::path& path, std::string uri,
                                 IdGenerator& ids);

// Cucumber Messages objects (no envelope).
nlohmann::json source_message(const ParsedFeature& feature);  // {"data","uri","mediaType"}
nlohmann::json gherkin_document_message(
    const ParsedFeature& feature);  // the gherkinDocument object
nlohmann::json pickle_message(const Pickle& pickle);
nlohmann::json parse_error_message(const ParseError& error);

}  // namespace troupe::gherkin
