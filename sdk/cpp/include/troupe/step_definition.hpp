#pragma once
// A registered step: its pattern, where it was defined, and how to call it with typed arguments.
#include <functional>
#include <optional>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>

#include "troupe/argument_conversion.hpp"
#include "troupe/callable_traits.hpp"
#include "troupe/cucumber_expressions/argument.hpp"
#include "troupe/step.hpp"

namespace troupe {

// Marks a step pattern as a regular expression (patterns starting with ^ or ending with $ are too).
struct Regex {
  std::string pattern;
};

using StepInvoker = std::function<void(Step&, const std::vector<cucumber_expressions::Argument>&)>;
using StepMatcher =
    std::function<std::optional<std::vector<cucumber_expressions::Argument>>(const std::string&)>;

struct StepDefinition {
  std::string type;  // given, when, then or any
  std::string pattern;
  bool is_regex = false;
  std::string location;  // file:line of the registration
  StepMatcher match;
  StepInvoker invoke;
};

namespace detail {

template <class F, class Arguments, bool TakesStep, std::size_t... I>
void call_step(F& function, Step& step, const std::vector<cucumber_expressions::Argument>& args,
               std::index_sequence<I...>) {
  constexpr std::size_t first = TakesStep ? 1 : 0;
  // Braced initialisation converts the arguments left to right.
  std::tuple<std::remove_cvref_t<std::tuple_element_t<first + I, Arguments>>...> values{
      convert_argument<std::remove_cvref_t<std::tuple_element_t<first + I, Arguments>>>(args[I],
                                                                                        I + 1)...};
  auto call = [&] {
    if constexpr (TakesStep) {
      return function(step, std::get<I>(values)...);
    } else {
      return function(std::get<I>(values)...);
    }
  };
  using Result = decltype(call());
  if constexpr (std::is_void_v<Result>) {
    call();
  } else {
    static_assert(std::is_constructible_v<nlohmann::json, Result>,
                  "troupe: a step function returns void or a value convertible to nlohmann::json "
                  "(sent back as `data`)");
    step.data = call();
  }
}

template <class F>
struct StepFunction {
  using Arguments = typename callable_traits<F>::arguments;
  static constexpr std::size_t arity = std::tuple_size_v<Arguments>;
  static constexpr bool takes_step = [] {
    if constexpr (arity == 0) {
      return false;
    } else {
      return std::is_same_v<std::remove_cvref_t<std::tuple_element_t<0, Arguments>>, Step>;
    }
  }();
  static constexpr std::size_t value_parameters = arity - (takes_step ? 1 : 0);
};

// Wraps a typed step function into an invoker; `value_parameters` tells how many captures it wants.
template <class F>
StepInvoker make_invoker(F function, std::size_t& value_parameters) {
  using Traits = StepFunction<F>;
  value_parameters = Traits::value_parameters;
  return [function = std::move(function)](
             Step& step, const std::vector<cucumber_expressions::Argument>& args) mutable {
    if (args.size() != Traits::value_parameters) {
      throw ArgumentError("the pattern captured " + std::to_string(args.size()) +
                          " arguments but the step function takes " +
                          std::to_string(Traits::value_parameters));
    }
    call_step<F, typename Traits::Arguments, Traits::takes_step>(
        function, step, args, std::make_index_sequence<Traits::value_parameters>{});
  };
}

}  // namespace detail
}  // namespace troupe
