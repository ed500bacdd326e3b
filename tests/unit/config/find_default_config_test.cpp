// find_default_config: troupe.json wins over harmony-config.json; neither gives an empty path.
#include <gtest/gtest.h>

#include "config/config.hpp"
#include "temp_config_dir.hpp"

namespace troupe::config {
namespace {

using testing::TempConfigDir;

TEST(ConfigFindDefault, EmptyWhenNeitherFileExists) {
  TempConfigDir dir;
  EXPECT_EQ(find_default_config(dir.path()), std::filesystem::path());
}

TEST(ConfigFindDefault, FindsHarmonyConfigAlone) {
  TempConfigDir dir;
  dir.write("harmony-config.json", "{}");
  EXPECT_EQ(find_default_config(dir.path()), dir.path() / "harmony-config.json");
}

TEST(ConfigFindDefault, PrefersTroupeJson) {
  TempConfigDir dir;
  dir.write("harmony-config.json", "{}");
  dir.write("troupe.json", "{}");
  EXPECT_EQ(find_default_config(dir.path()), dir.path() / "troupe.json");
}

TEST(ConfigFindDefault, IgnoresAFolderNamedLikeAConfig) {
  TempConfigDir dir;
  dir.folder("troupe.json");
  dir.write("harmony-config.json", "{}");
  EXPECT_EQ(find_default_config(dir.path()), dir.path() / "harmony-config.json");
}

}  // namespace
}  // namespace troupe::config
