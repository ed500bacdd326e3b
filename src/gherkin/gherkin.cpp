#include "gherkin/gherkin.hpp"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <memory>

#include "gherkin/classic_token_matcher.hpp"
#include "gherkin/compiler.hpp"
#include "gherkin/markdown_token_matcher.hpp"
#include "gherkin/parser.hpp"
#include "gherkin/text.hpp"

namespace troupe::gherkin {
namespace {

// Larger files are refused rather than read: memory stays bounded.
constexpr std::uintmax_t kMaxFileBytes = std::uintmax_t{1} << 30;

Location location_of_byte(std::string_view data, std::size_t offset) {
  std::size_t line_start = data.rfind('\n', offset == 0 ? 0 : offset - 1);
  line_start = (line_start == std::string_view::npos || offset == 0) ? 0 : line_start + 1;
  if (offset > 0 && data[offset - 1] == '\n') line_start = offset;
  int line = 1 + static_cast<int>(std::count(
                     data.begin(), data.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
  int column =
      1 + static_cast<int>(text::count_code_points(data.substr(line_start, offset - line_start)));
  return {line, column};
}

ParseError error_at(const std::string& uri, Location location, const std::string& message) {
  GherkinError e = make_error(location, message);
  return {uri, e.location, e.message};
}

// Binary or mis-encoded input gets one precise error instead of a garbled parse.
std::optional<ParseError> check_encoding(const std::string& uri, std::string_view data) {
  if (std::size_t nul = data.find('\0'); nul != std::string_view::npos)
    return error_at(uri, location_of_byte(data, nul),
                    "binary data (NUL byte): not a Gherkin text file");
  if (std::size_t bad = text::find_invalid_utf8(data); bad != std::string_view::npos) {
    char hex[8];
    std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned char>(data[bad]));
    return error_at(uri, location_of_byte(data, bad),
                    std::string("invalid UTF-8 (byte ") + hex + "): feature files must be UTF-8");
  }
  return std::nullopt;
}

}  // namespace

std::string media_type_for(const std::string& uri) {
  return uri.size() >= 3 && uri.compare(uri.size() - 3, 3, ".md") == 0 ? kMarkdownMediaType
                                                                       : kPlainMediaType;
}

ParsedFeature parse_feature(std::string uri, std::string data, IdGenerator& ids) {
  ParsedFeature out;
  out.uri = std::move(uri);
  out.data = std::move(data);
  out.media_type = media_type_for(out.uri);
  if (auto error = check_encoding(out.uri, out.data)) {
    out.errors.push_back(std::move(*error));
    return out;
  }
  std::unique_ptr<TokenMatcher> matcher;
  if (out.media_type == kMarkdownMediaType)
    matcher = std::make_unique<MarkdownTokenMatcher>();
  else
    matcher = std::make_unique<ClassicTokenMatcher>();
  ParseResult result = parse_document(out.data, *matcher, ids);
  for (auto& e : result.errors) out.errors.push_back({out.uri, e.location, std::move(e.message)});
  if (result.document) {
    out.document = std::move(result.document);
    out.pickles = compile_pickles(*out.document, out.uri, ids);
  }
  return out;
}

ParsedFeature parse_feature_file(const std::filesystem::path& path, std::string uri,
                                 IdGenerator& ids) {
  auto fail = [&](const std::string& message) {
    ParsedFeature out;
    out.uri = uri;
    out.media_type = media_type_for(uri);
    out.errors.push_back({uri, {}, message});
    return out;
  };
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return fail("cannot read: no such file");
  if (std::filesystem::is_directory(status)) return fail("cannot read: is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(std::string("cannot read: ") + std::strerror(errno));
  std::string data;
  if (std::filesystem::is_regular_file(status)) {
    auto size = std::filesystem::file_size(path, ec);
    if (!ec && size > kMaxFileBytes)
      return fail("cannot read: file is " + std::to_string(size) +
                  " bytes, more than the 1 GiB limit");
    if (!ec) data.reserve(static_cast<std::size_t>(size));
  }
  char buffer[1 << 16];
  while (in.read(buffer, sizeof buffer) || in.gcount() > 0) {
    data.append(buffer, static_cast<std::size_t>(in.gcount()));
    if (data.size() > kMaxFileBytes) return fail("cannot read: more than the 1 GiB limit");
  }
  if (in.bad()) return fail("cannot read: I/O error");
  return parse_feature(std::move(uri), std::move(data), ids);
}

}  // namespace troupe::gherkin
