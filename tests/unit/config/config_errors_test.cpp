// Every kind of bad troupe.json gets one precise error naming the file and JSON path, and all
// errors of a file are reported together.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "config/config.hpp"
#include "config/std_regex.hpp"
#include "temp_config_dir.hpp"

namespace troupe::config {
namespace {

using testing::TempConfigDir;

class ConfigErrors : public ::testing::Test {
 protected:
  ConfigErrors() {
    dir_.executable("servo");
    options_.search_path = "/nonexistent";
  }

  // Errors for troupe.json text, each without the "FILE: " prefix (checked separately).
  std::vector<std::string> errors(const std::string& text) {
    std::vector<std::string> messages = dir_.errors_of("troupe.json", text, options_);
    const std::string prefix = (dir_.path() / "troupe.json").string();
    for (auto& message : messages) {
      if (message.rfind(prefix, 0) == 0) message = message.substr(prefix.size());
    }
    return messages;
  }

  // A config whose only platform "p" has these extra keys.
  std::vector<std::string> platform_errors(const std::string& extra_keys) {
    return errors(R"({"platforms": {"p": {"command": ["./servo"], )" + extra_keys + "}}}");
  }

  using Lines = std::vector<std::string>;
  TempConfigDir dir_;
  LoadOptions options_;
};

TEST_F(ConfigErrors, MessageNamesTheFileAsGiven) {
  const auto messages = dir_.errors_of("troupe.json", R"({"platforms": {}})", options_);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0], (dir_.path() / "troupe.json").string() +
                             ": $.platforms: no platforms; define at least one");
}

TEST_F(ConfigErrors, ConfigErrorWhatIsTheFirstMessage) {
  try {
    parse_config(R"({"platforms": 1, "stepTimeoutMs": 0})", "troupe.json");
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    ASSERT_EQ(e.messages.size(), 2u);
    EXPECT_EQ(std::string(e.what()), e.messages[0]);
    EXPECT_EQ(e.messages[0], "troupe.json: $.platforms: expected an object, got 1");
  }
}

TEST_F(ConfigErrors, UnknownKeys) {
  EXPECT_EQ(
      errors(R"({"platforms": {"p": {"command": ["./servo"]}}, "colour": "red",
                       "Roles": {}})"),
      (Lines{
          R"(: $.colour: unknown key "colour"; expected one of: $schema, features, platforms, roles, processPatterns, stepTimeoutMs, scenarioTimeoutMs, startTimeoutMs, stopGraceMs, limits)",
          R"(: $.Roles: unknown key "Roles" (did you mean "roles"?))"}));
  EXPECT_EQ(
      platform_errors(R"("framming": "ndjson")"),
      (Lines{
          R"(: $.platforms.p.framming: unknown key "framming"; expected one of: command, cwd, env, framing, stepText, protocol)"}));
  EXPECT_EQ(
      errors(R"({"platforms": {"p": {"command": ["./servo"]}}, "limits": {"maxBytes": 1}})"),
      (Lines{
          R"(: $.limits.maxBytes: unknown key "maxBytes"; expected one of: maxMessageBytes, maxLogLinesPerTestCase, maxStderrBytesPerServo)"}));
}

TEST_F(ConfigErrors, WrongTypes) {
  EXPECT_EQ(errors(R"([1, 2])"), (Lines{": $: expected an object, got an array"}));
  EXPECT_EQ(errors(R"({"features": "features", "platforms": {"p": {"command": "./servo"}}})"),
            (Lines{": $.features: expected an array of strings, got a string",
                   ": $.platforms.p.command: expected an array of strings, got a string"}));
  EXPECT_EQ(platform_errors(R"("cwd": 7, "env": ["K=V"])"),
            (Lines{": $.platforms.p.cwd: expected a string, got a number",
                   ": $.platforms.p.env: expected an object of strings, got an array"}));
  EXPECT_EQ(
      platform_errors(R"("env": {"K": 1, "": "x", "A=B": "y"})"),
      (Lines{
          ": $.platforms.p.env.K: expected a string, got a number",
          R"(: $.platforms.p.env[""]: an environment variable name must be non-empty, without '=' or NUL)",
          R"(: $.platforms.p.env["A=B"]: an environment variable name must be non-empty, without '=' or NUL)"}));
  EXPECT_EQ(errors(R"({"platforms": {"p": {"command": ["./servo", 3, null]}}})"),
            (Lines{": $.platforms.p.command[1]: expected a string, got a number",
                   ": $.platforms.p.command[2]: expected a string, got null"}));
  EXPECT_EQ(errors(R"({"platforms": {"p": "./servo"}})"),
            (Lines{R"(: $.platforms.p: expected an object, got "./servo")"}));
  EXPECT_EQ(errors(R"({"platforms": {"p": {"command": ["./servo"]}}, "roles": {"r": "p"}})"),
            (Lines{": $.roles.r: expected an array of strings, got a string"}));
  EXPECT_EQ(errors(R"({"platforms": {"p": {"command": ["./servo"]}}, "processPatterns": "x"})"),
            (Lines{": $.processPatterns: expected an array of strings, got a string"}));
}

