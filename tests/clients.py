"""What the receiving CI tools accept: SARIF (OASIS schema with format checks, plus GitHub
code scanning's own rules) and JUnit (Jenkins' junit-10.xsd). The schemas are read from
../shared/clients, never copied into the project."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from corpus_scoring import require

CLIENTS = Path(__file__).resolve().parents[1].parent / "shared" / "clients"


@cache
def _sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    pytest.importorskip("rfc3986_validator")  # without it, "uri-reference" is not checked at all
    require(CLIENTS / "sarif-schema-2.1.0.json", "SARIF schema")  # skips without ../shared, fails in CI
    schema = json.loads((CLIENTS / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def assert_valid_sarif(text: str) -> dict:
    """Valid SARIF 2.1.0 that GitHub code scanning ingests; returns the log."""
    log = json.loads(text)
    errors = sorted(_sarif_validator().iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert driver.get("informationUri")
        rules = driver["rules"]
        names = [r["name"] for r in rules]
        assert len(set(names)) == len(names) and not {r["id"] for r in rules} & set(names), "rule names must be distinct"
        for rule in rules:
            for key in ("shortDescription", "fullDescription", "help"):
                assert rule[key]["text"].strip(), (rule["id"], key)
            assert len(rule["fullDescription"]["text"]) <= 1024
        bases = run.get("originalUriBaseIds", {})
        for result in run["results"]:
            # GH1001-style: a result without a physical location makes GitHub reject the file.
            assert result.get("locations"), result
            physical = result["locations"][0]["physicalLocation"]
            artifact = physical["artifactLocation"]
            uri = artifact["uri"]
            assert uri and uri == quote(unquote(uri), safe="/:"), f"not percent-encoded: {uri}"
            if "uriBaseId" in artifact:
                assert artifact["uriBaseId"] in bases and not urlsplit(uri).scheme and not uri.startswith("/")
            else:
                assert urlsplit(uri).scheme == "file", uri  # absolute only for files outside the checkout
            assert physical["region"]["startLine"] >= 1
            index = result.get("ruleIndex")
            if index is not None:
                assert rules[index]["id"] == result["ruleId"]
    return log


def assert_valid_junit(text: str):
    """Valid against Jenkins' junit-10.xsd; returns the parsed root element."""
    etree = pytest.importorskip("lxml.etree")
    require(CLIENTS / "jenkins-junit-10.xsd", "JUnit XSD")
    schema = etree.XMLSchema(etree.parse(str(CLIENTS / "jenkins-junit-10.xsd")))
    root = etree.fromstring(text.encode("utf-8"))
    assert schema.validate(root), schema.error_log
    return root
