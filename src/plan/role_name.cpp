#include "plan/role_name.hpp"

#include <fmt/format.h>

#include "gherkin/text.hpp"

namespace troupe::plan {

std::string role_name_problem(std::string_view name) {
  if (name.empty()) return "is empty";
  if (name.size() > kMaxRoleNameBytes)
    return fmt::format("is {} bytes long (at most {})", name.size(), kMaxRoleNameBytes);
  if (name == "." || name == "..") return "is a relative directory name";
  for (const char c : name) {
    const auto code = static_cast<unsigned char>(c);
    if (c == '/' || c == '\\') return fmt::format("contains '{}'", c);
    if (c == ' ' || c == '\t') return "contains a blank";
    if (code < 0x20 || code == 0x7F) return fmt::format("contains the control byte 0x{:02X}", code);
  }
  if (const std::size_t bad = gherkin::text::find_invalid_utf8(name); bad != std::string_view::npos)
    return fmt::format("contains invalid UTF-8 at byte {}", bad + 1);
  return {};
}

std::string printable_role_name(std::string_view name) {
  constexpr std::size_t kMaxShown = 80;
  // Bytes above 0x7F are kept only when the whole name is valid UTF-8.
  const bool valid_utf8 = gherkin::text::find_invalid_utf8(name) == std::string_view::npos;
  std::string out;
  std::size_t pos = 0;
  for (; pos < name.size(); ++pos) {
    const auto code = static_cast<unsigned char>(name[pos]);
    if (pos >= kMaxShown && (!valid_utf8 || (code & 0xC0) != 0x80)) break;  // not mid-character
    if (code < 0x20 || code == 0x7F || (code > 0x7F && !valid_utf8))
      out += fmt::format("\\x{:02X}", code);
    else
      out += name[pos];
  }
  if (pos < name.size()) out += "...";
  return out;
}

}  // namespace troupe::plan
