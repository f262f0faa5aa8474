"""Load a credential spec: safe YAML with line marks, hostile-input guards, validation.

One parse gives both the data and the lines: the composed node tree is walked once
to index ``{("parts", 0, "sections", 2, "limits", "max"): 41}``, to find duplicate
mapping keys (PyYAML silently keeps the last one) and to measure how far aliases
would expand. Every problem found -- YAML shape, pydantic validation, cross
references -- is collected and raised together as one ``SpecError`` whose problems
read ``file:line: dotted.path: plain sentence``.

Errors raised:
- ``InputError``: the file can't be read (missing, a folder, too large, not UTF-8).
- ``SpecSyntaxError`` (a ``SpecError``): the text is not YAML at all.
- ``SpecError``: YAML, but not a valid credential spec.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mccheck.errors import InputError, SpecError

if TYPE_CHECKING:  # pragma: no cover
    from mccheck.spec.records import Credential

MAX_BYTES = 1_000_000  # the bundled specs are ~30 kB; anything near 1 MB is not a spec
MAX_NODES = 100_000  # YAML nodes after expanding aliases ("billion laughs" guard)
MAX_ALIASES = 100  # alias uses; real specs need none
MAX_DEPTH = 60  # nesting levels; a spec needs about 10

Path_ = tuple[Any, ...]


class SpecSyntaxError(SpecError):
    """The text is not valid YAML (``mccheck validate`` exits 2 for these, not 1)."""


# --------------------------------------------------------------------------- entry points

_cache: dict[tuple[str, int, int], Credential] = {}


def load_spec(path: str | Path) -> Credential:
    """Read and validate the spec at ``path``. Cached per process by (path, mtime, size)."""
    p = Path(path)
    try:
        st = p.stat()
    except OSError as e:
        raise InputError(p, f"cannot be read: {e.strerror or e}") from None
    if not p.is_file():
        raise InputError(p, "is not a file: give the path of a credential spec (.yaml)")
    if st.st_size > MAX_BYTES:
        raise InputError(p, _too_large(st.st_size))
    key = (os.path.abspath(p), st.st_mtime_ns, st.st_size)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise InputError(p, f"cannot be read: {e.strerror or e}") from None
    credential = load_spec_bytes(raw, str(path))
    _cache[key] = credential
    return credential


def load_spec_bytes(raw: bytes, name: str) -> Credential:
    """Validate a spec given as bytes: enforces the size limit and UTF-8."""
    if len(raw) > MAX_BYTES:
        raise InputError(name, _too_large(len(raw)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(
            name, f"is not UTF-8 text (byte 0x{raw[e.start]:02x} on line {line}): save the spec as UTF-8"
        ) from None
    return load_spec_text(text, name)


def load_spec_text(text: str, name: str) -> Credential:
    """Validate a spec given as text; ``name`` is the file name used in problems."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_BYTES:
        raise InputError(name, _too_large(len(text.encode("utf-8", "surrogatepass"))))
    data, lines, fatal, duplicates = _parse(text, name)
    if fatal:
        raise SpecError(name, fatal)
    credential, problems = _validate(data, lines, name)
    problems = duplicates + problems
    if problems or credential is None:
        raise SpecError(name, _by_line(problems))
    return credential


def validate_data(data: Any, name: str) -> Credential:
    """Validate spec data already parsed (a dict, as ``yaml.safe_load`` gives); problems carry no lines."""
    credential, problems = _validate(data, {}, name)
    if problems or credential is None:
        raise SpecError(name, _by_line(problems))
    return credential


def _by_line(problems: list[str]) -> list[str]:
    """Every problem once, in the order of the file's lines (those without a line first)."""

    def line(problem: str) -> int:
        m = re.search(r":(\d+)(?::\d+)?$", problem.split(": ", 1)[0])
        return int(m.group(1)) if m else 0

    return sorted(dict.fromkeys(problems), key=line)


def _too_large(size: int) -> str:
    return f"is {size / 1_000_000:.1f} MB; a credential spec may be at most {MAX_BYTES // 1_000_000} MB"


# --------------------------------------------------------------------------- YAML


