// The troupe-only pickle fields later stages rely on, and the shared id counter.
#include <gtest/gtest.h>

#include "gherkin/gherkin.hpp"

using namespace troupe::gherkin;

namespace {

constexpr const char* kFeature = R"(@f
Feature: Buffers
  Background:
    Given the 'reader' process starts

  Rule: sharing
    Background:
      * the 'writer' process starts

    @s
    Scenario Outline: write <size> bytes
      When the 'writer' process writes <size> bytes
      And the 'reader' process reads "<size>"

      @e
      Examples:
        | size | other |
        | 1024 | x     |
        | 2048 | y     |
)";

TEST(GherkinPickles, CarryTroupeFields) {
  IdGenerator ids;
  auto parsed = parse_feature("buffers.feature", kFeature, ids);
  ASSERT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.pickles.size(), 2u);
  const Pickle& p = parsed.pickles[1];
  EXPECT_EQ(p.name, "write 2048 bytes");
  EXPECT_EQ(p.feature_name, "Buffers");
  EXPECT_EQ(p.rule_name, "sharing");
  EXPECT_EQ(p.scenario_location.line, 11);
  EXPECT_EQ(p.location.line, 19);
  ASSERT_EQ(p.example_values.size(), 2u);
  EXPECT_EQ(p.example_values[0], (std::pair<std::string, std::string>{"size", "2048"}));
  ASSERT_EQ(p.steps.size(), 4u);
  EXPECT_TRUE(p.steps[0].from_background);
  EXPECT_TRUE(p.steps[1].from_background);
  EXPECT_FALSE(p.steps[2].from_background);
  EXPECT_EQ(p.steps[1].keyword, "* ");
  EXPECT_EQ(p.steps[1].keyword_type, KeywordType::Unknown);
  EXPECT_EQ(p.steps[3].keyword, "And ");
  EXPECT_EQ(p.steps[3].keyword_type, KeywordType::Conjunction);
  EXPECT_EQ(p.steps[3].type, PickleStepType::Action);  // And inherits When
  EXPECT_EQ(p.steps[3].text, "the 'reader' process reads \"2048\"");
  EXPECT_EQ(p.steps[2].location.line, 12);
  ASSERT_EQ(p.tags.size(), 3u);
  EXPECT_EQ(p.tags[0].name, "@f");
  EXPECT_EQ(p.tags[1].name, "@s");
  EXPECT_EQ(p.tags[2].name, "@e");
}

TEST(GherkinPickles, IdsAreSharedAcrossFilesAndIndependentOfOutput) {
  IdGenerator ids;
  auto first = parse_feature("a.feature", "Feature: a\n  Scenario: s\n    Given x\n", ids);
  auto second = parse_feature("b.feature", "Feature: b\n  Scenario: s\n    Given x\n", ids);
  // step 0, scenario 1, pickle step 2, pickle 3; then the next file goes on.
  EXPECT_EQ(first.pickles[0].id, "3");
  EXPECT_EQ(second.document->feature->children[0].scenario->steps[0].id, "4");
  EXPECT_EQ(second.pickles[0].id, "7");
  EXPECT_EQ(pickle_message(second.pickles[0])["astNodeIds"], nlohmann::json::parse(R"(["5"])"));
}

TEST(GherkinPickles, LanguageHeaderSwitchesKeywords) {
  IdGenerator ids;
  auto parsed = parse_feature(
      "fr.feature", "# language: fr\nFonctionnalité: f\n  Scénario: s\n    Soit x\n", ids);
  ASSERT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.pickles.size(), 1u);
  EXPECT_EQ(parsed.pickles[0].language, "fr");
  EXPECT_EQ(parsed.pickles[0].steps[0].type, PickleStepType::Context);
}

TEST(GherkinPickles, MarkdownFilesUseTheMarkdownMediaType) {
  IdGenerator ids;
  auto parsed = parse_feature("x.feature.md", "# Feature: f\n## Scenario: s\n* Given x\n", ids);
  ASSERT_TRUE(parsed.errors.empty());
  EXPECT_EQ(source_message(parsed)["mediaType"], kMarkdownMediaType);
  ASSERT_EQ(parsed.pickles.size(), 1u);
  EXPECT_EQ(parsed.pickles[0].steps[0].text, "x");
}

}  // namespace
