#pragma once
// Role names come from feature files (through the config's processPatterns) and end up in test
// case names, environment variables, report file contents and servo resource names, so they are
// held to the platform name rules before anything uses them.
#include <cstddef>
#include <string>
#include <string_view>

namespace troupe::plan {

inline constexpr std::size_t kMaxRoleNameBytes = 128;

// Empty when `name` is a valid role name, else why not (e.g. "contains '/'").
std::string role_name_problem(std::string_view name);

// `name` made safe to quote in a message: control bytes and invalid UTF-8 as \xNN, cut after 80
// bytes with "...".
std::string printable_role_name(std::string_view name);

}  // namespace troupe::plan
