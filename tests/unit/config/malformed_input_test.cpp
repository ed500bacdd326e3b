// Fuzz-ish malformed configs: each must end in a ConfigError with messages, never a crash,
// a hang or a huge allocation.
#include <gtest/gtest.h>

#include <random>

#include "config/config.hpp"
#include "temp_config_dir.hpp"

namespace troupe::config {
namespace {

using testing::TempConfigDir;

// Every message must name the file, so a user can find the problem.
void expect_config_error(const std::string& text, const std::string& expected_fragment = "") {
  const std::filesystem::path file = "/suite/troupe.json";
  LoadOptions options;
  options.check_paths = false;
  try {
    parse_config(text, file, options);
  } catch (const ConfigError& e) {
    ASSERT_FALSE(e.messages.empty());
    for (const auto& message : e.messages)
      EXPECT_EQ(message.rfind(file.string(), 0), 0u) << message;
    if (!expected_fragment.empty()) {
      bool found = false;
      for (const auto& message : e.messages)
        found = found || message.find(expected_fragment) != std::string::npos;
      EXPECT_TRUE(found) << "no message contains [" << expected_fragment
                         << "]; first: " << e.messages[0];
    }
    return;
  }
  ADD_FAILURE() << "no ConfigError for input of " << text.size() << " bytes";
}

TEST(ConfigMalformedInput, DeepNestingAnywhere) {
  expect_config_error(std::string(100000, '['), "nested deeper than 64 levels");
  expect_config_error(std::string(100000, '{'), "nested deeper than 64 levels");
  std::string deep_value = R"({"platforms": {"p": {"command": )";
  for (int i = 0; i < 5000; ++i) deep_value += "[{\"a\":";
  expect_config_error(deep_value, "nested deeper than 64 levels");
}

TEST(ConfigMalformedInput, NestingJustInsideTheLimitIsATypeError) {
  std::string nested = R"({"platforms": {"p": {"command": )";
  for (int i = 0; i < 50; ++i) nested += "[";
  for (int i = 0; i < 50; ++i) nested += "]";
  nested += "}}}";
  expect_config_error(nested, "$.platforms.p.command[0]: expected a string, got an array");
}

TEST(ConfigMalformedInput, HugeNumbers) {
  expect_config_error(R"({"platforms": {}, "stepTimeoutMs": 1e999})", "number overflow");
  expect_config_error(R"({"platforms": {}, "stepTimeoutMs": -1e999})", "number overflow");
  expect_config_error(
      R"({"platforms": {"p": {"command": ["x"]}}, "stepTimeoutMs": 99999999999999999999999999})",
      "$.stepTimeoutMs: expected a positive integer, got 1e+26");
  expect_config_error(
      R"({"platforms": {"p": {"command": ["x"]}}, "limits": {"maxMessageBytes": 18446744073709551615}})",
      "$.limits.maxMessageBytes: expected a positive integer, got 18446744073709551615 (more than "
      "the maximum 1073741824)");
  expect_config_error(
      R"({"platforms": {"p": {"command": ["x"]}}, "stopGraceMs": -9223372036854775808})",
      "$.stopGraceMs: expected a positive integer, got -9223372036854775808");
  expect_config_error("{\"platforms\": {}, \"stepTimeoutMs\": 1" + std::string(5000, '0') + "}",
                      "number overflow");
}

TEST(ConfigMalformedInput, NonUtf8Bytes) {
  expect_config_error("{\"platforms\": {\"\xFF\xFE\": {}}}", "invalid JSON");
  expect_config_error("{\"platforms\": {\"p\": {\"command\": [\"\xC3\x28\"]}}}", "invalid JSON");
  expect_config_error("\xFF\xFE{\0\"\0}\0", "invalid JSON");
  // The parser quotes the bad bytes back; they must be escaped in our message.
  try {
    parse_config("{\"a\": \"\x80\"}", "/suite/troupe.json");
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_NE(e.messages[0].find("\\x80"), std::string::npos) << e.messages[0];
  }
}

TEST(ConfigMalformedInput, EmbeddedNulAndControlCharacters) {
  expect_config_error(std::string("{\"platforms\"\0: {}}", 18), "invalid JSON");
  expect_config_error("{\"platforms\": {\"p\": {\"command\": [\"a\tb\"]}}}", "invalid JSON");
  expect_config_error(R"({"platforms": {"p": {"command": ["a\u0000b"]}}})", "NUL character");
}

TEST(ConfigMalformedInput, LoneSurrogateEscapes) {
  expect_config_error(R"({"platforms": {"\ud800": {}}})", "invalid JSON");
  expect_config_error(R"({"platforms": {"\udc00x": {}}})", "invalid JSON");
}

TEST(ConfigMalformedInput, EveryTruncationOfAValidConfig) {
  const std::string valid =
      R"({"features": ["f"], "platforms": {"p": {"command": ["x"], "env": {"K": "V"}}},
                               "roles": {"r": ["p"]}, "limits": {"maxMessageBytes": 10}})";
  for (std::size_t length = 0; length + 1 < valid.size(); ++length)
    expect_config_error(valid.substr(0, length));
}

TEST(ConfigMalformedInput, RandomBytesAndRandomMutations) {
  std::mt19937 random(20261126);  // fixed seed: failures reproduce
  const std::string valid =
      R"({"platforms": {"p": {"command": ["x", "--y"], "framing": "ndjson"}}, "stepTimeoutMs": 5})";
  for (int round = 0; round < 2000; ++round) {
    std::string text = valid;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = random() % text.size();
      switch (random() % 3) {
        case 0:
          text[at] = static_cast<char>(random() % 256);
          break;
        case 1:
          text.erase(at, 1);
          break;
        default:
          text.insert(at, 1, "{}[]\",:\\0e-"[random() % 11]);
          break;
      }
    }
    // A mutation may still be a valid config; only crashes and non-ConfigError throws fail.
    try {
      LoadOptions options;
      options.check_paths = false;
      parse_config(text, "/suite/troupe.json", options);
    } catch (const ConfigError& e) {
      EXPECT_FALSE(e.messages.empty());
    }
  }
  for (int round = 0; round < 500; ++round) {
    std::string text(random() % 200, '\0');
    for (auto& c : text) c = static_cast<char>(random() % 256);
    expect_config_error(text);
  }
}

TEST(ConfigMalformedInput, OversizedFileIsNotLoaded) {
  TempConfigDir dir;
  const auto file = dir.write("troupe.json", std::string(5 * 1024 * 1024, ' '));
  try {
    load_config(file);
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.messages, (std::vector<std::string>{
                              file.string() + ": file is larger than 4194304 bytes, too large for "
                                              "a config file"}));
  }
}

TEST(ConfigMalformedInput, ManyErrorsStayBounded) {
  // 20000 bad platforms give 20000 messages: one each, no more.
  std::string text = R"({"platforms": {)";
  for (int i = 0; i < 20000; ++i) text += (i ? "," : "") + ("\"p" + std::to_string(i) + "\": 1");
  text += "}}";
  try {
    parse_config(text, "/suite/troupe.json");
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.messages.size(), 20000u);
  }
}

}  // namespace
}  // namespace troupe::config
