"""Read an .xlsx/.xlsm zip package and write a patched copy of it.

The writer copies every member that is not replaced as the raw bytes of
its local entry (header, compressed data and data descriptor), so untouched
parts come out with the same bytes, compression and order as they went in.
Only the members the caller replaces or adds are compressed anew.

The zip format is read and written here directly instead of through
:mod:`zipfile`, whose writer cannot copy an entry without recompressing it.
ZIP64 packages (over 4 GiB or 65,535 members) are rejected: no workbook a
sales team keeps comes near that.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Self

from addin.errors import WorkbookError
from addin.locale import text

_LOCAL_SIGNATURE = 0x04034B50
_CENTRAL_SIGNATURE = 0x02014B50
_END_SIGNATURE = 0x06054B50
_LOCAL_HEADER = struct.Struct("<IHHHHHIIIHH")
_CENTRAL_HEADER = struct.Struct("<IHHHHHHIIIHHHHHII")
_END_RECORD = struct.Struct("<IHHHHIIH")
_ZIP64_LIMIT = 0xFFFFFFFF
_UTF8_NAME_FLAG = 0x800
_DEFLATED = 8
_VERSION = 20
"""Zip version 2.0, made by and needed to extract: deflate, no ZIP64."""
# DOS date of 1980-01-01 00:00, the zip epoch: new members carry a fixed
# time so that writing the same sheets twice gives the same bytes.
_FIXED_DOS_DATE = (0 << 9) | (1 << 5) | 1
_FIXED_DOS_TIME = 0
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Member:
    """One entry of the source package, located by its byte offsets."""

    name: str
    local_offset: int
    """Offset of the entry's local header in the source file."""
    local_end: int
    """Offset just past its data (and data descriptor, if any)."""
    central_record: bytes
    """The entry's central directory record, copied when the entry is kept."""


class Package:
    """A zip package opened for reading: its members in file order."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # The file stays open until close(): members are read on demand.
        self._file: BinaryIO = open(path, "rb")  # noqa: SIM115
        try:
            self.members = _read_directory(self._file, path)
        except Exception:
            self._file.close()
            raise
        self._by_name = {member.name: member for member in self.members}

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        self._file.close()

    @property
    def names(self) -> list[str]:
        return [member.name for member in self.members]

    def __contains__(self, name: str) -> bool:
        return name in self._by_name

    def read(self, name: str) -> bytes:
        """Return the uncompressed content of member ``name``."""
        member = self._by_name[name]
        self._file.seek(member.local_offset)
        header = _LOCAL_HEADER.unpack(self._file.read(_LOCAL_HEADER.size))
        method, compressed_size = header[3], _central_field(member, "csize")
        name_length, extra_length = header[9], header[10]
        self._file.seek(name_length + extra_length, 1)
        raw = self._file.read(compressed_size)
        if method == 0:
            return raw
        if method == _DEFLATED:
            return zlib.decompress(raw, -15)
        raise _unsupported(self.path, f"zip compression method {method} in {name}")

    def raw_entry(self, name: str) -> Iterator[bytes]:
        """Yield the bytes of member ``name``'s local entry, unchanged."""
        member = self._by_name[name]
        self._file.seek(member.local_offset)
        remaining = member.local_end - member.local_offset
        while remaining > 0:
            chunk = self._file.read(min(_CHUNK, remaining))
            if not chunk:
                raise _damaged(self.path, f"member {name} is truncated")
            remaining -= len(chunk)
            yield chunk


_CENTRAL_FIELDS = {"csize": 8, "offset": 16}


def _central_field(member: Member, field_name: str) -> int:
    values = _CENTRAL_HEADER.unpack_from(member.central_record)
    return int(values[_CENTRAL_FIELDS[field_name]])


def _read_directory(file: BinaryIO, path: Path) -> list[Member]:
    directory_offset, count = _find_directory(file, path)
    file.seek(directory_offset)
    records: list[tuple[str, int, bytes]] = []
    for _ in range(count):
        fixed = file.read(_CENTRAL_HEADER.size)
        values = _CENTRAL_HEADER.unpack(fixed)
        if values[0] != _CENTRAL_SIGNATURE:
            raise _damaged(path, "the zip directory is damaged")
        name_length, extra_length, comment_length = values[10:13]
        variable = file.read(name_length + extra_length + comment_length)
        flags, raw_name = values[3], variable[:name_length]
        name = raw_name.decode("utf-8" if flags & _UTF8_NAME_FLAG else "cp437")
        offset = values[16]
        if _ZIP64_LIMIT in (values[8], values[9], offset):
            raise _unsupported(path, "ZIP64")
        records.append((name, offset, fixed + variable))

    # An entry ends where the next one starts; the last ends at the directory.
    starts = sorted(offset for _, offset, _ in records) + [directory_offset]
    next_start = {start: starts[index + 1] for index, start in enumerate(starts[:-1])}
    members = [
        Member(name, offset, next_start[offset], record)
        for name, offset, record in records
    ]
    return sorted(members, key=lambda member: member.local_offset)


