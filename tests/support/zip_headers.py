"""Changing one field of a ZIP member's headers (local header and central directory), to make
archives that lie about an entry."""

from __future__ import annotations

import struct

# Offsets of the fields in a local file header and in a central directory entry.
CRC32 = (14, 16)
UNCOMPRESSED_SIZE = (22, 24)


def with_header_field(data: bytes, member: str, field: tuple[int, int], value: int) -> bytes:
    """`data` with `member`'s 4-byte header field `field` set to `value` in both headers."""
    out = bytearray(data)
    name = member.encode()
    at = out.find(name)
    while at >= 0:
        if out[at - 30 : at - 26] == b"PK\x03\x04":
            struct.pack_into("<I", out, at - 30 + field[0], value)
        elif out[at - 46 : at - 42] == b"PK\x01\x02":
            struct.pack_into("<I", out, at - 46 + field[1], value)
        at = out.find(name, at + 1)
    return bytes(out)
