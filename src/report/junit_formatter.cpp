#include "report/junit_formatter.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <pugixml.hpp>
#include <sstream>
#include <utility>

#include "report/log_format.hpp"
#include "report/step_labels.hpp"
#include "report/terminal_style.hpp"
#include "report/text_escape.hpp"

namespace troupe::report {
namespace {

std::string seconds_text(exec::Millis duration) {
  return fmt::format("{:.3f}",
                     static_cast<double>(std::max<long long>(duration.count(), 0)) / 1000.0);
}

std::string iso_timestamp(exec::TimePoint time) {  // UTC, no zone suffix: the JUnit convention
  const std::time_t t = exec::Clock::to_time_t(time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string first_line(const std::string& text) {
  return text.substr(0, text.find('\n'));
}

struct Suite {
  std::string uri;
  std::string name;
  std::vector<const CaseRecord*> cases;
};

// What went wrong, step by step: the failure element's body.
std::string failure_details(const CaseRecord& record) {
  const plan::TestCase& tc = *record.test_case;
  const std::string uri = tc.pickle ? tc.pickle->uri : std::string();
  std::string out;
  for (std::size_t i = 0; i < record.steps.size(); ++i) {
    const auto& result = record.steps[i].finished;
    if (!result || !is_failure(result->status)) continue;
    const plan::PlannedStep& step = tc.steps[i];
    out += fmt::format("step: {}{} ({}:{})\n", step.keyword, step.text, uri, step.location.line);
    out += fmt::format("process: {}\n", step_target(tc, step, result->roles));
    out += fmt::format("status: {}\n", status_name(result->status));
    if (!result->error.empty())
      out += fmt::format("error{}: {}\n",
                         result->error_type.empty() ? "" : " (" + result->error_type + ")",
                         result->error);
  }
  if (out.empty() && record.finished) out = record.finished->error + "\n";
  for (const auto& servo : record.servos) {
    if (!servo.exited || servo.expected) continue;
    out += fmt::format("process {}@{} (pid {}) ended unexpectedly", servo.role, servo.platform,
                       servo.pid);
    if (servo.signal)
      out += fmt::format(": signal {}", *servo.signal);
    else if (servo.exit_code)
      out += fmt::format(": exit code {}", *servo.exit_code);
    out += "\n";
    if (!servo.stderr_tail.empty()) out += "stderr:\n" + servo.stderr_tail + "\n";
  }
  return out;
}

std::string failure_type(const CaseRecord& record) {
  if (record.finished && record.finished->interrupted) return "interrupted";
  for (const auto& step : record.steps)
    if (step.finished && is_failure(step.finished->status))
      return step.finished->error_type.empty() ? status_name(step.finished->status)
                                               : step.finished->error_type;
  return status_name(record.status());
}

void add_test_case(pugi::xml_node suite, const Suite& info, const CaseRecord& record) {
  const plan::TestCase& tc = *record.test_case;
  pugi::xml_node node = suite.append_child("testcase");
  node.append_attribute("name") = xml_safe(tc.name).c_str();
  node.append_attribute("classname") = xml_safe(info.name).c_str();
  node.append_attribute("time") =
      seconds_text(record.finished ? record.finished->duration : exec::Millis(0)).c_str();

  if (!record.finished) {
    node.append_child("skipped").text() = "not run: the run ended before this test case";
  } else if (record.status() == exec::Status::Skipped) {
    const std::string& said = record.finished->error;
    node.append_child("skipped").text() = xml_safe(tc.skip_reason ? *tc.skip_reason
                                                   : said.empty() ? "skipped"
                                                                  : said)
                                              .c_str();
  } else if (is_failure(record.status())) {
    pugi::xml_node failure = node.append_child("failure");
    const std::string message = record.finished->error.empty() ? status_name(record.status())
                                                               : first_line(record.finished->error);
    failure.append_attribute("message") = xml_safe(message).c_str();
    failure.append_attribute("type") = xml_safe(failure_type(record)).c_str();
    failure.text() = xml_safe(failure_details(record)).c_str();
  }

  std::string out = "platforms: " + combination_text(tc) + "\n";
  if (record.finished)
    for (const auto& entry : record.finished->logs) out += format_log_entry(entry) + "\n";
  node.append_child("system-out").text() = xml_safe(out).c_str();
}

}  // namespace

JunitFormatter::JunitFormatter(std::unique_ptr<OutputFile> out) : out_(std::move(out)) {}

void JunitFormatter::on_run_finished(const exec::RunFinished& e) {
  RunRecorder::on_run_finished(e);
  std::vector<Suite> suites;
  for (const auto& record : cases()) {
    const auto& pickle = record.test_case->pickle;
    const std::string uri = pickle ? pickle->uri : std::string();
    auto it =
        std::find_if(suites.begin(), suites.end(), [&](const Suite& s) { return s.uri == uri; });
    if (it == suites.end()) {
      std::string name = pickle && !pickle->feature_name.empty() ? pickle->feature_name : uri;
      it = suites.insert(suites.end(), Suite{uri, name.empty() ? "troupe" : name, {}});
    }
    it->cases.push_back(&record);
  }

  pugi::xml_document doc;
  auto declaration = doc.append_child(pugi::node_declaration);
  declaration.append_attribute("version") = "1.0";
  declaration.append_attribute("encoding") = "UTF-8";
  pugi::xml_node root = doc.append_child("testsuites");
  root.append_attribute("name") = "troupe";
  std::size_t total = 0, total_failures = 0;
  for (const auto& suite : suites) {
    pugi::xml_node node = root.append_child("testsuite");
    std::size_t failures = 0, skipped = 0;
    exec::Millis time{0};
    std::optional<exec::TimePoint> first_start;
    for (const CaseRecord* record : suite.cases) {
      if (!record->finished || record->status() == exec::Status::Skipped)
        ++skipped;
      else if (is_failure(record->status()))
        ++failures;
      if (record->finished) time += record->finished->duration;
      if (record->started && (!first_start || *record->started < *first_start))
        first_start = record->started;
    }
    node.append_attribute("name") = xml_safe(suite.name).c_str();
    node.append_attribute("tests") = std::to_string(suite.cases.size()).c_str();
    node.append_attribute("failures") = std::to_string(failures).c_str();
    node.append_attribute("errors") = "0";
    node.append_attribute("skipped") = std::to_string(skipped).c_str();
    node.append_attribute("time") = seconds_text(time).c_str();
    if (first_start)
      node.append_attribute("timestamp") = iso_timestamp(*first_start).c_str();
    else if (run_started())
      node.append_attribute("timestamp") = iso_timestamp(run_started()->time).c_str();

    // Every role=platform this feature ran with (a testcase cannot hold properties in junit-4).
    std::vector<std::pair<std::string, std::string>> used;
    for (const CaseRecord* record : suite.cases)
      for (const auto& rp : record->test_case->combination)
        if (std::find(used.begin(), used.end(), std::pair(rp.role, rp.platform)) == used.end())
          used.emplace_back(rp.role, rp.platform);
    std::stable_sort(used.begin(), used.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    pugi::xml_node properties = node.append_child("properties");
    pugi::xml_node file = properties.append_child("property");
    file.append_attribute("name") = "file";
    file.append_attribute("value") = xml_safe(suite.uri).c_str();
    for (const auto& [role, platform] : used) {
      pugi::xml_node property = properties.append_child("property");
      property.append_attribute("name") = xml_safe(role).c_str();
      property.append_attribute("value") = xml_safe(platform).c_str();
    }
    for (const CaseRecord* record : suite.cases) add_test_case(node, suite, *record);
    total += suite.cases.size();
    total_failures += failures;
  }
  root.append_attribute("tests") = std::to_string(total).c_str();
  root.append_attribute("failures") = std::to_string(total_failures).c_str();
  root.append_attribute("errors") = "0";
  root.append_attribute("time") = seconds_text(e.duration).c_str();

  std::ostringstream xml;
  doc.save(xml, "  ", pugi::format_default, pugi::encoding_utf8);
  out_->write(xml.str());
}

}  // namespace troupe::report
