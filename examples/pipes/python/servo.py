"""The pipes servo in Python: the 'reader' and 'writer' steps of examples/pipes/features over
frame_channel, served to troupe with the Python servo SDK.

--fault corrupt-checksum makes the writer flip a bit of every frame's checksum: the
deliberately broken platform 'python-faulty' of examples/pipes/troupe-faulty.json.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "sdk", "python"))

import frame_channel  # noqa: E402
from troupe_servo import cleanup, given, run, then, when  # noqa: E402


class PipesState:
    def __init__(self):
        self.fault = None
        self.reader = None
        self.writer = None
        self.writer_endpoint = None
        self.writer_saw_broken_pipe = False
        self.last_connection = 0
        self.last_sequence = 0


state = PipesState()


def wait_budget_s(ctx):
    """A little less than troupe's step timeout, so a step fails with what it waited for."""
    timeout = ctx.timeout_ms if isinstance(ctx.timeout_ms, (int, float)) and ctx.timeout_ms > 0 else 30000
    budget = timeout - 500 if timeout > 1000 else timeout * 3 / 4
    return budget / 1000.0


def run_id_of(ctx):
    run_id = ctx.test_run_id or os.environ.get("TROUPE_RUN_ID")
    if not run_id:
        raise AssertionError("no test run id: initialize sent none and TROUPE_RUN_ID is unset")
    return run_id


def frame_size(size):
    if size < 0:
        raise AssertionError("a frame size cannot be negative: %d" % size)
    return size


def table_number(number, row, column):
    """A whole number from a data table cell, or a failure naming the row and column."""
    cell = row.get(column, "")
    if not cell.isdigit():
        raise AssertionError("row %d, column %s: %r is not a whole number" % (number, column, cell))
    return int(cell)


def require_reader():
    if state.reader is None:
        raise AssertionError("the reader has not created the endpoint yet")
    return state.reader


def require_writer():
    if state.writer is None:
        raise AssertionError("the writer is not connected to the endpoint")
    return state.writer


def next_frame(ctx, deadline):
    """The next frame, or a failure saying what came instead."""
    event = require_reader().next(deadline - time.monotonic())
    if event is None:
        raise AssertionError("no frame arrived within %d ms" % (wait_budget_s(ctx) * 1000))
    if event.kind == "error":
        raise AssertionError(event.message)
    if event.kind == "end":
        raise AssertionError("the stream ended before the expected frame"
                             + (" (%s)" % event.message if event.message else ""))
    if event.connection != state.last_connection:
        state.last_sequence = 0
    state.last_connection = event.connection
    state.last_sequence = event.sequence
    ctx.log.info("read frame %d: %d bytes, checksum %s", event.sequence, event.size,
                 frame_channel.hex32(event.checksum))
    return event


def expect_size(frame, size):
    assert frame.size == size, "frame %d has %d bytes, expected %d" % (frame.sequence, frame.size, size)


# --- reader -------------------------------------------------------------------------------


@given("creates the endpoint")
def create_endpoint(ctx):
    close_reader()
    endpoint = frame_channel.endpoint_path(run_id_of(ctx))
    try:
        state.reader = frame_channel.FrameReader(endpoint)
    except frame_channel.ChannelError as error:
        raise AssertionError(str(error))
    ctx.context["endpoint"] = endpoint
    ctx.log.info("listening on %s", endpoint)


@then("should read frame with size {int}")
def read_frame(ctx, size):
    frame = next_frame(ctx, time.monotonic() + wait_budget_s(ctx))
    expect_size(frame, frame_size(size))
    return {"sequence": frame.sequence, "size": frame.size, "checksum": frame_channel.hex32(frame.checksum)}


@then("should read frame with size {int} and checksum {string}")
def read_frame_with_checksum(ctx, size, checksum):
    frame = next_frame(ctx, time.monotonic() + wait_budget_s(ctx))
    expect_size(frame, frame_size(size))
    actual = frame_channel.hex32(frame.checksum)
    assert actual == checksum, "frame %d has checksum %s, expected %s" % (frame.sequence, actual, checksum)


@then("should read {int} frames in order")
def read_frames_in_order(ctx, count):
    deadline = time.monotonic() + wait_budget_s(ctx)
    for _ in range(count):
        expected = state.last_sequence + 1
        frame = next_frame(ctx, deadline)
        assert frame.sequence == expected, "frame %d arrived where frame %d was expected" % (
            frame.sequence, expected)


@then("should read frames:")
def read_frames(ctx):
    assert ctx.table is not None, "the step needs a table with columns sequence and size"
    deadline = time.monotonic() + wait_budget_s(ctx)
    for number, row in enumerate(ctx.table.rows, start=1):
        sequence, size = table_number(number, row, "sequence"), table_number(number, row, "size")
        frame = next_frame(ctx, deadline)
        assert frame.sequence == sequence and frame.size == size, (
            "row %d: got frame %d with %d bytes, expected frame %d with %d"
            % (number, frame.sequence, frame.size, sequence, size))


