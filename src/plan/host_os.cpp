#include "plan/host_os.hpp"

#include <algorithm>

namespace troupe::plan {

const std::vector<std::string>& host_os_names() {
  static const std::vector<std::string> names{"linux", "macos", "windows", "freebsd"};
  return names;
}

bool is_host_os_name(std::string_view name) {
  const auto& names = host_os_names();
  return std::find(names.begin(), names.end(), name) != names.end();
}

std::string current_host_os() {
#if defined(_WIN32)
  return "windows";
#elif defined(__APPLE__)
  return "macos";
#elif defined(__FreeBSD__)
  return "freebsd";
#else
  return "linux";
#endif
}

}  // namespace troupe::plan
