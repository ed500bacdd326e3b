#pragma once
// The two file forms a config can take, read into one Config. Internal to the loader.
#include <cstdint>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "config/config.hpp"
#include "config/value_reader.hpp"

namespace troupe::config {

// The largest value any of `limits` may be set to (1 GiB, or that many lines), so a config
// cannot make troupe's memory unbounded in practice.
inline constexpr std::int64_t kLimitCeiling = 1024 * 1024 * 1024;

// What both forms need besides the JSON itself.
struct FormContext {
  ValueReader& reader;
  const LoadOptions& options;
  std::filesystem::path config_dir;  // absolute; relative paths resolve against it
  std::string search_path;           // PATH for bare program names
};

// harmony-config.json by name, or Harmony keys: a `platforms` entry with `executable`, or one
// of FeaturesPath / DefaultTimeoutMs / ProcessInitializationDelayMs (any letter case).
bool is_harmony_form(const Json& root, const std::filesystem::path& file);

void read_troupe_form(const Json& root, FormContext& context, Config& config);
void read_harmony_form(const Json& root, FormContext& context, Config& config);

// Resolves the platform's program and checks it and its cwd (when options.check_paths).
// `command_path` / `cwd_path` are the JSON paths to blame.
void check_platform_paths(Platform& platform, const std::string& command_path,
                          const std::string& cwd_path, FormContext& context);

}  // namespace troupe::config
