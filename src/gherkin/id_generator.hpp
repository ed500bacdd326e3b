#pragma once
// Ids for AST nodes and pickles: "0", "1", ... from one counter, so the AST and
// the pickles of every file parsed with the same generator never collide.
#include <cstdint>
#include <string>

namespace troupe::gherkin {

class IdGenerator {
 public:
  std::string next() { return std::to_string(next_++); }

 private:
  std::uint64_t next_ = 0;
};

}  // namespace troupe::gherkin