def _parse(text: str, name: str) -> tuple[Any, dict[Path_, int], list[str], list[str]]:
    """(data, line index, fatal problems, duplicate-key problems). Fatal: nothing was constructed."""
    import yaml

    # libyaml's parser is 2-3x faster; on any error the pure-Python one re-parses, because
    # its messages and marks are the ones the problem texts are written for.
    loader_class = yaml.SafeLoader
    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        probe = fast(text)
        try:
            probe.get_single_node()  # (libyaml's check_node() would consume the document)
            loader_class = fast
        except Exception:
            pass
        finally:
            probe.dispose()
    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as e:
        raise SpecSyntaxError(name, [_reader_error(e, text, name)]) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.reader.ReaderError as e:
            raise SpecSyntaxError(name, [_reader_error(e, text, name)]) from None
        except RecursionError:
            raise SpecSyntaxError(name, [_too_deep(text, name)]) from None
        except yaml.composer.ComposerError as e:
            if "single document" in str(e.context or ""):
                line = e.problem_mark.line + 1 if e.problem_mark else 1
                return None, {}, [f"{name}:{line}: a spec is one YAML document: remove the second '---' document"], []
            raise SpecSyntaxError(name, [_yaml_error(e, name)]) from None
        except yaml.YAMLError as e:
            raise SpecSyntaxError(name, [_yaml_error(e, name)]) from None
        if node is None:
            return None, {}, [f"{name}:1: the file is empty: a spec is a mapping (id: ..., title: ..., parts: ...)"], []
        if not isinstance(node, yaml.MappingNode):
            what = "a list" if isinstance(node, yaml.SequenceNode) else "a single value"
            return None, {}, [
                f"{name}:{node.start_mark.line + 1}: the document is {what}, not a mapping: "
                "a spec starts with keys such as 'id:', 'title:' and 'parts:'"
            ], []
        walk = _Walk(name)
        walk.run(node)
        if walk.problems:
            # Guards first: never construct a document that failed them.
            return None, walk.lines, walk.problems, []
        try:
            data = loader.construct_document(node)
        except yaml.constructor.ConstructorError as e:
            return None, walk.lines, [_constructor_error(e, name)], []
        except (yaml.YAMLError, ValueError, TypeError, RecursionError) as e:
            return None, walk.lines, [f"{name}: cannot be read as a spec: {e}"], []
        return data, walk.lines, [], walk.dup_problems
    finally:
        loader.dispose()


def _too_deep(text: str, name: str) -> str:
    """The problem for a document too deep for the YAML parser itself (Python's recursion or
    libyaml's own nesting cap, which differ between PyYAML builds): found by scanning the
    flow brackets, so every build names the same line."""
    depth, quote = 0, ""
    line = 1
    prev = "\n"
    for ch in text:
        if ch == "\n":
            line += 1
            if quote == "#":
                quote = ""
        elif quote:
            if ch == quote and quote != "#":
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "#" and prev in " \t\n":
            quote = "#"  # a comment, to the end of the line
        elif ch in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return f"{name}:{line}: nests more than {MAX_DEPTH} levels deep: not a credential spec"
        elif ch in "]}":
            depth -= 1
        prev = ch
    return f"{name}: nests too deeply to be a credential spec"


def _reader_error(e: Any, text: str, name: str) -> str:
    line = text[: e.position].count("\n") + 1
    code = e.character if isinstance(e.character, int) else ord(e.character)
    return f"{name}:{line}: not valid YAML: character U+{code:04X} is not allowed in a YAML file"


def _yaml_error(e: Exception, name: str) -> str:
    mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
    problem = getattr(e, "problem", None) or str(e).splitlines()[0]
    context = str(getattr(e, "context", None) or "")
    context_mark = getattr(e, "context_mark", None)
    if "duplicate anchor" in context and context_mark is not None:
        problem = f"{context.split(';')[0]} (first at line {context_mark.line + 1})"
    if mark is not None:
        return f"{name}:{mark.line + 1}:{mark.column + 1}: not valid YAML: {problem}"
    return f"{name}: not valid YAML: {problem}"


