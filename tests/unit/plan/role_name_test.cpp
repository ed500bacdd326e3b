#include "plan/role_name.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "pickle_builder.hpp"
#include "plan/build_plan.hpp"
#include "plan/plan_error.hpp"

namespace {

using troupe::plan::printable_role_name;
using troupe::plan::role_name_problem;

TEST(RoleName, OrdinaryNamesAreValid) {
  for (const char* name : {"reader", "Writer-2", "web_server", "lecteur-é", "服务器", "a.b"})
    EXPECT_EQ(role_name_problem(name), "") << name;
}

TEST(RoleName, NamesThatCouldReachPathsOrTerminalsAreRejected) {
  EXPECT_EQ(role_name_problem(""), "is empty");
  EXPECT_EQ(role_name_problem(".."), "is a relative directory name");
  EXPECT_EQ(role_name_problem("."), "is a relative directory name");
  EXPECT_EQ(role_name_problem("../etc"), "contains '/'");
  EXPECT_EQ(role_name_problem("a\\b"), "contains '\\'");
  EXPECT_EQ(role_name_problem("web server"), "contains a blank");
  EXPECT_EQ(role_name_problem(std::string("a\x1b[31m", 6)), "contains the control byte 0x1B");
  EXPECT_EQ(role_name_problem(std::string("a\0b", 3)), "contains the control byte 0x00");
  EXPECT_EQ(role_name_problem("a\xff"), "contains invalid UTF-8 at byte 2");
  EXPECT_EQ(role_name_problem("\xc0\xaf"), "contains invalid UTF-8 at byte 1");  // overlong '/'
  EXPECT_EQ(role_name_problem("\xed\xa0\x80"), "contains invalid UTF-8 at byte 1");  // surrogate
  EXPECT_EQ(role_name_problem(std::string(129, 'r')), "is 129 bytes long (at most 128)");
  EXPECT_EQ(role_name_problem(std::string(128, 'r')), "");
}

TEST(RoleName, PrintableFormEscapesControlBytesAndIsCut) {
  EXPECT_EQ(printable_role_name(std::string("a\x1b[31m\xff", 7)), "a\\x1B[31m\\xFF");
  EXPECT_EQ(printable_role_name(std::string(100, 'r')), std::string(80, 'r') + "...");
}

TEST(RoleName, BadNameFromCustomProcessPatternIsAPlanErrorWithLocation) {
  auto config = troupe::plan::testing::three_platform_config();
  config.process_patterns = {R"(^on (?<name>[^:]+): (?<rest>.+)$)"};
  const auto pickle = troupe::plan::testing::PickleBuilder("s")
                          .given("on ../../tmp/x: listens")
                          .when("on web server: starts")
                          .then("on client: connects")
                          .shared();
  try {
    troupe::plan::build_plan(config, {pickle}, {});
    FAIL() << "build_plan accepted bad process names";
  } catch (const troupe::plan::PlanError& error) {
    ASSERT_EQ(error.messages.size(), 2u);
    EXPECT_EQ(error.messages[0],
              "features/a.feature:4:5: step 'on ../../tmp/x: listens': the process name "
              "'../../tmp/x' found by processPatterns contains '/'; a process name is at most 128 "
              "bytes of UTF-8 without '/', '\\', blanks or control characters");
    EXPECT_EQ(error.messages[1].rfind("features/a.feature:5:5: step 'on web server: starts': the "
                                      "process name 'web server' found by processPatterns "
                                      "contains a blank;",
                                      0),
              0u)
        << error.messages[1];
  }
}

}  // namespace
