#include "report/log_format.hpp"

#include <fmt/format.h>

#include <ctime>

namespace troupe::report {

std::string format_clock(exec::TimePoint time) {
  const auto since_epoch = time.time_since_epoch();
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - secs).count();
  const std::time_t t = static_cast<std::time_t>(secs.count());
  std::tm tm{};
  localtime_r(&t, &tm);
  return fmt::format("{:02}:{:02}:{:02}.{:03}", tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
}

std::string format_log_entry(const exec::LogEntry& entry) {
  std::string where =
      entry.role.empty() ? std::string("troupe") : fmt::format("{}:{}", entry.platform, entry.role);
  return fmt::format("[{}] [{}] [{}] {}", format_clock(entry.time), where,
                     entry.level.empty() ? "INFO" : entry.level, entry.message);
}

std::string format_duration(exec::Millis duration) {
  const auto ms = duration.count();
  if (ms < 1000) return fmt::format("{}ms", ms);
  if (ms < 60'000) return fmt::format("{:.2f}s", static_cast<double>(ms) / 1000.0);
  return fmt::format("{}m{:02}s", ms / 60'000, (ms % 60'000) / 1000);
}

const char* status_name(exec::Status status) {
  switch (status) {
    case exec::Status::Passed:
      return "passed";
    case exec::Status::Failed:
      return "failed";
    case exec::Status::Skipped:
      return "skipped";
    case exec::Status::Pending:
      return "pending";
    case exec::Status::Undefined:
      return "undefined";
    case exec::Status::Ambiguous:
      return "ambiguous";
    case exec::Status::Unknown:
      break;
  }
  return "unknown";
}

}  // namespace troupe::report
