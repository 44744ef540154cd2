import codecs

import pytest

from pipelines.ingestion.decoding import DecodeError, decode_bytes

TEXT = "Café owners in Zürich said “about 200” fighters — not 300 — crossed."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_bytes_detects_encoding(data, encoding):
    text, found = decode_bytes(data)
    assert text == TEXT
    assert found == encoding


def test_decode_bytes_normalises_to_nfc():
    text, _ = decode_bytes("Cafe\u0301".encode())
    assert text == "Café"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n", "PDF"),
        (b"abc\x00\x00\x01\x02\x03def" * 50, "NUL bytes"),
        (bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 40 + b"text", "control characters"),
    ],
)
def test_decode_bytes_refuses_binary(data, words):
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    assert info.value.reason == "binary"
    assert words in info.value.detail
