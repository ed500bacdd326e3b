# What each side sees when the other one dies, and a reader that comes back.
@platform:linux,macos
Feature: Surviving a crashed peer
  troupe's built-in steps kill a servo's whole process group at once (SIGKILL) and start a fresh
  one, so these scenarios see what a real crash leaves behind.

  Background:
    Given the 'reader' process creates the endpoint
    And the 'writer' process connects to the endpoint

  Scenario: The writer is killed mid-stream
    When the 'writer' process starts streaming frames of size 65536
    And the 'reader' process should read 5 frames in order
    And the 'writer' process is killed
    Then the 'reader' process should see the end of the stream

  Scenario: The reader is killed
    When the 'writer' process writes frame with size 100
    And the 'reader' process should read frame with size 100
    And the 'reader' process is killed
    Then the 'writer' process should see a broken pipe when writing

  Scenario: The reader restarts and the writer reconnects
    When the 'writer' process writes frame with size 64
    And the 'reader' process should read frame with size 64
    And the 'reader' process is killed
    And the 'reader' process starts
    And the 'reader' process creates the endpoint
    And the 'writer' process reconnects to the endpoint
    And the 'writer' process writes 3 frames of size 128
    Then the 'reader' process should read 3 frames in order
