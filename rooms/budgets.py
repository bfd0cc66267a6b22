"""Budgets that keep one socket from flooding the server: token buckets of messages
and bytes, refilled at a steady rate, that allow a burst.

A socket that spends past its budget is held back (the server waits before reading
its next message, which slows the sender through the network) and told to slow
down; one held back for more than `patience` seconds in all, lately, is a flood and
is closed. Typing, a pasted page and an offline client's batch never come near.
"""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class TokenBucket:
    rate: float  # tokens a second
    burst: float  # the most it holds
    clock: Callable[[], float] = time.monotonic
    tokens: float = field(init=False)
    updated: float = field(init=False)

    def __post_init__(self):
        self.tokens = self.burst
        self.updated = self.clock()

    def wait_for(self, cost: float) -> float:
        """Spend `cost` tokens; the seconds to wait before the spending is covered
        (0 when it already is). The debt is kept, so waits add up under a flood."""
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        self.tokens -= cost
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate


class Verdict:
    GO = "go"
    SLOW = "slow"  # wait `seconds`, then go
    CLOSE = "close"  # a flood: close the socket


@dataclass
class SocketBudget:
    """A socket's budgets: messages a second and bytes a minute. A socket held back
    for more than `patience` seconds in all (the sum decays over `memory` seconds)
    is a flood: people typing, pasting or coming back online are never held."""

    messages: TokenBucket
    bytes: TokenBucket | None
    patience: float
    clock: Callable[[], float] = time.monotonic
    memory: float = 30.0
    held: float = 0.0
    held_at: float = field(default=0.0)

    def spend(self, size: int, cost: float = 1) -> tuple[str, float]:
        """Spend `cost` messages (a large room command costs several) and `size`
        bytes; the verdict, with the seconds to wait."""
        wait = self.messages.wait_for(cost)
        if self.bytes is not None:
            wait = max(wait, self.bytes.wait_for(size))
        now = self.clock()
        self.held *= math.exp(-max(0.0, now - self.held_at) / self.memory)
        self.held_at = now
        if wait <= 0:
            return Verdict.GO, 0.0
        self.held += wait
        if wait > self.patience or self.held > self.patience:
            return Verdict.CLOSE, wait
        return Verdict.SLOW, wait


def pad_socket_budget(settings, clock: Callable[[], float] = time.monotonic):
    return SocketBudget(
        messages=TokenBucket(
            settings.PAD_MESSAGES_PER_SECOND, settings.PAD_MESSAGES_BURST, clock
        ),
        bytes=TokenBucket(
            settings.PAD_BYTES_PER_MINUTE / 60, settings.PAD_BYTES_PER_MINUTE, clock
        ),
        patience=settings.PAD_THROTTLE_MAX_SECONDS,
        clock=clock,
    )


def room_socket_budget(settings, clock: Callable[[], float] = time.monotonic):
    return SocketBudget(
        messages=TokenBucket(
            settings.ROOM_COMMANDS_PER_SECOND, settings.ROOM_COMMANDS_BURST, clock
        ),
        bytes=None,
        patience=settings.PAD_THROTTLE_MAX_SECONDS,
        clock=clock,
    )
