import datetime
import html
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles import importer
from articles.importer import MalformedPressRelease, import_press_releases, parse_press_release
from articles.models import Article
from articles.samples.newsroom import SAMPLE_PRESS_RELEASE
from tests.factories import make_person

GOOD = "Lavrov meets OIC ambassadors\n\n06 March 2023\n\nRussia keeps up its dialogue.\n"


def import_articles(*paths, verbosity=1):
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("import_articles", *map(str, paths), stdout=out, verbosity=verbosity)
    return out.getvalue()


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def paragraphs(body):
    """Return the text of each <p> in body, unescaped."""
    return [html.unescape(text) for text in re.findall(r"<p>(.*?)</p>", body, re.DOTALL)]


@pytest.mark.django_db
def test_importing_the_sample_fills_the_article_fields_and_leaves_a_draft():
    """Headline, dateline, paragraphs, byline and photo credit land in their own fields."""
    output = import_articles(SAMPLE_PRESS_RELEASE)

    article = Article.objects.get()
    assert article.headline == (
        "Lavrov: Russia maintains mutually respectful relations with countries of the "
        "Islamic world"
    )
    assert article.slug.startswith("lavrov-russia-maintains")
    assert article.dateline == datetime.date(2023, 3, 6)
    body = paragraphs(article.body)
    assert len(body) == 6
    assert body[0].startswith(
        "Russia maintains mutually respectful relations with the countries of the Islamic world"
    )
    assert body[-1].startswith('"I count on our esteemed colleagues')
    assert body[-1].endswith("concluded the minister.")
    assert article.byline == 'GSV "Russia - Islamic world"'
    # The photo credit is read off the text; with no photo, the story credits nobody.
    assert "Russian Foreign Ministry" not in article.body and article.hero_image is None
    assert article.standfirst == ""
    assert article.status == Article.Status.DRAFT
    assert article.published_at is None
    assert len(article.source_digest) == 64
    assert "Imported 1 article, skipped 0 already imported." in output


@pytest.mark.django_db
def test_importing_the_same_file_twice_makes_one_article(tmp_path):
    """A second import of the same bytes is reported as skipped, also within one run."""
    import_articles(SAMPLE_PRESS_RELEASE)
    copy = write(tmp_path, "copy.txt", SAMPLE_PRESS_RELEASE.read_text())

    output = import_articles(SAMPLE_PRESS_RELEASE, copy, copy, verbosity=2)

    assert Article.objects.count() == 1
    assert "Imported 0 articles, skipped 3 already imported." in output
    assert "Skipped " + str(copy) in output


@pytest.mark.django_db
def test_a_file_given_twice_in_one_run_is_imported_once(tmp_path):
    path = write(tmp_path, "press.txt", GOOD)

    output = import_articles(path, path)

    assert Article.objects.count() == 1
    assert "Imported 1 article, skipped 1 already imported." in output


@pytest.mark.django_db
def test_an_unreadable_date_is_refused_naming_the_file_and_line(tmp_path):
    path = write(tmp_path, "press.txt", "Headline\n\n32 Marchember 2023\n\nBody.\n")

    with pytest.raises(CommandError) as error:
        import_articles(path)

    assert f'{path}, line 3: "32 Marchember 2023" is not a date like "06 March 2023"' in str(
        error.value
    )
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_day_that_does_not_exist_is_refused(tmp_path):
    path = write(tmp_path, "press.txt", "Headline\n31 February 2023\nBody.\n")

    with pytest.raises(CommandError, match='press.txt, line 2: "31 February 2023" is not'):
        import_articles(path)


@pytest.mark.django_db
@pytest.mark.parametrize("text", ["", "\n  \n\t\n"], ids=["empty", "blank"])
def test_a_file_without_a_headline_is_refused_naming_the_file_and_line(tmp_path, text):
    path = write(tmp_path, "empty.txt", text)

    with pytest.raises(CommandError) as error:
        import_articles(path)

    assert f"{path}, line 1: the file is empty; expected a headline" in str(error.value)


@pytest.mark.django_db
def test_a_file_without_a_body_is_refused(tmp_path):
    """A dateline followed only by a photo credit leaves nothing to publish."""
    path = write(tmp_path, "press.txt", "Headline\n\n06 March 2023\n\nPhoto: Somebody\n")

    with pytest.raises(CommandError, match=r"press\.txt, line 4: no body after the dateline"):
        import_articles(path)


