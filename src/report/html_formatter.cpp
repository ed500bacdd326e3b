#include "report/html_formatter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>

#include "report/html_page_style.hpp"
#include "report/log_format.hpp"
#include "report/platform_matrix.hpp"
#include "report/signal_text.hpp"
#include "report/step_labels.hpp"
#include "report/terminal_style.hpp"
#include "report/text_escape.hpp"

namespace troupe::report {
namespace {

constexpr std::size_t kLogLinesInTooltip = 20;

// Failures, passed and skipped are what the filters and the border colours tell apart.
const char* status_group(exec::Status status) {
  if (status == exec::Status::Passed) return "passed";
  if (status == exec::Status::Skipped) return "skipped";
  return "failed";
}

std::string percent(double value) {
  return fmt::format("{:.3f}%", std::clamp(value, 0.0, 100.0));
}

std::string utc_text(exec::TimePoint time) {
  const std::time_t t = exec::Clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02} UTC", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string render_matrix(const PlatformMatrix& matrix) {
  std::string out;
  const auto cell = [](const MatrixCell* c) {
    if (!c || c->passed + c->failed == 0) return std::string("<td class=\"none\">-</td>");
    return fmt::format("<td class=\"{}\" title=\"{} passed, {} failed\">{}/{}</td>",
                       c->failed ? "bad" : "ok", c->passed, c->failed, c->passed, c->failed);
  };
  for (const auto& grid : matrix.pairs()) {
    out += fmt::format(
        "<table class=\"matrix\"><caption>{} &times; {} (passed/failed)</caption><tr><th>{} \\ "
        "{}</th>",
        html_escape(grid.row_role), html_escape(grid.column_role), html_escape(grid.row_role),
        html_escape(grid.column_role));
    for (const auto& column : grid.column_platforms) out += "<th>" + html_escape(column) + "</th>";
    out += "</tr>";
    for (const auto& row : grid.row_platforms) {
      out += "<tr><th>" + html_escape(row) + "</th>";
      for (const auto& column : grid.column_platforms) {
        auto it = grid.cells.find({row, column});
        out += cell(it == grid.cells.end() ? nullptr : &it->second);
      }
      out += "</tr>";
    }
    out += "</table>\n";
  }
  for (const auto& single : matrix.singles()) {
    out += fmt::format("<table class=\"matrix\"><caption>{} (passed/failed)</caption><tr>",
                       html_escape(single.role));
    for (const auto& platform : single.platforms) out += "<th>" + html_escape(platform) + "</th>";
    out += "</tr><tr>";
    for (const auto& platform : single.platforms) {
      auto it = single.cells.find(platform);
      out += cell(it == single.cells.end() ? nullptr : &it->second);
    }
    out += "</tr></table>\n";
  }
  return out;
}

std::string log_lines_html(const std::vector<exec::LogEntry>& logs) {
  std::string out;
  for (const auto& entry : logs)
    out += fmt::format("<span class=\"lvl-{}\">{}</span>\n", html_escape(entry.level),
                       html_escape(format_log_entry(entry)));
  return out;
}

}  // namespace

HtmlFormatter::HtmlFormatter(std::unique_ptr<OutputFile> out, std::string troupe_version)
    : out_(std::move(out)), troupe_version_(std::move(troupe_version)) {}

void HtmlFormatter::on_feature_parsed(const exec::FeatureParsed& e) {
  keywords_.add(e.uri, e.gherkin_document);
}

