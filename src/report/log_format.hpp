#pragma once
// The one textual form of a log line, shared by every formatter:
//   [10:00:00.123] [cpp:writer] [INFO] message
#include <string>

#include "exec/events.hpp"

namespace troupe::report {

std::string format_clock(exec::TimePoint time);  // local time HH:MM:SS.mmm
std::string format_log_entry(const exec::LogEntry& entry);
std::string format_duration(exec::Millis duration);  // "12ms", "1.23s", "2m03s"
const char* status_name(exec::Status status);        // "passed", "failed", ...

}  // namespace troupe::report
