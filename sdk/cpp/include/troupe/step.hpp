#pragma once
// Everything a step function can see and change: its text, table, doc string, context and logger.
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "troupe/log.hpp"
#include "troupe/session.hpp"

namespace troupe {

// A Gherkin data table; each row maps a header cell to that row's cell.
struct DataTable {
  std::vector<std::string> headers;
  std::vector<std::map<std::string, std::string>> rows;

  std::size_t size() const { return rows.size(); }

  const std::string& cell(std::size_t row, const std::string& column) const {
    if (row >= rows.size()) {
      throw std::out_of_range("data table has " + std::to_string(rows.size()) + " rows, no row " +
                              std::to_string(row));
    }
    auto found = rows[row].find(column);
    if (found == rows[row].end()) {
      throw std::out_of_range("data table has no column '" + column + "'");
    }
    return found->second;
  }
};

struct DocString {
  std::string content;
  std::string media_type;
};

struct Step {
  std::string text;           // without the process context: `writes frame with size '1024'`
  std::string original_text;  // as written in the feature file
  std::string type;           // given, when or then
  std::string process;        // the role the step addresses
  bool is_broadcast = false;
  std::chrono::milliseconds timeout{0};  // zero when the runner set none

  std::string role;
  std::string platform;
  std::string test_run_id;
  std::string scenario;
  std::string feature;
  std::vector<std::string> tags;

  std::optional<DataTable> table;
  std::optional<DocString> doc_string;
  nlohmann::json parameters = nlohmann::json::object();  // as sent by the runner
  // Shared by the processes of a test case: what a step sets here reaches every later step.
  nlohmann::json context = nlohmann::json::object();
  nlohmann::json data;  // returned to the runner as `data` when set
  Logger log;
};

// Passed to initialize and cleanup hooks.
struct Hook {
  Session session;
  Logger log;
};

}  // namespace troupe
