"""The room socket's commands, and the one schema every frame is parsed through.

A frame is a JSON object of at most MAX_FRAME characters with a known "type" and
only that type's fields, each a scalar of its kind: whole numbers within range, pad
ids as UUIDs, short strings (a run's output up to 64 KiB, in a frame of at most
144 KiB, the only one past 4 KiB, which names its type first). Anything else is
refused with a message a person can read, before any service sees it; nothing a
client sends can end the socket with a server error.
"""

import json
import math
import re
import uuid
from dataclasses import dataclass

MAX_FRAME = 4096
# A run's result carries its output (at most RUN_OUTPUT characters, as the runner
# cuts it) with room for JSON's escapes (a line break is written as two
# characters): the one command allowed past MAX_FRAME. The runner cuts the output
# further when its escapes would not fit.
RUN_OUTPUT = 64 * 1024
MAX_RUN_FRAME = 144 * 1024
RUN_FRAME_START = re.compile(r'\{\s*"type"\s*:\s*"run"\s*[,}]')
# What a large frame costs in the socket's budget: a command per this many bytes.
FRAME_COST_BYTES = 8 * 1024
# The largest whole number JavaScript holds exactly; ids and versions stay below.
MAX_WHOLE = 2**53 - 1


class CommandRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Whole:
    low: int = 0
    high: int = MAX_WHOLE
    required: bool = True

    def parse(self, name: str, value):
        if isinstance(value, bool) or not isinstance(value, int):
            raise CommandRefused(f'Give "{name}" as a whole number.')
        if not self.low <= value <= self.high:
            raise CommandRefused(
                f'Give "{name}" as a whole number from {self.low} to {self.high}.'
            )
        return value


@dataclass(frozen=True)
class Number:
    required: bool = True

    def parse(self, name: str, value):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise CommandRefused(f'Give "{name}" as a number.')
        if not math.isfinite(value) or abs(value) > 1e15:
            raise CommandRefused(f'Give "{name}" as a number of sane size.')
        return value


@dataclass(frozen=True)
class Word:
    max_length: int = 40
    required: bool = True

    def parse(self, name: str, value):
        if not isinstance(value, str):
            raise CommandRefused(f'Give "{name}" as text.')
        if len(value) > self.max_length:
            raise CommandRefused(
                f'Keep "{name}" under {self.max_length + 1} characters.'
            )
        return value


@dataclass(frozen=True)
class Flag:
    required: bool = True

    def parse(self, name: str, value):
        if not isinstance(value, bool):
            raise CommandRefused(f'Give "{name}" as true or false.')
        return value


@dataclass(frozen=True)
class Verdicts:
    """Passed or failed per example, as a string of P and F: one scalar."""

    max_length: int = 20
    required: bool = True

    def parse(self, name: str, value):
        if (
            not isinstance(value, str)
            or len(value) > self.max_length
            or value.strip("PF")
        ):
            raise CommandRefused(
                f'Give "{name}" as up to {self.max_length} letters P or F.'
            )
        return [letter == "P" for letter in value]


@dataclass(frozen=True)
class Uuid:
    required: bool = True

    def parse(self, name: str, value):
        if not isinstance(value, str) or len(value) > 36:
            raise CommandRefused(f'Give "{name}" as the id the room sent you.')
        try:
            return uuid.UUID(value)
        except ValueError:
            raise CommandRefused(
                f'Give "{name}" as the id the room sent you.'
            ) from None


SCHEMAS: dict[str, dict] = {
    "ping": {"sent_at": Number(required=False)},
    "presence": {},
    "refresh": {},
    "clock": {
        "round": Whole(low=1),
        "action": Word(),
        "version": Whole(),
        "seconds": Whole(high=24 * 3600, required=False),
    },
    "reveal": {"question": Whole(low=1)},
    "hint": {"question": Whole(low=1), "number": Whole(low=1, high=1000)},
    "swap": {},
    "language": {"pad": Uuid(), "language": Word()},
    # What a browser's run printed, for both people and the replay.
    "run": {
        "round": Whole(low=1),
        "language": Word(max_length=12),
        "exit": Word(max_length=8),
        "duration_ms": Whole(high=10 * 60 * 1000),
        "output": Word(max_length=RUN_OUTPUT),
        "truncated": Flag(),
        "question": Whole(low=1, required=False),
        "passed": Verdicts(required=False),
    },
}


@dataclass(frozen=True)
class Command:
    type: str
    fields: dict


def command_parse(frame) -> Command:
    """The command a text frame holds, or CommandRefused saying what is wrong."""
    if not isinstance(frame, str) or len(frame) > MAX_RUN_FRAME:
        raise CommandRefused("Send JSON text frames of at most 4 KiB.")
    if len(frame) > MAX_FRAME and not RUN_FRAME_START.match(frame):
        # Only a run may be larger, and it says so first: nothing else is parsed.
        raise CommandRefused("Send JSON text frames of at most 4 KiB.")
    try:
        message = json.loads(frame)
    except RecursionError:
        raise CommandRefused("That JSON is nested too deeply.") from None
    except ValueError:
        raise CommandRefused('Send a JSON object with a "type".') from None
    if not isinstance(message, dict) or not isinstance(message.get("type"), str):
        raise CommandRefused('Send a JSON object with a "type".')
    kind = message.pop("type")
    schema = SCHEMAS.get(kind)
    if schema is None:
        raise CommandRefused(f"Unknown message type {kind[:40]!r}.")
    unknown = sorted(set(message) - set(schema))
    if unknown:
        raise CommandRefused(f'A "{kind}" command has no field {unknown[0][:40]!r}.')
    fields = {}
    for name, spec in schema.items():
        if name not in message or message[name] is None:
            if spec.required:
                raise CommandRefused(f'A "{kind}" command needs "{name}".')
            fields[name] = None
            continue
        fields[name] = spec.parse(name, message[name])
    return Command(type=kind, fields=fields)
