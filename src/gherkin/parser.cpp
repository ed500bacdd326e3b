#include "gherkin/parser.hpp"

#include <array>
#include <string>

#include "gherkin/ast_builder.hpp"
#include "gherkin/text.hpp"
#include "gherkin/token_scanner.hpp"

namespace troupe::gherkin {
namespace {

// A tag line is ambiguous; these look past it for what it belongs to.
enum class Lookahead { None, Scenario, Examples };

struct Transition {
  TokenType token;
  int next;
  RuleType end_until = RuleType::None;  // close rules until this one is on top
  std::array<RuleType, 3> start{RuleType::None, RuleType::None, RuleType::None};
  Lookahead lookahead = Lookahead::None;
};

struct State {
  std::vector<Transition> transitions;
  std::string expected;  // "#EOF, #Comment, ..." in the order tokens are tried
};

// States for the parts that exist both directly under the Feature and inside a Rule.
// A step takes a data table, a doc string, or both in either order (the "_2"
// states are for the second argument).
struct LevelStates {
  int bg_header, bg_description, bg_step, bg_table, bg_doc, bg_doc_end, bg_table_2, bg_doc_2,
      bg_doc_end_2;
  int sc_tags, sc_header, sc_description, sc_step, sc_table, sc_doc, sc_doc_end, sc_table_2,
      sc_doc_2, sc_doc_end_2;
  int ex_tags, ex_header, ex_description, ex_table;
};
constexpr int kLevelStateCount = 23;

enum : int {
  kStart,
  kLanguage,
  kFeatureTags,
  kFeatureHeader,
  kFeatureDescription,
  kRuleTags,
  kRuleHeader,
  kRuleDescription,
  kFeatureLevel,                                  // the LevelStates under the Feature
  kRuleLevel = kFeatureLevel + kLevelStateCount,  // the LevelStates inside a Rule
  kEnd = kRuleLevel + kLevelStateCount,
  kStateCount,
};

LevelStates level_states(int base) {
  int n = base;
  LevelStates s{};
  for (int* field : {&s.bg_header,  &s.bg_description, &s.bg_step,  &s.bg_table,     &s.bg_doc,
                     &s.bg_doc_end, &s.bg_table_2,     &s.bg_doc_2, &s.bg_doc_end_2, &s.sc_tags,
                     &s.sc_header,  &s.sc_description, &s.sc_step,  &s.sc_table,     &s.sc_doc,
                     &s.sc_doc_end, &s.sc_table_2,     &s.sc_doc_2, &s.sc_doc_end_2, &s.ex_tags,
                     &s.ex_header,  &s.ex_description, &s.ex_table})
    *field = n++;
  return s;
}

using T = TokenType;
using R = RuleType;

Transition go(T token, int next, R end_until = R::None,
              std::array<R, 3> start = {R::None, R::None, R::None},
              Lookahead lookahead = Lookahead::None) {
  return {token, next, end_until, start, lookahead};
}

std::vector<State> build_states() {
  std::vector<State> states(kStateCount);
  const Transition eof = go(T::EndOfFile, kEnd, R::GherkinDocument);
  auto stay = [](T token, int self) { return go(token, self); };

  auto container_continuation = [](R container, const LevelStates& l) {
    return std::vector<Transition>{
        go(T::TagLine, l.sc_tags, container, {R::ScenarioDefinition, R::Tags}, Lookahead::Scenario),
        go(T::TagLine, kRuleTags, R::Feature, {R::Rule, R::RuleHeader, R::Tags}),
        go(T::ScenarioLine, l.sc_header, container, {R::ScenarioDefinition, R::Scenario}),
        go(T::RuleLine, kRuleHeader, R::Feature, {R::Rule, R::RuleHeader}),
    };
  };
  auto scenario_continuation = [](R container, const LevelStates& l) {
    return std::vector<Transition>{
        go(T::TagLine, l.ex_tags, R::Scenario, {R::ExamplesDefinition, R::Tags},
           Lookahead::Examples),
        go(T::TagLine, l.sc_tags, container, {R::ScenarioDefinition, R::Tags}, Lookahead::Scenario),
        go(T::TagLine, kRuleTags, R::Feature, {R::Rule, R::RuleHeader, R::Tags}),
        go(T::ExamplesLine, l.ex_header, R::Scenario, {R::ExamplesDefinition, R::Examples}),
        go(T::ScenarioLine, l.sc_header, container, {R::ScenarioDefinition, R::Scenario}),
        go(T::RuleLine, kRuleHeader, R::Feature, {R::Rule, R::RuleHeader}),
    };
  };
  auto define = [&](int state, std::initializer_list<std::vector<Transition>> parts) {
    for (const auto& part : parts)
      states[state].transitions.insert(states[state].transitions.end(), part.begin(), part.end());
  };
  auto one = [](Transition t) { return std::vector<Transition>{t}; };

  define(kStart,
         {one(eof), one(go(T::Language, kLanguage, R::None, {R::Feature, R::FeatureHeader})),
          one(go(T::TagLine, kFeatureTags, R::None, {R::Feature, R::FeatureHeader, R::Tags})),
          one(go(T::FeatureLine, kFeatureHeader, R::None, {R::Feature, R::FeatureHeader})),
          one(stay(T::Comment, kStart)), one(stay(T::Empty, kStart))});
  define(kLanguage, {one(go(T::TagLine, kFeatureTags, R::None, {R::Tags})),
                     one(go(T::FeatureLine, kFeatureHeader)), one(stay(T::Comment, kLanguage)),
                     one(stay(T::Empty, kLanguage))});
  define(kFeatureTags, {one(stay(T::TagLine, kFeatureTags)),
                        one(go(T::FeatureLine, kFeatureHeader, R::FeatureHeader)),
                        one(stay(T::Comment, kFeatureTags)), one(stay(T::Empty, kFeatureTags))});
  define(kRuleTags,
         {one(stay(T::TagLine, kRuleTags)), one(go(T::RuleLine, kRuleHeader, R::RuleHeader)),
          one(stay(T::Comment, kRuleTags)), one(stay(T::Empty, kRuleTags))});

  // A header line (Feature, Rule) followed by an optional description, then a Background.
  auto header = [&](int header_state, int description_state, R container, const LevelStates& l) {
    auto bg = go(T::BackgroundLine, l.bg_header, container, {R::Background});
    define(header_state, {one(eof), one(go(T::Empty, description_state, R::None, {R::Description})),
                          one(go(T::Comment, description_state, R::None, {R::Description})),
                          one(bg), container_continuation(container, l),
                          one(go(T::Other, description_state, R::None, {R::Description}))});
    define(
        description_state,
        {one(eof), one(stay(T::Empty, description_state)), one(stay(T::Comment, description_state)),
         one(bg), container_continuation(container, l), one(stay(T::Other, description_state))});
  };

  auto level = [&](R container, const LevelStates& l) {
    // Background
    auto bg_step = go(T::StepLine, l.bg_step, R::Background, {R::Step});
    auto bg_cont = container_continuation(container, l);
    define(l.bg_header,
           {one(eof), one(go(T::Empty, l.bg_description, R::None, {R::Description})),
            one(go(T::Comment, l.bg_description, R::None, {R::Description})), one(bg_step), bg_cont,
            one(go(T::Other, l.bg_description, R::None, {R::Description}))});
    define(l.bg_description, {one(eof), one(stay(T::Empty, l.bg_description)),
                              one(stay(T::Comment, l.bg_description)), one(bg_step), bg_cont,
                              one(stay(T::Other, l.bg_description))});
    define(l.bg_step,
           {one(eof), one(go(T::TableRow, l.bg_table, R::None, {R::DataTable})),
            one(go(T::DocStringSeparator, l.bg_doc, R::None, {R::DocString})), one(bg_step),
            bg_cont, one(stay(T::Comment, l.bg_step)), one(stay(T::Empty, l.bg_step))});
    define(l.bg_table,
           {one(eof), one(stay(T::TableRow, l.bg_table)),
            one(go(T::DocStringSeparator, l.bg_doc_2, R::Step, {R::DocString})), one(bg_step),
            bg_cont, one(stay(T::Comment, l.bg_table)), one(stay(T::Empty, l.bg_table))});
    define(l.bg_doc, {one(go(T::DocStringSeparator, l.bg_doc_end)), one(stay(T::Other, l.bg_doc))});
    define(l.bg_doc_end,
           {one(eof), one(go(T::TableRow, l.bg_table_2, R::Step, {R::DataTable})), one(bg_step),
            bg_cont, one(stay(T::Comment, l.bg_doc_end)), one(stay(T::Empty, l.bg_doc_end))});
    define(l.bg_table_2, {one(eof), one(stay(T::TableRow, l.bg_table_2)), one(bg_step), bg_cont,
                          one(stay(T::Comment, l.bg_table_2)), one(stay(T::Empty, l.bg_table_2))});
    define(l.bg_doc_2,
           {one(go(T::DocStringSeparator, l.bg_doc_end_2)), one(stay(T::Other, l.bg_doc_2))});
    define(l.bg_doc_end_2, {one(eof), one(bg_step), bg_cont, one(stay(T::Comment, l.bg_doc_end_2)),
                            one(stay(T::Empty, l.bg_doc_end_2))});
    // Scenario
    auto sc_step = go(T::StepLine, l.sc_step, R::Scenario, {R::Step});
    auto sc_cont = scenario_continuation(container, l);
    define(l.sc_tags, {one(stay(T::TagLine, l.sc_tags)),
                       one(go(T::ScenarioLine, l.sc_header, R::ScenarioDefinition, {R::Scenario})),
                       one(stay(T::Comment, l.sc_tags)), one(stay(T::Empty, l.sc_tags))});
    define(l.sc_header,
           {one(eof), one(go(T::Empty, l.sc_description, R::None, {R::Description})),
            one(go(T::Comment, l.sc_description, R::None, {R::Description})), one(sc_step), sc_cont,
            one(go(T::Other, l.sc_description, R::None, {R::Description}))});
    define(l.sc_description, {one(eof), one(stay(T::Empty, l.sc_description)),
                              one(stay(T::Comment, l.sc_description)), one(sc_step), sc_cont,
                              one(stay(T::Other, l.sc_description))});
    define(l.sc_step,
           {one(eof), one(go(T::TableRow, l.sc_table, R::None, {R::DataTable})),
            one(go(T::DocStringSeparator, l.sc_doc, R::None, {R::DocString})), one(sc_step),
            sc_cont, one(stay(T::Comment, l.sc_step)), one(stay(T::Empty, l.sc_step))});
    define(l.sc_table,
           {one(eof), one(stay(T::TableRow, l.sc_table)),
            one(go(T::DocStringSeparator, l.sc_doc_2, R::Step, {R::DocString})), one(sc_step),
            sc_cont, one(stay(T::Comment, l.sc_table)), one(stay(T::Empty, l.sc_table))});
    define(l.sc_doc, {one(go(T::DocStringSeparator, l.sc_doc_end)), one(stay(T::Other, l.sc_doc))});
    define(l.sc_doc_end,
           {one(eof), one(go(T::TableRow, l.sc_table_2, R::Step, {R::DataTable})), one(sc_step),
            sc_cont, one(stay(T::Comment, l.sc_doc_end)), one(stay(T::Empty, l.sc_doc_end))});
    define(l.sc_table_2, {one(eof), one(stay(T::TableRow, l.sc_table_2)), one(sc_step), sc_cont,
                          one(stay(T::Comment, l.sc_table_2)), one(stay(T::Empty, l.sc_table_2))});
    define(l.sc_doc_2,
           {one(go(T::DocStringSeparator, l.sc_doc_end_2)), one(stay(T::Other, l.sc_doc_2))});
    define(l.sc_doc_end_2, {one(eof), one(sc_step), sc_cont, one(stay(T::Comment, l.sc_doc_end_2)),
                            one(stay(T::Empty, l.sc_doc_end_2))});
    // Examples
    define(l.ex_tags, {one(stay(T::TagLine, l.ex_tags)),
                       one(go(T::ExamplesLine, l.ex_header, R::ExamplesDefinition, {R::Examples})),
                       one(stay(T::Comment, l.ex_tags)), one(stay(T::Empty, l.ex_tags))});
    define(l.ex_header, {one(eof), one(go(T::Empty, l.ex_description, R::None, {R::Description})),
                         one(go(T::Comment, l.ex_description, R::None, {R::Description})),
                         one(go(T::TableRow, l.ex_table, R::None, {R::ExamplesTable})), sc_cont,
                         one(go(T::Other, l.ex_description, R::None, {R::Description}))});
    define(l.ex_description, {one(eof), one(stay(T::Empty, l.ex_description)),
                              one(stay(T::Comment, l.ex_description)),
                              one(go(T::TableRow, l.ex_table, R::Examples, {R::ExamplesTable})),
                              sc_cont, one(stay(T::Other, l.ex_description))});
    define(l.ex_table, {one(eof), one(stay(T::TableRow, l.ex_table)), sc_cont,
                        one(stay(T::Comment, l.ex_table)), one(stay(T::Empty, l.ex_table))});
  };

  const LevelStates feature_level = level_states(kFeatureLevel);
  const LevelStates rule_level = level_states(kRuleLevel);
  header(kFeatureHeader, kFeatureDescription, R::Feature, feature_level);
  header(kRuleHeader, kRuleDescription, R::Rule, rule_level);
  level(R::Feature, feature_level);
  level(R::Rule, rule_level);

  for (auto& state : states) {
    std::vector<T> seen;
    for (const auto& t : state.transitions) {
      bool duplicate = false;
      for (T s : seen) duplicate = duplicate || s == t.token;
      if (duplicate) continue;
      seen.push_back(t.token);
      if (!state.expected.empty()) state.expected += ", ";
      state.expected += token_type_name(t.token);
    }
  }
  return states;
}

const std::vector<State>& states() {
  static const std::vector<State> table = build_states();
  return table;
}

// Raised when more than 10 errors were collected: the reference gives up there.
struct TooManyErrors {};

class Parser {
 public:
  Parser(std::string_view source, TokenMatcher& matcher, IdGenerator& ids)
      : scanner_(source), matcher_(matcher), builder_(ids) {}

