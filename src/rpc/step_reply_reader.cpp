#include "rpc/step_reply_reader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "rpc/log_level.hpp"

namespace troupe::rpc {

namespace {

using nlohmann::json;

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

LogRecord troupe_warning(std::string message) {
  LogRecord record;
  record.level = "WARN";
  record.message = "troupe: " + std::move(message);
  return record;
}

// A short rendering of a JSON value of the wrong type, for warnings.
std::string describe(const json& value) {
  if (value.is_null()) return "null";
  std::string text = value.dump(-1, ' ', false, json::error_handler_t::replace);
  constexpr std::size_t kMaxChars = 60;
  if (text.size() > kMaxChars) {
    std::size_t cut = kMaxChars;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole chars
    text.resize(cut);
    text += "...";
  }
  return fmt::format("{} {}", value.type_name(), text);
}

std::string as_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// "[DEBUG] text" -> DEBUG, "text"; strings without a known level tag stay INFO and whole.
LogRecord read_string_log(const std::string& text) {
  LogRecord record;
  record.message = text;
  if (text.size() < 3 || text.front() != '[') return record;
  const std::size_t close = text.find(']');
  if (close == std::string::npos || close > 16) return record;
  const auto level = normalize_log_level_name(std::string_view(text).substr(1, close - 1));
  if (!level) return record;
  record.level = *level;
  std::size_t rest = close + 1;
  if (rest < text.size() && text[rest] == ' ') ++rest;
  record.message = text.substr(rest);
  return record;
}

}  // namespace

const json* find_member(const json& object, std::string_view key) {
  if (!object.is_object()) return nullptr;
  if (const auto exact = object.find(key); exact != object.end()) return &*exact;
  for (const auto& [name, value] : object.items())
    if (iequals(name, key)) return &value;
  return nullptr;
}

bool read_log_record(const json& entry, LogRecord& record) {
  if (entry.is_string()) {
    record = read_string_log(entry.get<std::string>());
    return true;
  }
  if (!entry.is_object()) {
    record = troupe_warning(fmt::format(
        "ignored a log entry that is neither a string nor an object: {}", describe(entry)));
    return false;
  }
  record = LogRecord{};
  if (const json* message = find_member(entry, "message"); message && !message->is_null())
    record.message = as_text(*message);
  if (const json* timestamp = find_member(entry, "timestamp"); timestamp && !timestamp->is_null())
    record.timestamp = as_text(*timestamp);
  if (const json* level = find_member(entry, "level"); level && !level->is_null()) {
    if (const auto normalized = normalize_log_level(*level)) {
      record.level = *normalized;
    } else {
      // Keep what the servo said rather than silently dropping it.
      record.message = fmt::format("[{}] {}", as_text(*level), record.message);
    }
  }
  return true;
}

StepOutcome read_step_outcome(const json& result) {
  StepOutcome outcome;
  if (!result.is_object()) {
    outcome.error = fmt::format(
        "executeStep reply is a JSON {}, not an object with a boolean 'success'", describe(result));
    outcome.error_type = "protocol error";
    return outcome;
  }

  if (const json* logs = find_member(result, "logs"); logs && !logs->is_null()) {
    if (logs->is_array()) {
      outcome.logs.reserve(logs->size());
      for (const auto& entry : *logs) {
        LogRecord record;
        read_log_record(entry, record);
        outcome.logs.push_back(std::move(record));
      }
    } else {
      outcome.logs.push_back(troupe_warning(
          fmt::format("ignored reply 'logs': expected an array, got {}", describe(*logs))));
    }
  }

  if (const json* context = find_member(result, "context"); context && !context->is_null()) {
    if (context->is_object()) {
      outcome.context = *context;
    } else {
      outcome.logs.push_back(troupe_warning(
          fmt::format("ignored reply 'context': expected an object, got {}", describe(*context))));
    }
  }
  if (const json* data = find_member(result, "data")) outcome.data = *data;
  if (const json* error = find_member(result, "error"); error && !error->is_null())
    outcome.error = as_text(*error);
  if (const json* error_type = find_member(result, "errorType");
      error_type && !error_type->is_null())
    outcome.error_type = as_text(*error_type);

  const json* success = find_member(result, "success");
  if (success == nullptr || !success->is_boolean()) {
    outcome.success = false;
    const std::string got = success == nullptr ? "it is missing" : "got " + describe(*success);
    outcome.error =
        outcome.error.empty()
            ? fmt::format("reply has no boolean 'success' ({})", got)
            : fmt::format("reply has no boolean 'success' ({}); error: {}", got, outcome.error);
    outcome.error_type = "protocol error";
    return outcome;
  }
  outcome.success = success->get<bool>();
  if (outcome.success) return outcome;

  // Harmony-era servos often say only "Step execution failed" and log the real reason.
  std::string logged_reason;
  for (auto it = outcome.logs.rbegin(); it != outcome.logs.rend(); ++it) {
    if (it->level == "ERROR" || it->level == "CRITICAL") {
      logged_reason = it->message;
      break;
    }
  }
  if (outcome.error.empty()) {
    outcome.error =
        logged_reason.empty() ? "step failed (the servo gave no error message)" : logged_reason;
  } else if (!logged_reason.empty() && outcome.error.find(logged_reason) == std::string::npos) {
    outcome.error += " (last error log: " + logged_reason + ")";
  }
  return outcome;
}

void cap_step_logs(json& result, std::size_t max_lines, std::size_t total_lines) {
  if (!result.is_object()) return;
  // find_member gives a const pointer; the member is ours to edit through the mutable object.
  const json* found = find_member(result, "logs");
  if (found == nullptr || !found->is_array()) return;
  json& logs = const_cast<json&>(*found);
  const std::size_t total = std::max(total_lines, logs.size());
  if (total <= max_lines) return;
  const std::size_t kept = max_lines > 0 ? max_lines - 1 : 0;  // room for the note
  if (logs.size() > kept) logs.erase(logs.begin() + static_cast<std::ptrdiff_t>(kept), logs.end());
  logs.insert(logs.begin(),
              fmt::format("[WARN] troupe: the reply had {} log lines; kept the first {}, dropped "
                          "{} (maxLogLinesPerTestCase)",
                          total, kept, total - kept));
}

bool read_health(const json& result, std::string& why_not) {
  if (result.is_boolean()) {
    if (result.get<bool>()) return true;
    why_not = "servo reported unhealthy (health returned false)";
    return false;
  }
  if (const json* healthy = find_member(result, "healthy"); healthy && healthy->is_boolean()) {
    if (healthy->get<bool>()) return true;
    why_not = "servo reported unhealthy (healthy: false)";
    if (const json* reason = find_member(result, "reason"); reason && !reason->is_null())
      why_not += ": " + as_text(*reason);
    return false;
  }
  why_not =
      fmt::format("health reply is neither true nor {{\"healthy\": true}}: {}", describe(result));
  return false;
}

}  // namespace troupe::rpc