def _find_directory(file: BinaryIO, path: Path) -> tuple[int, int]:
    file.seek(0, 2)
    size = file.tell()
    tail_length = min(size, _END_RECORD.size + 0xFFFF)
    file.seek(size - tail_length)
    tail = file.read(tail_length)
    position = tail.rfind(struct.pack("<I", _END_SIGNATURE))
    if position < 0:
        raise WorkbookError(text("xlsx.not_a_package", workbook=path.name))
    values = _END_RECORD.unpack_from(tail, position)
    count, directory_offset = values[4], values[6]
    if count == 0xFFFF or directory_offset == _ZIP64_LIMIT:
        raise _unsupported(path, "ZIP64")
    return directory_offset, count


def _damaged(path: Path, reason: str) -> WorkbookError:
    # The language setting lives inside the workbook, which cannot be read
    # here, so package errors are in English.
    return WorkbookError(
        text("xlsx.damaged_package", workbook=path.name, reason=reason)
    )


def _unsupported(path: Path, feature: str) -> WorkbookError:
    return WorkbookError(
        text("xlsx.unsupported_package", workbook=path.name, feature=feature)
    )


class PackageWriter:
    """Write a zip package member by member, then its central directory."""

    def __init__(self, file: BinaryIO) -> None:
        self._file = file
        self._records: list[bytes] = []

    def copy(self, source: Package, name: str) -> None:
        """Copy member ``name`` of ``source`` byte for byte."""
        member = source._by_name[name]
        offset = self._file.tell()
        for chunk in source.raw_entry(name):
            self._file.write(chunk)
        record = bytearray(member.central_record)
        struct.pack_into("<I", record, 42, offset)
        self._records.append(bytes(record))

    def write(
        self, name: str, content: bytes | Iterable[bytes], level: int = 6
    ) -> None:
        """Deflate ``content`` (bytes, or chunks of bytes) as member ``name``.

        ``level`` is zlib's compression level, from 1 (fastest) to 9.
        """
        chunks = [content] if isinstance(content, bytes) else content
        encoded_name = name.encode("utf-8")
        flags = 0 if encoded_name.isascii() else _UTF8_NAME_FLAG
        offset = self._file.tell()
        self._file.write(_local_header(encoded_name, flags, 0, 0, 0))

        compressor = zlib.compressobj(level, zlib.DEFLATED, -15)
        crc, size, compressed_size = 0, 0, 0
        for chunk in chunks:
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
            packed = compressor.compress(chunk)
            compressed_size += len(packed)
            self._file.write(packed)
        packed = compressor.flush()
        compressed_size += len(packed)
        self._file.write(packed)
        if max(size, compressed_size, offset) >= _ZIP64_LIMIT:
            raise _unsupported(Path(name), "a part larger than 4 GiB (ZIP64)")

        end = self._file.tell()
        self._file.seek(offset)
        self._file.write(_local_header(encoded_name, flags, crc, compressed_size, size))
        self._file.seek(end)
        self._records.append(
            _central_record(encoded_name, flags, crc, compressed_size, size, offset)
        )

    def close(self) -> None:
        """Write the central directory and the end record."""
        directory_offset = self._file.tell()
        for record in self._records:
            self._file.write(record)
        directory_size = self._file.tell() - directory_offset
        count = len(self._records)
        self._file.write(
            _END_RECORD.pack(
                _END_SIGNATURE, 0, 0, count, count, directory_size, directory_offset, 0
            )
        )


def _local_header(
    name: bytes, flags: int, crc: int, compressed_size: int, size: int
) -> bytes:
    common = _common_fields(name, flags, crc, compressed_size, size)
    extra_length = 0
    return _LOCAL_HEADER.pack(_LOCAL_SIGNATURE, _VERSION, *common, extra_length) + name


def _central_record(
    name: bytes, flags: int, crc: int, compressed_size: int, size: int, offset: int
) -> bytes:
    common = _common_fields(name, flags, crc, compressed_size, size)
    # Extra field and comment lengths, disk number, internal and external
    # attributes are all zero.
    zeros = (0, 0, 0, 0, 0)
    fixed = _CENTRAL_HEADER.pack(
        _CENTRAL_SIGNATURE, _VERSION, _VERSION, *common, *zeros, offset
    )
    return fixed + name


def _common_fields(
    name: bytes, flags: int, crc: int, compressed_size: int, size: int
) -> tuple[int, ...]:
    """Return the fields local header and central record share, in order."""
    return (
        flags,
        _DEFLATED,
        _FIXED_DOS_TIME,
        _FIXED_DOS_DATE,
        crc,
        compressed_size,
        size,
        len(name),
    )
