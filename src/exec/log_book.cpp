#include "exec/log_book.hpp"

#include <algorithm>
#include <string>

namespace troupe::exec {

bool LogBook::add(const LogEntry& entry) {
  if (entries_.size() >= max_entries_) {
    ++dropped_;
    return false;
  }
  entries_.push_back(entry);
  return true;
}

std::vector<LogEntry> LogBook::in_time_order() const {
  std::vector<LogEntry> sorted = entries_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const LogEntry& a, const LogEntry& b) { return a.time < b.time; });
  if (dropped_ > 0) {
    LogEntry note;
    note.time = sorted.empty() ? Clock::now() : sorted.back().time;
    note.level = "WARN";
    note.source = "troupe";
    note.message = "log cut: " + std::to_string(dropped_) + " more entries dropped (limit " +
                   std::to_string(max_entries_) + " per test case)";
    sorted.push_back(std::move(note));
  }
  return sorted;
}

}  // namespace troupe::exec