TEST_F(ConfigErrors, MissingOrEmptyRequiredValues) {
  EXPECT_EQ(errors("{}"), (Lines{R"(: $: missing required key "platforms")"}));
  EXPECT_EQ(errors(R"({"platforms": {}})"),
            (Lines{": $.platforms: no platforms; define at least one"}));
  EXPECT_EQ(errors(R"({"platforms": {"p": {}}})"),
            (Lines{R"(: $.platforms.p: missing required key "command")"}));
  EXPECT_EQ(errors(R"({"platforms": {"p": {"command": []}}})"),
            (Lines{": $.platforms.p.command: expected a non-empty array of strings"}));
  EXPECT_EQ(errors(R"({"platforms": {"p": {"command": [""]}}})"),
            (Lines{": $.platforms.p.command[0]: expected a non-empty string"}));
  EXPECT_EQ(errors(R"({"features": [], "platforms": {"p": {"command": ["./servo"]}}})"),
            (Lines{": $.features: expected a non-empty array of strings"}));
  EXPECT_EQ(errors(R"({"platforms": {"p": {"command": ["./servo"]}}, "roles": {"r": []}})"),
            (Lines{": $.roles.r: expected a non-empty array of strings"}));
}

TEST_F(ConfigErrors, BadNames) {
  EXPECT_EQ(
      errors(R"({"platforms": {"a/b": {"command": ["./servo"]}, "": {"command": ["./servo"]}}})"),
      (Lines{
          R"(: $.platforms["a/b"]: name "a/b" may not contain '/', spaces or control characters)",
          R"(: $.platforms[""]: a name may not be empty)"}));
  EXPECT_EQ(
      errors(R"({"platforms": {"p": {"command": ["./servo"]}}, "roles": {"my role": ["p"]}})"),
      (Lines{
          R"(: $.roles["my role"]: name "my role" may not contain '/', spaces or control characters)"}));
}

TEST_F(ConfigErrors, MissingExecutables) {
  dir_.write("not-executable", "data");
  dir_.folder("a-folder");
  EXPECT_EQ(
      errors(R"({"platforms": {
                        "a": {"command": ["./missing"]},
                        "b": {"command": ["./not-executable"]},
                        "c": {"command": ["./a-folder"]},
                        "d": {"command": ["no-such-program-anywhere"]}}})"),
      (Lines{
          ": $.platforms.a.command[0]: program \"" + (dir_.path() / "missing").string() +
              "\" does not exist",
          ": $.platforms.b.command[0]: program \"" + (dir_.path() / "not-executable").string() +
              "\" is not executable",
          ": $.platforms.c.command[0]: program \"" + (dir_.path() / "a-folder").string() +
              "\" is a directory",
          R"(: $.platforms.d.command[0]: program "no-such-program-anywhere" not found on PATH)"}));
}

TEST_F(ConfigErrors, MissingWorkingFolder) {
  EXPECT_EQ(platform_errors(R"("cwd": "nowhere")"),
            (Lines{": $.platforms.p.cwd: folder \"" + (dir_.path() / "nowhere").string() +
                   "\" does not exist"}));
}

TEST_F(ConfigErrors, UnknownAndRepeatedPlatformsInRoles) {
  EXPECT_EQ(
      errors(R"({"platforms": {"cpp": {"command": ["./servo"]}, "py": {"command": ["./servo"]}},
                       "roles": {"writer": ["cpp", "java", "cpp"]}})"),
      (Lines{R"(: $.roles.writer[1]: unknown platform "java" (platforms: cpp, py))",
             R"(: $.roles.writer[2]: platform "cpp" is listed twice)"}));
}

TEST_F(ConfigErrors, BadChoices) {
  EXPECT_EQ(
      platform_errors(R"("framing": "lsp")"),
      (Lines{R"(: $.platforms.p.framing: expected "content-length" or "ndjson", got "lsp")"}));
  EXPECT_EQ(platform_errors(R"("stepText": true)"),
            (Lines{R"(: $.platforms.p.stepText: expected "stripped" or "full", got true)"}));
  EXPECT_EQ(platform_errors(R"("protocol": "Harmony")"),
            (Lines{R"(: $.platforms.p.protocol: expected "troupe" or "harmony", got "Harmony")"}));
}

