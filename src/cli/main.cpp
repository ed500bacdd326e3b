#include <cstdio>
#include <string>

#include "cli/commands.hpp"
#include "troupe/version.hpp"

int main(int argc, char** argv) {
  CLI::App app{"troupe: run Gherkin scenarios across processes written in many languages"};
  app.name("troupe");
  app.set_version_flag("--version", std::string("troupe ") + troupe::kVersion);
  app.require_subcommand(1);
  troupe::cli::CommandResult result;
  troupe::cli::add_parse_command(app, result);
  troupe::cli::add_run_commands(app, result);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::fputs(app.help().c_str(), stdout);
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    std::fputs(app.help("", CLI::AppFormatMode::All).c_str(), stdout);
    return 0;
  } catch (const CLI::CallForVersion&) {
    std::printf("troupe %s\n", troupe::kVersion);
    return 0;
  } catch (const CLI::ParseError& e) {
    // Usage errors: one line, exit 2, whatever CLI11's own code would be.
    std::string what = e.what();
    if (auto nl = what.find('\n'); nl != std::string::npos) what.resize(nl);
    std::fprintf(stderr, "troupe: %s (see 'troupe --help')\n", what.c_str());
    return 2;
  }
  return result.exit_code;
}
