#pragma once
// JSON paths ("$.platforms.cpp.command[0]") and short value descriptions for error messages.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace troupe::config {

// Keeps keys in file order, so platforms and roles stay in the order the user wrote them.
using Json = nlohmann::ordered_json;

inline constexpr std::string_view kRootPath = "$";

// parent + ".key", or parent + "[\"key\"]" when the key is not a plain identifier.
std::string child_path(std::string_view parent, std::string_view key);
// parent + "[index]"
std::string element_path(std::string_view parent, std::size_t index);
// The value as it would appear in JSON, cut short when long: "\"lsp\"", "-5", "an object".
std::string describe_value(const Json& value);
// A string quoted as JSON, with non-UTF-8 bytes shown as \xNN; safe to print.
std::string quote(std::string_view text);
// The text with control characters escaped and non-UTF-8 bytes shown as \xNN, cut to
// `max_bytes` (then ending in "..."); safe to print.
std::string printable(std::string_view text, std::size_t max_bytes = 200);

}  // namespace troupe::config
