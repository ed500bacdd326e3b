#include "rpc/log_level.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace troupe::rpc {

std::optional<std::string> normalize_log_level_name(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 15> kNames{{
      {"trace", "TRACE"},
      {"verbose", "TRACE"},
      {"debug", "DEBUG"},
      {"info", "INFO"},
      {"information", "INFO"},
      {"none", "INFO"},
      {"warn", "WARN"},
      {"warning", "WARN"},
      {"error", "ERROR"},
      {"err", "ERROR"},
      {"fail", "ERROR"},
      {"critical", "CRITICAL"},
      {"crit", "CRITICAL"},
      {"fatal", "CRITICAL"},
      {"panic", "CRITICAL"},
  }};
  for (const auto& [spelling, level] : kNames)
    if (lower == spelling) return std::string(level);
  return std::nullopt;
}

std::optional<std::string> normalize_log_level(const nlohmann::json& level) {
  if (level.is_string()) return normalize_log_level_name(level.get_ref<const std::string&>());
  if (!level.is_number_integer()) return std::nullopt;
  static constexpr std::array<std::string_view, 7> kByNumber{"TRACE", "DEBUG",    "INFO", "WARN",
                                                             "ERROR", "CRITICAL", "INFO"};
  const auto number = level.get<std::int64_t>();
  if (number < 0 || number >= static_cast<std::int64_t>(kByNumber.size())) return std::nullopt;
  return std::string(kByNumber[static_cast<std::size_t>(number)]);
}

}  // namespace troupe::rpc