def _constructor_error(e: Any, name: str) -> str:
    mark = e.problem_mark or e.context_mark
    line = f":{mark.line + 1}" if mark is not None else ""
    problem = str(e.problem or "")
    if "could not determine a constructor for the tag" in problem:
        tag = problem.split("tag", 1)[1].strip().strip("'")
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return f"{name}{line}: tag {tag} is not allowed in a spec (specs hold plain data only)"
    if "unhashable key" in problem:
        problem += ": a key must be plain text, not a list or mapping"
    return f"{name}{line}: {problem or e}"


_YAML_TAG = "tag:yaml.org,2002:"
# Refused while walking, so nothing is ever constructed from them (SafeLoader would also
# refuse them, but only the first one, and only once construction has begun).
_PYTHON_TAG = _YAML_TAG + "python/"


class _Walk:
    """One pass over the node tree: line index, duplicate keys, alias and size guards."""

    def __init__(self, name: str):
        self.name = name
        self.lines: dict[Path_, int] = {}
        self.problems: list[str] = []  # refusals: the document is not constructed
        self.dup_problems: list[str] = []  # reported together with validation problems
        self.aliases = 0
        self._seen: set[int] = set()
        self._sizes: dict[int, int] = {}

    def run(self, root: Any) -> None:
        self.lines[()] = root.start_mark.line + 1
        try:
            expanded = self._size(root, set())
        except _Recursive as r:
            self.problems.append(f"{self.name}:{r.line}: an alias refers to its own anchor: remove the '*' alias")
            return
        except _TooDeep as r:
            self.problems.append(f"{self.name}:{r.line}: nests more than {MAX_DEPTH} levels deep: not a credential spec")
            return
        if self.aliases > MAX_ALIASES or expanded > MAX_NODES:
            self.problems.append(
                f"{self.name}:{root.start_mark.line + 1}: uses too many YAML aliases "
                f"({self.aliases} aliases, {expanded} nodes once expanded; limits {MAX_ALIASES} and {MAX_NODES}): "
                "write the values out instead"
            )
            return
        self._index(root, ())

    def _size(self, node: Any, stack: set[int]) -> int:
        """Nodes the document would have with every alias expanded (memoised: no expansion)."""
        nid = id(node)
        if nid in stack:
            raise _Recursive(node.start_mark.line + 1)
        if nid in self._sizes:
            self.aliases += 1  # a node reached twice is an alias use
            return self._sizes[nid]
        if len(stack) > MAX_DEPTH:
            raise _TooDeep(node.start_mark.line + 1)
        if node.tag.startswith(_PYTHON_TAG):
            tag = node.tag.replace(_YAML_TAG, "!!")
            self.problems.append(
                f"{self.name}:{node.start_mark.line + 1}: tag {tag} is not allowed in a spec (specs hold plain data only)"
            )
        stack.add(nid)
        total = 1
        value = node.value
        if isinstance(value, list):
            for child in value:
                if isinstance(child, tuple):
                    total += self._size(child[0], stack) + self._size(child[1], stack)
                else:
                    total += self._size(child, stack)
                if total > MAX_NODES:
                    break
        stack.discard(nid)
        self._sizes[nid] = total
        return total

    def _index(self, node: Any, path: Path_) -> None:
        import yaml

        if id(node) in self._seen:  # alias: indexed where its anchor is
            return
        self._seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[Any, int] = {}
            for key_node, value_node in node.value:
                line = key_node.start_mark.line + 1
                if key_node.tag == _YAML_TAG + "merge":
                    # "<<: *base": merged keys belong to this mapping; lines point at the anchor.
                    targets = value_node.value if isinstance(value_node, yaml.SequenceNode) else [value_node]
                    for target in targets:
                        self._index(target, path)
                    continue
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else f"<line {line}>"
                if key in first:
                    self.dup_problems.append(
                        f"{self.name}:{line}: {_dotted(path) + ': ' if path else ''}duplicate key '{key}' "
                        f"(first at line {first[key]})"
                    )
                else:
                    first[key] = line
                    self.lines.setdefault(path + (key,), line)
                self._index(value_node, path + (key,))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.lines.setdefault(path + (i,), item.start_mark.line + 1)
                self._index(item, path + (i,))


class _Recursive(Exception):
    def __init__(self, line: int):
        self.line = line


class _TooDeep(Exception):
    def __init__(self, line: int):
        self.line = line