std::string HtmlFormatter::render_case(const CaseRecord& record, std::size_t number) const {
  const plan::TestCase& tc = *record.test_case;
  const exec::Status status = record.finished ? record.status() : exec::Status::Skipped;
  const std::string uri = tc.pickle ? tc.pickle->uri : std::string();
  std::string out =
      fmt::format("<article class=\"case {0}\" data-status=\"{0}\" id=\"case-{1}\">\n",
                  status_group(status), number);
  const bool interrupted = record.finished && record.finished->interrupted;
  out += fmt::format(
      "<h3><span class=\"badge s-{}\">{}</span>{} <span class=\"name\">{}</span> <span "
      "class=\"dur\">{}</span></h3>\n",
      status_name(status), record.finished ? status_name(status) : "not run",
      interrupted ? " <span class=\"badge s-interrupted\">interrupted</span>" : "",
      html_escape(tc.name), record.finished ? format_duration(record.finished->duration) : "");
  out += fmt::format("<p class=\"where\">{}: {} &middot; {}:{} &middot; {}</p>\n",
                     html_escape(keywords_.feature_keyword(uri)),
                     html_escape(tc.pickle ? tc.pickle->feature_name : ""), html_escape(uri),
                     tc.pickle ? tc.pickle->location.line : 0, html_escape(combination_text(tc)));
  if (status == exec::Status::Skipped &&
      (tc.skip_reason || (record.finished && !record.finished->error.empty())))
    out += fmt::format("<p class=\"muted\">Skipped: {}</p>\n",
                       html_escape(tc.skip_reason ? *tc.skip_reason : record.finished->error));
  if (record.finished && is_failure(status) && !record.finished->error.empty())
    out += fmt::format("<div class=\"error\">{}</div>\n", html_escape(record.finished->error));

  // Timeline: time 0 is when the test case started; one lane per role, one for troupe if needed.
  std::optional<exec::TimePoint> origin = record.started;
  exec::TimePoint end{};
  for (const auto& step : record.steps) {
    if (auto begin = step.start_time(); begin && (!origin || *begin < *origin)) origin = begin;
    if (step.finished) end = std::max(end, step.finished->time);
  }
  if (record.finished) {
    if (!origin) origin = record.finished->time - record.finished->duration;
    end = std::max(end, record.finished->time);
  }
  for (const auto& servo : record.servos) end = std::max(end, servo.time);
  if (origin && end > *origin) {
    const double total_ms =
        std::max(1.0, std::chrono::duration<double, std::milli>(end - *origin).count());
    const auto at = [&](exec::TimePoint t) {
      return std::chrono::duration<double, std::milli>(t - *origin).count() * 100.0 / total_ms;
    };
    std::vector<std::string> lanes = tc.roles;
    std::vector<std::string> bars(lanes.size() + 1);  // last: troupe
    bool troupe_lane = false;
    for (std::size_t i = 0; i < record.steps.size(); ++i) {
      const auto& result = record.steps[i].finished;
      if (!result || result->status == exec::Status::Skipped) continue;  // never ran: no bar
      const plan::PlannedStep& step = tc.steps[i];
      std::vector<std::string> targets = result->roles;
      if (targets.empty()) {
        if (step.action == plan::StepAction::Broadcast)
          targets = tc.roles;
        else if (!step.role.empty())
          targets = {step.role};
      }
      const double left = at(*record.steps[i].start_time());
      const double width = at(result->time) - left;
      std::string tooltip =
          fmt::format("{}{} — {} in {}", step.keyword, step.text, status_name(result->status),
                      format_duration(result->duration));
      if (!result->error.empty()) tooltip += "\n" + result->error;
      for (std::size_t l = 0; l < result->logs.size() && l < kLogLinesInTooltip; ++l)
        tooltip += "\n" + format_log_entry(result->logs[l]);
      if (result->logs.size() > kLogLinesInTooltip)
        tooltip +=
            fmt::format("\n… {} more log lines below", result->logs.size() - kLogLinesInTooltip);
      const std::string bar = fmt::format(
          "<div class=\"bar {}\" style=\"left:{};width:{}\" title=\"{}\"></div>",
          status_name(result->status), percent(left), percent(width), html_escape(tooltip));
      if (targets.empty()) {
        bars.back() += bar;
        troupe_lane = true;
      }
      for (const auto& role : targets) {
        auto lane = std::find(lanes.begin(), lanes.end(), role);
        if (lane != lanes.end()) bars[lane - lanes.begin()] += bar;
      }
    }
    for (const auto& servo : record.servos) {
      auto lane = std::find(lanes.begin(), lanes.end(), servo.role);
      if (lane == lanes.end()) continue;
      std::string what;
      if (!servo.exited)
        what = fmt::format("{}@{} started (pid {})", servo.role, servo.platform, servo.pid);
      else {
        what = fmt::format("{}@{} exited (pid {}", servo.role, servo.platform, servo.pid);
        if (servo.signal) what += fmt::format(", signal {}", *servo.signal);
        if (servo.exit_code) what += fmt::format(", exit code {}", *servo.exit_code);
        what += servo.expected ? ")" : ", unexpectedly)";
        if (!servo.stderr_tail.empty()) what += "\n" + servo.stderr_tail;
      }
      bars[lane - lanes.begin()] +=
          fmt::format("<div class=\"mark {}\" style=\"left:{}\" title=\"{}\"></div>",
                      !servo.exited    ? "start"
                      : servo.expected ? "exit"
                                       : "exit unexpected",
                      percent(at(servo.time)), html_escape(what));
    }
    out += "<div class=\"timeline\">\n";
    for (std::size_t l = 0; l < lanes.size(); ++l) {
      const std::string* platform = tc.platform_of(lanes[l]);
      out += fmt::format(
          "<div class=\"lane\"><div class=\"lane-label\">{} ({})</div><div "
          "class=\"track\">{}</div></div>\n",
          html_escape(lanes[l]), html_escape(platform ? *platform : "?"), bars[l]);
    }
    if (troupe_lane)
      out += fmt::format(
          "<div class=\"lane\"><div class=\"lane-label\">troupe</div><div "
          "class=\"track\">{}</div></div>\n",
          bars.back());
    out += fmt::format("<div class=\"axis\"><span>0</span><span>{}</span></div>\n</div>\n",
                       format_duration(std::chrono::duration_cast<exec::Millis>(end - *origin)));
  }

  out += "<ol class=\"steps\">\n";
  for (std::size_t i = 0; i < tc.steps.size(); ++i) {
    const plan::PlannedStep& step = tc.steps[i];
    const auto& result = record.steps[i].finished;
    const exec::Status step_status = result ? result->status : exec::Status::Skipped;
    out += fmt::format(
        "<li class=\"{}\"><span class=\"badge s-{}\">{}</span> <span class=\"kw\">{}</span>{} "
        "<span class=\"target\">{}</span>",
        status_name(step_status), status_name(step_status),
        result ? status_name(step_status) : "not run", html_escape(step.keyword),
        html_escape(step.text),
        html_escape(step_target(tc, step, result ? result->roles : std::vector<std::string>{})));
    if (result && step_status != exec::Status::Skipped)
      out += fmt::format(" <span class=\"dur\">{}</span>", format_duration(result->duration));
    if (result && !result->error.empty())
      out += fmt::format("<div class=\"error\">{}{}</div>",
                         result->error_type.empty() ? "" : html_escape(result->error_type) + ": ",
                         html_escape(result->error));
    out += "</li>\n";
  }
  out += "</ol>\n";
  if (record.finished && !record.finished->logs.empty())
    out += fmt::format(
        "<details class=\"logs\"{}><summary>Logs of every process, in time order ({} "
        "lines)</summary><pre class=\"logs\">{}</pre></details>\n",
        is_failure(status) ? " open" : "", record.finished->logs.size(),
        log_lines_html(record.finished->logs));
  out += "</article>\n";
  return out;
}

