#include "cli/commands.hpp"

namespace troupe::cli {
// Placeholder until the Gherkin front end lands.
void add_parse_command(CLI::App& app, CommandResult& result) {
  auto* cmd = app.add_subcommand("parse", "Parse feature files and print Cucumber Messages NDJSON");
  cmd->callback([&result] { result.exit_code = 0; });
}
}  // namespace troupe::cli
