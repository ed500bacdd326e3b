#include "report/pretty_formatter.hpp"

#include <fmt/format.h>

#include "report/log_format.hpp"
#include "report/step_labels.hpp"
#include "report/terminal_style.hpp"
#include "report/text_escape.hpp"

namespace troupe::report {
namespace {

// Indents every line after the first of a multi-line message.
std::string indent_continuation(const std::string& text, const std::string& indent) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out += indent;
  }
  return out;
}

std::string exit_text(const exec::ServoExited& e) {
  if (e.signal) return fmt::format("killed by signal {}", *e.signal);
  if (e.exit_code) return fmt::format("exit code {}", *e.exit_code);
  return "exited";
}

}  // namespace

PrettyFormatter::PrettyFormatter(std::unique_ptr<OutputFile> out, bool color, bool verbose)
    : out_(std::move(out)), color_(color), verbose_(verbose) {}

std::string PrettyFormatter::paint(const char* code, const std::string& text) const {
  return report::paint(color_, code, text);
}

PrettyFormatter::CaseState& PrettyFormatter::state_for(const plan::TestCase& test_case) {
  CaseState& state = cases_[&test_case];
  state.steps.resize(test_case.steps.size());
  return state;
}

void PrettyFormatter::on_feature_parsed(const exec::FeatureParsed& e) {
  keywords_.add(e.uri, e.gherkin_document);
}

void PrettyFormatter::on_step_finished(const exec::StepFinished& e) {
  if (!e.test_case || e.step_index >= e.test_case->steps.size()) return;
  state_for(*e.test_case).steps[e.step_index] = e;
}

void PrettyFormatter::on_servo_exited(const exec::ServoExited& e) {
  if (!e.test_case || e.expected) return;
  state_for(*e.test_case).unexpected_exits.push_back(e);
}

void PrettyFormatter::on_test_case_finished(const exec::TestCaseFinished& e) {
  if (!e.test_case) return;
  CaseState state;
  if (auto it = cases_.find(e.test_case); it != cases_.end()) {
    state = std::move(it->second);
    cases_.erase(it);
  }
  state.steps.resize(e.test_case->steps.size());
  out_->write(render(*e.test_case, state, e));
}

std::string PrettyFormatter::render(const plan::TestCase& tc, const CaseState& state,
                                    const exec::TestCaseFinished& e) {
  std::string out;
  const std::string uri = tc.pickle ? tc.pickle->uri : std::string();
  if (tc.pickle && (!printed_any_ || uri != last_feature_uri_)) {
    if (printed_any_) out += "\n";
    out += fmt::format("{}: {}  {}\n", paint(ansi::kBold, keywords_.feature_keyword(uri)),
                       terminal_safe(tc.pickle->feature_name), paint(ansi::kDim, "# " + uri));
    last_feature_uri_ = uri;
  }
  printed_any_ = true;

  // Scenario line: keyword and name as written, the example row, where it is.
  std::string title = tc.pickle ? tc.pickle->name : tc.name;
  if (std::string row = example_values_text(tc); !row.empty()) title += " " + row;
  out += fmt::format("\n  {}: {}",
                     paint(ansi::kBold, tc.pickle ? keywords_.scenario_keyword(
                                                        uri, tc.pickle->scenario_location.line)
                                                  : "Scenario"),
                     terminal_safe(title));
  if (tc.pickle)
    out += "  " + paint(ansi::kDim, fmt::format("# {}:{}", uri, tc.pickle->location.line));
  out += "\n";
  if (!tc.combination.empty())
    out += fmt::format("    {}\n", paint(ansi::kDim, "platforms: " + combination_text(tc)));

  for (std::size_t i = 0; i < tc.steps.size(); ++i) {
    const plan::PlannedStep& step = tc.steps[i];
    const auto& result = state.steps[i];
    const exec::Status status = result ? result->status : exec::Status::Skipped;
    std::string comment =
        "# " + step_target(tc, step, result ? result->roles : std::vector<std::string>{});
    if (result && status != exec::Status::Skipped)
      comment += " " + format_duration(result->duration);
    out += fmt::format("    {}  {}\n",
                       paint(status_color(status),
                             fmt::format("{} {}{}", status_mark(status), step.keyword, terminal_safe(step.text))),
                       paint(ansi::kDim, comment));
    out += step_argument_text(step, "        ");
    if (result && !result->error.empty()) {
      std::string error =
          result->error_type.empty() ? result->error : result->error_type + ": " + result->error;
      out += fmt::format("        {}\n", paint(ansi::kRed, indent_continuation(terminal_safe(error), "        ")));
    }
  }

  if (e.status == exec::Status::Skipped) {
    const std::string skip_reason = tc.skip_reason ? *tc.skip_reason : e.error;
    out += fmt::format("  {}\n", paint(status_color(e.status),
                                       fmt::format("{} skipped{}", status_mark(e.status),
                                                   skip_reason.empty() ? "" : ": " + skip_reason)));
    return out;
  }
  const bool failed = is_failure(e.status);
  std::string outcome =
      fmt::format("{} {}{} in {}", status_mark(e.status), status_name(e.status),
                  e.interrupted ? " (interrupted)" : "", format_duration(e.duration));
  if (failed && !e.error.empty()) outcome += ": " + indent_continuation(terminal_safe(e.error), "    ");
  out += fmt::format("  {}\n", paint(status_color(e.status), outcome));
  if (failed) {
    for (const auto& exit : state.unexpected_exits) {
      out += fmt::format(
          "    {}\n",
          paint(ansi::kRed, fmt::format("process {}@{} (pid {}) ended unexpectedly: {}", exit.role,
                                        exit.platform, exit.pid, exit_text(exit))));
      if (!exit.stderr_tail.empty())
        out += fmt::format("      {}\n", indent_continuation(terminal_safe(exit.stderr_tail), "      "));
    }
  }
  if ((failed || verbose_) && !e.logs.empty()) {
    out += fmt::format("    {}\n", paint(ansi::kDim, "logs of every process, in time order:"));
    for (const auto& entry : e.logs)
      out += fmt::format("      {}\n", paint(ansi::kDim, terminal_safe(format_log_entry(entry))));
  }
  return out;
}

}  // namespace troupe::report
