#pragma once
// Reads request params leniently: camelCase or PascalCase keys, params as an object or as a
// one-element array holding one (the Harmony convention).
#include <cctype>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "troupe/step.hpp"

namespace troupe::rpc_fields {

inline bool same_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

inline const nlohmann::json* field(const nlohmann::json& object, std::string_view name) {
  if (!object.is_object()) return nullptr;
  if (auto exact = object.find(name); exact != object.end()) return &*exact;
  for (auto it = object.begin(); it != object.end(); ++it) {
    if (same_ignoring_case(it.key(), name)) return &it.value();
  }
  return nullptr;
}

inline std::string text_field(const nlohmann::json& object, std::string_view name,
                              const std::string& fallback) {
  const auto* value = field(object, name);
  return value && value->is_string() ? value->get<std::string>() : fallback;
}

inline nlohmann::json params_object(const nlohmann::json& request) {
  const auto params = request.find("params");
  if (params == request.end()) return nlohmann::json::object();
  if (params->is_object()) return *params;
  if (params->is_array() && !params->empty() && params->front().is_object()) return params->front();
  return nlohmann::json::object();
}

// given, when or then; Harmony numbers them 0, 1, 2.
inline std::string step_type(const nlohmann::json* value) {
  if (!value) return "";
  if (value->is_number_integer()) {
    switch (value->get<int>()) {
      case 0:
        return "given";
      case 1:
        return "when";
      case 2:
        return "then";
      default:
        return "";
    }
  }
  if (!value->is_string()) return "";
  std::string type = value->get<std::string>();
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

inline std::string cell_text(const nlohmann::json& cell) {
  if (cell.is_string()) return cell.get<std::string>();
  if (cell.is_null()) return "";
  return cell.dump();
}

// `table: {headers: [...], rows: [{header: cell}] }`; rows given as arrays are keyed by position.
inline std::optional<DataTable> data_table(const nlohmann::json* value, std::string& problem) {
  if (!value || value->is_null()) return std::nullopt;
  const auto* headers = field(*value, "headers");
  const auto* rows = field(*value, "rows");
  if (!value->is_object() || !headers || !headers->is_array() || (rows && !rows->is_array())) {
    problem = "table must be {headers: [...], rows: [...]}";
    return std::nullopt;
  }
  DataTable table;
  for (const auto& header : *headers) table.headers.push_back(cell_text(header));
  if (!rows) return table;
  for (const auto& row : *rows) {
    std::map<std::string, std::string> cells;
    if (row.is_object()) {
      for (const auto& [key, cell] : row.items()) cells[key] = cell_text(cell);
    } else if (row.is_array()) {
      for (std::size_t i = 0; i < row.size() && i < table.headers.size(); ++i) {
        cells[table.headers[i]] = cell_text(row[i]);
      }
    } else {
      problem = "each table row must be an object or an array";
      return std::nullopt;
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

inline std::optional<DocString> doc_string(const nlohmann::json* value, std::string& problem) {
  if (!value || value->is_null()) return std::nullopt;
  if (value->is_string()) return DocString{value->get<std::string>(), ""};
  if (!value->is_object()) {
    problem = "docString must be {content, mediaType}";
    return std::nullopt;
  }
  return DocString{text_field(*value, "content", ""), text_field(*value, "mediaType", "")};
}

}  // namespace troupe::rpc_fields
