"""Group documents: upload checks (type by content, size), permissions, safe downloads and
soft removal."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from kaiku.core.content import Visibility

from .. import documents, services
from ..models import GroupDocument
from .factories import MembershipFactory, WorkingGroupFactory
from .test_selectors import EXPECTED

pytestmark = pytest.mark.django_db

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE_BYTES = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.KAIKU_MAX_UPLOAD_MB = 1


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


DOCX_BYTES = _zip(
    {
        "[Content_Types].xml": b'<Types><Override ContentType="application/vnd.openxmlformats-'
        b'officedocument.wordprocessingml.document.main+xml"/></Types>',
        "word/document.xml": b"<w:document/>",
    }
)
ODT_BYTES = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})


def _upload(name: str, data: bytes, content_type: str = "application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def _doc(group, visibility=Visibility.PUBLIC, name="raportti.pdf", data=PDF_BYTES, title=None):
    return services.document_upload(
        group=group,
        actor=None,
        title=title or f"Asiakirja {visibility}",
        file=_upload(name, data),
        visibility=visibility,
    )


def _url(group, name="document_download", **kwargs):
    return reverse(
        f"programme:{name}",
        kwargs={"programme_slug": group.programme.slug, "slug": group.slug, **kwargs},
    )


# --- Type by content ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.pdf", PDF_BYTES, documents.PDF),
        ("a.PNG", PNG_BYTES, documents.PNG),
        ("a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, documents.JPEG),
        ("a.docx", DOCX_BYTES, documents.DOCX),
        ("a.odt", ODT_BYTES, documents.ODT),
        ("a.txt", "Hyvää päivää\n".encode(), documents.TEXT),
        ("a.csv", b"nimi;kunta\nAino;Helsinki\n", documents.CSV),
    ],
)
def test_accepted_types_are_recognised_by_content(name, data, expected):
    assert documents.sniff(io.BytesIO(data), name) == expected


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("ohjelma.pdf", EXE_BYTES),  # an executable renamed .pdf
        ("sivu.txt", b"<html><script>alert(1)</script></html>"),  # markup is never text
        ("kuva.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"),
        ("a.txt", b"abc\x00def"),
        ("a.txt", "ä".encode("latin-1")),
        ("a.zip", _zip({"a.txt": b"x"})),  # a plain zip is not an office document
        ("a.docx", _zip({"a.txt": b"x"})),
        ("a.docx", b"PK\x03\x04broken"),
    ],
)
def test_other_content_is_refused(name, data):
    with pytest.raises(ValidationError):
        documents.sniff(io.BytesIO(data), name)


@pytest.mark.parametrize(
    ("name", "data"),
    [("a.pdf", PNG_BYTES), ("a.txt", PDF_BYTES), ("a.exe", PDF_BYTES), ("pdf", PDF_BYTES)],
)
def test_extension_must_agree_with_the_content(name, data):
    with pytest.raises(ValidationError) as exc:
        documents.sniff(io.BytesIO(data), name)
    assert exc.value.code == "file_extension"


def test_upload_stores_a_random_name_under_media_root(group, settings):
    document = _doc(group, name="../../etc/Raportti 2023.pdf")
    assert document.original_name == "Raportti 2023.pdf"
    assert document.content_type == documents.PDF
    assert document.size == len(PDF_BYTES)
    assert document.file.name.startswith("programme/documents/")
    assert document.file.name.endswith(".pdf")
    assert "Raportti" not in document.file.name
    stored = settings.MEDIA_ROOT / document.file.name
    assert stored.read_bytes() == PDF_BYTES


def test_oversize_and_empty_files_are_refused(group):
    big = PDF_BYTES + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as exc:
        _doc(group, data=big)
    assert "file" in exc.value.message_dict
    with pytest.raises(ValidationError):
        _doc(group, data=b"")
    assert not GroupDocument.objects.exists()


# --- Upload through the site -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("staff", False),
        ("other", False),
        ("member", False),
        ("secretary", True),
        ("admin", True),
    ],
)
def test_only_editors_upload(client, people, group, who, allowed):
    if people[who]:
        client.force_login(people[who])
    url = _url(group, "document_upload")
    response = client.get(url)
    if who == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == (200 if allowed else 404)
    response = client.post(
        url,
        {"title": "Loppuraportti", "visibility": "public", "file": _upload("r.pdf", PDF_BYTES)},
    )
    assert GroupDocument.objects.filter(title="Loppuraportti").exists() == allowed
    if allowed:
        assert response.status_code == 302
        html = client.get(group.get_absolute_url()).content.decode()
        assert "Loppuraportti" in html
        assert "PDF" in html


def test_bad_upload_answers_with_a_field_error_in_finnish(client, people, group):
    client.force_login(people["secretary"])
    response = client.post(
        _url(group, "document_upload"),
        {"title": "Ohjelma", "visibility": "public", "file": _upload("ohjelma.pdf", EXE_BYTES)},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_file_error"' in html  # the error is shown beside the file field
    assert "tiedostotyyppi" in html.lower() or "file type" in html
    assert not GroupDocument.objects.exists()
    response = client.post(_url(group, "document_upload"), {"title": "", "visibility": "x"})
    assert response.status_code == 400


# --- Downloads ---------------------------------------------------------------------------------


@pytest.mark.parametrize("who", EXPECTED)
def test_download_follows_visibility(client, people, group, who):
    docs = {v: _doc(group, v) for v in Visibility.values}
    if people[who]:
        client.force_login(people[who])
    for visibility, document in docs.items():
        response = client.get(_url(group, pk=document.pk))
        assert response.status_code == (200 if visibility in EXPECTED[who] else 404)
    html = client.get(group.get_absolute_url()).content.decode()
    for visibility in Visibility.values:
        assert (f"Asiakirja {visibility}" in html) == (visibility in EXPECTED[who])


def test_document_of_a_hidden_group_is_404(client, people):
    hidden = WorkingGroupFactory(visibility=Visibility.MEMBERS)
    document = _doc(hidden)
    client.force_login(people["staff"])
    assert client.get(_url(hidden, pk=document.pk)).status_code == 404
    # Through another group's URL neither.
    other = WorkingGroupFactory(programme=hidden.programme)
    assert client.get(_url(other, pk=document.pk)).status_code == 404
    assert client.get(_url(other, pk=2**40)).status_code == 404


def test_pdf_is_inline_and_text_is_an_attachment(client, group):
    pdf = _doc(group, name="Muistio.pdf")
    response = client.get(_url(group, pk=pdf.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF_BYTES

    text = _doc(group, name="lista.txt", data=b"rivi 1\nrivi 2\n")
    response = client.get(_url(group, pk=text.pk))
    assert response["Content-Type"].startswith("text/plain")
    assert response["Content-Disposition"].startswith("attachment")
    assert 'filename="lista.txt"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"

    docx = _doc(group, name="a.docx", data=DOCX_BYTES)
    response = client.get(_url(group, pk=docx.pk))
    assert response["Content-Type"] == documents.DOCX
    assert response["Content-Disposition"].startswith("attachment")


# --- Soft removal ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("staff", False), ("other", False), ("member", False), ("secretary", True), ("admin", True)],
)
def test_only_editors_remove_and_removal_is_soft(client, people, group, who, allowed):
    document = _doc(group)
    client.force_login(people[who])
    response = client.post(_url(group, "document_remove", pk=document.pk))
    assert response.status_code == (302 if allowed else 404)
    document.refresh_from_db()
    assert (document.removed_at is not None) == allowed
    if allowed:
        assert client.get(_url(group, pk=document.pk)).status_code == 404
        assert document.title not in client.get(group.get_absolute_url()).content.decode()
        assert document.file.storage.exists(document.file.name)  # nothing is lost
        services.document_restore(actor=None, document=document)
        assert client.get(_url(group, pk=document.pk)).status_code == 200


def test_remove_needs_post(client, people, group):
    document = _doc(group)
    client.force_login(people["secretary"])
    assert client.get(_url(group, "document_remove", pk=document.pk)).status_code == 405


def test_admin_restores_a_removed_document(client, people, group):
    document = _doc(group)
    services.document_remove(actor=None, document=document)
    admin = people["admin"]
    admin.is_staff = admin.is_superuser = True  # the Django admin's own gate
    admin.save()
    client.force_login(admin)
    listing = client.get("/fi/admin/programme/groupdocument/?removed_at__isempty=0")
    assert listing.status_code == 200
    assert document.title in listing.content.decode()
    response = client.post(
        "/fi/admin/programme/groupdocument/",
        {"action": "restore", "_selected_action": [document.pk]},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.removed_at is None


def test_group_page_query_count_does_not_grow_with_documents(
    client, people, group, django_assert_max_num_queries
):
    client.force_login(people["secretary"])
    titles = [_doc(group).title]
    with django_assert_max_num_queries(50) as small:
        response = client.get(group.get_absolute_url())
    assert response.status_code == 200
    assert response.content.decode().count('<tr id="document-') == 1
    for n in range(15):
        _doc(group, Visibility.MEMBERS if n % 2 else Visibility.PUBLIC, title=f"Liite {n}")
        titles.append(f"Liite {n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(group.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<tr id="document-') == 16
    assert all(f">{title}</a>" in html for title in titles)


def test_uploader_personal_data_export_and_removal(group):
    uploader = MembershipFactory(group=group).person
    document = services.document_upload(
        group=group, actor=uploader, title="Oma", file=_upload("o.pdf", PDF_BYTES)
    )
    from ..personal_data import _documents_export, _documents_remove

    assert _documents_export(uploader)[0]["title"] == "Oma"
    _documents_remove(uploader)
    document.refresh_from_db()
    assert document.uploaded_by is None


# --- Invisible characters in titles and file names ------------------------------------------


def test_title_with_a_right_to_left_override_is_refused_and_nothing_is_stored(group, settings):
    with pytest.raises(ValidationError) as exc:
        _doc(group, title="Pöytäkirja\u202egpj.exe")
    assert "title" in exc.value.message_dict
    assert not GroupDocument.objects.exists()
    media = settings.MEDIA_ROOT / "programme" / "documents"
    assert not media.exists() or not any(media.iterdir())


def test_upload_form_explains_the_refused_title(client, people, group):
    client.force_login(people["secretary"])
    with translation.override("en"):
        url = _url(group, "document_upload")
    response = client.post(
        url,
        {
            "title": "Liite\u202efdp.exe",
            "visibility": Visibility.PUBLIC,
            "file": _upload("liite.pdf", PDF_BYTES),
        },
    )
    assert response.status_code == 400
    assert 'id="id_title_error"' in response.content.decode()
    assert "right-to-left override" in response.content.decode()
    assert not GroupDocument.objects.exists()


@pytest.mark.parametrize(
    ("uploaded", "stored"),
    [
        ("Lasku\u202efdp.exe.pdf", "Laskufdp.exe.pdf"),
        ("Muistio\r\nSet-Cookie: x=1.pdf", "MuistioSet-Cookie: x=1.pdf"),
        ("\u2066Raportti\u2069 2023\x00.pdf", "Raportti 2023.pdf"),
    ],
)
def test_file_name_loses_direction_and_control_characters(group, uploaded, stored):
    document = _doc(group, name=uploaded)
    assert document.original_name == stored


def test_download_name_of_an_old_row_is_made_safe(client, group):
    document = _doc(group, name="a.pdf")
    # Stored before names were cleaned on upload.
    GroupDocument.objects.filter(pk=document.pk).update(
        original_name="vanha\r\nSet-Cookie: x=1\u202efdp.exe.pdf"
    )
    response = client.get(_url(group, pk=document.pk))
    assert response.status_code == 200
    header = response["Content-Disposition"]
    assert "\r" not in header and "\n" not in header
    assert "\u202e" not in header and "%E2%80%AE" not in header.upper()
    assert header == 'inline; filename="vanhaSet-Cookie: x=1fdp.exe.pdf"'
