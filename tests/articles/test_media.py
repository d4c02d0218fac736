"""The library: images cropped around their focal point, documents checked by content."""

import io
import zipfile

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from PIL import Image as Picture

from articles import images
from articles.models import Article, ArticleDocument, Document, Image
from tests.factories import make_article

pytestmark = pytest.mark.django_db

RED = (255, 0, 0)


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def marked_picture(size, mark_at, mark=40):
    """A grey PNG with a red square centred on `mark_at` (pixels), as an upload."""
    image = Picture.new("RGB", size, (128, 128, 128))
    x, y = mark_at
    image.paste(RED, (x - mark // 2, y - mark // 2, x + mark // 2, y + mark // 2))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile("marked.png", buffer.getvalue(), content_type="image/png")


def make_image(upload=None, **fields):
    fields.setdefault("alt", "Delegates in the hall")
    return Image.objects.create(file=upload or marked_picture((1200, 800), (600, 400)), **fields)


def red_pixels(item) -> int:
    with default_storage.open(item["name"]) as stored, Picture.open(stored) as shown:
        shown = shown.convert("RGB")
        colours = shown.getcolors(maxcolors=shown.width * shown.height)
        return sum(n for n, (r, g, b) in colours if r > 200 and g < 80 and b < 80)


@pytest.mark.parametrize(
    ("size", "mark_at", "focal"),
    [
        ((2000, 800), (1900, 100), (0.95, 0.125)),  # a wide picture, its subject at the edge
        ((800, 2000), (100, 1900), (0.125, 0.95)),  # a tall one, its subject at the bottom
        ((1600, 900), (100, 450), (0.0625, 0.5)),
    ],
)
def test_every_crop_keeps_the_focal_point(size, mark_at, focal):
    """A subject far from the centre stays in every rendition of every crop; a crop
    around the centre would cut it out."""
    image = make_image(marked_picture(size, mark_at), focal_x=focal[0], focal_y=focal[1])
    items = image.renditions["items"]
    assert {item["crop"] for item in items} == set(images.CROPS)
    for item in items:
        assert red_pixels(item) > 0, item
        ratio = images.CROPS[item["crop"]][0]
        if ratio:
            assert abs(item["width"] / item["height"] - ratio[0] / ratio[1]) < 0.02, item
    centred = images.crop_box(*size, (1, 1))
    x, y = mark_at
    assert not (centred[0] <= x < centred[2] and centred[1] <= y < centred[3])


def test_moving_the_focal_point_remakes_the_renditions():
    image = make_image(marked_picture((2000, 800), (100, 400)))
    before = {item["name"] for item in image.renditions["items"]}
    square = [i for i in image.renditions["items"] if i["crop"] == "square"]
    assert all(red_pixels(item) == 0 for item in square)  # the centre crop misses it

    image.focal_x = 0.05
    image.save(update_fields=["focal_x"])

    image.refresh_from_db()
    assert image.renditions["focal"] == [0.05, 0.5]
    assert not before & {item["name"] for item in image.renditions["items"]}
    square = [i for i in image.renditions["items"] if i["crop"] == "square"]
    assert square and all(red_pixels(item) > 0 for item in square)


def test_a_saved_image_with_the_same_focal_point_keeps_its_renditions():
    image = make_image()
    before = image.renditions
    image.caption = "The opening session"
    image.save()
    assert image.renditions == before


def test_sources_and_fallback_describe_a_crop():
    image = make_image(marked_picture((1920, 1280), (960, 640)))
    wide = image.sources("wide")
    assert {source["type"] for source in wide} == {mime for _, mime, _ in images.FORMATS}
    for source in wide:
        assert [part.split()[-1] for part in source["srcset"].split(", ")] == [
            "480w",
            "960w",
            "1600w",
        ]
    fallback = image.fallback("wide")
    assert (fallback["width"], fallback["height"]) == (960, 540)
    assert fallback["url"].endswith(".webp")
    assert image.fallback() == {"url": image.file.url, "width": 1920, "height": 1280}


def test_an_image_needs_a_text_alternative():
    image = Image(file=marked_picture((100, 100), (50, 50)), alt="")
    with pytest.raises(ValidationError) as error:
        image.full_clean()
    assert "alt" in error.value.message_dict


def test_a_stored_image_has_a_random_name():
    image = make_image()
    assert image.file.name.startswith("images/")
    assert "marked" not in image.file.name


def office_file(kind):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind == "odt":
            archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr({"docx": "word", "xlsx": "xl", "pptx": "ppt"}[kind] + "/x.xml", "")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("Speech.pdf", b"%PDF-1.7\n...", "application/pdf"),
        ("Communique.docx", office_file("docx"), "wordprocessingml"),
        ("Figures.xlsx", office_file("xlsx"), "spreadsheetml"),
        ("Slides.pptx", office_file("pptx"), "presentationml"),
        ("Text.odt", office_file("odt"), "opendocument.text"),
        ("Old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "msword"),
        ("Note.rtf", b"{\\rtf1 hello}", "rtf"),
        ("Note.txt", "Заявление МИД".encode(), "text/plain"),
    ],
)
def test_documents_of_each_kind_are_accepted_and_stored_under_a_random_name(
    name, content, content_type
):
    document = Document(title="Statement", file=SimpleUploadedFile(name, content))
    document.full_clean()
    document.save()
    extension = name.rsplit(".", 1)[1]
    assert document.file.name.startswith("documents/")
    assert document.file.name.endswith(f".{extension}")
    assert name.rsplit(".", 1)[0] not in document.file.name
    assert content_type in document.content_type
    assert document.size == len(content)
    assert document.download_name == f"Statement.{extension}"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("Speech.exe", b"MZ\x90\x00", "format"),
        ("Speech.html", b"<script>alert(1)</script>", "format"),
        ("Speech.pdf", b"<html><script>alert(1)</script>", "content"),  # not what it says
        ("Speech.docx", b"%PDF-1.7", "content"),
        ("Speech.docx", office_file("xlsx"), "content"),  # a spreadsheet named as a letter
        ("Speech.txt", b"\x00\x01binary", "content"),
        ("Speech", b"%PDF-1.7", "format"),
    ],
)
def test_documents_are_refused_by_content_and_extension(name, content, code):
    document = Document(title="Statement", file=SimpleUploadedFile(name, content))
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert [e.code for e in error.value.error_dict["file"]] == [code]


