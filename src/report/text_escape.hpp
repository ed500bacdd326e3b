#pragma once
// Making arbitrary process output safe for the documents the reports write.
#include <string>
#include <string_view>

namespace troupe::report {

// XML 1.0 forbids most control characters even when escaped: they become "\xNN".
std::string xml_safe(std::string_view text);

// For HTML text and attribute values: & < > " ' escaped, control characters as in xml_safe.
std::string html_escape(std::string_view text);

// For a terminal: text from servos and feature files cannot move the cursor, clear the screen,
// set the title or ring the bell. C0/C1 controls (but newline and tab), DEL and invalid UTF-8
// become "\xNN"; a carriage return before a newline or at the end is dropped.
std::string terminal_safe(std::string_view text);

// For JSON embedded in a <script> element: "</" cannot end the element early.
std::string script_safe_json(std::string_view json_text);

}  // namespace troupe::report
