#include "report/text_escape.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

using troupe::report::terminal_safe;

TEST(TerminalSafe, KeepsPrintableTextNewlinesTabsAndUtf8) {
  EXPECT_EQ(terminal_safe("frame 7\tok\nnext: é 服务 🙂"), "frame 7\tok\nnext: é 服务 🙂");
}

TEST(TerminalSafe, EscapesEverythingThatDrivesATerminal) {
  EXPECT_EQ(terminal_safe("\x1b[2J\x1b]0;title\x07"), "\\x1B[2J\\x1B]0;title\\x07");
  EXPECT_EQ(terminal_safe(std::string("a\0b\x7f", 4)), "a\\x00b\\x7F");
  EXPECT_EQ(terminal_safe("\xc2\x9b" "31m"), "\\xC2\\x9B31m");  // C1 CSI
  EXPECT_EQ(terminal_safe("bad \xff\xfe utf8 \xe2\x82"), "bad \\xFF\\xFE utf8 \\xE2\\x82");
  EXPECT_EQ(terminal_safe("over\rwrite"), "over\\x0Dwrite");
}

TEST(TerminalSafe, DropsCarriageReturnsOfWindowsLineEnds) {
  EXPECT_EQ(terminal_safe("one\r\ntwo\r"), "one\ntwo");
}

}  // namespace
