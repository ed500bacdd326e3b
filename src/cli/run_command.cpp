// `troupe run` and `troupe list`: config -> features -> plan -> (run | list).
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/feature_sources.hpp"
#include "cli/signals_while_reporting.hpp"
#include "config/config.hpp"
#include "exec/run_plan.hpp"
#include "gherkin/gherkin.hpp"
#include "plan/build_plan.hpp"
#include "report/event_fanout.hpp"
#include "report/output_file.hpp"
#include "report/formatter_factory.hpp"
#include "report/live_log_formatter.hpp"
#include "troupe/version.hpp"

namespace troupe::cli {
namespace fs = std::filesystem;
namespace {

struct RunArgs {
  std::vector<std::string> paths;
  std::string config_path;
  std::string tags;
  std::string name;
  std::vector<std::string> platforms;
  std::vector<std::string> combination;
  int step_timeout_ms = 0;
  int jobs = 1;
  bool fail_fast = false;
  bool dry_run = false;
  bool verbose = false;
  bool quiet = false;
  std::vector<std::string> formats;
};

void add_selection_options(CLI::App* cmd, RunArgs& a) {
  cmd->add_option("paths", a.paths, "Feature files or folders, PATH:LINE, or @RERUN_FILE (default: the config's features)");
  cmd->add_option("-c,--config", a.config_path, "Config file (default: ./troupe.json, else ./harmony-config.json)");
  cmd->add_option("-t,--tags", a.tags, "Only test cases whose tags match this Cucumber tag expression");
  cmd->add_option("-n,--name", a.name, "Only scenarios whose name matches this regular expression");
  cmd->add_option("--platforms", a.platforms, "Limit every role to these platforms")->delimiter(',')->allow_extra_args(false);
  cmd->add_option("--combination", a.combination, "Run one combination: ROLE=PLATFORM,...")->delimiter(',')->allow_extra_args(false);
  cmd->add_option("--step-timeout", a.step_timeout_ms, "Step timeout in ms (overrides config and @timeout)")
      ->check(CLI::PositiveNumber);
}

struct Loaded {
  config::Config config;
  std::vector<exec::FeatureParsed> features;
  std::vector<std::shared_ptr<const gherkin::Pickle>> pickles;
  plan::TestPlan plan;
};

void print_lines(const std::vector<std::string>& lines) {
  for (const auto& l : lines) std::fprintf(stderr, "troupe: %s\n", l.c_str());
}

// Returns 0 and fills `out`, or the exit code of the failure (already reported).
// `starts_servos` false (list): the config's programs need not exist yet.
// `feature_messages` false: no formatter reads the features' Cucumber messages; not building them
// saves a few KiB per test case.
int load_everything(const RunArgs& a, bool starts_servos, bool feature_messages, Loaded& out) {
  const fs::path cwd = fs::current_path();
  fs::path config_file = a.config_path.empty() ? config::find_default_config(cwd) : fs::path(a.config_path);
  if (config_file.empty()) {
    std::fprintf(stderr, "troupe: no troupe.json or harmony-config.json in %s (give --config PATH)\n",
                 cwd.string().c_str());
    return 2;
  }
  try {
    config::LoadOptions load_options;
    load_options.check_paths = starts_servos;
    out.config = config::load_config(config_file, load_options);
  } catch (const config::ConfigError& e) {
    print_lines(e.messages);
    return 2;
  }
  for (const auto& note : out.config.notes) std::fprintf(stderr, "troupe: note: %s\n", note.c_str());

  FeatureSources sources;
  try {
    sources = collect_feature_sources(a.paths, out.config.features, cwd);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "troupe: %s\n", e.what());
    return 2;
  }

  gherkin::IdGenerator ids;
  bool parse_failed = false;
  for (const auto& file : sources.files) {
    gherkin::ParsedFeature parsed = gherkin::parse_feature_file(cwd / file, file, ids);
    for (const auto& err : parsed.errors) {
      std::fprintf(stderr, "%s:%d:%d: %s\n", err.uri.c_str(), err.location.line, err.location.column,
                   err.message.c_str());
      parse_failed = true;
    }
    if (parsed.errors.empty() && feature_messages) {
      exec::FeatureParsed event;
      event.uri = parsed.uri;
      event.source = gherkin::source_message(parsed);
      event.gherkin_document = gherkin::gherkin_document_message(parsed);
      for (const auto& p : parsed.pickles) event.pickles.push_back(gherkin::pickle_message(p));
      out.features.push_back(std::move(event));
    }
    for (auto& p : parsed.pickles) out.pickles.push_back(std::make_shared<const gherkin::Pickle>(std::move(p)));
  }
  if (parse_failed) return 2;

  plan::PlanOptions options;
  options.tag_expression = a.tags;
  options.name_regex = a.name;
  options.locations = sources.locations;
  options.platforms = a.platforms;
  for (const auto& item : a.combination) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size()) {
      std::fprintf(stderr, "troupe: --combination expects ROLE=PLATFORM, got '%s'\n", item.c_str());
      return 2;
    }
    options.combination.push_back({item.substr(0, eq), item.substr(eq + 1)});
  }
  if (a.step_timeout_ms > 0) options.step_timeout_ms = a.step_timeout_ms;
  try {
    out.plan = plan::build_plan(out.config, out.pickles, options);
  } catch (const plan::PlanError& e) {
    print_lines(e.messages);
    return 2;
  }
  return 0;
}

