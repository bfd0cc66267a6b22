"""The backup file: one tar archive holding `manifest.json`, the database (a
`pg_dump` custom-format dump, or a SQLite database file made with SQLite's online
backup API) and the uploaded files under `media/`. The manifest names every other
member with its size and SHA-256, so a truncated or altered file is refused before
anything is restored (docs/backups.md)."""

import hashlib
import io
import json
import tarfile
from dataclasses import dataclass
from pathlib import Path

from core.errors import ApplicationError

FORMAT = "mockloop-backup"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


def file_digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def archive_write(target: Path, manifest: dict, members: dict[str, Path]) -> None:
    """Write the archive to `target` through a temporary file beside it, so a backup
    cut short never leaves a file that looks whole."""
    manifest = {
        **manifest,
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "members": {
            name: {"size": path.stat().st_size, "sha256": file_digest(path)}
            for name, path in members.items()
        },
    }
    partial = target.with_name(f".{target.name}.partial")
    with tarfile.open(partial, "w") as archive:
        body = json.dumps(manifest, indent=2, sort_keys=True).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(body)
        info.mode = 0o600
        archive.addfile(info, io.BytesIO(body))
        for name, path in members.items():
            archive.add(path, arcname=name, recursive=False)
    partial.replace(target)


@dataclass(frozen=True)
class OpenedBackup:
    manifest: dict
    folder: Path  # where every member was extracted and checked

    def member(self, name: str) -> Path:
        return self.folder / name


def _refuse(reason: str) -> ApplicationError:
    return ApplicationError(f"This backup cannot be restored: {reason}")


def archive_open(source: Path, folder: Path) -> OpenedBackup:
    """Extract `source` into `folder` and check it against its manifest; refuse,
    with the reason, anything that is not a whole, unaltered Mockloop backup."""
    if not source.is_file():
        raise _refuse(f"there is no file at {source}.")
    try:
        with tarfile.open(source, "r") as archive:
            try:
                manifest = json.load(archive.extractfile(MANIFEST))
            except (KeyError, TypeError, ValueError) as error:
                raise _refuse("it has no readable manifest.json.") from error
            if manifest.get("format") != FORMAT:
                raise _refuse("it is not a Mockloop backup.")
            if manifest.get("format_version") != FORMAT_VERSION:
                raise _refuse(
                    f"it is in backup format {manifest.get('format_version')!r}; "
                    f"this version reads format {FORMAT_VERSION}."
                )
            listed = manifest.get("members") or {}
            present = {m.name for m in archive.getmembers() if m.isfile()} - {MANIFEST}
            if present != set(listed):
                missing = sorted(set(listed) - present)
                extra = sorted(present - set(listed))
                raise _refuse(
                    f"its files do not match its manifest (missing {missing}, "
                    f"unlisted {extra})."
                )
            for name in sorted(listed):
                if name.startswith("/") or ".." in Path(name).parts:
                    raise _refuse(f"it names a file outside itself ({name}).")
            archive.extractall(folder, filter="data")
    except tarfile.TarError as error:
        raise _refuse(f"it is not a whole tar archive ({error}).") from error
    except EOFError as error:
        raise _refuse("it is cut short.") from error
    for name, expected in listed.items():
        path = folder / name
        if path.stat().st_size != expected.get("size"):
            raise _refuse(f"{name} is not the size its manifest says (cut short?).")
        if file_digest(path) != expected.get("sha256"):
            raise _refuse(f"{name} has changed since the backup was made.")
    return OpenedBackup(manifest=manifest, folder=folder)
