"""A servo used by the SDK tests: one step per feature under test."""
import asyncio
import os
import re
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from troupe_servo import cleanup, define_parameter_type, given, initialize, log, run, step, then, when  # noqa: E402

define_parameter_type("color", r"red|green|blue", lambda s: s.upper())


@initialize
def remember_start(ctx):
    ctx.log.info("initialized %s on %s run %s", ctx.role, ctx.platform, ctx.test_run_id)


@given("the buffer {string} has {int} slots")
def create_buffer(ctx, name, slots):
    ctx.log.debug("creating %s", name)
    ctx.context["buffer"] = name
    ctx.context["slots"] = slots
    return {"created": name, "slots": slots}


@when("it writes {float} units of {color}")
def write_units(ctx, amount, color):
    print("writing", amount)
    log.info("color %s", color)
    return {"amount": amount, "color": color, "seenBuffer": ctx.context.get("buffer")}


@then(re.compile(r"^it reads (\d+) frames?( slowly)?$"))
def read_frames(ctx, count, slowly):
    return {"count": count, "slowly": slowly}


@step("who am I")
def who_am_i(ctx):
    return {
        "role": ctx.role,
        "platform": ctx.platform,
        "testRunId": ctx.test_run_id,
        "process": ctx.process,
        "stepType": ctx.step_type,
        "envRole": os.environ.get("TROUPE_ROLE"),
    }


@given("the table")
def the_table(ctx):
    return {"headers": ctx.table.headers, "rows": ctx.table.rows, "raw": ctx.table.raw()}


@given("the doc string")
def the_doc_string(ctx):
    return {"content": ctx.doc_string, "mediaType": ctx.doc_string.media_type}


@then("it fails with {string}")
def fails(ctx, message):
    ctx.log.warning("about to fail")
    raise ValueError(message)


@then("the assertion fails")
def assertion_fails(ctx):
    assert 1 + 1 == 3, "arithmetic is broken"


@when("it sleeps {int} ms")
def sleeps(ctx, ms):
    time.sleep(ms / 1000.0)
    print("late output of a step that timed out")


@when("it awaits {int} ms")
async def awaits(ctx, ms):
    await asyncio.sleep(ms / 1000.0)
    return {"awaited": ms}


@when("it writes to fd 1")
def writes_fd1(ctx):
    os.write(1, b"raw bytes on fd 1\n")


@when("it is ambiguous")
def ambiguous_one(ctx):
    pass


@when("it is {word}")
def ambiguous_two(ctx, word):
    pass


@when("it returns a cycle")
def returns_cycle(ctx):
    data = {}
    data["self"] = data
    return data


@when("it stores a cycle")
def stores_cycle(ctx):
    ctx.context["cycle"] = [ctx.context]


@cleanup
def release(ctx):
    ctx.log.info("released")
    marker = os.environ.get("SAMPLE_CLEANUP_MARKER")
    if marker:
        with open(marker, "a") as stream:
            stream.write("cleanup\n")


if __name__ == "__main__":
    run()
