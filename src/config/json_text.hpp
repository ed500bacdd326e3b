#pragma once
// Turns config text into JSON, reporting syntax errors with line:col and rejecting input that
// would cost unbounded stack or memory later (deep nesting, huge files) or hide mistakes
// (duplicate keys, where JSON parsers silently keep one value).
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "config/diagnostics.hpp"
#include "config/json_path.hpp"

namespace troupe::config {

inline constexpr std::size_t kMaxConfigBytes = 4 * 1024 * 1024;
inline constexpr std::size_t kMaxNestingDepth = 64;

// Returns the parsed document, or nothing after adding errors to `diagnostics`.
std::optional<Json> parse_json_text(const std::string& text, Diagnostics& diagnostics);

}  // namespace troupe::config
