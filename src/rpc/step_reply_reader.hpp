#pragma once
// Tolerant reading of an executeStep result, shared by both protocols: keys match exactly or
// case-insensitively (Harmony's C# servos answer in PascalCase), wrong-typed parts become WARN
// log records instead of failures, and a failure without a message borrows it from the logs.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string_view>

#include "rpc/servo_protocol.hpp"

namespace troupe::rpc {

// The member `key` of `object`: exact match first, then ASCII case-insensitive; nullptr if absent.
const nlohmann::json* find_member(const nlohmann::json& object, std::string_view key);

StepOutcome read_step_outcome(const nlohmann::json& result);

// Keeps at most `max_lines` entries of the result's `logs` array (more could never be kept for
// the test case): the first max_lines - 1 after one WARN note saying how many were dropped, e.g.
//   [WARN] troupe: the reply had 1000000 log lines; kept the first 10000, dropped 990000
//   (maxLogLinesPerTestCase)
// Done before the entries become log records, so a huge reply costs no memory beyond its JSON.
// `total_lines` is how many the servo sent when some were already dropped while parsing.
void cap_step_logs(nlohmann::json& result, std::size_t max_lines, std::size_t total_lines = 0);

// One entry of a reply's `logs`: a string ("[DEBUG] text" sets the level) or an object
// {timestamp?, level?, message}. Returns false (and a WARN record saying why) for other types.
bool read_log_record(const nlohmann::json& entry, LogRecord& record);

// Health reply check shared by both protocols: true, or an object whose `healthy` is true.
bool read_health(const nlohmann::json& result, std::string& why_not);

}  // namespace troupe::rpc
