#pragma once
// Checks that the reports of an interrupted run are complete, well-formed files, and what each
// says about one test case (found by the scenario name in its test case name).
#include <filesystem>
#include <string>

namespace troupe::faults {

// JUnit: "passed", "failure:<type>" or "skipped:<text>"; "missing" when no such test case.
// Adds a gtest failure and returns "malformed" when the file does not parse.
std::string junit_case(const std::filesystem::path& file, const std::string& scenario);

// Cucumber Messages (NDJSON): every line parses, the last is testRunFinished, every started test
// case finished. Returns the testRunFinished message text ("" when none).
std::string messages_run_message(const std::filesystem::path& file);
// The exception type of the failed step of the test case named after `scenario` ("" if none).
std::string messages_failure_type(const std::filesystem::path& file, const std::string& scenario);

// HTML: a whole page (doctype to </html>). Returns the page.
std::string html_page(const std::filesystem::path& file);

}  // namespace troupe::faults
