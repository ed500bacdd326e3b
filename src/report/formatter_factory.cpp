#include "report/formatter_factory.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "report/html_formatter.hpp"
#include "report/junit_formatter.hpp"
#include "report/message_formatter.hpp"
#include "report/output_file.hpp"
#include "report/pretty_formatter.hpp"
#include "report/progress_formatter.hpp"
#include "report/rerun_formatter.hpp"
#include "report/summary_formatter.hpp"

namespace troupe::report {
namespace {

std::string known_names() {
  std::string out;
  for (const auto& name : formatter_names()) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

bool reads_feature_messages(const std::string& name) {
  return name == "message" || name == "html" || name == "pretty";
}

const std::vector<std::string>& formatter_names() {
  static const std::vector<std::string> names = {"pretty",  "progress", "summary", "junit",
                                                 "message", "html",     "rerun"};
  return names;
}

FormatSpec parse_format_spec(std::string_view text) {
  if (text.empty())
    throw std::invalid_argument("--format needs a value: NAME[:PATH] (" + known_names() + ")");
  const auto colon = text.find(':');
  FormatSpec spec{std::string(text.substr(0, colon)), colon == std::string_view::npos
                                                          ? std::string()
                                                          : std::string(text.substr(colon + 1))};
  if (spec.name.empty())
    throw std::invalid_argument(fmt::format(
        "--format '{}': the name before ':' is missing (one of {})", text, known_names()));
  const auto& names = formatter_names();
  if (std::find(names.begin(), names.end(), spec.name) == names.end())
    throw std::invalid_argument(fmt::format("--format '{}': unknown format '{}' (one of {})", text,
                                            spec.name, known_names()));
  if (colon != std::string_view::npos && spec.path.empty())
    throw std::invalid_argument(fmt::format(
        "--format '{}': the path after ':' is empty (leave out ':' to write to stdout)", text));
  return spec;
}

std::unique_ptr<exec::EventSink> make_formatter(const FormatSpec& spec,
                                                const FormatterContext& ctx) {
  const auto& names = formatter_names();
  if (std::find(names.begin(), names.end(), spec.name) == names.end())
    throw std::invalid_argument(
        fmt::format("unknown format '{}' (one of {})", spec.name, known_names()));
  auto out = std::make_unique<OutputFile>(spec.name, spec.path);
  // Terminal niceties only where a terminal reads them.
  const bool to_terminal = out->is_stdout() && ctx.is_tty;
  const bool color = ctx.color && to_terminal;
  if (spec.name == "pretty")
    return std::make_unique<PrettyFormatter>(std::move(out), color, ctx.verbose);
  if (spec.name == "progress")
    return std::make_unique<ProgressFormatter>(std::move(out), color, to_terminal);
  if (spec.name == "summary") return std::make_unique<SummaryFormatter>(std::move(out), color);
  if (spec.name == "junit") return std::make_unique<JunitFormatter>(std::move(out));
  if (spec.name == "message")
    return std::make_unique<MessageFormatter>(std::move(out), ctx.troupe_version);
  if (spec.name == "html")
    return std::make_unique<HtmlFormatter>(std::move(out), ctx.troupe_version);
  return std::make_unique<RerunFormatter>(std::move(out));
}

std::unique_ptr<exec::EventSink> make_summary(const FormatterContext& ctx) {
  return make_formatter({"summary", ""}, ctx);
}

std::unique_ptr<exec::EventSink> make_summary(const FormatterContext& ctx, std::FILE* stream) {
  return std::make_unique<SummaryFormatter>(std::make_unique<OutputFile>("summary", stream),
                                            ctx.color && ctx.is_tty);
}

FormatSpec default_format(const FormatterContext& ctx) {
  return {ctx.is_tty ? "pretty" : "progress", ""};
}

}  // namespace troupe::report
