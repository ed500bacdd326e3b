# Frames written by one implementation and read by another: every pair of cpp, python and node.
@platform:linux,macos
Feature: Framed messages over a Unix domain socket
  The reader creates the endpoint and accepts in the background; the writer connects. Every
  frame carries a sequence number and a CRC-32 of its payload, and its payload bytes follow
  from its sequence number, so the reader checks each frame completely.

  Background:
    Given the 'reader' process creates the endpoint
    And the 'writer' process connects to the endpoint

  Scenario: Simple exchange
    When the 'writer' process writes frame with size 1024
    Then the 'reader' process should read frame with size 1024

  Scenario: Many frames arrive in order
    When the 'writer' process writes 100 frames of size 512
    Then the 'reader' process should read 100 frames in order

  Scenario: A 1 MB frame keeps its checksum
    When the 'writer' process writes frame with size 1048576
    Then the 'reader' process should read frame with size 1048576 and checksum '0xdbda0728'

  Scenario: An empty frame
    When the 'writer' process writes frame with size 0
    Then the 'reader' process should read frame with size 0 and checksum '0x00000000'

  Scenario Outline: Frames of size <size>
    When the 'writer' process writes frame with size <size>
    Then the 'reader' process should read frame with size <size>

    Examples:
      | size   |
      | 1      |
      | 255    |
      | 4096   |
      | 65537  |
      | 300000 |

  Scenario: A table of frames
    When the 'writer' process writes frames:
      | size  |
      | 10    |
      | 0     |
      | 70000 |
      | 3     |
    Then the 'reader' process should read frames:
      | sequence | size  |
      | 1        | 10    |
      | 2        | 0     |
      | 3        | 70000 |
      | 4        | 3     |
