"""Bundled specs compiled at build time, so checking needs neither PyYAML nor pydantic.

``compiled-specs/<id>.json`` holds what the full loader validated from ``credentials/<id>.yaml``
and a checksum of that YAML. ``load`` builds the records from it only while the checksum is
the YAML's own: a bundled spec edited in place (an editable install, a local fork) is loaded
and validated in full instead, so a stale compiled file can slow a run, never change it.
A test keeps every compiled file fresh and its records equal to the full loader's.

Regenerate after changing a bundled spec::

    python -m mccheck.spec.compiled
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from mccheck.spec.records import Credential

FORMAT = 1  # bumped when the records change shape: older compiled files are then not used


def folder() -> Path:
    return Path(__file__).resolve().parent.parent / "compiled-specs"


def checksum(raw: bytes) -> int:
    """Detects an edited spec (the files are the package's own: not a security check)."""
    return zlib.crc32(raw)


def load(path: Path, raw: bytes) -> Credential | None:
    """The records of the bundled spec ``path`` (whose bytes are ``raw``), or None when it has
    no compiled file or the file was compiled from other bytes."""
    from mccheck.spec import records

    try:
        compiled = json.loads((folder() / f"{path.stem}.json").read_bytes())
    except (OSError, ValueError):
        return None
    if compiled.get("format") != FORMAT or compiled.get("crc32") != checksum(raw) or compiled.get("size") != len(raw):
        return None
    return records.build(records.Credential, compiled["spec"])


def compile_all(source: Path, target: Path) -> list[Path]:
    """Validate every ``*.yaml`` in ``source`` in full and write its compiled JSON to ``target``."""
    from mccheck.spec import records
    from mccheck.spec.loader import load_spec_bytes

    target.mkdir(exist_ok=True)
    written = []
    for path in sorted(source.glob("*.yaml")):
        raw = path.read_bytes()
        data = records.as_data(load_spec_bytes(raw, str(path)))
        out = target / f"{path.stem}.json"
        body = {"format": FORMAT, "source": path.name, "crc32": checksum(raw), "size": len(raw), "spec": data}
        out.write_text(json.dumps(body, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(out)
    return written


if __name__ == "__main__":
    from mccheck.spec.catalog import bundled_dir

    for written in compile_all(bundled_dir(), folder()):
        print(written)
