"""Opening an uploaded ZIP safely, for every importer that reads one (Selfcare's own, Loop's CSV export).

Everything is checked from the archive's directory before a byte is decompressed:
how many members, how big they say they are once unpacked, how much they grow,
and that no name tries to leave the archive. Reading a member stops at its limit
even when the directory lies about its size.
"""

import io
import zipfile
from pathlib import PurePosixPath

from .plan import UnreadableFile

MAX_MEMBERS = 1000
MAX_TOTAL_BYTES = 200 * 1024 * 1024  # unpacked, all members together
MAX_MEMBER_BYTES = 100 * 1024 * 1024  # unpacked, one member
MAX_RATIO = 200  # unpacked size over packed size, per member (text compresses ~10x; bombs ~1000x)
_RATIO_FROM = 1024 * 1024  # small members may compress as well as they like


def _is_safe_name(name: str) -> bool:
    """A relative path that stays inside the archive: no drive, no root, no "..", no backslashes."""
    if not name or "\\" in name or "\x00" in name or name.startswith("/") or ":" in name.split("/")[0]:
        return False
    return ".." not in PurePosixPath(name).parts


def safe_zip(data: bytes) -> zipfile.ZipFile:
    """The archive, opened for reading, once its directory has been checked.

    Raises UnreadableFile (with a message for the person) for anything that is not a
    readable ZIP, holds too many files, would unpack too big, or has a name leaving it.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as error:
        raise UnreadableFile("This ZIP file could not be opened. It may be damaged or not a ZIP file.") from error
    if len(members) > MAX_MEMBERS:
        raise UnreadableFile(f"This ZIP file holds more than {MAX_MEMBERS} files, more than an export ever does.")
    total = 0
    for member in members:
        if not _is_safe_name(member.filename):
            raise UnreadableFile("This ZIP file has a file name pointing outside it, so it was not opened.")
        if member.flag_bits & 0x1:
            raise UnreadableFile("This ZIP file is password-protected. Please export it again without a password.")
        size = member.file_size
        if size > MAX_MEMBER_BYTES or (size > _RATIO_FROM and size > MAX_RATIO * max(member.compress_size, 1)):
            raise UnreadableFile("This ZIP file would unpack far too big, so it was not opened.")
        total += size
        if total > MAX_TOTAL_BYTES:
            raise UnreadableFile("This ZIP file would unpack far too big, so it was not opened.")
    return archive


def find_member(archive: zipfile.ZipFile, name: str) -> str | None:
    """The member's path whose file name is `name` (any case, in any folder), or None."""
    wanted = name.lower()
    for member in archive.infolist():
        if not member.is_dir() and PurePosixPath(member.filename).name.lower() == wanted:
            return member.filename
    return None


def member_bytes(archive: zipfile.ZipFile, name: str, max_bytes: int = MAX_MEMBER_BYTES) -> bytes:
    """A member's bytes, read no further than `max_bytes` whatever its directory entry says."""
    try:
        with archive.open(name) as stream:
            data = stream.read(max_bytes + 1)
    except KeyError as error:
        raise UnreadableFile(f"The ZIP file has no “{name}”.") from error
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError, OSError) as error:
        raise UnreadableFile(f"“{name}” in the ZIP file could not be read. It may be damaged.") from error
    if len(data) > max_bytes:
        raise UnreadableFile(f"“{name}” in the ZIP file is too big to import.")
    return data


def member_text(archive: zipfile.ZipFile, name: str, max_bytes: int = MAX_MEMBER_BYTES) -> str:
    """A member read as UTF-8 text (a leading byte-order mark dropped), at most `max_bytes` of it."""
    data = member_bytes(archive, name, max_bytes)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableFile(f"“{name}” in the ZIP file is not UTF-8 text.") from error
