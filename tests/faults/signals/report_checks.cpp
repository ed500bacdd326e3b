#include "report_checks.hpp"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <set>
#include <sstream>

#include "e2e_support.hpp"

namespace troupe::faults {
using json = nlohmann::json;

std::string junit_case(const std::filesystem::path& file, const std::string& scenario) {
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed = doc.load_file(file.c_str());
  if (!parsed) {
    ADD_FAILURE() << file << ": " << parsed.description() << "\n" << e2e::read_file(file);
    return "malformed";
  }
  for (pugi::xml_node suite : doc.child("testsuites").children("testsuite"))
    for (pugi::xml_node test_case : suite.children("testcase")) {
      if (std::string(test_case.attribute("name").value()).find(scenario) == std::string::npos)
        continue;
      if (pugi::xml_node failure = test_case.child("failure"))
        return std::string("failure:") + failure.attribute("type").value();
      if (pugi::xml_node skipped = test_case.child("skipped"))
        return std::string("skipped:") + skipped.text().get();
      return "passed";
    }
  return "missing";
}

namespace {

std::vector<json> envelopes(const std::filesystem::path& file) {
  std::vector<json> out;
  std::istringstream lines(e2e::read_file(file));
  std::string line;
  while (std::getline(lines, line)) {
    json envelope = json::parse(line, nullptr, /*allow_exceptions=*/false);
    EXPECT_FALSE(envelope.is_discarded()) << file << ": not JSON: " << line;
    out.push_back(std::move(envelope));
  }
  return out;
}

}  // namespace

std::string messages_run_message(const std::filesystem::path& file) {
  const std::vector<json> all = envelopes(file);
  if (all.empty() || !all.back().contains("testRunFinished")) {
    ADD_FAILURE() << file << ": does not end with testRunFinished\n" << e2e::read_file(file);
    return "";
  }
  std::set<std::string> started, finished;
  for (const json& envelope : all) {
    if (envelope.contains("testCaseStarted")) started.insert(envelope["testCaseStarted"]["id"]);
    if (envelope.contains("testCaseFinished"))
      finished.insert(envelope["testCaseFinished"]["testCaseStartedId"]);
  }
  EXPECT_EQ(started, finished) << file << ": every started test case must finish";
  return all.back()["testRunFinished"].value("message", "");
}

std::string messages_failure_type(const std::filesystem::path& file, const std::string& scenario) {
  std::map<std::string, std::string> pickle_names, case_pickles, started_cases;
  std::string type;
  for (const json& envelope : envelopes(file)) {
    if (envelope.contains("pickle"))
      pickle_names[envelope["pickle"]["id"]] = envelope["pickle"]["name"];
    if (envelope.contains("testCase"))
      case_pickles[envelope["testCase"]["id"]] = envelope["testCase"]["pickleId"];
    if (envelope.contains("testCaseStarted"))
      started_cases[envelope["testCaseStarted"]["id"]] = envelope["testCaseStarted"]["testCaseId"];
    if (!envelope.contains("testStepFinished")) continue;
    const json& step = envelope["testStepFinished"];
    const std::string& test_case = started_cases[step["testCaseStartedId"]];
    if (pickle_names[case_pickles[test_case]] != scenario) continue;
    const json& result = step["testStepResult"];
    if (result.value("status", "") == "FAILED" && result.contains("exception"))
      type = result["exception"].value("type", "");
  }
  return type;
}

std::string html_page(const std::filesystem::path& file) {
  const std::string page = e2e::read_file(file);
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u) << file;
  const std::string end = "</html>\n";
  EXPECT_TRUE(page.size() >= end.size() &&
              page.compare(page.size() - end.size(), end.size(), end) == 0)
      << file << ": the page is cut short";
  return page;
}

}  // namespace troupe::faults