  ParseResult run() {
    ParseResult result;
    try {
      start_rule(R::GherkinDocument);
      int state = kStart;
      while (true) {
        Token token = read_token();
        bool eof = token.eof;
        state = match_token(state, token);
        if (eof) break;
      }
      end_until(R::None);
    } catch (const TooManyErrors&) {
    }
    result.errors = std::move(errors_);
    if (result.errors.empty()) result.document = builder_.take_result();
    return result;
  }

 private:
  Token read_token() {
    if (queue_head_ < queue_.size()) {
      Token token = std::move(queue_[queue_head_++]);
      if (queue_head_ == queue_.size()) {
        queue_.clear();
        queue_head_ = 0;
      }
      return token;
    }
    return scanner_.read();
  }

  void add_error(GherkinError error) {
    for (const auto& e : errors_)
      if (e.message == error.message) return;
    errors_.push_back(std::move(error));
    if (errors_.size() > 10) throw TooManyErrors{};
  }

  bool match(T type, Token& token) {
    if (token.eof && type != T::EndOfFile) return false;
    try {
      switch (type) {
        case T::EndOfFile:
          return matcher_.match_eof(token);
        case T::Empty:
          return matcher_.match_empty(token);
        case T::Comment:
          return matcher_.match_comment(token);
        case T::TagLine:
          return matcher_.match_tag_line(token);
        case T::FeatureLine:
          return matcher_.match_feature_line(token);
        case T::RuleLine:
          return matcher_.match_rule_line(token);
        case T::BackgroundLine:
          return matcher_.match_background_line(token);
        case T::ScenarioLine:
          return matcher_.match_scenario_line(token);
        case T::ExamplesLine:
          return matcher_.match_examples_line(token);
        case T::StepLine:
          return matcher_.match_step_line(token);
        case T::DocStringSeparator:
          return matcher_.match_doc_string_separator(token);
        case T::TableRow:
          return matcher_.match_table_row(token);
        case T::Language:
          return matcher_.match_language(token);
        case T::Other:
          return matcher_.match_other(token);
        case T::None:
          return false;
      }
    } catch (const GherkinException& e) {
      add_error(e.error);
    }
    return false;
  }

