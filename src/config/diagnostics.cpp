#include "config/diagnostics.hpp"

#include <fmt/format.h>

namespace troupe::config {

void Diagnostics::error(std::string_view json_path, std::string_view message) {
  errors_.push_back(fmt::format("{}: {}: {}", file_label_, json_path, message));
}

void Diagnostics::error_at(std::size_t line, std::size_t column, std::string_view message) {
  errors_.push_back(fmt::format("{}:{}:{}: {}", file_label_, line, column, message));
}

void Diagnostics::file_error(std::string_view message) {
  errors_.push_back(fmt::format("{}: {}", file_label_, message));
}

void Diagnostics::note(std::string_view json_path, std::string_view message) {
  notes_.push_back(fmt::format("{}: {}: {}", file_label_, json_path, message));
}

}  // namespace troupe::config
