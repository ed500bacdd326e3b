// harmony-config.json read unchanged: PascalCase or camelCase keys, mapped onto Config.
#include <gtest/gtest.h>

#include <algorithm>

#include "config/config.hpp"
#include "temp_config_dir.hpp"

namespace troupe::config {
namespace {

using testing::TempConfigDir;

bool contains(const std::vector<std::string>& lines, const std::string& line) {
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

TEST(ConfigHarmonyForm, ReadsPascalCaseKeys) {
  TempConfigDir dir;
  dir.executable("bin/dotnet");
  dir.folder("servers/csharp");
  const auto file = dir.write("harmony-config.json", R"({
    "Platforms": {
      "csharp": {
        "Executable": "dotnet",
        "Arguments": "run --project \"My Server/Server.csproj\" -- --mode test",
        "WorkingDirectory": "servers/csharp",
        "EnvironmentVariables": { "DOTNET_NOLOGO": "1" }
      }
    },
    "FeaturesPath": "specs/Features",
    "DefaultTimeoutMs": 45000,
    "ProcessInitializationDelayMs": 2000
  })");
  LoadOptions options;
  options.search_path = (dir.path() / "bin").string();
  const Config config = load_config(file, options);

  ASSERT_EQ(config.platforms.size(), 1u);
  const Platform& csharp = config.platforms[0];
  EXPECT_EQ(csharp.name, "csharp");
  EXPECT_EQ(csharp.command,
            (std::vector<std::string>{"dotnet", "run", "--project", "My Server/Server.csproj", "--",
                                      "--mode", "test"}));
  EXPECT_EQ(csharp.cwd, dir.path() / "servers/csharp");
  EXPECT_EQ(csharp.env, (std::map<std::string, std::string>{{"DOTNET_NOLOGO", "1"}}));
  EXPECT_EQ(csharp.protocol, Protocol::Harmony);
  EXPECT_EQ(csharp.framing, Framing::ContentLength);
  EXPECT_EQ(csharp.step_text, StepText::Full);
  ASSERT_EQ(config.features.size(), 1u);
  EXPECT_EQ(config.features[0], dir.path() / "specs/Features");
  EXPECT_EQ(config.step_timeout_ms, 45000);
  EXPECT_EQ(config.notes,
            (std::vector<std::string>{
                file.string() +
                ": $.ProcessInitializationDelayMs: ignored: troupe waits for the health reply "
                "instead"}));
}

TEST(ConfigHarmonyForm, ReadsCamelCaseKeysInAFileOfAnyName) {
  TempConfigDir dir;
  dir.executable("servers/python/servo.py");
  const auto file = dir.write("ci.json", R"({
    "platforms": {
      "python": { "executable": "servers/python/servo.py", "arguments": "--fast",
                  "workingDirectory": null, "environmentVariables": null }
    },
    "featuresPath": "Features",
    "defaultTimeoutMs": 1234
  })");
  const Config config = load_config(file);
  ASSERT_EQ(config.platforms.size(), 1u);
  EXPECT_EQ(
      config.platforms[0].command,
      (std::vector<std::string>{(dir.path() / "servers/python/servo.py").string(), "--fast"}));
  EXPECT_EQ(config.platforms[0].cwd, dir.path());
  EXPECT_EQ(config.platforms[0].protocol, Protocol::Harmony);
  EXPECT_EQ(config.step_timeout_ms, 1234);
  EXPECT_TRUE(config.notes.empty());
}

TEST(ConfigHarmonyForm, MixedLetterCaseIsAccepted) {
  TempConfigDir dir;
  dir.executable("servo");
  const Config config =
      parse_config(R"({"PLATFORMS": {"x": {"EXECUTABLE": "./servo", "aRgUmEnTs": "a b"}}})",
                   dir.path() / "troupe.json");
  EXPECT_EQ(config.platforms[0].command,
            (std::vector<std::string>{(dir.path() / "servo").string(), "a", "b"}));
}

TEST(ConfigHarmonyForm, DefaultsMatchTheHarmonyModel) {
  TempConfigDir dir;
  dir.executable("servo");
  const Config config = parse_config(R"({"Platforms": {"x": {"Executable": "./servo"}}})",
                                     dir.path() / "harmony-config.json");
  EXPECT_EQ(config.features, (std::vector<std::filesystem::path>{dir.path() / "Features"}));
  EXPECT_EQ(config.step_timeout_ms, 30000);
  EXPECT_EQ(config.platforms[0].command.size(), 1u);
  EXPECT_EQ(config.platforms[0].cwd, dir.path());
  EXPECT_TRUE(config.platforms[0].env.empty());
  EXPECT_TRUE(config.notes.empty());
}

TEST(ConfigHarmonyForm, RecognisedByFileNameEvenWithoutHarmonyKeys) {
  TempConfigDir dir;
  // A troupe-style "command" means nothing to the Harmony form: it is noted and ignored.
  const auto errors = dir.errors_of("harmony-config.json",
                                    R"({"platforms": {"x": {"command": ["a"]}}})", LoadOptions{});
  const std::string file = (dir.path() / "harmony-config.json").string();
  EXPECT_EQ(
      errors,
      (std::vector<std::string>{file + ": $.platforms.x: missing required key \"Executable\""}));
}

TEST(ConfigHarmonyForm, UnknownKeysAreNotedNotRejected) {
  TempConfigDir dir;
  dir.executable("servo");
  const auto file = dir.path() / "harmony-config.json";
  const Config config = parse_config(
      R"({"Platforms": {"x": {"Executable": "./servo", "Color": "blue"}}, "Logging": {}})", file);
  EXPECT_TRUE(contains(
      config.notes, file.string() + ": $.Logging: unknown key ignored, as the Harmony runner did"));
  EXPECT_TRUE(contains(config.notes, file.string() +
                                         ": $.Platforms.x.Color: unknown key ignored, as the "
                                         "Harmony runner did"));
}

TEST(ConfigHarmonyForm, ReportsItsOwnErrorsWithTheKeysAsWritten) {
  TempConfigDir dir;
  const std::string file = (dir.path() / "harmony-config.json").string();
  LoadOptions options;
  options.search_path = "/nonexistent";
  const auto errors = dir.errors_of("harmony-config.json", R"({
    "Platforms": {
      "a": { "Executable": "no-such-servo", "Arguments": "\"open" },
      "b": { "Executable": "", "WorkingDirectory": 5, "EnvironmentVariables": {"X": 1} },
      "c": { "Executable": "x", "executable": "y" }
    },
    "DefaultTimeoutMs": 0,
    "ProcessInitializationDelayMs": -1,
    "FeaturesPath": ["Features"]
  })",
                                    options);
  const std::vector<std::string> expected = {
      file + ": $.FeaturesPath: expected a string, got an array",
      file + ": $.DefaultTimeoutMs: expected a positive integer, got 0",
      file + ": $.ProcessInitializationDelayMs: expected an integer from 0 to 2147483647, got -1",
      file + ": $.Platforms.a.Arguments: unterminated double quote at character 1",
      file + ": $.Platforms.a.Executable: program \"no-such-servo\" not found on PATH",
      file + ": $.Platforms.b.Executable: expected a non-empty string",
      file + ": $.Platforms.b.WorkingDirectory: expected a string, got a number",
      file + ": $.Platforms.b.EnvironmentVariables.X: expected a string, got a number",
      file +
          ": $.Platforms.c.executable: same key as \"Executable\" (Harmony keys ignore letter "
          "case)",
      file + ": $.Platforms.c.Executable: program \"x\" not found on PATH",
  };
  EXPECT_EQ(errors, expected);
}

