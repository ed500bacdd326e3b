#pragma once
// Every problem found while planning, each a precise "FILE:LINE:COL: message" (or naming the
// option or config entry at fault). Planning reports them all at once, not just the first.
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace troupe::plan {

struct PlanError : std::runtime_error {
  std::vector<std::string> messages;
  explicit PlanError(std::vector<std::string> msgs)
      : std::runtime_error(join(msgs)), messages(std::move(msgs)) {}

 private:
  static std::string join(const std::vector<std::string>& msgs) {
    if (msgs.empty()) return "invalid test plan";
    std::string joined = msgs.front();
    for (std::size_t i = 1; i < msgs.size(); ++i) joined += "\n" + msgs[i];
    return joined;
  }
};

}  // namespace troupe::plan
