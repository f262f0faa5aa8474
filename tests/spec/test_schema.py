"""The shipped JSON Schema copies stay equal to the models; specs validate against it.

Regenerate after changing spec/models.py:
    mccheck schema > schemas/credential.schema.json
    cp schemas/credential.schema.json src/mccheck/schemas/credential.schema.json
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
import yaml

from mccheck.spec.schema import dumps, json_schema

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "data" / "specs" / "mini.yaml"
REGEN = "out of date: run `mccheck schema > schemas/credential.schema.json` and copy it to src/mccheck/schemas/"


def test_repository_copy_is_in_sync():
    assert (REPO / "schemas" / "credential.schema.json").read_text(encoding="utf-8") == dumps(), REGEN


def test_package_copy_is_in_sync():
    shipped = resources.files("mccheck") / "schemas" / "credential.schema.json"
    assert shipped.read_text(encoding="utf-8") == dumps(), REGEN


def test_schema_is_valid_draft_2020_12():
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"]
    jsonschema.Draft202012Validator.check_schema(schema)
    assert "schema" in schema["properties"] and "schema_" not in schema["properties"]
    assert json.loads(dumps()) == schema


def test_valid_spec_passes_the_schema():
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(json_schema()).validate(data)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d["parts"][0]["sections"][0]["limits"].update(maxx=3),
        lambda d: d["parts"][0]["sections"][0]["limits"].update(min="abc"),
        lambda d: d.pop("title"),
        lambda d: d["parts"][1]["sections"][0]["elements"][0].update(kind="presense"),
    ],
    ids=["unknown-key", "wrong-type", "missing-title", "bad-literal"],
)
def test_invalid_spec_fails_the_schema(change):
    data = yaml.safe_load(MINI.read_text(encoding="utf-8"))
    change(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(json_schema()).validate(data)
