"""Bundled specs load from their compiled JSON exactly as the full loader validates them.

Regenerate the compiled files after changing a bundled spec:
    python -m mccheck.spec.compiled
"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys

import pytest

from mccheck.spec import catalog, compiled, models, records
from mccheck.spec.loader import load_spec_bytes, validate_data

REGEN = "out of date: run `python -m mccheck.spec.compiled`"
BUNDLED = catalog.bundled_ids()


def test_every_bundled_spec_has_a_compiled_file_and_no_other_is_shipped():
    assert BUNDLED
    assert sorted(p.stem for p in compiled.folder().glob("*.json")) == BUNDLED, REGEN


@pytest.mark.parametrize("cid", BUNDLED)
def test_compiled_records_equal_the_full_loaders(cid):
    path = catalog.bundled_path(cid)
    raw = path.read_bytes()
    fast = compiled.load(path, raw)
    assert fast is not None, REGEN
    full = load_spec_bytes(raw, str(path))  # YAML, guards, pydantic, cross-references
    assert fast == full
    # ... and both are what pydantic itself accepted, field for field.
    validated = models.Credential.model_validate(json.loads(json.dumps(records.as_data(full))))
    assert records.as_data(fast) == validated.model_dump(by_alias=True)
    assert catalog.resolve(cid) == full


def test_an_edited_bundled_spec_is_validated_in_full_not_read_from_a_stale_file(tmp_path, monkeypatch):
    cid = BUNDLED[0]
    raw = catalog.bundled_path(cid).read_bytes()
    edited = raw.replace(b"\ntitle: ", b"\ntitle: Edited ", 1)
    assert edited != raw
    assert compiled.load(catalog.bundled_path(cid), edited) is None
    folder = tmp_path / "credentials"
    folder.mkdir()
    (folder / f"{cid}.yaml").write_bytes(edited)
    monkeypatch.setattr(catalog, "bundled_dir", lambda: folder)
    assert catalog.resolve(cid).title.startswith("Edited ")


def test_a_broken_edit_of_a_bundled_spec_is_still_reported_with_its_line(tmp_path, monkeypatch):
    cid = BUNDLED[0]
    folder = tmp_path / "credentials"
    folder.mkdir()
    raw = catalog.bundled_path(cid).read_bytes()
    (folder / f"{cid}.yaml").write_bytes(raw.replace(b"\ntitle: ", b"\ntitel: ", 1))
    monkeypatch.setattr(catalog, "bundled_dir", lambda: folder)
    from mccheck.errors import SpecError

    with pytest.raises(SpecError) as info:
        catalog.resolve(cid)
    assert any('unknown key "titel" (did you mean "title"?)' in p for p in info.value.problems)


def _model_for(record: type) -> type:
    return getattr(models, record.__name__)


RECORDS = [c for c in vars(records).values() if isinstance(c, type) and issubclass(c, records._Record)
           and c is not records._Record]


@pytest.mark.parametrize("record", RECORDS, ids=lambda c: c.__name__)
def test_records_have_the_models_fields_in_their_data_names(record):
    model = _model_for(record)
    names = [info.alias or name for name, info in model.model_fields.items()]
    assert [record._keys.get(f, f) for f in record._fields] == names


def test_records_are_frozen_compared_by_value_and_pickle_for_workers():
    spec = catalog.resolve(BUNDLED[0])
    with pytest.raises(AttributeError):
        spec.title = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        hash(spec)
    again = pickle.loads(pickle.dumps(spec))
    assert again == spec and again is not spec
    assert spec.sections[0] != spec.sections[1]


def test_validate_data_gives_the_records_a_spec_file_gives():
    cid = BUNDLED[0]
    spec = catalog.resolve(cid)
    assert validate_data(records.as_data(spec), "data") == spec


def test_checking_with_a_bundled_spec_imports_neither_pydantic_nor_yaml_for_it(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("# Part 1: Overview Questions\n\nOur school serves many families.\n", encoding="utf-8")
    code = (
        "import sys\n"
        "from mccheck.spec.catalog import resolve\n"
        "from mccheck.engine import check\n"
        "from mccheck.discover import discover\n"
        "from pathlib import Path\n"
        f"[sub] = discover([Path({str(draft)!r})])\n"
        f"report = check(sub, resolve({BUNDLED[0]!r}))\n"
        "print(sorted(m for m in ('pydantic', 'yaml') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
    assert out.stdout.split("\n")[-2] == "[]", out.stdout + out.stderr
