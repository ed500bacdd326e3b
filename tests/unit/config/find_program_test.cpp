// Program lookup: relative to the config folder with a '/', through PATH without.
#include "config/find_program.hpp"

#include <gtest/gtest.h>

#include "temp_config_dir.hpp"

namespace troupe::config {
namespace {

using testing::TempConfigDir;

TEST(ConfigFindProgram, ResolvesRelativeProgramsAgainstTheConfigFolder) {
  TempConfigDir dir;
  dir.executable("a/servo");
  const auto lookup = find_program("./x/../a/servo", dir.path(), "");
  EXPECT_FALSE(lookup.error);
  EXPECT_EQ(lookup.program, (dir.path() / "a/servo").string());
}

TEST(ConfigFindProgram, SearchesEachPathFolderInOrder) {
  TempConfigDir dir;
  dir.write("first/tool", "not executable");
  dir.executable("second/tool");
  const std::string path = (dir.path() / "first").string() + ":" + (dir.path() / "second").string();
  const auto lookup = find_program("tool", dir.path(), path);
  EXPECT_FALSE(lookup.error);
  EXPECT_EQ(lookup.program, "tool");
  const auto missing = find_program("tool", dir.path(), (dir.path() / "first").string());
  ASSERT_TRUE(missing.error);
  EXPECT_EQ(*missing.error, "program \"tool\" not found on PATH");
}

TEST(ConfigFindProgram, EmptyProgramIsAnError) {
  const auto lookup = find_program("", "/", "/bin");
  ASSERT_TRUE(lookup.error);
  EXPECT_EQ(*lookup.error, "the program is empty");
}

TEST(ConfigFindProgram, ResolveAgainstKeepsAbsolutePaths) {
  EXPECT_EQ(resolve_against("/base", "/abs/x"), std::filesystem::path("/abs/x"));
  EXPECT_EQ(resolve_against("/base", "rel/../y"), std::filesystem::path("/base/y"));
  EXPECT_EQ(resolve_against("/base", "."), std::filesystem::path("/base"));
  EXPECT_EQ(resolve_against("/base", "sub/"), std::filesystem::path("/base/sub"));
  EXPECT_EQ(resolve_against("/base", "/"), std::filesystem::path("/"));
}

}  // namespace
}  // namespace troupe::config