  bool lookahead(Lookahead kind) {
    const T wanted = kind == Lookahead::Scenario ? T::ScenarioLine : T::ExamplesLine;
    for (std::size_t i = queue_head_;; ++i) {
      if (i == queue_.size()) queue_.push_back(scanner_.read());
      Token& token = queue_[i];
      if (match(wanted, token)) return true;
      if (!(match(T::Empty, token) || match(T::Comment, token) || match(T::TagLine, token)))
        return false;
    }
  }

  void start_rule(R rule) {
    try {
      builder_.start_rule(rule);
    } catch (const GherkinException& e) {
      add_error(e.error);
    }
  }

  void end_until(R rule) {
    while (builder_.depth() > 1 && builder_.current_rule() != rule) {
      try {
        builder_.end_rule();
      } catch (const GherkinException& e) {
        add_error(e.error);
      }
    }
  }

  int match_token(int state_index, Token& token) {
    const State& state = states()[state_index];
    for (const auto& t : state.transitions) {
      if (!match(t.token, token)) continue;
      if (t.lookahead != Lookahead::None && !lookahead(t.lookahead)) continue;
      if (t.end_until != R::None) end_until(t.end_until);
      for (R rule : t.start)
        if (rule != R::None) start_rule(rule);
      builder_.build(std::move(token));
      return t.next;
    }
    if (token.eof) {
      add_error(make_error(token.location, "unexpected end of file, expected: " + state.expected));
    } else {
      add_error(make_error({token.line.number(), token.line.indent() + 1},
                           "expected: " + state.expected + ", got '" +
                               std::string(text::trim(token.line.trimmed())) + "'"));
    }
    return state_index;
  }

  TokenScanner scanner_;
  TokenMatcher& matcher_;
  AstBuilder builder_;
  // Lookahead tokens not yet consumed, from queue_head_ on. A vector that keeps
  // its capacity: a deque allocated a block per tag line (speed).
  std::vector<Token> queue_;
  std::size_t queue_head_ = 0;
  std::vector<GherkinError> errors_;
};

}  // namespace

ParseResult parse_document(std::string_view source, TokenMatcher& matcher, IdGenerator& ids) {
  return Parser(source, matcher, ids).run();
}

}  // namespace troupe::gherkin
