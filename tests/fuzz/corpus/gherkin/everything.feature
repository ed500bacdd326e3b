# language: en
@feature-tag
Feature: Everything
  Description line

  Background:
    Given the 'reader' process creates buffer 'b1'

  Rule: a rule
    @rule-tag
    Scenario Outline: outline <x>
      When the 'writer' process writes '<x>'
        | a | b \| c |
        | 1 | 2     |
      Then the 'reader' process reads:
        """json
        {"x": <x>}
        """

      @ex
      Examples: some
        | x |
        | 1 |
        | 2 |
