#pragma once
// Compiles a GherkinDocument into pickles exactly as Cucumber does: one per
// scenario and one per example row of an outline, background steps first,
// tags inherited feature -> rule -> scenario -> examples, `<name>` substituted.
#include <string>
#include <vector>

#include "gherkin/ast.hpp"
#include "gherkin/id_generator.hpp"
#include "gherkin/pickle.hpp"

namespace troupe::gherkin {

std::vector<Pickle> compile_pickles(const GherkinDocument& document, const std::string& uri,
                                    IdGenerator& ids);

}  // namespace troupe::gherkin
