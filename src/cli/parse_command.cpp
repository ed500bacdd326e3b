// `troupe parse`: print the Cucumber Messages of feature files as NDJSON.
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.hpp"
#include "gherkin/gherkin.hpp"

namespace troupe::cli {
namespace {

struct ParseOptions {
  bool no_source = false;
  bool no_ast = false;
  bool no_pickles = false;
  bool json_errors = false;
  std::vector<std::string> files;
};

void print_envelope(const char* key, nlohmann::json body) {
  nlohmann::json envelope = {{key, std::move(body)}};
  // replace: the source of a file with invalid UTF-8 is still printed.
  std::string line = envelope.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  line += '\n';
  std::fwrite(line.data(), 1, line.size(), stdout);
}

void print_human_error(const gherkin::ParseError& error) {
  std::string message = error.message;
  // The reference message starts with "(line:col): "; the prefix says it already.
  if (!message.empty() && message[0] == '(') {
    if (auto end = message.find("): "); end != std::string::npos) message.erase(0, end + 3);
  }
  if (error.location.line == 0)
    std::fprintf(stderr, "%s: %s\n", error.uri.c_str(), message.c_str());
  else
    std::fprintf(stderr, "%s:%d:%d: %s\n", error.uri.c_str(), error.location.line,
                 error.location.column, message.c_str());
}

int run_parse(const ParseOptions& options) {
  gherkin::IdGenerator ids;  // one counter for every file: ids stay unique
  int exit_code = 0;
  for (const auto& file : options.files) {
    auto parsed = gherkin::parse_feature_file(file, file, ids);
    // A file that could not be read has no source (its one error has no location).
    bool unreadable = parsed.errors.size() == 1 && parsed.errors[0].location.line == 0;
    if (!options.no_source && !unreadable)
      print_envelope("source", gherkin::source_message(parsed));
    if (!parsed.errors.empty()) {
      exit_code = 1;
      for (const auto& error : parsed.errors) {
        if (options.json_errors) {
          print_envelope("parseError", gherkin::parse_error_message(error));
        } else {
          std::fflush(stdout);
          print_human_error(error);
        }
      }
      continue;
    }
    if (!options.no_ast)
      print_envelope("gherkinDocument", gherkin::gherkin_document_message(parsed));
    if (!options.no_pickles)
      for (const auto& pickle : parsed.pickles)
        print_envelope("pickle", gherkin::pickle_message(pickle));
  }
  std::fflush(stdout);
  return exit_code;
}

}  // namespace

void add_parse_command(CLI::App& app, CommandResult& result) {
  auto options = std::make_shared<ParseOptions>();
  auto* cmd = app.add_subcommand("parse", "Parse feature files and print Cucumber Messages NDJSON");
  cmd->add_flag("--no-source", options->no_source, "Do not print source envelopes");
  cmd->add_flag("--no-ast", options->no_ast, "Do not print gherkinDocument envelopes");
  cmd->add_flag("--no-pickles", options->no_pickles, "Do not print pickle envelopes");
  cmd->add_flag("--json-errors", options->json_errors,
                "Print parse errors as parseError envelopes on stdout instead of text on stderr");
  cmd->add_option("files", options->files, "Feature files (.feature, or .feature.md for Markdown)")
      ->required();
  cmd->callback([options, &result] { result.exit_code = run_parse(*options); });
}

}  // namespace troupe::cli
