#include <fmt/format.h>

#include <system_error>

#include "config/config_forms.hpp"
#include "config/find_program.hpp"
#include "config/json_path.hpp"

namespace troupe::config {

void check_platform_paths(Platform& platform, const std::string& command_path,
                          const std::string& cwd_path, FormContext& context) {
  if (platform.command.empty()) return;
  // The servo's env may set its own PATH; that is where its program will be looked up.
  const auto env_path = platform.env.find("PATH");
  const std::string& search_path =
      env_path != platform.env.end() ? env_path->second : context.search_path;
  auto lookup = find_program(platform.command.front(), context.config_dir, search_path);
  platform.command.front() = lookup.program;
  if (!context.options.check_paths) return;
  if (lookup.error) context.reader.error(command_path, *lookup.error);
  std::error_code ec;
  if (!std::filesystem::is_directory(platform.cwd, ec))
    context.reader.error(cwd_path,
                         fmt::format("folder {} does not exist", quote(platform.cwd.string())));
}

}  // namespace troupe::config
