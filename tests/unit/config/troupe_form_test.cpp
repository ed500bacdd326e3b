// troupe.json: a full valid config, the defaults, and how relative paths resolve.
#include <gtest/gtest.h>

#include "config/config.hpp"
#include "temp_config_dir.hpp"

namespace troupe::config {
namespace {

using testing::TempConfigDir;

TEST(ConfigTroupeForm, ReadsEveryKeyOfAFullConfig) {
  TempConfigDir dir;
  dir.executable("build/examples/pipes/cpp-servo");
  dir.folder("features");
  dir.folder("servo-home");
  dir.executable("bin/python3");
  const auto file = dir.write("troupe.json", R"({
    "features": ["features", "/abs/more.feature"],
    "platforms": {
      "cpp": { "command": ["build/examples/pipes/cpp-servo", "--verbose"], "cwd": "servo-home",
               "env": {"K": "V", "EMPTY": ""}, "framing": "ndjson", "stepText": "full",
               "protocol": "harmony" },
      "python": { "command": ["python3", "examples/pipes/python/servo.py"] }
    },
    "roles": { "writer": ["python", "cpp"], "reader": ["cpp"] },
    "processPatterns": ["^the '(?<name>[a-z]+)' process (?<rest>.*)$"],
    "stepTimeoutMs": 1000, "scenarioTimeoutMs": 2000, "startTimeoutMs": 3000, "stopGraceMs": 4000,
    "limits": { "maxMessageBytes": 5000, "maxLogLinesPerTestCase": 6000,
                "maxStderrBytesPerServo": 7000 }
  })");
  LoadOptions options;
  options.search_path = (dir.path() / "bin").string();
  const Config config = load_config(file, options);

  EXPECT_EQ(config.file, file);
  EXPECT_EQ(config.dir, dir.path());
  ASSERT_EQ(config.features.size(), 2u);
  EXPECT_EQ(config.features[0], dir.path() / "features");
  EXPECT_EQ(config.features[1], std::filesystem::path("/abs/more.feature"));

  ASSERT_EQ(config.platforms.size(), 2u);
  const Platform& cpp = config.platforms[0];
  EXPECT_EQ(cpp.name, "cpp");
  EXPECT_EQ(cpp.command,
            (std::vector<std::string>{(dir.path() / "build/examples/pipes/cpp-servo").string(),
                                      "--verbose"}));
  EXPECT_EQ(cpp.cwd, dir.path() / "servo-home");
  EXPECT_EQ(cpp.env, (std::map<std::string, std::string>{{"EMPTY", ""}, {"K", "V"}}));
  EXPECT_EQ(cpp.framing, Framing::Ndjson);
  EXPECT_EQ(cpp.step_text, StepText::Full);
  EXPECT_EQ(cpp.protocol, Protocol::Harmony);

  const Platform& python = config.platforms[1];
  EXPECT_EQ(python.name, "python");
  // A bare program name stays bare: the servo is started through PATH.
  EXPECT_EQ(python.command,
            (std::vector<std::string>{"python3", "examples/pipes/python/servo.py"}));
  EXPECT_EQ(python.cwd, dir.path());

  EXPECT_EQ(config.roles.at("writer"), (std::vector<std::string>{"python", "cpp"}));
  EXPECT_EQ(config.roles.at("reader"), (std::vector<std::string>{"cpp"}));
  EXPECT_EQ(config.process_patterns,
            (std::vector<std::string>{"^the '(?<name>[a-z]+)' process (?<rest>.*)$"}));
  EXPECT_EQ(config.step_timeout_ms, 1000);
  EXPECT_EQ(config.scenario_timeout_ms, 2000);
  EXPECT_EQ(config.start_timeout_ms, 3000);
  EXPECT_EQ(config.stop_grace_ms, 4000);
  EXPECT_EQ(config.limits.max_message_bytes, 5000u);
  EXPECT_EQ(config.limits.max_log_lines_per_test_case, 6000u);
  EXPECT_EQ(config.limits.max_stderr_bytes_per_servo, 7000u);
  EXPECT_TRUE(config.notes.empty());
  EXPECT_EQ(config.find_platform("cpp"), &config.platforms[0]);
  EXPECT_EQ(config.find_platform("java"), nullptr);
}

TEST(ConfigTroupeForm, FillsDefaultsForEverythingButPlatforms) {
  TempConfigDir dir;
  dir.executable("servo");
  const Config config = parse_config(R"({"platforms": {"sh": {"command": ["./servo"]}}})",
                                     dir.path() / "troupe.json");
  ASSERT_EQ(config.features.size(), 1u);
  EXPECT_EQ(config.features[0], dir.path() / "features");
  ASSERT_EQ(config.platforms.size(), 1u);
  const Platform& sh = config.platforms[0];
  EXPECT_EQ(sh.command, (std::vector<std::string>{(dir.path() / "servo").string()}));
  EXPECT_EQ(sh.cwd, dir.path());
  EXPECT_TRUE(sh.env.empty());
  EXPECT_EQ(sh.framing, Framing::ContentLength);
  EXPECT_EQ(sh.step_text, StepText::Stripped);
  EXPECT_EQ(sh.protocol, Protocol::Troupe);
  EXPECT_TRUE(config.roles.empty());
  EXPECT_TRUE(config.process_patterns.empty());
  EXPECT_EQ(config.step_timeout_ms, 30000);
  EXPECT_EQ(config.scenario_timeout_ms, 600000);
  EXPECT_EQ(config.start_timeout_ms, 10000);
  EXPECT_EQ(config.stop_grace_ms, 5000);
  EXPECT_EQ(config.limits.max_message_bytes, 16u * 1024 * 1024);
  EXPECT_EQ(config.limits.max_log_lines_per_test_case, 10000u);
  EXPECT_EQ(config.limits.max_stderr_bytes_per_servo, 1024u * 1024);
}

TEST(ConfigTroupeForm, HarmonyProtocolDefaultsToFullStepText) {
  TempConfigDir dir;
  dir.executable("servo");
  const Config config = parse_config(
      R"({"platforms": {"a": {"command": ["./servo"], "protocol": "harmony"},
                        "b": {"command": ["./servo"], "protocol": "harmony", "stepText": "stripped"}}})",
      dir.path() / "troupe.json");
  EXPECT_EQ(config.platforms[0].step_text, StepText::Full);
  EXPECT_EQ(config.platforms[1].step_text, StepText::Stripped);
}

