#include "rpc/json_rpc.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <limits>

#include "rpc/frame_decoder.hpp"
#include "rpc/json_depth.hpp"
#include "rpc/step_reply_reader.hpp"
#include "rpc/utf8.hpp"

namespace troupe::rpc {

namespace {

using nlohmann::json;

// The text nlohmann puts before its message, e.g. "[json.exception.parse_error.101] ".
std::string without_exception_prefix(std::string what) {
  if (!what.empty() && what.front() == '[') {
    const std::size_t close = what.find("] ");
    if (close != std::string::npos) what.erase(0, close + 2);
  }
  return what;
}

std::string quoted(std::string_view body) {
  return fmt::format("\"{}\"", escape_bytes(body));
}

std::string type_of(const json& value) {
  return value.type_name();
}

// Parse-time filter that keeps at most `max` entries of result.logs and counts them all.
// nlohmann reports a member's key at the depth of its value; result.logs is the array opened at
// depth 2 after the keys "result" (depth 1) and "logs" (depth 2); its entries end at depth 3.
class ResultLogsFilter {
 public:
  explicit ResultLogsFilter(std::size_t max) : max_(max) {}

  bool operator()(int depth, json::parse_event_t event, json& parsed) {
    using Event = json::parse_event_t;
    if (event == Event::key) {
      if (depth == 1) in_result_ = parsed == "result";
      if (depth == 2)
        logs_key_ = in_result_ && iequals(parsed.get_ref<const std::string&>(), "logs");
      return true;
    }
    if (depth == 2 && event == Event::array_start) in_logs_ = logs_key_;
    if (depth == 2 && event == Event::array_end) in_logs_ = false;
    const bool entry_done =
        event == Event::value || event == Event::object_end || event == Event::array_end;
    if (!in_logs_ || depth != 3 || !entry_done) return true;
    return ++seen_ <= max_;
  }
  std::size_t seen() const { return seen_; }

 private:
  static bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
             return std::tolower(static_cast<unsigned char>(x)) ==
                    std::tolower(static_cast<unsigned char>(y));
           });
  }

  std::size_t max_;
  std::size_t seen_ = 0;
  bool in_result_ = false;
  bool logs_key_ = false;
  bool in_logs_ = false;
};

json parse_with_log_cap(std::string_view body, std::size_t max_result_logs) {
  if (max_result_logs == std::numeric_limits<std::size_t>::max()) return json::parse(body);
  ResultLogsFilter filter(max_result_logs);
  json message = json::parse(body, std::ref(filter));
  if (filter.seen() > max_result_logs && message.is_object()) {
    if (auto result = message.find("result"); result != message.end())
      cap_step_logs(*result, max_result_logs, filter.seen());
  }
  return message;
}

}  // namespace

std::variant<Reply, std::string> decode_reply(std::string_view body, std::size_t max_result_logs) {
  if (const auto bad = find_invalid_utf8(body))
    return fmt::format("message is not valid UTF-8 (byte 0x{:02x} at offset {}): {}",
                       static_cast<unsigned char>(body[*bad]), *bad,
                       quoted(body.substr(*bad >= 20 ? *bad - 20 : 0)));
  if (json_nesting_depth(body, kMaxJsonDepth) > kMaxJsonDepth)
    return fmt::format("message nests JSON deeper than {} levels: {}", kMaxJsonDepth, quoted(body));

  json message;
  try {
    message = parse_with_log_cap(body, max_result_logs);
  } catch (const json::exception& e) {
    return fmt::format("message is not valid JSON ({}): {}", without_exception_prefix(e.what()),
                       quoted(body));
  }
  if (!message.is_object())
    return fmt::format("message is a JSON {}, not a JSON-RPC response object: {}", type_of(message),
                       quoted(body));
  if (const auto method = message.find("method"); method != message.end()) {
    const std::string name = method->is_string() ? method->get<std::string>() : method->dump();
    return fmt::format(
        "servo sent a {} (method \"{}\") but servos may only reply to troupe's requests: {}",
        message.contains("id") ? "request" : "notification", escape_bytes(name), quoted(body));
  }
  const auto version = message.find("jsonrpc");
  if (version == message.end() || *version != "2.0")
    return fmt::format("message lacks \"jsonrpc\": \"2.0\": {}", quoted(body));

  const auto result = message.find("result");
  const auto error = message.find("error");
  const auto id = message.find("id");
  const bool has_result = result != message.end();
  const bool has_error = error != message.end();
  if (has_result && has_error)
    return fmt::format("response has both \"result\" and \"error\": {}", quoted(body));
  if (!has_result && !has_error)
    return fmt::format("response has neither \"result\" nor \"error\": {}", quoted(body));

  Reply reply;
  if (has_error) {
    if (!error->is_object())
      return fmt::format("response \"error\" is a JSON {}, not an object: {}", type_of(*error),
                         quoted(body));
    const auto code = error->find("code");
    const auto text = error->find("message");
    if (code == error->end() || !code->is_number_integer() ||
        code->get<std::int64_t>() < std::numeric_limits<int>::min() ||
        code->get<std::int64_t>() > std::numeric_limits<int>::max())
      return fmt::format("response error has no integer \"code\": {}", quoted(body));
    if (text == error->end() || !text->is_string())
      return fmt::format("response error has no string \"message\": {}", quoted(body));
    reply.ok = false;
    reply.error_code = static_cast<int>(code->get<std::int64_t>());
    reply.error_message = text->get<std::string>();
    if (const auto data = error->find("data"); data != error->end()) reply.error_data = *data;
  } else {
    reply.result = std::move(*result);
  }

  if (id == message.end() || id->is_null()) {
    // JSON-RPC allows id null for errors the server could not tie to a request (parse errors).
    if (!reply.ok)
      return fmt::format("servo replied with an error that has no id: {} {}", reply.error_code,
                         reply.error_message);
    return fmt::format("response has no \"id\": {}", quoted(body));
  }
  if (id->is_number_unsigned() &&
      id->get<std::uint64_t>() >
          static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return fmt::format("response id {} is out of range: {}", id->dump(), quoted(body));
  if (!id->is_number_integer())
    return fmt::format("response id {} is not an integer: {}", escape_bytes(id->dump()),
                       quoted(body));
  reply.id = id->get<std::int64_t>();
  return reply;
}

std::string encode_request(std::int64_t id, std::string_view method, const nlohmann::json& params) {
  // Built by hand to keep the conventional member order; invalid UTF-8 in strings is replaced
  // rather than thrown on.
  std::string out = fmt::format("{{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":", id);
  out += json(std::string(method)).dump(-1, ' ', false, json::error_handler_t::replace);
  if (!params.is_null()) {
    out += ",\"params\":";
    out += params.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  out += '}';
  return out;
}

}  // namespace troupe::rpc
