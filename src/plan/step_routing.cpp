#include "plan/step_routing.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "plan/builtin_step.hpp"
#include "plan/role_name.hpp"
#include "plan/source_location.hpp"

namespace troupe::plan {

namespace {

std::optional<StepType> step_type_of(gherkin::PickleStepType type) {
  switch (type) {
    case gherkin::PickleStepType::Context:
      return StepType::Given;
    case gherkin::PickleStepType::Action:
      return StepType::When;
    case gherkin::PickleStepType::Outcome:
      return StepType::Then;
    case gherkin::PickleStepType::Unknown:
      break;
  }
  return std::nullopt;
}

bool is_conjunction(gherkin::KeywordType keyword_type) {
  return keyword_type == gherkin::KeywordType::Conjunction ||
         keyword_type == gherkin::KeywordType::Unknown;
}

// What a step found before routing: a built-in, a process context, or neither.
struct StepFacts {
  std::optional<BuiltinStep> builtin;
  std::optional<ProcessContext> context;
};

}  // namespace

RoutedPickle route_pickle(const gherkin::Pickle& pickle, const ProcessMatcher& matcher,
                          std::vector<std::string>& problems) {
  RoutedPickle routed;
  std::vector<StepFacts> facts;
  facts.reserve(pickle.steps.size());
  for (const gherkin::PickleStep& step : pickle.steps) {
    StepFacts fact;
    try {
      fact.builtin = match_builtin_step(step.text);
    } catch (const std::out_of_range& error) {
      problems.push_back(fmt::format("{}: step '{}': {}",
                                     format_location(pickle.uri, step.location), step.text,
                                     error.what()));
    }
    if (fact.builtin) {
      if (!fact.builtin->role.empty()) routed.roles.push_back(fact.builtin->role);
    } else {
      if (matcher.has_custom_patterns() && step.text.size() > kMaxCustomMatchLength) {
        problems.push_back(fmt::format(
            "{}: step text of {} bytes is too long for the config's processPatterns (at most {})",
            format_location(pickle.uri, step.location), step.text.size(), kMaxCustomMatchLength));
      }
      fact.context = matcher.match(step.text);
      if (fact.context) {
        if (const std::string why = role_name_problem(fact.context->name); !why.empty()) {
          problems.push_back(fmt::format(
              "{}: step '{}': the process name '{}' found by processPatterns {}; a process name is "
              "at most {} bytes of UTF-8 without '/', '\\', blanks or control characters",
              format_location(pickle.uri, step.location), step.text,
              printable_role_name(fact.context->name), why, kMaxRoleNameBytes));
          fact.context.reset();
        } else {
          routed.roles.push_back(fact.context->name);
        }
      }
    }
    facts.push_back(std::move(fact));
  }
  std::sort(routed.roles.begin(), routed.roles.end());
  routed.roles.erase(std::unique(routed.roles.begin(), routed.roles.end()), routed.roles.end());

  // Where the previous step went, for And/But/* steps without a context: a role, or every
  // role (empty) once a broadcast happened. Nothing before the first step.
  std::optional<std::string> previous_target;
  std::optional<StepType> previous_type;
  for (std::size_t i = 0; i < pickle.steps.size(); ++i) {
    const gherkin::PickleStep& step = pickle.steps[i];
    const StepFacts& fact = facts[i];
    PlannedStep planned;
    planned.pickle_step_id = step.id;
    planned.keyword = step.keyword;
    planned.text = step.text;
    planned.stripped = step.text;
    planned.location = step.location;
    planned.argument = step.argument;
    planned.type = step_type_of(step.type).value_or(previous_type.value_or(StepType::Given));
    previous_type = planned.type;

    if (fact.builtin) {
      planned.action = fact.builtin->action;
      planned.role = fact.builtin->role;
      planned.wait_ms = fact.builtin->wait_ms;
      if (!fact.builtin->role.empty()) {
        planned.stripped = fact.builtin->rest;
        previous_target = fact.builtin->role;
      }
    } else if (fact.context) {
      planned.action = StepAction::Send;
      planned.role = fact.context->name;
      planned.stripped = fact.context->rest;
      previous_target = planned.role;
    } else if (routed.roles.empty()) {
      planned.action = StepAction::NoProcess;
    } else if (!step.from_background && is_conjunction(step.keyword_type) && previous_target &&
               !previous_target->empty()) {
      planned.action = StepAction::Send;
      planned.role = *previous_target;
    } else {
      planned.action = StepAction::Broadcast;
      previous_target = std::string();
    }
    routed.steps.push_back(std::move(planned));
  }
  return routed;
}

}  // namespace troupe::plan
