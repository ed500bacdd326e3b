#include "exec/run_ids.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>

namespace troupe::exec {
namespace {
std::atomic<std::int64_t> run_counter{0};
std::atomic<std::int64_t> feature_counter{0};
}  // namespace

std::string make_run_id() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof(stamp), "%Y%m%dT%H%M%S", &utc);
  return fmt::format("{}-{}-{}", stamp, static_cast<long>(::getpid()), ++run_counter);
}

std::string make_test_run_id(const std::string& run_id, std::size_t index) {
  return fmt::format("{}-{:04}", run_id, index + 1);
}

std::int64_t next_feature_id() {
  return ++feature_counter;
}

}  // namespace troupe::exec
