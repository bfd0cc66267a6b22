"""Uploaded .zip archives of a folder, unpacked with limits before they are read."""

import zipfile
from pathlib import Path, PurePosixPath

from questions.importers.report import ImportRefused

# Far above any real company-list folder (the largest has a few thousand small files),
# far below what would fill a disk.
MAX_FILES = 20_000
MAX_BYTES = 500 * 1024 * 1024


def unpack(archive: Path, into: Path, name: str) -> Path:
    """The folder the archive holds, unpacked under `into`; refuses unsafe archives."""
    try:
        with zipfile.ZipFile(archive) as opened:
            members = [m for m in opened.infolist() if not m.is_dir()]
            if len(members) > MAX_FILES:
                raise _refused(name, f"the archive holds more than {MAX_FILES} files.")
            if sum(member.file_size for member in members) > MAX_BYTES:
                raise _refused(name, "the archive unpacks to more than 500 MB.")
            root = into / (Path(name).stem or "upload")
            for member in members:
                parts = PurePosixPath(member.filename.replace("\\", "/")).parts
                if member.filename.startswith("/") or ".." in parts:
                    raise _refused(name, f"unsafe path {member.filename!r}.")
                target = root.joinpath(*parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(opened.read(member))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as error:
        raise _refused(name, f"not a readable .zip archive ({error}).") from error
    return root


def _refused(name: str, problem: str) -> ImportRefused:
    return ImportRefused(file=name, line=None, problem=problem)
