# Waiting is bounded: a read without a writer ends when the scenario says so.
@platform:linux,macos
Feature: Reading without a writer

  @timeout:5000
  Scenario: A read with no writer times out
    Given the 'reader' process creates the endpoint
    Then the 'reader' process should time out reading a frame after 300 ms
