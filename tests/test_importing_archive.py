"""The one place ZIP uploads are opened: limits and names checked before anything is unpacked."""

import io
import zipfile

import pytest

from routines.importing import archive
from routines.importing.archive import member_text, safe_zip
from routines.importing.plan import UnreadableFile


def zipped(files: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def test_a_good_zip_opens_and_its_text_reads_without_the_byte_order_mark():
    zf = safe_zip(zipped({"export/Habits.csv": "\ufeffName\nWalk ☀\n".encode()}))
    assert member_text(zf, "export/Habits.csv") == "Name\nWalk ☀\n"
    assert archive.find_member(zf, "habits.csv") == "export/Habits.csv"


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"PK\x03\x04broken"])
def test_what_is_not_a_zip_gets_a_clear_message(data):
    with pytest.raises(UnreadableFile, match="could not be opened"):
        safe_zip(data)


@pytest.mark.parametrize("name", ["../evil.csv", "/etc/passwd", "a/../../b.csv", "C:/x.csv", "a\\..\\b.csv"])
def test_a_name_leaving_the_archive_is_refused(name):
    with pytest.raises(UnreadableFile, match="outside"):
        safe_zip(zipped({name: b"x"}))


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = zipped({"selfcare.json": b"0" * (30 * 1024 * 1024)})
    assert len(bomb) < 100 * 1024
    with pytest.raises(UnreadableFile, match="far too big"):
        safe_zip(bomb)


def test_many_members_together_too_big_are_refused(monkeypatch):
    monkeypatch.setattr(archive, "MAX_TOTAL_BYTES", 1000)
    with pytest.raises(UnreadableFile, match="far too big"):
        safe_zip(zipped({f"{i}.csv": b"x" * 300 for i in range(4)}, zipfile.ZIP_STORED))


def test_too_many_members_are_refused(monkeypatch):
    monkeypatch.setattr(archive, "MAX_MEMBERS", 3)
    with pytest.raises(UnreadableFile, match="more than 3 files"):
        safe_zip(zipped({f"{i}.csv": b"x" for i in range(4)}))


def test_reading_stops_at_the_limit_even_when_the_directory_says_less():
    data = zipped({"a.csv": b"x" * 5000}, zipfile.ZIP_STORED)
    zf = safe_zip(data)
    zf.getinfo("a.csv").file_size = 10  # a lying directory entry
    with pytest.raises(UnreadableFile):
        member_text(zf, "a.csv", max_bytes=100)


def test_a_missing_member_and_non_utf8_text_get_messages():
    zf = safe_zip(zipped({"a.csv": "é".encode("latin-1")}))
    with pytest.raises(UnreadableFile, match="no “b.csv”"):
        member_text(zf, "b.csv")
    with pytest.raises(UnreadableFile, match="not UTF-8"):
        member_text(zf, "a.csv")
