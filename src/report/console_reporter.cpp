#include "report/console_reporter.hpp"

#include <fmt/format.h>

#include <csignal>
#include <cstring>

#include "report/log_format.hpp"

namespace troupe::report {
namespace {
constexpr const char* kGreen = "32";
constexpr const char* kRed = "31";
constexpr const char* kYellow = "33";
constexpr const char* kDim = "2";

const char* step_keyword_type(plan::StepType t) {
  switch (t) {
    case plan::StepType::Given:
      return "given";
    case plan::StepType::When:
      return "when";
    case plan::StepType::Then:
      return "then";
  }
  return "";
}

std::string signal_name(int sig) {
  switch (sig) {
    case SIGINT:
      return "SIGINT";
    case SIGTERM:
      return "SIGTERM";
    case SIGHUP:
      return "SIGHUP";
    default:
      return fmt::format("signal {}", sig);
  }
}
}  // namespace

ConsoleReporter::ConsoleReporter(ConsoleOptions options) : options_(options) {}

std::string ConsoleReporter::paint(const char* color_code, const std::string& text) const {
  if (!options_.color) return text;
  return fmt::format("\x1b[{}m{}\x1b[0m", color_code, text);
}

void ConsoleReporter::on_run_started(const exec::RunStarted& e) {
  total_ = e.test_case_count;
}

void ConsoleReporter::on_step_finished(const exec::StepFinished& e) {
  if (e.status == exec::Status::Failed || e.status == exec::Status::Undefined ||
      e.status == exec::Status::Ambiguous)
    cases_[e.test_case].failed_steps.push_back(e);
}

void ConsoleReporter::on_log(const exec::LogReceived& e) {
  if (!options_.verbose) return;
  if (options_.live_logs) {
    std::fprintf(options_.out, "%s\n", paint(kDim, format_log_entry(e.entry)).c_str());
    std::fflush(options_.out);
  } else {
    cases_[e.test_case].live.push_back(e.entry);
  }
}

void ConsoleReporter::on_test_case_finished(const exec::TestCaseFinished& e) {
  const plan::TestCase& tc = *e.test_case;
  CaseState state;
  if (auto it = cases_.find(&tc); it != cases_.end()) {
    state = std::move(it->second);
    cases_.erase(it);
  }
  std::string label;
  switch (e.status) {
    case exec::Status::Passed:
      ++passed_;
      label = paint(kGreen, "PASS");
      break;
    case exec::Status::Skipped:
      ++skipped_;
      label = paint(kYellow, "SKIP");
      break;
    default:
      ++failed_;
      label = paint(kRed, e.interrupted ? "INTR" : "FAIL");
      break;
  }
  const bool failed = e.status != exec::Status::Passed && e.status != exec::Status::Skipped;
  if (options_.quiet && !failed) return;

  std::string line = fmt::format("{} {} ({})", label, tc.name, format_duration(e.duration));
  if (e.status == exec::Status::Skipped && tc.skip_reason) line += " - " + *tc.skip_reason;
  std::string block = line + "\n";
  for (const auto& entry : state.live)
    block += "    " + paint(kDim, format_log_entry(entry)) + "\n";
  std::fputs(block.c_str(), options_.out);
  if (failed) {
    print_failure_details(tc, state, e);
    failures_.push_back({tc.name, e.error});
  }
  std::fflush(options_.out);
}

void ConsoleReporter::print_failure_details(const plan::TestCase& tc, const CaseState& state,
                                            const exec::TestCaseFinished& e) {
  std::string out;
  const std::string uri = tc.pickle ? tc.pickle->uri : std::string();
  for (const auto& step_result : state.failed_steps) {
    if (step_result.step_index >= tc.steps.size()) continue;
    const plan::PlannedStep& step = tc.steps[step_result.step_index];
    out += fmt::format("    step:     {}{} ({}:{})\n", step.keyword, step.text, uri,
                       step.location.line);
    std::string where;
    for (const auto& role : step_result.roles) {
      const std::string* platform = tc.platform_of(role);
      if (!where.empty()) where += ", ";
      where += fmt::format("{} on {}", role, platform ? *platform : "?");
    }
    if (!where.empty())
      out += fmt::format("    process:  {} ({})\n", where, step_keyword_type(step.type));
    out += fmt::format("    error:    {}\n", paint(kRed, step_result.error));
  }
  if (state.failed_steps.empty() && !e.error.empty())
    out += fmt::format("    error:    {}\n", paint(kRed, e.error));

  // The last lines of every servo's log, each servo's in time order.
  std::map<std::string, std::vector<const exec::LogEntry*>> by_process;
  for (const auto& entry : e.logs) by_process[entry.platform + ":" + entry.role].push_back(&entry);
  for (const auto& [process, entries] : by_process) {
    const std::size_t from = entries.size() > options_.tail_lines_per_servo
                                 ? entries.size() - options_.tail_lines_per_servo
                                 : 0;
    out += fmt::format(
        "    log of {}{}:\n", process,
        from ? fmt::format(" (last {} of {} lines)", entries.size() - from, entries.size())
             : std::string());
    for (std::size_t i = from; i < entries.size(); ++i)
      out += "      " + format_log_entry(*entries[i]) + "\n";
  }
  std::fputs(out.c_str(), options_.out);
}

void ConsoleReporter::on_run_finished(const exec::RunFinished& e) {
  std::string out = "\n";
  if (!failures_.empty()) {
    out += "Failed test cases:\n";
    for (const auto& f : failures_)
      out += fmt::format("  {} - {}\n", paint(kRed, f.name), f.message);
    out += "\n";
  }
  if (e.interrupted_by_signal)
    out += fmt::format("Interrupted by {}: {} of {} test cases finished\n",
                       signal_name(e.interrupted_by_signal), passed_ + failed_ + skipped_, total_);
  out += fmt::format("{} passed, {} failed, {} skipped\n", passed_, failed_, skipped_);
  out += fmt::format("{} test cases in {}\n", passed_ + failed_ + skipped_,
                     format_duration(e.duration));
  std::fputs(out.c_str(), options_.out);
  std::fflush(options_.out);
}

}  // namespace troupe::report
