#pragma once
// Host operating systems that `@platform:` tags may name.
#include <string>
#include <string_view>
#include <vector>

namespace troupe::plan {

// linux, macos, windows, freebsd.
const std::vector<std::string>& host_os_names();
bool is_host_os_name(std::string_view name);
// The OS this binary was built for, one of host_os_names().
std::string current_host_os();

}  // namespace troupe::plan
