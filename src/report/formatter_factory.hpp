#pragma once
// Makes the formatters `--format NAME[:PATH]` asks for. Every formatter is an exec::EventSink
// that consumes only the event stream; feed several through report::EventFanout.
#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "exec/events.hpp"

namespace troupe::report {

struct FormatSpec {
  std::string name;
  std::string path;  // empty = stdout
};

// "junit:out/report.xml" -> {junit, out/report.xml}; "pretty" -> {pretty, ""}.
// Throws std::invalid_argument with a one-line reason (empty, unknown name, empty path).
FormatSpec parse_format_spec(std::string_view text);

struct FormatterContext {
  bool color = false;  // on a TTY and NO_COLOR unset
  bool verbose = false;
  bool is_tty = false;
  int jobs = 1;
  std::string troupe_version = "";  // initialized so that designated initializers may leave it out
};

// Throws std::invalid_argument: unknown name, unwritable path (says which and why).
// Files are opened (and truncated) here, written as the run goes or when it finishes.
std::unique_ptr<exec::EventSink> make_formatter(const FormatSpec& spec,
                                                const FormatterContext& ctx);

// The summary always printed to stdout at the end of a run (unless --quiet).
std::unique_ptr<exec::EventSink> make_summary(const FormatterContext& ctx);
// The same on another standard stream: stderr when a machine-read format (message, junit, html,
// rerun) already writes to stdout. Coloured only when ctx.color (the caller checks that stream).
std::unique_ptr<exec::EventSink> make_summary(const FormatterContext& ctx, std::FILE* stream);

// Without --format: `pretty` on a terminal, `progress` otherwise.
FormatSpec default_format(const FormatterContext& ctx);

// Whether the formatter reads FeatureParsed (the features' Cucumber messages); when none does the
// CLI does not build them.
bool reads_feature_messages(const std::string& name);

// The names make_formatter knows, for help texts.
const std::vector<std::string>& formatter_names();

}  // namespace troupe::report
