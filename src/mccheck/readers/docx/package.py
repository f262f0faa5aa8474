"""The .docx zip: its relationships, hardened access to its XML parts, its properties."""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from mccheck.readers.guards import read_part, safe_xml
from mccheck.readers.limits import ReadLimits

if TYPE_CHECKING:
    from lxml import etree

REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
DEFAULT_MAIN = "word/document.xml"


class Package:
    """The zip, its relationships, and hardened access to its XML parts."""

    def __init__(self, zf: zipfile.ZipFile, path: Path, limits: ReadLimits):
        self.zf = zf
        self.path = path
        self.limits = limits
        self.names = set(zf.namelist())

    def xml(self, name: str) -> etree._Element | None:
        if name not in self.names:
            return None
        return safe_xml(read_part(self.zf, name, self.path, self.limits), self.path, name)

    def rels(self, part: str) -> list[tuple[str, str]]:
        """(type suffix, target part) of a part's internal relationships."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        if root is None:
            return []
        out = []
        for rel in root.iter(f"{{{REL_NS}}}Relationship", "Relationship"):
            if rel.get("TargetMode", "").lower() == "external":
                continue
            target = rel.get("Target", "")
            if not target:
                continue
            if target.startswith("/"):
                name = target.lstrip("/")
            else:
                name = posixpath.normpath(posixpath.join(folder, target))
            out.append((rel.get("Type", "").rsplit("/", 1)[-1], name))
        return out

    def main_part(self) -> str | None:
        for kind, name in self.rels(""):
            if kind == "officeDocument" and name in self.names:
                return name
        return DEFAULT_MAIN if DEFAULT_MAIN in self.names else None

    def author(self) -> str:
        """"creator (last modified by X)" from docProps/core.xml, or ""."""
        name = next((p for k, p in self.rels("") if k == "core-properties"), "docProps/core.xml")
        root = self.xml(name)
        if root is None:
            return ""
        found: dict[str, str] = {}
        for child in root:
            if isinstance(child.tag, str):
                local = child.tag.rsplit("}", 1)[-1]
                if local in ("creator", "lastModifiedBy") and (child.text or "").strip():
                    found[local] = " ".join(child.text.split())
        creator, modifier = found.get("creator", ""), found.get("lastModifiedBy", "")
        if creator and modifier and modifier != creator:
            return f"{creator} as author and {modifier} as last editor"
        if creator:
            return f"{creator} as author"
        if modifier:
            return f"{modifier} as last editor"
        return ""


def natural(name: str) -> tuple:
    """Sort key putting header2.xml before header10.xml."""
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", name))