TEST_F(ConfigErrors, NonPositiveOrOutOfRangeNumbers) {
  EXPECT_EQ(errors(R"({"platforms": {"p": {"command": ["./servo"]}},
                       "stepTimeoutMs": 0, "scenarioTimeoutMs": -5, "startTimeoutMs": 1.5,
                       "stopGraceMs": 3000000000,
                       "limits": {"maxMessageBytes": 0, "maxLogLinesPerTestCase": "10"}})"),
            (Lines{": $.stepTimeoutMs: expected a positive integer, got 0",
                   ": $.scenarioTimeoutMs: expected a positive integer, got -5",
                   ": $.startTimeoutMs: expected a positive integer, got 1.5",
                   ": $.stopGraceMs: expected a positive integer, got 3000000000 (more than the "
                   "maximum 2147483647)",
                   ": $.limits.maxMessageBytes: expected a positive integer, got 0",
                   R"(: $.limits.maxLogLinesPerTestCase: expected a positive integer, got "10")"}));
}

TEST_F(ConfigErrors, BadProcessPatterns) {
  EXPECT_EQ(
      errors(R"json({"platforms": {"p": {"command": ["./servo"]}},
                       "processPatterns": ["^the '(?<name>\\w+)' process (?<rest>.*)$",
                                           "^(?<name>\\w+) does (.*)$",
                                           "(?<name>a)(?<rest>[b)"]})json"),
      (Lines{R"msg(: $.processPatterns[1]: needs a named group "rest" (write (?<rest>...)))msg",
             ": $.processPatterns[2]: not a valid ECMAScript regex: " + [] {
               try {
                 std::regex bad("(a)([b)");
               } catch (const std::regex_error& e) {
                 return std::string(e.what());
               }
               return std::string();
             }()}));
}

TEST_F(ConfigErrors, NulCharactersCannotReachArgvOrEnv) {
  EXPECT_EQ(platform_errors(R"("env": {"K": "a\u0000b"})"),
            (Lines{": $.platforms.p.env.K: contains a NUL character (\\u0000)"}));
}

TEST_F(ConfigErrors, InvalidJsonHasLineAndColumn) {
  const std::string file = (dir_.path() / "troupe.json").string();
  EXPECT_EQ(dir_.errors_of("troupe.json", "{\n  \"platforms\": {\n    \"p\": x\n  }\n}", options_),
            (Lines{file + ":3:10: invalid JSON: syntax error while parsing value - invalid "
                          "literal; last read: '\"p\": x'"}));
  EXPECT_EQ(dir_.errors_of("troupe.json", "{\"a\": 1,}", options_),
            (Lines{file + ":1:9: invalid JSON: syntax error while parsing object key - "
                          "unexpected '}'; expected string literal"}));
  EXPECT_EQ(dir_.errors_of("troupe.json", "", options_),
            (Lines{file + ":1:1: invalid JSON: syntax error while parsing value - unexpected end "
                          "of input; expected '[', '{', or a literal"}));
}

TEST_F(ConfigErrors, DuplicateKeysAreReportedWithTheirPath) {
  EXPECT_EQ(errors(R"({"platforms": {"p": {"command": ["./servo"], "framing": "ndjson",
                                            "framing": "content-length"}},
                       "stepTimeoutMs": 1, "stepTimeoutMs": 2})"),
            (Lines{R"(: $.platforms.p: duplicate key "framing")",
                   R"(: $: duplicate key "stepTimeoutMs")"}));
  EXPECT_EQ(
      errors(R"({"platforms": {"p": {"command": ["./servo"]}},
                       "processPatterns": [], "roles": {"r": ["p"]}, "limits": {},
                       "features": ["a", "b"], "x": [{"k": 1}, {"k": 2, "k": 3}]})"),
      (Lines{
          R"(: $.x[1]: duplicate key "k")",
          R"(: $.x: unknown key "x"; expected one of: $schema, features, platforms, roles, processPatterns, stepTimeoutMs, scenarioTimeoutMs, startTimeoutMs, stopGraceMs, limits)"}));
}

TEST_F(ConfigErrors, AllErrorsOfAFileComeTogether) {
  const auto messages = errors(R"({"platforms": {"p": {"command": ["./servo"], "framing": "lsp",
                                                        "stepText": "half"}},
                                   "stepTimeoutMs": -1, "bogus": 1})");
  EXPECT_EQ(messages.size(), 4u);
}

TEST_F(ConfigErrors, UnreadableFiles) {
  const auto missing = dir_.path() / "nope.json";
  try {
    load_config(missing);
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.messages, (Lines{missing.string() + ": cannot read: No such file or directory"}));
  }
  try {
    load_config(dir_.path());
    FAIL() << "expected a ConfigError";
  } catch (const ConfigError& e) {
    EXPECT_EQ(e.messages, (Lines{dir_.path().string() + ": is a folder, not a config file"}));
  }
}

}  // namespace
}  // namespace troupe::config