void HtmlFormatter::on_run_finished(const exec::RunFinished& e) {
  RunRecorder::on_run_finished(e);
  PlatformMatrix matrix;
  std::size_t passed = 0, failed = 0, skipped = 0;
  std::vector<std::pair<int, std::size_t>> order;  // (failures first, plan order)
  for (std::size_t i = 0; i < cases().size(); ++i) {
    const CaseRecord& record = cases()[i];
    const exec::Status status = record.finished ? record.status() : exec::Status::Skipped;
    if (record.finished) matrix.add(*record.test_case, status);
    if (status == exec::Status::Passed)
      ++passed;
    else if (status == exec::Status::Skipped)
      ++skipped;
    else
      ++failed;
    order.emplace_back(is_failure(status) ? 0 : status == exec::Status::Passed ? 1 : 2, i);
  }
  std::stable_sort(order.begin(), order.end());

  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>troupe report</title>\n<style>";
  page += kHtmlReportCss;
  page += "</style>\n</head>\n<body>\n<header>\n<h1>troupe report</h1>\n";
  page += fmt::format(
      "<p class=\"counts\"><span>{} test cases</span><span class=\"passed-text\">{} passed</span>"
      "<span class=\"failed-text\">{} failed</span><span class=\"skipped-text\">{} "
      "skipped</span></p>\n",
      cases().size(), passed, failed, skipped);
  page += fmt::format("<p class=\"muted\">{}run took {}{} &middot; troupe {}</p>\n",
                      run_started() ? "Started " + utc_text(run_started()->time) + ", " : "",
                      format_duration(e.duration),
                      e.interrupted_by_signal
                          ? " (interrupted by " + signal_text(e.interrupted_by_signal) + ")"
                          : "",
                      html_escape(troupe_version_));
  page += "</header>\n<main>\n";
  if (!matrix.empty())
    page += "<section id=\"overview\">\n<h2>Platform matrix</h2>\n" + render_matrix(matrix) +
            "</section>\n";
  if (failed) {
    page += "<section id=\"failures\">\n<h2>Failures</h2>\n<ul>\n";
    for (const auto& [group, index] : order) {
      if (group != 0) break;
      page += fmt::format("<li><a href=\"#case-{}\">{}</a></li>\n", index,
                          html_escape(cases()[index].test_case->name));
    }
    page += "</ul>\n</section>\n";
  }
  page +=
      "<section id=\"cases\">\n<h2>Test cases</h2>\n<div class=\"filters\">"
      "<button class=\"active\" data-filter=\"all\">All</button>"
      "<button data-filter=\"failed\">Failed</button><button data-filter=\"passed\">Passed</button>"
      "<button data-filter=\"skipped\">Skipped</button></div>\n";
  for (const auto& [group, index] : order) page += render_case(cases()[index], index);
  page += "</section>\n</main>\n<script>";
  page += kHtmlReportScript;
  page += "</script>\n</body>\n</html>\n";
  out_->write(page);
}

}  // namespace troupe::report
