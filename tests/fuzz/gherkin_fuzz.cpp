// Fuzz target: the Gherkin parser and pickle compiler, on any bytes, as plain and Markdown Gherkin.
// parse_feature must never throw; whatever it accepts must render as Cucumber Messages.
#include <string>

#include "fuzz_target.hpp"
#include "gherkin/gherkin.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace gherkin = troupe::gherkin;
  using nlohmann::json;
  const std::string text(reinterpret_cast<const char*>(data), size);
  for (const char* uri : {"fuzz.feature", "fuzz.feature.md"}) {
    gherkin::IdGenerator ids;
    const gherkin::ParsedFeature parsed = gherkin::parse_feature(uri, text, ids);
    // The source may be any bytes: rendered the way `troupe parse` does, invalid UTF-8 replaced.
    (void)gherkin::source_message(parsed).dump(-1, ' ', false, json::error_handler_t::replace);
    for (const auto& error : parsed.errors)
      (void)gherkin::parse_error_message(error).dump(-1, ' ', false,
                                                     json::error_handler_t::replace);
    // An accepted file is valid UTF-8, so its AST and pickles must be too: a strict dump throws
    // (and fails the target) if the parser cut a character in two.
    if (parsed.document) (void)gherkin::gherkin_document_message(parsed).dump();
    for (const auto& pickle : parsed.pickles) (void)gherkin::pickle_message(pickle).dump();
  }
  return 0;
}
