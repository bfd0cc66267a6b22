"""export.json follows its documented, versioned schema (JSON Schema 2020-12): the
schema in the archive, the one the import checks against and docs/export.schema.json
are one and the same, and a real export of every app's rows validates against it."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.conf import settings

from mydata.services.export import SCHEMA_PATH
from tests.feedback.support import write_self_assessment
from tests.mydata.support import archive_of, export_built, owned_by_alice

pytestmark = [pytest.mark.embedded, pytest.mark.django_db]

DOCS_SCHEMA = Path(settings.BASE_DIR) / "docs" / "export.schema.json"


def test_the_schema_is_a_2020_12_schema_and_the_documented_one():
    schema = json.loads(SCHEMA_PATH.read_text())

    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert DOCS_SCHEMA.read_text() == SCHEMA_PATH.read_text()


def test_an_export_of_everything_validates_against_the_schema_it_carries(alice, bob):
    owned = owned_by_alice(alice, bob)
    write_self_assessment(owned["bob_interviews"], 3)
    files = archive_of(export_built(alice))
    schema = json.loads(files["export.schema.json"])
    doc = json.loads(files["export.json"])

    assert schema == json.loads(SCHEMA_PATH.read_text())
    assert doc["schema_version"] == 1
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    assert [error.message for error in validator.iter_errors(doc)] == []
    # Every part was there to check.
    assert doc["progress"] and doc["sessions"] and doc["feedback"]["received"]


def test_an_empty_account_validates_too(alice):
    files = archive_of(export_built(alice))

    jsonschema.validate(
        json.loads(files["export.json"]), json.loads(files["export.schema.json"])
    )


def test_a_document_of_another_schema_version_does_not_validate(alice):
    doc = json.loads(archive_of(export_built(alice))["export.json"])
    doc["schema_version"] = 2

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(doc, json.loads(SCHEMA_PATH.read_text()))
