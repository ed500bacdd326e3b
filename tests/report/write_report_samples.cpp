// Writes every report format for the synthetic run into a folder, for the checker tests:
//   write_report_samples OUT_DIR
// -> pretty.txt progress.txt summary.txt report.xml messages.ndjson report.html rerun.txt
//    and test-case-names.txt
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

#include "report/event_fanout.hpp"
#include "report/formatter_factory.hpp"
#include "synthetic_run.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  try {
    using namespace troupe::report;
    const FormatterContext ctx{.color = false,
                               .verbose = false,
                               .is_tty = false,
                               .jobs = 2,
                               .troupe_version = "0.1.0-test"};
    EventFanout fanout;
    for (const char* spec :
         {"pretty:pretty.txt", "progress:progress.txt", "summary:summary.txt", "junit:report.xml",
          "message:messages.ndjson", "html:report.html", "rerun:rerun.txt"}) {
      FormatSpec parsed = parse_format_spec(spec);
      parsed.path = dir + "/" + parsed.path;
      fanout.own(make_formatter(parsed, ctx));
    }
    const auto run = testing::make_synthetic_run();
    run.replay(fanout);
    // The names every report must show, for the checkers.
    std::FILE* names = std::fopen((dir + "/test-case-names.txt").c_str(), "w");
    if (!names) throw std::runtime_error("cannot write " + dir + "/test-case-names.txt");
    for (const auto& tc : run.plan.test_cases) std::fprintf(names, "%s\n", tc.name.c_str());
    std::fclose(names);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "write_report_samples: %s\n", e.what());
    return 1;
  }
  return 0;
}
