#pragma once
// Each subcommand registers itself on the CLI11 app; its callback stores the
// process exit code here. main() only parses and returns it.
#include <CLI/CLI.hpp>

namespace troupe::cli {

struct CommandResult {
  int exit_code = 0;
};

void add_parse_command(CLI::App& app, CommandResult& result);
void add_run_commands(CLI::App& app, CommandResult& result);  // `run` and `list`

}  // namespace troupe::cli