TEST(ConfigHarmonyForm, EmptyOrMissingPlatformsAreErrors) {
  TempConfigDir dir;
  const std::string file = (dir.path() / "harmony-config.json").string();
  EXPECT_EQ(dir.errors_of("harmony-config.json", R"({"Platforms": {}})", LoadOptions{}),
            (std::vector<std::string>{file + ": $.Platforms: no platforms; define at least one"}));
  EXPECT_EQ(dir.errors_of("harmony-config.json", R"({"FeaturesPath": "F"})", LoadOptions{}),
            (std::vector<std::string>{file + ": $: missing required key \"Platforms\""}));
}

TEST(ConfigHarmonyForm, AcceptsTroupeLimitsWithKeysInAnyCase) {
  TempConfigDir dir;
  dir.executable("servo");
  const Config config = parse_config(
      R"({"Platforms": {"x": {"Executable": "./servo"}},
          "Limits": {"MaxMessageBytes": 33554432, "maxLogLinesPerTestCase": 50}})",
      dir.path() / "harmony-config.json");
  EXPECT_EQ(config.limits.max_message_bytes, 33554432u);
  EXPECT_EQ(config.limits.max_log_lines_per_test_case, 50u);
  EXPECT_EQ(config.limits.max_stderr_bytes_per_servo, Limits{}.max_stderr_bytes_per_servo);
  EXPECT_TRUE(config.notes.empty());
}

TEST(ConfigHarmonyForm, BadLimitsAreErrors) {
  TempConfigDir dir;
  dir.executable("servo");
  const std::string file = (dir.path() / "harmony-config.json").string();
  EXPECT_EQ(dir.errors_of("harmony-config.json",
                          R"({"Platforms": {"x": {"Executable": "./servo"}},
                              "Limits": {"MaxMessageBytes": 0, "MaxStderrBytesPerServo": 2147483648,
                                         "MaxLines": 5}})",
                          LoadOptions{}),
            (std::vector<std::string>{
                file + ": $.Limits.MaxLines: unknown key \"MaxLines\"; expected one of: "
                       "MaxMessageBytes, MaxLogLinesPerTestCase, MaxStderrBytesPerServo",
                file + ": $.Limits.MaxMessageBytes: expected a positive integer, got 0",
                file + ": $.Limits.MaxStderrBytesPerServo: expected a positive integer, got "
                       "2147483648 (more than the maximum 1073741824)"}));
}

}  // namespace
}  // namespace troupe::config
