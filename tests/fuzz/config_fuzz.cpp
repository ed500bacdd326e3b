// Fuzz target: the config loader on any text, read as troupe.json and as harmony-config.json.
// Every problem must be a ConfigError with at least one message; nothing else may escape.
#include <filesystem>
#include <string>

#include "config/config.hpp"
#include "fuzz_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace config = troupe::config;
  const std::string text(reinterpret_cast<const char*>(data), size);
  config::LoadOptions options;
  options.check_paths = false;  // no file system look-ups: the same input always does the same
  for (const char* file : {"/fuzz/troupe.json", "/fuzz/harmony-config.json"}) {
    try {
      const config::Config loaded = config::parse_config(text, file, options);
      (void)loaded.find_platform("cpp");
    } catch (const config::ConfigError& error) {
      if (error.messages.empty()) __builtin_trap();
    }
  }
  return 0;
}
