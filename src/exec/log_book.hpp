#pragma once
// Every log of one test case (step logs, stderr lines, troupe notes), bounded in count.
#include <cstddef>
#include <vector>

#include "exec/events.hpp"

namespace troupe::exec {

class LogBook {
 public:
  explicit LogBook(std::size_t max_entries) : max_entries_(max_entries) {}
  // False when the limit is reached: the entry is dropped (and counted).
  bool add(const LogEntry& entry);
  // In time order (stable for equal times); ends with a note when entries were dropped.
  std::vector<LogEntry> in_time_order() const;
  std::size_t dropped() const { return dropped_; }

 private:
  std::size_t max_entries_;
  std::vector<LogEntry> entries_;
  std::size_t dropped_ = 0;
};

}  // namespace troupe::exec
