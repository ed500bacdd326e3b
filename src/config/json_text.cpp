#include "config/json_text.hpp"

#include <fmt/format.h>

#include <set>
#include <string_view>
#include <vector>

#include "config/json_path.hpp"

namespace troupe::config {
namespace {

struct TextPosition {
  std::size_t line = 1;
  std::size_t column = 1;  // in code points, as editors count
};

TextPosition position_of(const std::string& text, std::size_t offset) {
  TextPosition position;
  if (offset > text.size()) offset = text.size();
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++position.line;
      position.column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++position.column;
    }
  }
  return position;
}

// Offset of the first bracket nested deeper than the limit, found without parsing so that
// the parser never builds (and later recursively walks) such a document.
std::optional<std::size_t> find_excess_nesting(const std::string& text) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxNestingDepth) return i;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

// nlohmann's messages start with "[json.exception.parse_error.101] parse error at line L,
// column C: "; we print our own location, so keep only what follows.
std::string parser_reason(const std::string& what) {
  const std::string_view text = what;
  const auto column = text.find("column ");
  if (column != std::string_view::npos) {
    const auto colon = text.find(": ", column);
    if (colon != std::string_view::npos) return std::string(text.substr(colon + 2));
  }
  const auto bracket = text.find("] ");
  return std::string(bracket == std::string_view::npos ? text : text.substr(bracket + 2));
}

// Tracks where the parser is so duplicate keys can be reported with their JSON path.
class DuplicateKeyFinder {
 public:
  explicit DuplicateKeyFinder(Diagnostics& diagnostics) : diagnostics_(diagnostics) {}

  bool on_event(Json::parse_event_t event, const Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
        frames_.push_back(Frame{true, {}, {}, 0});
        break;
      case Json::parse_event_t::array_start:
        frames_.push_back(Frame{false, {}, {}, 0});
        break;
      case Json::parse_event_t::key: {
        if (frames_.empty()) break;
        auto& frame = frames_.back();
        frame.current_key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.current_key).second)
          diagnostics_.error(path_of_current_object(),
                             fmt::format("duplicate key {}", quote(frame.current_key)));
        break;
      }
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        if (!frames_.empty()) frames_.pop_back();
        element_done();
        break;
      case Json::parse_event_t::value:
        element_done();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_object;
    std::set<std::string> keys;
    std::string current_key;
    std::size_t completed_elements;
  };

  void element_done() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().completed_elements;
  }

  std::string path_of_current_object() const {
    std::string path(kRootPath);
    for (std::size_t i = 0; i + 1 < frames_.size(); ++i) {
      const auto& frame = frames_[i];
      path = frame.is_object ? child_path(path, frame.current_key)
                             : element_path(path, frame.completed_elements);
    }
    return path;
  }

  Diagnostics& diagnostics_;
  std::vector<Frame> frames_;
};

}  // namespace

std::optional<Json> parse_json_text(const std::string& text, Diagnostics& diagnostics) {
  if (text.size() > kMaxConfigBytes) {
    diagnostics.file_error(fmt::format("file is {} bytes; a config file may have at most {}",
                                       text.size(), kMaxConfigBytes));
    return std::nullopt;
  }
  if (const auto offset = find_excess_nesting(text)) {
    const auto at = position_of(text, *offset);
    diagnostics.error_at(
        at.line, at.column,
        fmt::format("invalid JSON: nested deeper than {} levels", kMaxNestingDepth));
    return std::nullopt;
  }
  DuplicateKeyFinder duplicates(diagnostics);
  try {
    return Json::parse(text, [&duplicates](int, Json::parse_event_t event, Json& parsed) {
      return duplicates.on_event(event, parsed);
    });
  } catch (const Json::parse_error& e) {
    // e.byte counts from 1 and points at the character that failed.
    const auto at = position_of(text, e.byte == 0 ? 0 : e.byte - 1);
    diagnostics.error_at(at.line, at.column, "invalid JSON: " + printable(parser_reason(e.what())));
  } catch (const Json::exception& e) {
    // Number overflow carries no position; it names the token, so find it in the text.
    const std::string reason = parser_reason(e.what());
    const auto open = reason.find('\'');
    const auto close = reason.rfind('\'');
    std::size_t offset = std::string::npos;
    if (open != std::string::npos && close > open)
      offset = text.find(reason.substr(open + 1, close - open - 1));
    if (offset == std::string::npos) {
      diagnostics.file_error("invalid JSON: " + printable(reason));
    } else {
      const auto at = position_of(text, offset);
      diagnostics.error_at(at.line, at.column, "invalid JSON: " + printable(reason));
    }
  }
  return std::nullopt;
}

}  // namespace troupe::config
