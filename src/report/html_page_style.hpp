#pragma once
// The fixed CSS and JS inlined into the HTML report.
namespace troupe::report {
extern const char* const kHtmlReportCss;
extern const char* const kHtmlReportScript;
}  // namespace troupe::report