@pytest.mark.django_db
def test_a_file_that_is_not_utf8_is_refused_naming_the_line(tmp_path):
    path = write(tmp_path, "latin1.txt", "Headline\n06 March 2023\nCafé\n", encoding="latin-1")

    with pytest.raises(CommandError, match=r"latin1\.txt, line 3: is not UTF-8 text"):
        import_articles(path)


@pytest.mark.django_db
def test_a_missing_file_is_refused_naming_it(tmp_path):
    with pytest.raises(CommandError, match=r"nowhere\.txt: cannot be read"):
        import_articles(tmp_path / "nowhere.txt")


@pytest.mark.django_db
def test_a_run_with_one_bad_file_saves_nothing(tmp_path):
    """The good file before the bad one is not saved either: a run is all or nothing."""
    Article.objects.create(headline="Already here")
    good = write(tmp_path, "good.txt", GOOD)
    bad = write(tmp_path, "bad.txt", "Headline\n\nsometime in March\n\nBody.\n")

    with pytest.raises(CommandError, match=r"bad\.txt, line 3"):
        import_articles(good, bad)

    assert Article.objects.count() == 1


@pytest.mark.django_db
def test_html_in_a_press_release_is_escaped_not_rendered(tmp_path):
    path = write(
        tmp_path,
        "press.txt",
        "<b>Bold</b> claims\n\n06 March 2023\n\n<script>alert(1)</script>\n\nA & B.\n",
    )

    import_articles(path)

    article = Article.objects.get()
    assert "<script>" not in article.body
    assert "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>" in article.body
    assert "<p>A &amp; B.</p>" in article.body
    assert article.headline == "<b>Bold</b> claims"


@pytest.mark.django_db
def test_a_bom_windows_line_endings_and_an_unpadded_day_are_accepted(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(
        "\ufeffHeadline\r\n\r\n6 March 2023\r\n\r\nFirst line\r\nof one paragraph.\r\n".encode()
    )

    import_articles(path)

    article = Article.objects.get()
    assert article.headline == "Headline"
    assert article.dateline == datetime.date(2023, 3, 6)
    assert article.body == "<p>First line of one paragraph.</p>"


@pytest.mark.django_db
def test_long_runs_report_progress(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 2)
    paths = [write(tmp_path, f"{n}.txt", GOOD.replace("OIC", f"OIC {n}")) for n in range(4)]
    calls = []

    import_press_releases(paths, progress=lambda *args: calls.append(args))

    assert calls == [("read", 2, 4), ("read", 4, 4), ("saved", 2, 4), ("saved", 4, 4)]


@pytest.mark.django_db
def test_verbosity_zero_prints_nothing(tmp_path):
    assert import_articles(write(tmp_path, "press.txt", GOOD), verbosity=0) == ""


def release(ending):
    """Return a press release with two body paragraphs and the given ending."""
    return parse_press_release(f"Headline\n06 March 2023\n\nOne.\n\nTwo.\n\n{ending}", "p.txt")


@pytest.mark.parametrize(
    "ending",
    ['GSV "Russia - Islamic world"', "Press service of the Rais of Tatarstan", "TASS"],
)
def test_a_short_final_line_that_ends_no_sentence_is_the_byline(ending):
    parsed = release(ending + "\n\nPhoto: Russian Foreign Ministry\n")

    assert parsed.byline == ending
    assert parsed.paragraphs == ("One.", "Two.")
    assert parsed.hero_credit == "Russian Foreign Ministry"


@pytest.mark.parametrize(
    "ending",
    [
        "The talks went well.",
        '"We are waiting for you," he said.',
        '"See you in Kazan!"',
        "The agenda was as follows:",
        "A final line that does not end a sentence but is far too long to be a byline at all",
        "Two lines that do not end\na sentence",
    ],
)
def test_a_final_sentence_or_a_long_line_stays_in_the_body(ending):
    parsed = release(ending)

    assert parsed.byline == ""
    assert parsed.paragraphs[-1] == ending.replace("\n", " ")


def test_a_lone_paragraph_is_body_not_byline():
    parsed = parse_press_release("Headline\n06 March 2023\n\nTASS\n", "p.txt")

    assert parsed.paragraphs == ("TASS",)
    assert parsed.byline == ""


def test_the_photo_credit_may_follow_the_byline_without_a_blank_line():
    parsed = release("TASS\nphoto: Kremlin press service\n")

    assert (parsed.byline, parsed.hero_credit) == ("TASS", "Kremlin press service")


def test_a_photo_line_without_a_credit_is_refused():
    with pytest.raises(MalformedPressRelease, match=r"p\.txt, line 8: \"Photo:\" names no one"):
        release("Photo:")


def test_a_headline_too_long_for_the_article_is_refused():
    with pytest.raises(MalformedPressRelease, match="line 1: the headline is 301 characters"):
        parse_press_release("x" * 301 + "\n06 March 2023\nBody.", "p.txt")


@pytest.mark.django_db
@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_a_utf16_file_without_a_bom_is_refused_with_a_hint(tmp_path, encoding):
    path = write(tmp_path, "utf16.txt", GOOD, encoding=encoding)

    with pytest.raises(CommandError, match=r"utf16\.txt, line 1: contains NUL characters; is it"):
        import_articles(path)
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("data", "line"),
    [(b"Headline\n06 March 2023\nBo\x00dy.\n", 3), (b"\n\x00Headline\n", 2)],
    ids=["third line", "after a blank first line"],
)
def test_a_nul_character_is_refused_naming_its_line(data, line):
    with pytest.raises(MalformedPressRelease, match=rf"p\.txt, line {line}: contains NUL"):
        importer.decode(data, "p.txt")


