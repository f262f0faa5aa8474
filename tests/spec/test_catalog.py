"""Bundled credentials and resolving "ID or path"."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from mccheck.errors import SpecError, UsageError
from mccheck.spec import catalog
from mccheck.spec.loader import load_spec

MINI = Path(__file__).resolve().parents[1] / "data" / "specs" / "mini.yaml"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def fake_bundle(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "credentials"
    folder.mkdir()
    shutil.copy(MINI, folder / "mini-credential.yaml")
    (folder / "notes.txt").write_text("not a spec", encoding="utf-8")
    monkeypatch.setattr(catalog, "bundled_dir", lambda: folder)
    return folder


def test_bundled_ids_are_the_specs_in_the_repository_credentials_folder():
    # Holds for an editable install (symlink) and a wheel (package data) alike.
    expected = sorted(p.stem for p in (REPO / "credentials").glob("*.yaml"))
    assert catalog.bundled_ids() == expected
    for cid in expected:
        assert catalog.bundled_path(cid).read_bytes() == (REPO / "credentials" / f"{cid}.yaml").read_bytes()


@pytest.mark.parametrize("cid", catalog.bundled_ids())
def test_every_bundled_spec_is_valid_and_named_by_its_id(cid):
    c = catalog.resolve(cid)
    assert c.id == cid
    assert catalog.bundled_path(cid).name == f"{cid}.yaml"


def test_resolve_bundled_id(fake_bundle):
    assert catalog.bundled_ids() == ["mini-credential"]
    assert catalog.resolve("mini-credential").title == "Mini Credential"
    assert catalog.bundled_path("mini-credential") == fake_bundle / "mini-credential.yaml"


def test_resolve_path_str_and_path(fake_bundle, tmp_path):
    assert catalog.resolve(str(MINI)).id == "mini-credential"
    assert catalog.resolve(MINI).id == "mini-credential"
    # a name ending .yaml is always a path, even when missing
    from mccheck.errors import InputError

    with pytest.raises(InputError):
        catalog.resolve("mini-credential.yaml")


def test_unknown_id_suggests_and_points_to_list(fake_bundle):
    with pytest.raises(UsageError) as exc:
        catalog.resolve("mini-credentail")
    msg = str(exc.value)
    assert 'did you mean "mini-credential"?' in msg
    assert "mccheck list" in msg
    with pytest.raises(UsageError) as exc:
        catalog.resolve("mini")
    assert 'did you mean "mini-credential"?' in str(exc.value)


def test_id_must_match_file_name(fake_bundle):
    shutil.copy(MINI, fake_bundle / "other-name.yaml")
    with pytest.raises(SpecError, match="does not match the file name"):
        catalog.resolve("other-name")


def test_ids_with_path_separators_are_not_bundled(fake_bundle):
    with pytest.raises(UsageError):
        catalog.bundled_path("../credentials/mini-credential")


def test_missing_bundle_folder_lists_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(catalog, "bundled_dir", lambda: tmp_path / "absent")
    assert catalog.bundled_ids() == []


def test_resolve_uses_the_loader_cache():
    assert catalog.resolve(MINI) is load_spec(MINI)
