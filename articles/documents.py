"""Uploaded documents: which files we accept, recognised by their content, not their name.

A file is accepted when its extension is one of KINDS and its first bytes are what that
kind of file starts with (a PDF's "%PDF-", the ZIP of an office file holding that
format's parts, the OLE container of an old Word or Excel file); plain text must be UTF-8.
It is stored under a random name with the extension of the kind recognised.
"""

import posixpath
import zipfile

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

# Extension: the content type it is served as.
KINDS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "rtf": "application/rtf",
    "txt": "text/plain; charset=utf-8",
}
# What readers see in the list of downloads.
LABELS = {
    "pdf": "PDF",
    "docx": "Word",
    "doc": "Word",
    "xlsx": "Excel",
    "xls": "Excel",
    "pptx": "PowerPoint",
    "odt": "OpenDocument",
    "ods": "OpenDocument",
    "odp": "OpenDocument",
    "rtf": "RTF",
    "txt": _("Text"),
}
MAX_BYTES = 50 * 1024 * 1024
HELP = _("A PDF, Word, Excel, PowerPoint, OpenDocument, RTF or plain text file of at most 50 MB.")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The part an office file's ZIP holds for each kind.
OOXML_PARTS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}


def _zip_holds(upload, kind: str) -> bool:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
            if kind in OOXML_PARTS:
                return "[Content_Types].xml" in names and any(
                    name.startswith(OOXML_PARTS[kind]) for name in names
                )
            return (
                "mimetype" in names
                and archive.read("mimetype").decode("ascii", "replace") == KINDS[kind]
            )
    except (zipfile.BadZipFile, OSError, KeyError):
        return False


def _is_text(upload) -> bool:
    data = upload.read(MAX_BYTES + 1)
    if b"\0" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def is_kind(upload, kind: str) -> bool:
    """Whether the upload's content is a file of `kind`."""
    upload.seek(0)
    try:
        if kind == "pdf":
            return upload.read(1024).lstrip().startswith(b"%PDF-")
        if kind in ("doc", "xls"):
            return upload.read(len(OLE)) == OLE
        if kind == "rtf":
            return upload.read(5) == b"{\\rtf"
        if kind == "txt":
            return _is_text(upload)
        return _zip_holds(upload, kind)
    finally:
        upload.seek(0)


@deconstructible
class UploadCheck:
    """Refuse a document that is too big, of a kind we do not take, or not what it says."""

    def __call__(self, value):
        if getattr(value, "_committed", True):
            return  # a file already stored was checked when it came in
        self.check(value.file, value.name)

    def check(self, upload, name: str) -> str:
        """Return the upload's kind (its extension) if we accept it; raise if not."""
        if upload.size > MAX_BYTES:
            raise ValidationError(
                _("The file is %(size).1f MB; upload a document of at most %(max)d MB."),
                code="too_large",
                params={"size": upload.size / 1024 / 1024, "max": MAX_BYTES // 1024 // 1024},
            )
        kind = posixpath.splitext(name or "")[1].lstrip(".").lower()
        if kind not in KINDS:
            raise ValidationError(
                _("Files ending in “%(extension)s” are not accepted; upload a %(kinds)s."),
                code="format",
                params={"extension": kind or "—", "kinds": ", ".join(KINDS)},
            )
        if not is_kind(upload, kind):
            raise ValidationError(
                _("This file is not the %(kind)s its name says; upload the document itself."),
                code="content",
                params={"kind": kind.upper()},
            )
        return kind


check_upload = UploadCheck()