@pytest.mark.parametrize(
    ("text", "line"),
    [("Headline only\n", 2), ("\n\nHeadline only\n\n\n", 4)],
    ids=["first line", "after blank lines"],
)
def test_a_file_with_only_a_headline_asks_for_a_dateline_on_the_next_line(text, line):
    expected = rf'p\.txt, line {line}: expected a dateline like "06 March 2023"'
    with pytest.raises(MalformedPressRelease, match=expected):
        parse_press_release(text, "p.txt")


def test_the_longest_headline_that_fits_is_accepted():
    headline, credit = "h" * 300, "c" * 500

    parsed = parse_press_release(f"{headline}\n06 March 2023\nBody.\nPhoto: {credit}\n", "p.txt")

    assert (parsed.headline, parsed.hero_credit) == (headline, credit)


def test_a_byline_is_shorter_than_eighty_characters():
    """79 characters make a byline; 80 stay in the body."""
    assert release("b" * 79).byline == "b" * 79
    longest = release("b" * 80)
    assert longest.byline == ""
    assert longest.paragraphs[-1] == "b" * 80


@pytest.mark.django_db
def test_progress_is_reported_every_hundred_files(tmp_path):
    paths = [write(tmp_path, f"{n}.txt", GOOD.replace("OIC", f"OIC {n}")) for n in range(101)]

    output = import_articles(*paths)

    assert "Read 100 of 101 files…" in output
    assert "Saved 100 of 101 files…" in output
    assert "101 of" not in output.replace("of 101", "")


def test_a_byline_may_follow_a_single_paragraph():
    parsed = parse_press_release("Headline\n06 March 2023\n\nOne.\n\nTASS\n", "p.txt")

    assert (parsed.paragraphs, parsed.byline) == (("One.",), "TASS")


@pytest.mark.django_db
def test_progress_counts_files_from_the_first(tmp_path, monkeypatch):
    monkeypatch.setattr(importer, "PROGRESS_EVERY", 2)
    paths = [write(tmp_path, f"{n}.txt", GOOD.replace("OIC", f"OIC {n}")) for n in range(3)]
    calls = []

    import_press_releases(paths, progress=lambda *args: calls.append(args))

    assert calls == [("read", 2, 3), ("saved", 2, 3)]


@pytest.mark.django_db
def test_already_imported_files_are_looked_up_five_hundred_per_query(
    django_assert_num_queries,
):
    """Within SQLite's oldest limit of 999 parameters a query."""
    digests = [f"{n:064x}" for n in range(501)]
    with django_assert_num_queries(1):
        importer.existing_articles(digests[:500])
    with django_assert_num_queries(2):
        importer.existing_articles(digests)


@pytest.mark.django_db
def test_only_articles_imported_from_the_given_files_are_found(tmp_path):
    [(_, mine)] = import_press_releases([write(tmp_path, "mine.txt", GOOD)]).imported
    import_press_releases([write(tmp_path, "other.txt", GOOD.replace("OIC", "UN"))])
    Article.objects.create(headline="Written in the newsroom")

    assert importer.existing_articles([mine.source_digest]) == {mine.source_digest: mine}


# --- languages (issue 14) ------------------------------------------------------------

RUSSIAN = "Лавров встретился с послами\n\n{dateline}\n\nРоссия поддерживает диалог.\n"
ARABIC = "لافروف يلتقي السفراء\n\n{dateline}\n\nروسيا تحافظ على الحوار.\n"
WITHOUT_ARABIC = [("en", "English"), ("ru", "Русский")]


