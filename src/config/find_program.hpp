#pragma once
// Checks that a servo's program can be started, before any test runs.
#include <filesystem>
#include <optional>
#include <string>

namespace troupe::config {

struct ProgramLookup {
  std::string program;               // absolute when the program contains a '/', else as given
  std::optional<std::string> error;  // why it cannot be started
};

// A program with a '/' resolves against `config_dir` and must be an executable file; a bare
// name must be an executable file in one of the folders of `search_path` (PATH syntax).
ProgramLookup find_program(const std::string& program, const std::filesystem::path& config_dir,
                           const std::string& search_path);

// Makes `path` absolute against `base` (which is absolute) and normal ("a/../b" -> "b").
std::filesystem::path resolve_against(const std::filesystem::path& base, const std::string& path);

}  // namespace troupe::config