TEST(ConfigTroupeForm, KeepsPlatformsInFileOrder) {
  TempConfigDir dir;
  dir.executable("servo");
  const Config config = parse_config(
      R"({"platforms": {"zig": {"command": ["./servo"]}, "ada": {"command": ["./servo"]},
                        "moo": {"command": ["./servo"]}}})",
      dir.path() / "troupe.json");
  ASSERT_EQ(config.platforms.size(), 3u);
  EXPECT_EQ(config.platforms[0].name, "zig");
  EXPECT_EQ(config.platforms[1].name, "ada");
  EXPECT_EQ(config.platforms[2].name, "moo");
}

TEST(ConfigTroupeForm, ResolvesRelativePathsAgainstTheConfigFolderNotTheCurrentOne) {
  TempConfigDir dir;
  dir.executable("tools/servo");
  dir.folder("work");
  const auto file = dir.write("suite/troupe.json", R"({
    "features": ["../specs", "local"],
    "platforms": { "p": { "command": ["../tools/servo", "relative/arg"], "cwd": "../work" } }
  })");
  const Config config = load_config(file);
  EXPECT_EQ(config.dir, dir.path() / "suite");
  EXPECT_EQ(config.features[0], dir.path() / "specs");
  EXPECT_EQ(config.features[1], dir.path() / "suite" / "local");
  // Only the program resolves; other arguments reach the servo as written.
  EXPECT_EQ(config.platforms[0].command,
            (std::vector<std::string>{(dir.path() / "tools/servo").string(), "relative/arg"}));
  EXPECT_EQ(config.platforms[0].cwd, dir.path() / "work");
}

TEST(ConfigTroupeForm, KeepsAbsoluteProgramsAndFindsBareNamesOnPath) {
  TempConfigDir dir;
  const auto servo = dir.executable("abs/servo");
  dir.executable("bin/my-servo");
  LoadOptions options;
  options.search_path = "/nonexistent:" + (dir.path() / "bin").string();
  const Config config =
      parse_config(R"({"platforms": {"a": {"command": [")" + servo.string() + R"("]},
                        "b": {"command": ["my-servo"]}}})",
                   dir.path() / "troupe.json", options);
  EXPECT_EQ(config.platforms[0].command.front(), servo.string());
  EXPECT_EQ(config.platforms[1].command.front(), "my-servo");
}

TEST(ConfigTroupeForm, SearchesThePlatformsOwnPathWhenItsEnvSetsOne) {
  TempConfigDir dir;
  dir.executable("private-bin/special-servo");
  LoadOptions options;
  options.search_path = "/nonexistent";
  const Config config = parse_config(
      R"({"platforms": {"a": {"command": ["special-servo"],
                              "env": {"PATH": ")" +
          (dir.path() / "private-bin").string() + R"("}}}})",
      dir.path() / "troupe.json", options);
  EXPECT_EQ(config.platforms[0].command.front(), "special-servo");
}

TEST(ConfigTroupeForm, PathChecksCanBeTurnedOffForCommandsThatStartNoServo) {
  TempConfigDir dir;
  LoadOptions options;
  options.check_paths = false;
  const Config config = parse_config(
      R"({"platforms": {"a": {"command": ["build/not-built-yet"], "cwd": "missing"}}})",
      dir.path() / "troupe.json", options);
  EXPECT_EQ(config.platforms[0].command.front(), (dir.path() / "build/not-built-yet").string());
  EXPECT_EQ(config.platforms[0].cwd, dir.path() / "missing");
}

TEST(ConfigTroupeForm, AcceptsASchemaKeyForEditors) {
  TempConfigDir dir;
  dir.executable("servo");
  const Config config = parse_config(
      R"({"$schema": "./troupe.schema.json", "platforms": {"a": {"command": ["./servo"]}}})",
      dir.path() / "troupe.json");
  EXPECT_EQ(config.platforms.size(), 1u);
}

TEST(ConfigTroupeForm, AcceptsAUtf8ByteOrderMark) {
  TempConfigDir dir;
  dir.executable("servo");
  const Config config =
      parse_config("\xEF\xBB\xBF{\"platforms\": {\"a\": {\"command\": [\"./servo\"]}}}",
                   dir.path() / "troupe.json");
  EXPECT_EQ(config.platforms.size(), 1u);
}

}  // namespace
}  // namespace troupe::config
