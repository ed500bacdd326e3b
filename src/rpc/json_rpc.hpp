#pragma once
// JSON-RPC 2.0 as troupe speaks it: it sends requests, servos send responses.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <variant>

namespace troupe::rpc {

// JSON nesting allowed in a servo's message; deeper is a protocol error (guards the recursive
// parser).
inline constexpr std::size_t kMaxJsonDepth = 256;

struct Reply {
  std::int64_t id = 0;
  bool ok = true;             // false for a JSON-RPC error object
  nlohmann::json result;      // when ok
  int error_code = 0;         // when !ok
  std::string error_message;  // when !ok
  nlohmann::json error_data;  // when !ok (may be null)
};

// Decodes one body from a servo. Anything that is not a JSON-RPC 2.0 response with an integer id
// (invalid JSON, nesting deeper than 256, non-object, a request or notification of its own, missing
// id, both/neither result and error) returns a protocol error text instead.
// `max_result_logs` bounds the entries of `result.logs` (any letter case) kept while parsing, so a
// reply with a million log lines never becomes a million JSON values; beyond it the array keeps
// max - 1 entries after a note (see cap_step_logs in step_reply_reader.hpp).
std::variant<Reply, std::string> decode_reply(
    std::string_view body, std::size_t max_result_logs = std::numeric_limits<std::size_t>::max());
// A request body (no framing). params null -> omitted.
std::string encode_request(std::int64_t id, std::string_view method, const nlohmann::json& params);

}  // namespace troupe::rpc
