#pragma once
// "FILE:LINE:COL" for messages; the column is left out when unknown (0).
#include <fmt/format.h>

#include <string>

#include "gherkin/pickle.hpp"

namespace troupe::plan {

inline std::string format_location(const std::string& uri, const gherkin::Location& location) {
  if (location.column > 0) return fmt::format("{}:{}:{}", uri, location.line, location.column);
  return fmt::format("{}:{}", uri, location.line);
}

}  // namespace troupe::plan
