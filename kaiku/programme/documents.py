"""What a group document really is: its type is read from its content, never trusted from
the browser, which may claim anything (an HTML page sent as "report.pdf" must never be
served as a page of ours).

``sniff(file, name)`` returns the content type to store and serve, or raises ValidationError
with a translatable message. A file is accepted only when its bytes match one of the known
formats *and* its extension is one of that format's extensions, so an executable renamed
``.pdf`` or an HTML page renamed ``.txt`` (which contains markup, see ``_is_text``) is refused.
"""

from __future__ import annotations

import os
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from kaiku.core.validators import strip_invisible_controls

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
TEXT = "text/plain"
CSV = "text/csv"

EXTENSIONS: dict[str, tuple[str, ...]] = {
    PDF: (".pdf",),
    PNG: (".png",),
    JPEG: (".jpg", ".jpeg"),
    DOCX: (".docx",),
    XLSX: (".xlsx",),
    PPTX: (".pptx",),
    ODT: (".odt",),
    ODS: (".ods",),
    ODP: (".odp",),
    TEXT: (".txt", ".md"),
    CSV: (".csv",),
}

# Served inline (shown in the browser); everything else is downloaded as an attachment.
INLINE_TYPES = frozenset({PDF, PNG, JPEG})

# The main part of each OOXML format, as named in [Content_Types].xml.
OOXML_MAIN_PARTS = {
    DOCX: "wordprocessingml.document.main+xml",
    XLSX: "spreadsheetml.sheet.main+xml",
    PPTX: "presentationml.presentation.main+xml",
}
ODF_TYPES = (ODT, ODS, ODP)

# Text files may not contain markup a browser would run if it ever sniffed them as HTML.
TEXT_MARKUP = (b"<script", b"<html", b"<!doctype", b"<iframe", b"<svg", b"<body", b"<?xml")
MAX_SNIFF_ZIP_MEMBER = 1024 * 1024

REFUSED = _(
    "This file type is not accepted. Accepted types: PDF, PNG, JPEG, Word, Excel and "
    "PowerPoint (docx, xlsx, pptx), OpenDocument (odt, ods, odp), plain text and CSV."
)
MISMATCH = _("The file's content does not match its extension %(extension)s.")


def _zip_type(file) -> str | None:
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                info = archive.getinfo("mimetype")
                if info.file_size <= 200:
                    mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
                    if mimetype in ODF_TYPES:
                        return mimetype
            if "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size <= MAX_SNIFF_ZIP_MEMBER:
                    types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
                    for content_type, part in OOXML_MAIN_PARTS.items():
                        if part in types:
                            return content_type
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return None
    return None


def _is_text(file) -> bool:
    """Valid UTF-8 without NUL bytes or HTML/SVG markup."""
    file.seek(0)
    data = file.read()
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    lowered = data.lower()
    return not any(marker in lowered for marker in TEXT_MARKUP)


def detect(file, extension: str) -> str | None:
    """The content type the bytes show, or None when they are none of the accepted ones."""
    file.seek(0)
    head = file.read(16)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(file)
    if _is_text(file):
        return CSV if extension == ".csv" else TEXT
    return None


def safe_file_name(name: str) -> str:
    """The name to keep and offer for download: the last part of the path the browser sent,
    without text-direction controls (a right-to-left override makes ``fdp.exe`` read as
    ``exe.pdf``) and control characters (a line break would split the download header)."""
    name = strip_invisible_controls((name or "").replace("\\", "/").rsplit("/", 1)[-1])
    return name.strip()[:255]


def sniff(file, name: str) -> str:
    """The content type of an uploaded ``file`` named ``name``; ValidationError otherwise."""
    extension = os.path.splitext(name or "")[1].lower()
    try:
        content_type = detect(file, extension)
    finally:
        file.seek(0)
    if content_type is None:
        raise ValidationError(REFUSED, code="file_type")
    if extension not in EXTENSIONS[content_type]:
        raise ValidationError(
            MISMATCH, code="file_extension", params={"extension": extension or "–"}
        )
    return content_type