def import_one(tmp_path, text, name="press.txt", **options):
    out = StringIO()
    call_command("import_articles", str(write(tmp_path, name, text)), stdout=out, **options)
    return Article.objects.get(source_digest=importer.digest(text.encode()))


@pytest.mark.parametrize(
    "dateline", ["06 марта 2023", "06 МАРТА 2023", "6 Марта 2023", "6 март 2023"]
)
def test_a_russian_dateline_is_read_in_any_letter_case(dateline):
    parsed = parse_press_release(RUSSIAN.format(dateline=dateline), "p.txt")
    assert parsed.dateline == datetime.date(2023, 3, 6)


@pytest.mark.parametrize(
    "dateline, date",
    [
        ("6 مارس 2023", datetime.date(2023, 3, 6)),
        ("6 آذار 2023", datetime.date(2023, 3, 6)),
        ("6 اذار 2023", datetime.date(2023, 3, 6)),
        ("06 إبريل 2023", datetime.date(2023, 4, 6)),
        ("6 يونية 2023", datetime.date(2023, 6, 6)),
        ("15 كانون الثاني 2024", datetime.date(2024, 1, 15)),
        ("1 تشرين  الأول 2023", datetime.date(2023, 10, 1)),
        ("٦ مارس ٢٠٢٣", datetime.date(2023, 3, 6)),
    ],
)
def test_arabic_month_names_of_egypt_the_gulf_and_the_levant_are_read(dateline, date):
    """Arabic is enabled in the tests' settings; its digits are read too."""
    assert parse_press_release(ARABIC.format(dateline=dateline), "p.txt").dateline == date


def test_an_arabic_month_is_refused_where_arabic_is_not_enabled(settings):
    settings.LANGUAGES = WITHOUT_ARABIC
    text = "Headline\n\n6 مارس 2023\n\nBody.\n"
    with pytest.raises(
        MalformedPressRelease, match=r"p\.txt, line 3: .* names its month in Arabic"
    ):
        parse_press_release(text, "p.txt")


@pytest.mark.django_db
@pytest.mark.parametrize("dateline", ["31 февраля 2023", "06 мартобря 2023"])
def test_a_malformed_russian_dateline_is_refused_naming_the_file_and_line(tmp_path, dateline):
    """A day February has not, or a month nobody has: nothing of the run is saved."""
    good = write(tmp_path, "good.txt", GOOD)
    bad = write(tmp_path, "bad.txt", RUSSIAN.format(dateline=dateline))

    with pytest.raises(CommandError) as error:
        import_articles(good, bad)

    assert f'{bad}, line 3: "{dateline}" is not a date like "06 March 2023" or' in str(error.value)
    assert '"06 марта 2023"' in str(error.value)
    assert not Article.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "text, language",
    [
        (GOOD, "en"),
        (RUSSIAN.format(dateline="06 марта 2023"), "ru"),
        (ARABIC.format(dateline="6 مارس 2023"), "ar"),
        (
            "Lavrov on the group «Россия»\n\n06 March 2023\n\n"
            "The minister spoke at length of the strategic vision group.\n",
            "en",
        ),
        ("Лавров о BRICS\n\n06 марта 2023\n\nМинистр говорил о BRICS и ОИС.\n", "ru"),
    ],
)
def test_the_language_is_the_script_most_of_the_text_is_in(tmp_path, text, language):
    assert import_one(tmp_path, text).language == language


@pytest.mark.django_db
def test_a_given_language_is_taken_over_the_script(tmp_path):
    """A Russian article about an English title, say, whose headline is mostly Latin."""
    text = "Foreign Affairs: Lavrov\n\n06 марта 2023\n\nSee Foreign Affairs.\n"
    assert import_one(tmp_path, text, language="ru").language == "ru"


@pytest.mark.django_db
def test_a_given_language_that_is_not_enabled_is_refused(tmp_path, settings):
    settings.LANGUAGES = WITHOUT_ARABIC
    path = write(tmp_path, "press.txt", GOOD)
    with pytest.raises(CommandError, match=r'"ar" is not one of this site\'s languages: en, ru'):
        call_command("import_articles", str(path), language="ar", verbosity=0)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_a_file_in_a_language_that_is_not_enabled_is_refused_naming_it(tmp_path, settings):
    settings.LANGUAGES = WITHOUT_ARABIC
    good = write(tmp_path, "good.txt", GOOD)
    arabic = write(tmp_path, "arabic.txt", ARABIC.format(dateline="6 March 2023"))
    with pytest.raises(CommandError, match=rf"{re.escape(str(arabic))}: is written in Arabic"):
        import_articles(good, arabic)
    assert not Article.objects.exists()


