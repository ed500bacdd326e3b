#pragma once
// Servo log levels in all their spellings, mapped to troupe's six names.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace troupe::rpc {

// TRACE DEBUG INFO WARN ERROR CRITICAL for: Microsoft.Extensions.Logging numbers 0..5 (6, "None",
// reads as INFO), and names in any case ("Information", "warning", "fatal", "err", ...).
// nullopt for anything else.
std::optional<std::string> normalize_log_level(const nlohmann::json& level);
std::optional<std::string> normalize_log_level_name(std::string_view name);

}  // namespace troupe::rpc
