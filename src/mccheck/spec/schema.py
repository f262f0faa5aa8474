"""JSON Schema of the credential spec format, generated from the pydantic models.

Two copies ship and a test keeps both equal to ``json_schema()``:
``schemas/credential.schema.json`` (repository root, for editors and CI) and
``src/mccheck/schemas/credential.schema.json`` (inside the package). After changing
``spec/models.py`` regenerate both with::

    mccheck schema > schemas/credential.schema.json
    cp schemas/credential.schema.json src/mccheck/schemas/credential.schema.json

Editors using yaml-language-server (VS Code's YAML extension, Neovim, Helix...) get
completion and checking when a spec's first line is::

    # yaml-language-server: $schema=../schemas/credential.schema.json

(a path relative to the spec, or a URL where the file is published). The schema checks shape only;
``mccheck validate`` also checks cross references (unknown sections, duplicate ids...).
"""

from __future__ import annotations

import json

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "urn:mccheck:spec:v1"  # matches models.SPEC_SCHEMA_ID; no URL is published yet
TITLE = "mccheck credential spec"


def json_schema() -> dict:
    """The spec format as a JSON Schema (draft 2020-12) dict, keys in a stable order."""
    from mccheck.spec.models import Credential

    generated = Credential.model_json_schema(by_alias=True, mode="validation")
    schema = {"$schema": SCHEMA_URI, "$id": SCHEMA_ID, "title": TITLE}
    schema.update({k: v for k, v in generated.items() if k != "title"})
    schema["description"] = (
        "A micro-credential's requirements for mccheck: parts, sections, word limits, "
        "required elements, artifacts, rubric and passing rule."
    )
    return schema


def dumps() -> str:
    """The schema as the shipped files hold it (2-space indent, trailing newline)."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"