bool use_color(std::FILE* stream) {
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color && *no_color) return false;
  const char* term = std::getenv("TERM");
  if (term && std::string(term) == "dumb") return false;
  return isatty(fileno(stream));
}

// Formats whose output is for machines: when one writes to stdout the summary goes to stderr.
bool is_machine_format(const std::string& name) {
  return name == "message" || name == "junit" || name == "html" || name == "rerun";
}

int run(const RunArgs& a) {
  report::FormatterContext ctx;
  ctx.color = use_color(stdout);
  ctx.verbose = a.verbose;
  ctx.is_tty = isatty(fileno(stdout));
  ctx.jobs = a.jobs;
  ctx.troupe_version = kVersion;

  std::vector<report::FormatSpec> specs;
  try {
    for (const auto& text : a.formats) specs.push_back(report::parse_format_spec(text));
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "troupe: --format: %s\n", e.what());
    return 2;
  }
  if (specs.empty()) specs.push_back(report::default_format(ctx));

  // Loaded before any report file is opened: a config or feature error must not truncate the
  // reports of the previous run.
  bool feature_messages = false;
  for (const auto& spec : specs) feature_messages |= report::reads_feature_messages(spec.name);
  Loaded loaded;
  if (int rc = load_everything(a, !a.dry_run, feature_messages, loaded)) return rc;

  // Formatters open their files before anything runs, so a bad path fails before any servo starts.
  report::EventFanout sinks;
  bool stdout_is_machine_read = false;
  bool pretty_on_stdout = false;  // pretty already prints every log with -v
  try {
    for (const auto& spec : specs) {
      sinks.own(report::make_formatter(spec, ctx));
      stdout_is_machine_read |= spec.path.empty() && is_machine_format(spec.name);
      pretty_on_stdout |= spec.path.empty() && spec.name == "pretty";
    }
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "troupe: --format: %s\n", e.what());
    return 2;
  }
  if (a.verbose && !pretty_on_stdout) {
    std::FILE* stream = stdout_is_machine_read ? stderr : stdout;
    sinks.own(std::make_unique<report::LiveLogFormatter>(
        std::make_unique<report::OutputFile>("verbose", stream), a.jobs == 1));
  }
  if (!a.quiet) {
    if (stdout_is_machine_read) {
      report::FormatterContext err_ctx = ctx;
      err_ctx.color = use_color(stderr);
      sinks.own(report::make_summary(err_ctx, stderr));
    } else {
      sinks.own(report::make_summary(ctx));
    }
  }

  for (const auto& feature : loaded.features) sinks.on_feature_parsed(feature);
  for (const auto& tc : loaded.plan.test_cases) sinks.on_test_case_planned({&tc});

  exec::RunOptions options;
  options.jobs = a.jobs;
  options.fail_fast = a.fail_fast;
  options.dry_run = a.dry_run;
  SignalsHeldWhileReporting shielded(sinks);
  exec::RunResult result = exec::run_plan(loaded.plan, loaded.config, options, shielded);
  // A signal that came while the reports were written ends troupe as it would have mid-run.
  const int held_signal = shielded.release();
  if (result.interrupted_by_signal) return 128 + result.interrupted_by_signal;
  if (held_signal) return 128 + held_signal;
  if (result.signal_after_run) return 128 + result.signal_after_run;
  return result.failed ? 1 : 0;
}

int list(const RunArgs& a) {
  Loaded loaded;
  if (int rc = load_everything(a, false, /*feature_messages=*/false, loaded)) return rc;
  for (const auto& tc : loaded.plan.test_cases) {
    std::string line = tc.name;
    if (tc.skip_reason) line += fmt::format("  (skipped: {})", *tc.skip_reason);
    std::printf("%s\n", line.c_str());
  }
  return 0;
}

}  // namespace

void add_run_commands(CLI::App& app, CommandResult& result) {
  auto args = std::make_shared<RunArgs>();

  auto* run_cmd = app.add_subcommand("run", "Run features: one servo per role, every platform combination");
  add_selection_options(run_cmd, *args);
  run_cmd->add_option("-j,--jobs", args->jobs, "Test cases run at once")->check(CLI::Range(1, 1024));
  run_cmd->add_flag("--fail-fast", args->fail_fast, "Stop at the first failed test case");
  run_cmd->add_flag("--dry-run", args->dry_run, "Walk every test case without starting servos");
  run_cmd->add_flag("-v,--verbose", args->verbose, "Print every log line of every servo");
  run_cmd->add_flag("-q,--quiet", args->quiet, "Do not print the summary at the end");
  std::string names;
  for (const auto& n : report::formatter_names()) names += (names.empty() ? "" : ", ") + n;
  run_cmd->add_option("-f,--format", args->formats,
                      "Report format NAME[:PATH], repeatable (" + names + "); default: pretty on a terminal, else progress")
      ->allow_extra_args(false);
  run_cmd->callback([args, &result] { result.exit_code = run(*args); });

  auto* list_cmd = app.add_subcommand("list", "List the test cases a run would execute, without starting anything");
  add_selection_options(list_cmd, *args);
  list_cmd->callback([args, &result] { result.exit_code = list(*args); });
}

}  // namespace troupe::cli
