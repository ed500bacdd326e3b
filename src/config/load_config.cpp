#include <fmt/format.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

#include "config/config.hpp"
#include "config/config_forms.hpp"
#include "config/diagnostics.hpp"
#include "config/json_text.hpp"
#include "config/value_reader.hpp"

namespace troupe::config {
namespace {

namespace fs = std::filesystem;

// execvp's search path when PATH is unset.
constexpr const char* kDefaultSearchPath = "/usr/local/bin:/usr/bin:/bin";

std::string our_search_path() {
  const char* path = std::getenv("PATH");
  return path != nullptr ? path : kDefaultSearchPath;
}

[[noreturn]] void throw_errors(Diagnostics& diagnostics) {
  throw ConfigError(std::move(diagnostics.errors()));
}

}  // namespace

Config parse_config(const std::string& text, const fs::path& file) {
  return parse_config(text, file, LoadOptions{});
}

Config parse_config(const std::string& text, const fs::path& file, const LoadOptions& options) {
  Diagnostics diagnostics(file.string());
  ValueReader reader(diagnostics);
  const auto root = parse_json_text(text, diagnostics);
  if (!root) throw_errors(diagnostics);

  Config config;
  config.file = file;
  std::error_code ec;
  config.dir = fs::absolute(file, ec).parent_path().lexically_normal();
  if (ec) {
    diagnostics.file_error(fmt::format("cannot make the path absolute: {}", ec.message()));
    throw_errors(diagnostics);
  }
  FormContext context{reader, options, config.dir, options.search_path.value_or(our_search_path())};
  if (is_harmony_form(*root, file))
    read_harmony_form(*root, context, config);
  else
    read_troupe_form(*root, context, config);

  if (diagnostics.has_errors()) throw_errors(diagnostics);
  config.notes = std::move(diagnostics.notes());
  return config;
}

Config load_config(const fs::path& file) {
  return load_config(file, LoadOptions{});
}

Config load_config(const fs::path& file, const LoadOptions& options) {
  Diagnostics diagnostics(file.string());
  std::error_code ec;
  if (fs::is_directory(file, ec)) {
    diagnostics.file_error("is a folder, not a config file");
    throw_errors(diagnostics);
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    diagnostics.file_error(fmt::format("cannot read: {}", std::strerror(errno)));
    throw_errors(diagnostics);
  }
  // Read one byte past the limit so an oversized file is reported, not loaded whole.
  std::string text;
  text.resize(kMaxConfigBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) {
    diagnostics.file_error("cannot read: I/O error");
    throw_errors(diagnostics);
  }
  text.resize(static_cast<std::size_t>(in.gcount()));
  if (text.size() > kMaxConfigBytes) {
    diagnostics.file_error(
        fmt::format("file is larger than {} bytes, too large for a config file", kMaxConfigBytes));
    throw_errors(diagnostics);
  }
  return parse_config(text, file, options);
}

fs::path find_default_config(const fs::path& cwd) {
  for (const char* name : {"troupe.json", "harmony-config.json"}) {
    std::error_code ec;
    const fs::path candidate = cwd / name;
    if (fs::is_regular_file(candidate, ec)) return candidate;
  }
  return {};
}

}  // namespace troupe::config
