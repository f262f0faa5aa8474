"""`mccheck init`: scaffold a submission folder to write in, with an mccheck.yaml naming the credential."""

from __future__ import annotations

from pathlib import Path

import typer

from mccheck.cli import app
from mccheck.cli.common import complete_credential, status, write_atomic
from mccheck.errors import InputError, UsageError


@app.command()
def init(
    credential: str = typer.Argument(..., metavar="ID", autocompletion=complete_credential, help="Credential id (see `mccheck list`) or a spec .yaml path.", show_default=False),
    fmt: str = typer.Option("md", "--format", "-f", help="Draft files to create: Markdown (md) or Word (docx)."),
    output: str | None = typer.Option(None, "--output", "-o", help="Folder to create the drafts in (default: ./CREDENTIAL-ID)."),
    force: bool = typer.Option(False, "--force", help="Overwrite files that already exist."),
) -> None:
    """Create a submission folder: one draft per part (or per uploaded artifact) with the headings,
    limits and questions of the credential, ready to write in.

    Every [bracketed] line is guidance: `mccheck check` reports it until you replace it.
    """
    from mccheck import scaffold
    from mccheck.spec.catalog import looks_like_path, resolve

    if fmt not in scaffold.FORMATS:
        raise UsageError(f'--format must be md or docx, not "{fmt}"')
    spec = resolve(credential)
    # A spec given by path is recorded by absolute path, so the folder works from anywhere.
    ref = str(Path(credential).resolve()) if looks_like_path(credential) else spec.id
    folder = Path(output) if output is not None else Path(spec.id)
    if folder.exists() and not folder.is_dir():
        raise InputError(folder, "exists and is not a folder: choose another --output")

    targets: list[tuple[Path, bytes]] = [
        (folder / draft.name(fmt), scaffold.render(draft, fmt)) for draft in scaffold.plan(spec)
    ]
    targets.append((folder / scaffold.CONFIG_NAME, scaffold.config_text(ref).encode("utf-8")))
    if not force:
        # Refuse before writing anything, so a refused init leaves the folder as it was.
        for path, _ in targets:
            if path.exists() or path.is_symlink():
                raise InputError(path, "already exists: pass --force to overwrite it")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(folder, f"cannot be created ({e.strerror or e})") from e
    for path, data in targets:
        write_atomic(path, data)

    # What was done and what to do next is status, not data: standard error.
    status(f"Created {len(targets)} files in {folder} for {spec.title}:")
    for path, _ in targets:
        status(f"  {path.name}")
    status("Replace each [bracketed] line with your own writing, then run:")
    status(f'  mccheck check "{folder}"     (or: mccheck watch "{folder}" to re-check on every save)')

