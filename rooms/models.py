"""What happens in the live room: the shared pad and the interviewer's notes (an
append-only log of Yjs updates, with snapshots), hints given, and every change of
the clock, kept with its time for the replay and the scorecard.

The tables keep the names the interviews app gave them: the models moved, the data
did not (migrations rooms 0001 and interviews 0010 change Django's state only)."""

import uuid

from django.conf import settings
from django.db import models

from interviews.models import Round, RoundQuestion


class PadKind(models.TextChoices):
    SHARED = "shared", "Shared pad"
    NOTES = "notes", "Interviewer's notes"
    # Excalidraw's elements in a Y.Map (rooms.board), for both people.
    BOARD = "board", "Whiteboard"


class Pad(models.Model):
    """A Yjs document, its text at getText("pad") (a board's elements at
    getMap("board")). One shared pad, one notes pad and one whiteboard per round;
    a reset is a new pad, never a rewrite of this one."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="pads")
    kind = models.CharField(max_length=8, choices=PadKind.choices)
    # For highlighting only: nothing is ever run.
    language = models.CharField(max_length=20, default="plain")
    # The update log's size, kept with each append: past PAD_MAX_LOG_BYTES the pad
    # is read-only, so nobody fills the database through one pad.
    log_bytes = models.PositiveBigIntegerField(default=0)
    # How many updates were ever appended to the log: the number of the latest. A
    # relayed update carries its number, given under the pad's lock before the
    # commit, so a socket can tell a lost relay from a late one (rooms.relay).
    log_count = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "interviews_pad"
        constraints = [
            models.UniqueConstraint(fields=["round", "kind"], name="pad_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} of {self.round}"


class PadUpdate(models.Model):
    """One Yjs update as a client sent it, stored before it is relayed: the log is
    the truth, never changed; the pad at any moment is its updates up to then."""

    id = models.BigAutoField(primary_key=True)
    pad = models.ForeignKey(Pad, on_delete=models.CASCADE, related_name="updates")
    data = models.BinaryField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "interviews_padupdate"
        indexes = [
            # Loading a pad: its updates after a snapshot, in order.
            models.Index(fields=["pad", "id"], name="padupdate_pad_id"),
        ]

    def __str__(self) -> str:
        return f"Update {self.pk} of {self.pad_id}"


class QuarantinedPadUpdate(models.Model):
    """A row moved out of a pad's log because it does not apply (stored before
    updates were tried first); kept, not deleted, for whoever investigates."""

    pad = models.ForeignKey(Pad, on_delete=models.CASCADE, related_name="+")
    update_id = models.BigIntegerField(help_text="Its id in the log.")
    data = models.BinaryField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField()
    reason = models.CharField(max_length=300)
    quarantined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "interviews_quarantinedpadupdate"

    def __str__(self) -> str:
        return f"Quarantined update {self.update_id} of {self.pad_id}"


class PadSnapshot(models.Model):
    """The pad's updates up to `upto_id` merged into one, so that loading it reads a
    snapshot and a short tail instead of the whole log."""

    pad = models.ForeignKey(Pad, on_delete=models.CASCADE, related_name="snapshots")
    upto_id = models.BigIntegerField()
    data = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "interviews_padsnapshot"
        constraints = [
            models.UniqueConstraint(fields=["pad", "upto_id"], name="snapshot_once"),
        ]
        indexes = [models.Index(fields=["pad", "-upto_id"], name="padsnapshot_latest")]

    def __str__(self) -> str:
        return f"Snapshot of {self.pad_id} up to {self.upto_id}"


class GivenHint(models.Model):
    """Hint number `number` (from 1) of a revealed question, shown to the candidate."""

    round_question = models.ForeignKey(
        RoundQuestion, on_delete=models.CASCADE, related_name="given_hints"
    )
    number = models.PositiveSmallIntegerField()
    given_at = models.DateTimeField()

    class Meta:
        db_table = "interviews_givenhint"
        ordering = ["round_question", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["round_question", "number"], name="hint_given_once"
            ),
        ]

    def __str__(self) -> str:
        return f"Hint {self.number} of {self.round_question}"


class RoomEventKind(models.TextChoices):
    START = "start", "Started"
    PAUSE = "pause", "Paused"
    RESUME = "resume", "Resumed"
    ADD_TIME = "add_time", "Time added"
    SEGMENT = "segment", "Next part"
    PHASE = "phase", "Next phase"
    END = "end", "Ended"
    REVEAL = "reveal", "Question revealed"
    HINT = "hint", "Hint given"
    SWAP = "swap", "Roles swapped"
    LANGUAGE = "language", "Language chosen"
    RUN = "run", "Code run"


class RoomEvent(models.Model):
    """A change in the room, with when it happened on the wall clock and on the
    round's own clock: the replay marks them, the scorecard counts minutes by them."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=RoomEventKind.choices)
    at = models.DateTimeField()
    elapsed = models.DurationField(help_text="The round's clock when it happened.")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        db_table = "interviews_roomevent"
        ordering = ["round", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} in {self.round} at {self.at:%H:%M:%S}"


class RunLanguage(models.TextChoices):
    PYTHON = "python", "Python"
    JAVASCRIPT = "javascript", "JavaScript"


class RunExit(models.TextChoices):
    OK = "ok", "Finished"
    ERROR = "error", "Failed with an error"
    TIMEOUT = "timeout", "Stopped after 10 s"
    PASSED = "passed", "Every example passed"
    FAILED = "failed", "Some examples failed"


class RoomRun(models.Model):
    """One run of the shared pad's code, as the browser that ran it reported it:
    nothing runs on the server, which keeps what both people are shown and the
    replay marks. The runner cuts the output at 64 KiB (rooms.commands.RUN_OUTPUT)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="runs")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    language = models.CharField(max_length=12, choices=RunLanguage.choices)
    exit = models.CharField(max_length=8, choices=RunExit.choices)
    # When the server heard of it, and how long the browser says it ran.
    at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField()
    output = models.TextField(blank=True)
    truncated = models.BooleanField(default=False)
    # 'Run examples': passed or not, per example of the question, in order.
    examples = models.JSONField(default=list, blank=True)
    round_question = models.ForeignKey(
        RoundQuestion, null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["round", "at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(exit__in=RunExit.values), name="run_exit_known"
            ),
        ]

    def __str__(self) -> str:
        return f"Run {self.pk} in {self.round}"
