#pragma once
// Reads the timestamp a servo attached to a log record.
#include <optional>
#include <string_view>

#include "exec/events.hpp"

namespace troupe::exec {

// ISO 8601 / RFC 3339 "YYYY-MM-DD[T| ]HH:MM:SS[.fraction][Z|+HH:MM|-HH:MM|+HHMM]".
// Without a zone the time is taken as UTC. nullopt for anything else.
std::optional<TimePoint> parse_log_timestamp(std::string_view text);

}  // namespace troupe::exec