@then("should see the end of the stream")
def see_end_of_stream(ctx):
    deadline = time.monotonic() + wait_budget_s(ctx)
    frames = 0
    while True:
        event = require_reader().next(deadline - time.monotonic())
        if event is None:
            raise AssertionError("the stream did not end within %d ms (%d more frames read)"
                                 % (wait_budget_s(ctx) * 1000, frames))
        if event.kind == "error":
            raise AssertionError(event.message)
        if event.kind == "end":
            ctx.log.info("end of stream after %d more frames%s", frames,
                         ": " + event.message if event.message else "")
            return {"framesBeforeEnd": frames, "truncated": event.message}
        frames += 1


@then("should time out reading a frame after {int} ms")
def time_out_reading(ctx, ms):
    assert 0 < ms < wait_budget_s(ctx) * 1000, (
        "a wait of %d ms must be positive and below the step's %d ms budget"
        % (ms, wait_budget_s(ctx) * 1000))
    event = require_reader().next(ms / 1000.0)
    if event is not None:
        got = "frame %d" % event.sequence if event.kind == "frame" else "an event: " + event.message
        raise AssertionError("expected no frame for %d ms, but the reader got %s" % (ms, got))
    ctx.log.info("no frame within %d ms, as expected", ms)


# --- writer -------------------------------------------------------------------------------


def connect(ctx):
    close_writer()
    endpoint = ctx.context.get("endpoint")
    if not isinstance(endpoint, str):
        endpoint = frame_channel.endpoint_path(run_id_of(ctx))
    state.writer_endpoint = endpoint
    try:
        state.writer = frame_channel.FrameWriter(endpoint, fault=state.fault)
    except frame_channel.ChannelError as error:
        raise AssertionError(str(error))
    state.writer_saw_broken_pipe = False
    ctx.log.info("connected to %s%s", endpoint, " (fault: %s)" % state.fault if state.fault else "")


@given("connects to the endpoint")
def connect_to_endpoint(ctx):
    connect(ctx)


@when("reconnects to the endpoint")
def reconnect_to_endpoint(ctx):
    connect(ctx)


def write(ctx, size):
    try:
        sequence = require_writer().write_frame(frame_size(size))
    except frame_channel.BrokenConnection as error:
        state.writer_saw_broken_pipe = True
        raise AssertionError(str(error))
    except frame_channel.ChannelError as error:
        raise AssertionError(str(error))
    ctx.log.info("wrote frame %d: %d bytes", sequence, size)
    return sequence


@when("writes frame with size {int}")
def write_frame(ctx, size):
    return {"sequence": write(ctx, size)}


@when("writes {int} frames of size {int}")
def write_frames_of_size(ctx, count, size):
    for _ in range(count):
        write(ctx, size)


@when("writes frames:")
def write_frames(ctx):
    assert ctx.table is not None, "the step needs a table with a size column"
    for number, row in enumerate(ctx.table.rows, start=1):
        write(ctx, table_number(number, row, "size"))


@when("starts streaming frames of size {int}")
def start_streaming(ctx, size):
    try:
        require_writer().start_streaming(frame_size(size))
    except frame_channel.ChannelError as error:
        raise AssertionError(str(error))
    ctx.log.info("streaming frames of %d bytes", size)


@then("should see a broken pipe when writing")
def see_broken_pipe(ctx):
    deadline = time.monotonic() + wait_budget_s(ctx)
    writer = require_writer()
    while time.monotonic() < deadline:
        try:
            writer.write_frame(16)
        except frame_channel.BrokenConnection as error:
            state.writer_saw_broken_pipe = True
            ctx.log.info("broken pipe, as expected: %s", error)
            return {"error": str(error)}
        except frame_channel.ChannelError as error:
            raise AssertionError("expected a broken pipe, got: %s" % error)
    raise AssertionError("writes still succeed after %d ms: the reader is alive" % (wait_budget_s(ctx) * 1000))


# --- cleanup ------------------------------------------------------------------------------


def close_reader():
    if state.reader is not None:
        state.reader.close()
        state.reader = None


def close_writer():
    if state.writer is not None:
        state.writer.close()
        state.writer = None


@cleanup
def close_channel(ctx):
    close_reader()
    close_writer()
    # A killed reader cannot remove its endpoint; the writer that saw it go does.
    if state.writer_saw_broken_pipe and state.writer_endpoint:
        frame_channel.remove_stale_endpoint(state.writer_endpoint)
    state.writer_saw_broken_pipe = False
    state.last_connection = 0
    state.last_sequence = 0
    ctx.log.info("closed the channel")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fault", choices=frame_channel.FAULTS,
                        help="inject a bug into the writer, to show how troupe reports it")
    options, rest = parser.parse_known_args()
    state.fault = options.fault
    run(rest)


if __name__ == "__main__":
    main()
