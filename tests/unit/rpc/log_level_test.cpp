#include "rpc/log_level.hpp"

#include <gtest/gtest.h>

namespace troupe::rpc {
namespace {

using nlohmann::json;

TEST(LogLevel, MapsMicrosoftLogLevelNumbers) {
  EXPECT_EQ(normalize_log_level(json(0)), "TRACE");
  EXPECT_EQ(normalize_log_level(json(1)), "DEBUG");
  EXPECT_EQ(normalize_log_level(json(2)), "INFO");
  EXPECT_EQ(normalize_log_level(json(3)), "WARN");
  EXPECT_EQ(normalize_log_level(json(4)), "ERROR");
  EXPECT_EQ(normalize_log_level(json(5)), "CRITICAL");
  EXPECT_EQ(normalize_log_level(json(6)), "INFO");  // LogLevel.None
  EXPECT_EQ(normalize_log_level(json(7)), std::nullopt);
  EXPECT_EQ(normalize_log_level(json(-1)), std::nullopt);
  EXPECT_EQ(normalize_log_level(json(2.5)), std::nullopt);
}

TEST(LogLevel, MapsNamesInAnyCase) {
  EXPECT_EQ(normalize_log_level(json("Information")), "INFO");
  EXPECT_EQ(normalize_log_level(json("info")), "INFO");
  EXPECT_EQ(normalize_log_level(json("WARNING")), "WARN");
  EXPECT_EQ(normalize_log_level(json("Warn")), "WARN");
  EXPECT_EQ(normalize_log_level(json("error")), "ERROR");
  EXPECT_EQ(normalize_log_level(json("Critical")), "CRITICAL");
  EXPECT_EQ(normalize_log_level(json("FATAL")), "CRITICAL");
  EXPECT_EQ(normalize_log_level(json("Trace")), "TRACE");
  EXPECT_EQ(normalize_log_level(json("debug")), "DEBUG");
  EXPECT_EQ(normalize_log_level(json("loud")), std::nullopt);
  EXPECT_EQ(normalize_log_level(json(nullptr)), std::nullopt);
}

}  // namespace
}  // namespace troupe::rpc
