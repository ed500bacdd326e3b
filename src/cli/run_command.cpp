#include "cli/commands.hpp"

namespace troupe::cli {
// Placeholder until the runner lands.
void add_run_commands(CLI::App& app, CommandResult& result) {
  auto* run = app.add_subcommand("run", "Run features across servo processes");
  run->callback([&result] { result.exit_code = 0; });
  auto* list = app.add_subcommand("list", "List test cases without starting anything");
  list->callback([&result] { result.exit_code = 0; });
}
}  // namespace troupe::cli
