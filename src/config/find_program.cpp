#include "config/find_program.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <system_error>

#include "config/json_path.hpp"

namespace troupe::config {
namespace {

namespace fs = std::filesystem;

// Empty when `candidate` is a file we may execute, else the reason it is not.
std::optional<std::string> why_not_executable(const fs::path& candidate) {
  std::error_code ec;
  const auto status = fs::status(candidate, ec);
  if (ec || !fs::exists(status)) return "does not exist";
  if (fs::is_directory(status)) return "is a directory";
  if (!fs::is_regular_file(status)) return "is not a regular file";
  if (::access(candidate.c_str(), X_OK) != 0) return "is not executable";
  return std::nullopt;
}

}  // namespace

fs::path resolve_against(const fs::path& base, const std::string& path) {
  const fs::path given(path);
  fs::path resolved = (given.is_absolute() ? given : base / given).lexically_normal();
  // "dir/." normalises to "dir/"; drop the slash so equal folders compare equal.
  if (!resolved.has_filename() && resolved.has_relative_path()) resolved = resolved.parent_path();
  return resolved;
}

ProgramLookup find_program(const std::string& program, const fs::path& config_dir,
                           const std::string& search_path) {
  ProgramLookup lookup{program, std::nullopt};
  if (program.empty()) {
    lookup.error = "the program is empty";
    return lookup;
  }
  if (program.find('/') != std::string::npos) {
    const fs::path resolved = resolve_against(config_dir, program);
    lookup.program = resolved.string();
    if (auto reason = why_not_executable(resolved))
      lookup.error = fmt::format("program {} {}", quote(lookup.program), *reason);
    return lookup;
  }
  std::size_t start = 0;
  while (start <= search_path.size()) {
    auto end = search_path.find(':', start);
    if (end == std::string::npos) end = search_path.size();
    // An empty PATH entry means the current folder, as execvp reads it.
    const std::string folder = search_path.substr(start, end - start);
    const fs::path candidate = (folder.empty() ? fs::path(".") : fs::path(folder)) / program;
    if (!why_not_executable(candidate)) return lookup;
    start = end + 1;
  }
  lookup.error = fmt::format("program {} not found on PATH", quote(program));
  return lookup;
}

}  // namespace troupe::config
