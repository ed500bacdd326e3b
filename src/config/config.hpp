#pragma once
// The run configuration: what servos exist and how to talk to them.
// Loaded from troupe.json or a Harmony-style harmony-config.json (see docs/config.md).
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace troupe::config {

enum class Framing { ContentLength, Ndjson };
enum class Protocol { Troupe, Harmony };
enum class StepText { Stripped, Full };

struct Platform {
  std::string name;
  // argv; the program is resolved against the config folder if it has a '/'
  std::vector<std::string> command;
  std::filesystem::path cwd;  // absolute
  std::map<std::string, std::string> env;
  Framing framing = Framing::ContentLength;
  Protocol protocol = Protocol::Troupe;
  StepText step_text = StepText::Stripped;
};

// Bounds on what a servo may send; beyond them data is cut (logs) or the servo fails (messages).
struct Limits {
  std::size_t max_message_bytes = 16 * 1024 * 1024;
  std::size_t max_log_lines_per_test_case = 10000;
  std::size_t max_stderr_bytes_per_servo = 1024 * 1024;
};

struct Config {
  std::filesystem::path file;                             // the config file as found
  std::filesystem::path dir;                              // its folder, absolute
  std::vector<std::filesystem::path> features;            // absolute
  std::vector<Platform> platforms;                        // config order
  std::map<std::string, std::vector<std::string>> roles;  // role -> allowed platforms, config order
  // regexes with (?<name>) and (?<rest>) groups, as written; empty = defaults
  // (config/process_pattern.hpp turns one into a std::regex pattern)
  std::vector<std::string> process_patterns;
  int step_timeout_ms = 30000;
  int scenario_timeout_ms = 600000;
  int start_timeout_ms = 10000;
  int stop_grace_ms = 5000;
  Limits limits;
  std::vector<std::string> notes;  // informational, e.g. "processInitializationDelayMs ignored"

  const Platform* find_platform(const std::string& name) const {
    for (const auto& p : platforms)
      if (p.name == name) return &p;
    return nullptr;
  }
};

// Every problem found in a config file, each "FILE: $.json.path: message".
struct ConfigError : std::runtime_error {
  std::vector<std::string> messages;
  explicit ConfigError(std::vector<std::string> msgs)
      : std::runtime_error(msgs.empty() ? "invalid config" : msgs.front()),
        messages(std::move(msgs)) {}
};

// How much of the machine a load checks; the defaults are what `troupe run` needs.
struct LoadOptions {
  // Programs must exist and be executable, cwd folders must exist. Commands that start no
  // servo (parse, list) may turn this off.
  bool check_paths = true;
  // PATH used to find bare program names (unless a platform's env sets PATH); unset = ours.
  std::optional<std::string> search_path;
};

// Reads troupe.json or harmony-config.json (recognised by its keys or file name).
// Throws ConfigError.
Config load_config(const std::filesystem::path& file);
Config load_config(const std::filesystem::path& file, const LoadOptions& options);
// Parses config text as if read from `file` (relative paths resolve against file's folder).
Config parse_config(const std::string& text, const std::filesystem::path& file);
Config parse_config(const std::string& text, const std::filesystem::path& file,
                    const LoadOptions& options);
// The config used when none is given: ./troupe.json, else ./harmony-config.json; empty if neither.
std::filesystem::path find_default_config(const std::filesystem::path& cwd);

}  // namespace troupe::config