def test_a_document_over_the_limit_is_refused(monkeypatch):
    monkeypatch.setattr("articles.documents.MAX_BYTES", 10)
    document = Document(title="Statement", file=SimpleUploadedFile("a.pdf", b"%PDF-1.7 " * 5))
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert [e.code for e in error.value.error_dict["file"]] == ["too_large"]


def attach(article, *documents):
    for position, document in enumerate(documents):
        ArticleDocument.objects.create(article=article, document=document, position=position)


def pdf(title, content=b"%PDF-1.7 speech"):
    return Document.objects.create(title=title, file=SimpleUploadedFile("s.pdf", content))


def test_a_story_lists_its_documents_to_download_with_kind_and_size(client):
    speech = pdf("Speech by Sergey Lavrov", b"%PDF-1.7" + b" " * 2040)
    figures = Document.objects.create(
        title="Trade figures", file=SimpleUploadedFile("f.xlsx", office_file("xlsx"))
    )
    article = make_article(hero_image=make_image())
    attach(article, figures, speech)

    page = client.get(article.get_absolute_url()).content.decode()

    listed = page[page.index('<section class="documents"') :]
    assert listed.index("Trade figures") < listed.index("Speech by Sergey Lavrov")
    assert f'<a href="{speech.get_absolute_url()}" download>Speech by Sergey Lavrov</a>' in page
    assert "(PDF, 2.0\xa0KB)" in page and "(Excel," in page

    response = client.get(speech.get_absolute_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="Speech by Sergey Lavrov.pdf"'
    )
    assert b"".join(response.streaming_content).startswith(b"%PDF-1.7")


def test_the_story_page_reads_its_documents_and_picture_in_a_fixed_number_of_queries(client):
    def queries(article):
        cache.clear()  # rendered, not served from the page cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        return len(captured)

    one = make_article(slug="one", hero_image=make_image())
    attach(one, pdf("Speech"))
    many = make_article(slug="many", hero_image=make_image())
    attach(many, *(pdf(f"Annex {n}") for n in range(5)))
    queries(one)  # what a process reads once (content types) is read
    assert queries(many) == queries(one)


def test_a_document_of_a_story_readers_may_not_see_is_not_downloaded(client):
    secret = pdf("Draft communique")
    attach(make_article(slug="draft", status=Article.Status.DRAFT), secret)
    loose = pdf("In no story")
    assert client.get(secret.get_absolute_url()).status_code == 404
    assert client.get(loose.get_absolute_url()).status_code == 404


def test_an_image_or_document_in_use_cannot_be_deleted():
    image = make_image()
    make_article(hero_image=image)
    with pytest.raises(ProtectedError):
        image.delete()
    document = pdf("Speech")
    attach(make_article(slug="other"), document)
    with pytest.raises(ProtectedError):
        document.delete()
