"""The archive holds everything a person owns, from every app, and nothing of
anyone else's: a partner is named as they show themselves, their private notes
stay out, and feedback received appears only once the blind rule lets it be read."""

import json

import pytest

from tests.feedback.support import write_self_assessment
from tests.mydata.support import archive_of, export_built, owned_by_alice

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]


@pytest.fixture
def owned(alice, bob):
    return owned_by_alice(alice, bob)


def test_the_archive_has_its_files_and_a_readme(alice, owned):
    files = archive_of(export_built(alice))

    assert {"export.json", "export.schema.json", "README.md"} <= set(files)
    readme = files["README.md"].decode()
    for name in ("export.json", "export.schema.json", "pads/", "Schema version 1"):
        assert name in readme


def test_profile_progress_attempts_lists_and_reports_are_in_it(alice, owned):
    doc = json.loads(archive_of(export_built(alice))["export.json"])

    assert doc["profile"]["email"] == "alice@example.com"
    assert doc["profile"]["time_zone"] == alice.time_zone
    by_slug = {each["question"]["slug"]: each for each in doc["progress"]}
    two_sum = by_slug["two-sum"]
    assert two_sum["question"]["link"] == "https://leetcode.com/problems/two-sum/"
    assert two_sum["status"] == "solved"
    assert two_sum["card"]["card_id"] and two_sum["due_at"]
    assert [a["note"] for a in two_sum["attempts"]] == ["Hash"]
    # The solo practice's attempt is the second on Merge Intervals.
    assert len(by_slug["merge-intervals"]["attempts"]) == 2
    [graphs] = doc["lists"]
    assert graphs["name"] == "Graphs week"
    assert [i["question"]["slug"] for i in graphs["items"]] == [
        "two-sum",
        "merge-intervals",
    ]
    [report] = doc["asked_reports"]
    assert (report["company"]["slug"], report["level"]) == ("meta", "E5")


def test_sessions_name_the_partner_as_they_show_themselves(alice, owned):
    text = archive_of(export_built(alice))["export.json"].decode()
    doc = json.loads(text)

    [session] = [s for s in doc["sessions"] if not s["is_solo"]]
    names = {p["name"] for p in session["participants"] if not p["is_me"]}
    assert names == {"Bobby B"}
    first, second = session["rounds"]
    assert (first["my_role"], first["candidate"]) == ("interviewer", "Bobby B")
    assert (second["my_role"], second["interviewer"]) == ("candidate", "Bobby B")
    # Bob's address is his own business.
    assert "bob@example.com" not in text


def test_pads_hold_the_final_texts_and_my_notes_but_not_my_partners(alice, owned):
    files = archive_of(export_built(alice))
    session = owned["session"].pk
    pads = {name: data.decode() for name, data in files.items() if "pads/" in name}

    assert pads[f"pads/session-{session}-round-1-shared.txt"] == "def solve(bob): pass"
    assert (
        pads[f"pads/session-{session}-round-1-notes.txt"] == "Alice's own note on Bob"
    )
    assert pads[f"pads/session-{session}-round-2-shared.txt"] == (
        "def solve(alice): pass"
    )
    assert f"pads/session-{session}-round-2-notes.txt" not in pads
    everything = b"".join(files.values())
    assert b"Bob's private note" not in everything


def test_pads_are_listed_with_their_rounds(alice, owned):
    doc = json.loads(archive_of(export_built(alice))["export.json"])
    [session] = [s for s in doc["sessions"] if not s["is_solo"]]

    kinds = [[pad["kind"] for pad in r["pads"]] for r in session["rounds"]]
    assert kinds == [["notes", "shared"], ["shared"]]


def test_feedback_received_waits_for_my_self_assessment(alice, owned):
    doc = json.loads(archive_of(export_built(alice))["export.json"])

    assert doc["feedback"]["received"] == []
    assert len(doc["feedback"]["given"]) == 1
    assert "Bob wrote this for Alice" not in json.dumps(doc)

    write_self_assessment(owned["bob_interviews"], 3)
    doc = json.loads(archive_of(export_built(alice))["export.json"])
    [received] = doc["feedback"]["received"]
    assert received["strengths"] == "Bob wrote this for Alice"
    assert received["round"]["partner"] == "Bobby B"
    assert len(doc["feedback"]["self_assessments"]) == 1


def test_practice_and_career_are_in_it(alice, owned):
    doc = json.loads(archive_of(export_built(alice))["export.json"])

    practice = doc["practice"]
    assert practice["settings"]["set_size"] == 3
    assert practice["settings"]["target_companies"] == ["meta"]
    [solo] = practice["solo_practices"]
    assert solo["question"]["slug"] == "merge-intervals"
    assert solo["attempt_created_at"]
    [today] = practice["daily_sets"]
    assert today["items"][0]["reason"] == "due for review"
    career = doc["career"]
    assert [s["title"] for s in career["stories"]] == ["Rescued the launch"]
    assert [b["what"] for b in career["brag_entries"]] == ["Shipped the importer"]
    [loop] = career["real_interviews"]
    assert loop["company_slug"] == "meta" and len(loop["stages"]) == 1


def test_nothing_of_mine_is_in_my_partners_archive(alice, bob, owned):
    text = archive_of(export_built(bob))["export.json"].decode()
    doc = json.loads(text)

    assert doc["progress"] == [] and doc["lists"] == []
    assert doc["career"]["stories"] == []
    assert "Alice's own note" not in text
