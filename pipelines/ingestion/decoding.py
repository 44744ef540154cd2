"""Bytes -> text: encoding detection and the test for binary files.

Order: a byte-order mark decides (UTF-8, UTF-16, UTF-32); then strict UTF-8; then
UTF-16 without a BOM (every other byte NUL); then charset-normalizer's best guess,
falling back to cp1252 (the usual encoding of Western news pages saved on Windows).
Binary files (NUL bytes, known magic numbers, mostly control characters) are refused.
"""

from __future__ import annotations

import codecs
import unicodedata

from charset_normalizer import from_bytes

MAGIC_NUMBERS = {
    b"%PDF": "a PDF document",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or a Word/Excel file)",
    b"\x1f\x8b": "a gzip archive",
    b"\x7fELF": "an executable program",
}
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
MAX_CONTROL_RATIO = 0.01


class DecodeError(ValueError):
    """The bytes are not text; `reason` is the quarantine reason code."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a BOM: NULs in every other byte, and the decoded text reads like prose (has spaces)."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even_nul = sample[0::2].count(0) / len(sample[0::2])
    odd_nul = sample[1::2].count(0) / len(sample[1::2])
    candidates = ["utf-16-le"] if odd_nul > even_nul else ["utf-16-be"]
    for encoding in candidates:
        try:
            text = sample[: len(sample) // 2 * 2].decode(encoding)
        except UnicodeDecodeError:
            continue
        spaces = sum(ch.isspace() for ch in text) / max(len(text), 1)
        if spaces >= 0.05 and _control_ratio(text) <= MAX_CONTROL_RATIO:
            return encoding
    return None


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    controls = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\n\r\f")
    return controls / max(len(sample), 1)


def _guess(data: bytes) -> tuple[str, str]:
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise DecodeError("binary", "the file holds NUL bytes: it is binary data, not text")
        return data.decode(utf16, errors="replace"), utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise DecodeError("undecodable", "no text encoding could be detected for the file's bytes")
    return str(best), best.encoding


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text in NFC, encoding name) or raise DecodeError."""
    for magic, what in MAGIC_NUMBERS.items():
        if data.startswith(magic):
            raise DecodeError("binary", f"the file is {what}, not text")
    text, encoding = _guess(data)
    if _control_ratio(text) > MAX_CONTROL_RATIO:
        raise DecodeError("binary", "more than 1% of the characters are control characters: binary data, not text")
    return unicodedata.normalize("NFC", text), encoding