# --------------------------------------------------------------------------- validation


def _validate(data: Any, lines: dict[Path_, int], name: str) -> tuple[Credential | None, list[str]]:
    from pydantic import ValidationError

    from mccheck.spec import records
    from mccheck.spec.models import Credential

    problems: list[str] = []
    credential = None
    try:
        # The records every check reads, built from exactly what validation accepted.
        credential = records.build(records.Credential, Credential.model_validate(data).model_dump(by_alias=True))
    except ValidationError as e:
        for err in e.errors(include_url=False):
            problems.append(_pydantic_problem(err, lines, name))
    except RecursionError:
        problems.append(f"{name}: the document nests too deeply to be a spec")
        return None, problems
    # Cross-references are checked even when a value is wrong elsewhere, so one run of
    # `validate` shows every problem: the raw data is read leniently for them.
    problems.extend(_cross_references(credential if credential is not None else _Lenient(data), lines, name))
    return credential, problems


class _Lenient:
    """Attribute access over raw spec data that tolerates what validation refuses: a
    missing or mistyped list reads as empty, a missing value as None. Only for the
    cross-reference checks of a spec that failed validation."""

    _LISTS = frozenset({
        "parts", "sections", "prompts", "elements", "artifacts", "constraints", "applies_to",
        "criteria", "levels", "descriptors", "scale", "requires", "terms",
    })

    def __init__(self, data: Any):
        self._data = data if isinstance(data, dict) else {}

    def __getattr__(self, key: str) -> Any:
        value = self._data.get(key)
        if key in self._LISTS:
            items = value if isinstance(value, list) else []
            return [_Lenient(v) if isinstance(v, dict) else (str(v) if v is not None else "") for v in items]
        if key in ("rubric", "passing_rule"):
            if isinstance(value, dict):
                return _Lenient(value)
            return None if key == "rubric" else _Lenient({})
        return str(value) if value is not None and key in ("id", "level", "element", "part", "term", "name") else value

    def part_of(self, section_id: str) -> Any:
        return next(p for p in self.parts if any(s.id == section_id for s in p.sections))


def _dotted(path: Path_) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _line_for(path: Path_, lines: dict[Path_, int]) -> int | None:
    """Line of the deepest prefix of ``path`` that has one."""
    for end in range(len(path), -1, -1):
        prefix = path[:end]
        if prefix in lines:
            return lines[prefix]
        alt = tuple(str(p) if not isinstance(p, int) else p for p in prefix)
        if alt in lines:
            return lines[alt]
    return None


def _where(name: str, path: Path_, lines: dict[Path_, int], line_path: Path_ | None = None) -> str:
    line = _line_for(line_path if line_path is not None else path, lines)
    head = f"{name}:{line}" if line is not None else name
    return f"{head}: {_dotted(path)}: " if path else f"{head}: "


