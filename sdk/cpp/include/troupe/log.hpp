#pragma once
// What a step logs: entries with a level and a UTC timestamp, collected per step and returned as
// `logs`.
#include <chrono>
#include <ctime>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace troupe {

struct LogEntry {
  std::string timestamp;  // ISO 8601, UTC, milliseconds
  std::string level;      // trace, debug, info, warning, error, critical
  std::string message;
};

inline void to_json(nlohmann::json& json, const LogEntry& entry) {
  json = {{"timestamp", entry.timestamp}, {"level", entry.level}, {"message", entry.message}};
}

inline std::string utc_timestamp(std::chrono::system_clock::time_point when) {
  const auto since_epoch = when.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(since_epoch);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(since_epoch - seconds);
  const std::time_t time = static_cast<std::time_t>(seconds.count());
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[40];
  const auto length = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%S", &utc);
  std::string stamp(text, length);
  const auto ms = std::to_string(millis.count());
  stamp += '.' + std::string(3 - ms.size(), '0') + ms + 'Z';
  return stamp;
}

// Shared by a step's logger and the stdout capture, which write from different threads.
class LogSink {
 public:
  void add(std::string_view level, std::string_view message) {
    LogEntry entry{utc_timestamp(std::chrono::system_clock::now()), std::string(level),
                   std::string(message)};
    std::lock_guard lock(mutex_);
    entries_.push_back(std::move(entry));
  }

  std::vector<LogEntry> snapshot() const {
    std::lock_guard lock(mutex_);
    return entries_;
  }

 private:
  mutable std::mutex mutex_;
  std::vector<LogEntry> entries_;
};

class Logger {
 public:
  Logger() : sink_(std::make_shared<LogSink>()) {}
  explicit Logger(std::shared_ptr<LogSink> sink) : sink_(std::move(sink)) {}

  void log(std::string_view level, std::string_view message) const { sink_->add(level, message); }
  void trace(std::string_view message) const { log("trace", message); }
  void debug(std::string_view message) const { log("debug", message); }
  void info(std::string_view message) const { log("info", message); }
  void warning(std::string_view message) const { log("warning", message); }
  void warn(std::string_view message) const { log("warning", message); }
  void error(std::string_view message) const { log("error", message); }
  void critical(std::string_view message) const { log("critical", message); }

  const std::shared_ptr<LogSink>& sink() const { return sink_; }

 private:
  std::shared_ptr<LogSink> sink_;
};

}  // namespace troupe