# --- translations -----------------------------------------------------------------------


@pytest.fixture
def original(tmp_path, db):
    """An English article imported from original.txt, then published."""
    from articles import workflow

    article = import_one(tmp_path, GOOD, name="original.txt")
    return workflow.mark_live(article)


@pytest.mark.parametrize("by", ["file", "slug"])
def test_a_translation_is_linked_to_its_original_and_the_revision_it_was_made_from(
    tmp_path, original, by
):
    given = str(tmp_path / "original.txt") if by == "file" else original.slug
    text = RUSSIAN.format(dateline="06 марта 2023")

    translation = import_one(tmp_path, text, name="ru.txt", translation_of=given)

    assert translation.language == "ru"
    assert translation.translation_of == original
    assert translation.translated_revision == original.live_revision is not None
    assert translation.status == Article.Status.DRAFT


def test_a_translation_of_a_translation_is_linked_to_the_original(tmp_path, original):
    russian = import_one(
        tmp_path,
        RUSSIAN.format(dateline="06 марта 2023"),
        name="ru.txt",
        translation_of=original.slug,
    )
    arabic = import_one(
        tmp_path,
        ARABIC.format(dateline="6 مارس 2023"),
        name="ar.txt",
        translation_of=str(tmp_path / "ru.txt"),
    )
    assert russian.translation_of == arabic.translation_of == original


@pytest.mark.django_db
def test_an_original_never_imported_is_refused_naming_its_file(tmp_path):
    never = write(tmp_path, "never.txt", GOOD)
    path = write(tmp_path, "ru.txt", RUSSIAN.format(dateline="06 марта 2023"))
    with pytest.raises(CommandError, match=rf"{re.escape(str(never))}: no article was imported"):
        call_command("import_articles", str(path), translation_of=str(never), verbosity=0)
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_an_original_named_by_no_file_or_slug_is_refused(tmp_path):
    path = write(tmp_path, "ru.txt", RUSSIAN.format(dateline="06 марта 2023"))
    with pytest.raises(
        CommandError, match=r'"nowhere": no such file, and no article has that slug'
    ):
        call_command("import_articles", str(path), translation_of="nowhere", verbosity=0)


def test_a_second_translation_into_one_language_is_refused_naming_the_file(tmp_path, original):
    """Also within one run: the first is not saved either."""
    first = write(tmp_path, "ru.txt", RUSSIAN.format(dateline="06 марта 2023"))
    second = write(tmp_path, "ru2.txt", RUSSIAN.format(dateline="07 марта 2023"))

    with pytest.raises(CommandError) as error:
        call_command(
            "import_articles", str(first), str(second), translation_of=original.slug, verbosity=0
        )

    assert f"{second}: “{original}” has a translation into Russian already" in str(error.value)
    assert not original.translations.exists()
    call_command("import_articles", str(first), translation_of=original.slug, verbosity=0)
    with pytest.raises(CommandError, match=rf"{re.escape(str(second))}: .* into Russian already"):
        call_command("import_articles", str(second), translation_of=original.slug, verbosity=0)


def test_a_translation_in_its_originals_language_is_refused(tmp_path, original):
    path = write(tmp_path, "en.txt", GOOD.replace("dialogue", "talks"))
    with pytest.raises(CommandError, match=r"en\.txt: is in English, as is its original"):
        call_command("import_articles", str(path), translation_of=original.slug, verbosity=0)


# --- suggested links (issue 15) --------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(("options", "linked"), [({}, []), ({"link": True}, ["Sergey Lavrov"])])
def test_suggestions_are_offered_and_with_link_accepted(tmp_path, options, linked):
    """Without --link an editor decides on each suggestion; with it, all are taken."""
    make_person(name="Sergey Lavrov")
    path = write(tmp_path, "lavrov.txt", GOOD.replace("Russia keeps", "Sergey Lavrov keeps"))

    call_command("import_articles", str(path), verbosity=0, **options)

    article = Article.objects.get()
    assert [str(person) for person in article.people.all()] == linked
    [suggestion] = article.suggestions.all()
    assert (str(suggestion.entity), suggestion.state) == (
        "Sergey Lavrov",
        "accepted" if linked else "offered",
    )