def _got(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return repr(shown)
    shown = str(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _model_fields_at(loc: Path_) -> list[str] | None:
    """Field names (aliases where set) of the model found at ``loc`` inside a Credential."""
    from pydantic import BaseModel

    from mccheck.spec.models import Credential

    model: Any = Credential
    for part in loc:
        if isinstance(part, int):
            continue  # list index: the item type was taken when the field was entered
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = None
        for fname, info in model.model_fields.items():
            if (info.alias or fname) == part or fname == part:
                field = info
                break
        if field is None:
            return None
        model = _inner_model(field.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return [info.alias or fname for fname, info in model.model_fields.items()]
    return None


def _inner_model(annotation: Any) -> Any:
    """list[X] / X | None / X -> X."""
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, set):
        return _inner_model(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _inner_model(args[0]) if len(args) == 1 else None
    return annotation


_ID_HINT = "use lowercase letters, digits and hyphens, starting with a letter or digit"


def _pydantic_problem(err: Mapping[str, Any], lines: dict[Path_, int], name: str) -> str:
    loc: Path_ = tuple(err["loc"])
    kind = err["type"]
    value = err.get("input")
    ctx = err.get("ctx") or {}
    line_path: Path_ | None = None

    if kind == "extra_forbidden":
        key = loc[-1] if loc else "?"
        fields = _model_fields_at(loc[:-1]) or []
        close = difflib.get_close_matches(str(key), fields, n=1, cutoff=0.6)
        hint = f' (did you mean "{close[0]}"?)' if close else (f" (allowed: {', '.join(fields)})" if fields else "")
        return f'{_where(name, loc[:-1], lines, loc)}unknown key "{key}"{hint}'
    if kind == "missing":
        return f'{_where(name, loc[:-1], lines)}missing required key "{loc[-1]}"'
    if kind in ("int_type", "int_parsing"):
        msg = f"expected a whole number, got {_got(value)}"
    elif kind == "int_from_float":
        msg = f"expected a whole number, got {_got(value)}"
    elif kind in ("bool_type", "bool_parsing"):
        msg = f"expected true or false, got {_got(value)}"
    elif kind == "string_type":
        extra = " (put it in quotes)" if isinstance(value, (int, float, bool, datetime.date)) else ""
        msg = f"expected text, got {_got(value)}{extra}"
    elif kind in ("list_type", "tuple_type"):
        msg = f"expected a list (lines starting with '- '), got {_got(value)}"
    elif kind in ("model_type", "model_attributes_type", "dict_type"):
        msg = f"expected a mapping (key: value lines), got {_got(value)}"
    elif kind == "string_too_short":
        msg = "must not be empty"
    elif kind == "too_short":
        n = ctx.get("min_length", 1)
        msg = f"needs at least {n} item{'s' if n != 1 else ''}"
    elif kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern", ""))
        if r"\." in pattern:
            msg = f"{_got(value)} is not a valid section id: write <part id>.<name>, e.g. part1.reflection; {_ID_HINT}"
        else:
            msg = f"{_got(value)} is not a valid id: {_ID_HINT}"
    elif kind in ("greater_than_equal", "greater_than"):
        bound = ctx.get("ge", ctx.get("gt"))
        msg = f"must be at least {bound}, got {_got(value)}" if kind == "greater_than_equal" else (
            f"must be more than {bound}, got {_got(value)}"
        )
    elif kind == "literal_error":
        expected = str(ctx.get("expected", ""))
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6) if isinstance(value, str) else []
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        msg = f"expected one of {expected}, got {_got(value)}{hint}"
    elif kind == "value_error":
        msg = str(err["msg"]).removeprefix("Value error, ")
        # "limits.max (250) is below limits.min (300)": point at the max line.
        if "max (" in msg:
            line_path = loc + ("max",)
    else:
        msg = str(err["msg"])
    return f"{_where(name, loc, lines, line_path)}{msg}"


# --------------------------------------------------------------------------- cross references


def _cross_references(c: Credential | _Lenient, lines: dict[Path_, int], name: str) -> list[str]:
    """Checks a single model can't make: unique ids, names that must refer to something."""
    problems: list[str] = []

    def report(path: Path_, msg: str) -> None:
        problems.append(f"{_where(name, path, lines)}{msg}")

    def first_line(path: Path_) -> str:
        line = _line_for(path, lines)
        return f" (first at line {line})" if line is not None else ""

    def unique(items: list[tuple[str, Path_]], what: str) -> None:
        seen: dict[str, Path_] = {}
        for value, path in items:
            if value in seen:
                report(path, f"duplicate {what} '{value}'{first_line(seen[value])}")
            else:
                seen[value] = path

    def suggest(value: str, choices: list[str]) -> str:
        close = difflib.get_close_matches(value, choices, n=1, cutoff=0.6)
        return f' (did you mean "{close[0]}"?)' if close else ""

    # ids
    unique([(p.id, ("parts", i, "id")) for i, p in enumerate(c.parts)], "part id")
    unique(
        [(s.id, ("parts", i, "sections", j, "id")) for i, p in enumerate(c.parts) for j, s in enumerate(p.sections)],
        "section id",
    )
    section_elements: dict[str, set[str]] = {}
    section_element_objs: dict[str, list] = {}
    for i, p in enumerate(c.parts):
        for j, s in enumerate(p.sections):
            base: Path_ = ("parts", i, "sections", j)
            if not s.id.startswith(p.id + "."):
                report(base + ("id",), f"section id '{s.id}' must start with its part id: '{p.id}.'")
            unique([(q.id, base + ("prompts", k, "id")) for k, q in enumerate(s.prompts)], "prompt id")
            unique([(e.id, base + ("elements", k, "id")) for k, e in enumerate(s.elements)], "element id")
            section_elements.setdefault(s.id, set()).update(e.id for e in s.elements)
            section_element_objs.setdefault(s.id, []).extend(s.elements)
    unique([(a.id, ("artifacts", i, "id")) for i, a in enumerate(c.artifacts)], "artifact id")
    unique([(k.id, ("constraints", i, "id")) for i, k in enumerate(c.constraints)], "constraint id")

    part_ids = [p.id for p in c.parts]
    section_ids = [s.id for p in c.parts for s in p.sections]

    for i, a in enumerate(c.artifacts):
        if a.part is not None and a.part not in part_ids:
            report(("artifacts", i, "part"), f"artifact '{a.id}' names unknown part '{a.part}'{suggest(a.part, part_ids)}")

    for i, constraint in enumerate(c.constraints):
        for j, sid in enumerate(constraint.applies_to):
            if sid not in section_ids:
                report(
                    ("constraints", i, "applies_to", j),
                    f"constraint '{constraint.id}' names unknown section '{sid}'{suggest(sid, section_ids)}",
                )

    # rubric
    scored_parts: set[str] = set()
    scale: list[str] = []
    if c.rubric is not None:
        scale = list(c.rubric.scale)
        unique([(lv, ("rubric", "scale", i)) for i, lv in enumerate(scale)], "rubric level")
        unique([(cr.id, ("rubric", "criteria", i, "id")) for i, cr in enumerate(c.rubric.criteria)], "criterion id")
        for i, cr in enumerate(c.rubric.criteria):
            base = ("rubric", "criteria", i)
            known = [sid for sid in cr.applies_to if sid in section_ids]
            for j, sid in enumerate(cr.applies_to):
                if sid not in section_ids:
                    report(
                        base + ("applies_to", j),
                        f"rubric criterion '{cr.id}' names unknown section '{sid}'{suggest(sid, section_ids)}",
                    )
            for sid in known:
                scored_parts.add(c.part_of(sid).id)
            elements = sorted(set().union(*(section_elements[sid] for sid in known))) if known else []
            unique([(lv.level, base + ("levels", j, "level")) for j, lv in enumerate(cr.levels)], "level")
            for j, lv in enumerate(cr.levels):
                if lv.level not in scale:
                    report(
                        base + ("levels", j, "level"),
                        f"level '{lv.level}' of criterion '{cr.id}' is not in rubric.scale "
                        f"({', '.join(scale)}){suggest(lv.level, scale)}",
                    )
                for k, d in enumerate(lv.descriptors):
                    if d.element is not None and known and d.element not in elements:
                        where = ", ".join(known)
                        report(
                            base + ("levels", j, "descriptors", k, "element"),
                            f"descriptor names element '{d.element}', which is not an element of {where}"
                            f"{suggest(d.element, elements)}",
                        )
                    elif d.term is not None and d.element is not None:
                        terms = [t.name for sid in known for e in section_element_objs[sid] if e.id == d.element
                                 for t in e.terms]
                        if d.term not in terms:
                            report(
                                base + ("levels", j, "descriptors", k, "term"),
                                f"descriptor names term '{d.term}', which is not a term of element "
                                f"'{d.element}'{suggest(d.term, terms)}",
                            )

    # passing rule: a part scored by rubric criteria must use a rubric level; parts
    # without criteria (pass/fail parts, "Passing", "Yes") may name any level.
    for i, req in enumerate(c.passing_rule.requires):
        base = ("passing_rule", "requires", i)
        for j, pid in enumerate(req.parts):
            if pid not in part_ids:
                report(base + ("parts", j), f"passing rule names unknown part '{pid}'{suggest(pid, part_ids)}")
            elif pid in scored_parts and req.level not in scale:
                report(
                    base + ("level",),
                    f"passing rule level '{req.level}' for {pid} is not in rubric.scale ({', '.join(scale)}): "
                    f"{pid} is scored by rubric criteria{suggest(req.level, scale)}",
                )
    return problems
