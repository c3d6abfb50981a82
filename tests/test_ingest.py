"""Tests of kg.ingest and kg.ingest.language: every bad document gives one message, the rest go on.

No spaCy model is loaded here; the same inputs through the model are in test_robustness.py.
"""
from __future__ import annotations

import codecs
import json
import random
from pathlib import Path

import pytest

import kg
import kg.ingest
import kg.ingest.decode
import kg.ingest.language
import kg.ingest.read
from kg.errors import IngestError
from kg.ingest import decode_text, parse_date, read_documents, split_headline
from kg.ingest.read import portable_source
from kg.ingest.language import not_english_reason

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"

GOOD_BODY = ("Russian Foreign Minister Sergei Lavrov met Afghan President Hamid Karzai in Kabul "
             "on Tuesday to discuss the security of the border.")
GOOD = f"Ministers Meet In Kabul\n\n{GOOD_BODY}\n"

# the same news sentence in languages kg does not read
FOREIGN = {
    "fr": ("Le ministre des Affaires étrangères a rencontré mardi son homologue allemand à Paris "
           "pour discuter de la sécurité énergétique et des sanctions. Les deux dirigeants ont "
           "convenu de poursuivre les discussions lors du prochain sommet européen, a déclaré un "
           "porte-parole du gouvernement."),
    "es": ("El ministro de Asuntos Exteriores se reunió el martes con su homólogo alemán en Madrid "
           "para hablar de seguridad energética y de las sanciones. Ambos dirigentes acordaron "
           "continuar las conversaciones en la próxima cumbre europea, dijo un portavoz del gobierno."),
    "de": ("Der Außenminister traf sich am Dienstag in Berlin mit seinem französischen Amtskollegen, "
           "um über Energiesicherheit und Sanktionen zu sprechen. Beide Politiker vereinbarten, die "
           "Gespräche beim nächsten europäischen Gipfel fortzusetzen, sagte ein Regierungssprecher."),
    "pt": ("O ministro dos Negócios Estrangeiros reuniu-se na terça-feira em Lisboa com o seu "
           "homólogo alemão para discutir a segurança energética e as sanções. Os dois dirigentes "
           "acordaram continuar as conversações na próxima cimeira europeia, disse um porta-voz."),
    "ru": "Министр иностранных дел России Сергей Лавров встретился во вторник в Москве с коллегой.",
    "zh": "外交部长周二在北京会见了德国外长，双方讨论了能源安全和制裁问题。",
    "ar": "التقى وزير الخارجية يوم الثلاثاء نظيره الألماني في القاهرة لبحث أمن الطاقة والعقوبات.",
}
CYRILLIC = ("Министр иностранных дел России Сергей Лавров встретился во вторник в Москве с "
            "президентом Афганистана Хамидом Карзаем, чтобы обсудить вопросы безопасности границы.")


def read(paths, **options):
    """Documents and messages of one read_documents run."""
    errors: list[IngestError] = []
    documents = list(read_documents([str(p) for p in paths], on_error=errors.append, **options))
    return documents, [str(error) for error in errors]


def write(path: Path, data: bytes | str) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def test_ingest_reads_headline_and_body(tmp_path):
    documents, errors = read([write(tmp_path / "voa-2019-05-28-kabul.txt", GOOD)])
    assert errors == []
    [document] = documents
    assert (document.id, document.title, document.text, document.published) == (
        "voa-2019-05-28-kabul", "Ministers Meet In Kabul", GOOD_BODY, "2019-05-28")


# --- files that hold no text --------------------------------------------------------------

@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file; skipped"),
        ("blank.txt", b"  \n\t\r\n \r  \n", "only whitespace, no text; skipped"),
        ("nul.txt", b"\x00" * 64, "binary file (contains NUL bytes; UTF-16 text needs a byte-order mark), "
                                  "not text; skipped"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
         "binary file (a PNG image), not text; skipped"),
        ("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file (a PDF), not text; skipped"),
        ("noise.txt", random.Random(6).randbytes(4000).replace(b"\x00", b"\x01"),
         "binary file (control characters), not text; skipped"),
        ("cipher.txt", bytes(range(0x80, 0x100)) * 8, "not UTF-8 and no other text encoding fits; skipped"),
        ("headline.txt", b"Ministers Meet\n\n   \n", "a headline ('Ministers Meet') but no body text; skipped"),
        ("odd.txt", codecs.BOM_UTF16_LE + "Lavrov".encode("utf-16-le") + b"\x00",
         "starts with a UTF-16 byte-order mark but is not valid UTF-16 (truncated data at byte 14); skipped"),
        ("bare.jsonl", b"\n\n", "only whitespace, no text; skipped"),
    ],
)
def test_ingest_refuses_file_without_text_and_reads_the_others(tmp_path, name, data, reason):
    bad = write(tmp_path / name, data)
    good = write(tmp_path / "good.txt", GOOD)
    documents, errors = read([bad, good])
    assert errors == [f"{bad}: {reason}"]
    assert [d.id for d in documents] == ["good"]


def test_ingest_raises_first_error_without_handler(tmp_path):
    bad = write(tmp_path / "empty.txt", b"")
    with pytest.raises(IngestError, match=r"empty\.txt: empty file; skipped$"):
        list(read_documents([bad]))


def test_ingest_names_missing_and_unsupported_paths(tmp_path):
    missing = tmp_path / "gone.txt"
    other = write(tmp_path / "notes.docx", b"PK\x03\x04")
    empty_folder = tmp_path / "empty"
    empty_folder.mkdir()
    documents, errors = read([missing, other, empty_folder, write(tmp_path / "good.txt", GOOD)])
    assert errors == [
        f"{missing}: no such file or folder; skipped",
        f"{other}: unsupported file type '.docx'; expected one of .txt, .html, .htm, .jsonl; skipped",
        f"{empty_folder}: no .txt, .html, .htm, .jsonl files in this folder; skipped",
    ]
    assert [d.id for d in documents] == ["good"]


# --- encodings ----------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_ingest_decodes_byte_order_marks(tmp_path, encoding):
    data = GOOD.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):  # these codecs write no mark: add it
        data = (codecs.BOM_UTF16_LE if encoding.endswith("le") else codecs.BOM_UTF16_BE) + data
    documents, errors = read([write(tmp_path / "a.txt", data)])
    assert errors == []
    assert [(d.title, d.text) for d in documents] == [("Ministers Meet In Kabul", GOOD_BODY)]


def test_ingest_reads_stray_bytes_in_utf8_as_cp1252():
    # a UTF-8 file into which a Windows program pasted "Genève" and curly quotes
    raw = "Café talks in ".encode("utf-8") + "Genève, “at last”".encode("cp1252")
    assert decode_text(raw, "a.txt") == "Café talks in Genève, “at last”"


def test_ingest_guesses_cp1252_for_western_legacy_text():
    text = ("The foreign minister’s “talks” in Genève – a résumé of the café meeting – "
            "ended on Tuesday, officials said.")
    # charset_normalizer ranks cp1250 ("Genčve") level with cp1252 here; kg prefers cp1252
    assert decode_text(text.encode("cp1252"), "a.txt") == text


def test_ingest_decodes_cp1251_then_skips_it_as_not_english(tmp_path):
    raw = f"Лавров в Кабуле\n\n{CYRILLIC}\n".encode("cp1251")
    assert decode_text(raw, "a.txt") == f"Лавров в Кабуле\n\n{CYRILLIC}\n"
    bad = write(tmp_path / "ru.txt", raw)
    documents, errors = read([bad, write(tmp_path / "good.txt", GOOD)])
    assert errors == [f"{bad}: not English (Cyrillic script); skipped"]
    assert [d.id for d in documents] == ["good"]


def test_ingest_normalises_mixed_line_endings_before_offsets(tmp_path):
    raw = (b"Ministers Meet In Kabul\r\n\r\n"
           b"Lavrov met Karzai in Kabul.\r\nThey spoke for an hour.\rThen Lavrov left.\n"
           b"\r\nKarzai stayed.\r")
    [document], errors = read([write(tmp_path / "a.txt", raw)])
    assert errors == []
    assert document.title == "Ministers Meet In Kabul"
    assert document.text == ("Lavrov met Karzai in Kabul.\nThey spoke for an hour.\nThen Lavrov left.\n"
                             "\nKarzai stayed.")
    assert "\r" not in document.text
    # offsets count one character per line break, whatever the file had
    assert document.text.index("They") == len("Lavrov met Karzai in Kabul.\n")
    assert document.text.index("Karzai stayed") == 71


def test_ingest_normalises_line_endings_in_jsonl(tmp_path):
    records = [{"id": "a", "text": "Lavrov met Karzai.\r\nThey spoke.\rThen left."},
               {"id": "b", "text": "Karzai stayed."}]
    data = "\r\n".join(json.dumps(r) for r in records) + "\r\n"
    documents, errors = read([write(tmp_path / "a.jsonl", data)])
    assert errors == []
    assert [(d.id, d.text) for d in documents] == [
        ("a", "Lavrov met Karzai.\nThey spoke.\nThen left."), ("b", "Karzai stayed.")]


# --- HTML ---------------------------------------------------------------------------------

def test_ingest_reads_only_visible_html_text():
    [document], errors = read([FIXTURES / "script_and_style.html"])
    assert errors == []
    assert document.title == "Ministers Meet In Vienna"
    assert document.text.startswith("Estonian Foreign Minister Liis Valdmaa met Austrian Chancellor")
    assert "Kessler welcomed the proposal" in document.text
    for hidden in ("secretScriptMarker", "inlineScriptMarker", "secret-style-marker",
                   "inlineStyleMarker", "color:", "document.write", "Copyright", "Home"):
        assert hidden not in document.text


def test_ingest_skips_html_without_article():
    path = FIXTURES / "no_article.html"
    documents, errors = read([path, FIXTURES / "good.txt"])
    assert errors == [f"{path}: no article text in the HTML (only markup, scripts, menus or "
                      f"boilerplate); skipped"]
    assert [d.id for d in documents] == ["good"]


# --- JSONL --------------------------------------------------------------------------------

def test_ingest_jsonl_bad_lines_each_give_one_message():
    path = FIXTURES / "records.jsonl"
    documents, errors = read([path])
    assert errors == [
        f"{path}: line 3: not valid JSON (Expecting ',' delimiter at column 53); skipped",
        f"{path}: line 4: no 'text' field; expected a JSON object with 'id' and 'text'; skipped",
        f"{path}: line 5: expected a JSON object with 'id' and 'text', got an array; skipped",
        f"{path}: line 7: duplicate document id 'r1' (first read from {path}: line 1); skipped",
        f"{path}: line 8: 'published': 'last Tuesday' is not a date; expected YYYY-MM-DD; skipped",
        f"{path}: line 9: 'text' is empty; skipped",
        f"{path}: line 10: expected an 'id' (a non-empty string), got null; skipped",
        f"{path}: line 11: expected a JSON object with 'id' and 'text', got a string; skipped",
        f"{path}: line 12: 'published' is a number; expected a YYYY-MM-DD date; skipped",
        f"{path}: line 13: not English (0 of 23 lower-case words are English function words; "
        f"expected at least 15%); skipped",
    ]
    assert [(d.id, d.title, d.published, d.text) for d in documents] == [
        ("r1", "Talks In Kabul", "2019-05-28", "Lavrov met Karzai in Kabul on Tuesday."),
        ("r2", None, None, "Lavrov and Karzai spoke by phone on Wednesday.\nThey agreed to meet again."),
        ("10", None, "2019-05-29", "Karzai thanked Lavrov for the visit."),
    ]
    assert {d.source for d in documents} == {portable_source(path)}  # relative to the working folder


def test_ingest_jsonl_published_default_fills_missing_dates_only():
    documents, _ = read([FIXTURES / "records.jsonl"], published="2020-01-01")
    assert [(d.id, d.published) for d in documents] == [("r1", "2019-05-28"), ("r2", "2020-01-01"),
                                                        ("10", "2019-05-29")]


def test_ingest_jsonl_publisher_fields(tmp_path):
    records = [{"id": "a", "text": "The Minister met Ana Vega in Lima.", "publisher": "Ministry of Foreign Affairs",
                "publisher_country": "Peru"},
               {"id": "b", "text": "The Minister met Ana Vega in Lima.", "publisher_country": 7}]
    path = write(tmp_path / "p.jsonl", "\n".join(json.dumps(r) for r in records))
    documents, errors = read([path])
    assert [(d.id, d.publisher, d.publisher_country) for d in documents] == [
        ("a", "Ministry of Foreign Affairs", "Peru")]
    assert errors == [f"{path}: line 2: 'publisher_country' is a number; expected a string; skipped"]


def test_ingest_publisher_country_default_fills_only_documents_without_one(tmp_path):
    records = [{"id": "a", "text": "The Minister met Ana Vega in Lima.", "publisher_country": "Peru"},
               {"id": "b", "text": "The Minister met Ana Vega in Lima."}]
    path = write(tmp_path / "p.jsonl", "\n".join(json.dumps(r) for r in records))
    documents = list(read_documents([path], publisher_country="Chile"))
    assert [(d.id, d.publisher_country) for d in documents] == [("a", "Peru"), ("b", "Chile")]


def test_ingest_duplicate_ids_across_files_keep_the_first(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
    first = write(tmp_path / "a" / "kabul.txt", GOOD)
    second = write(tmp_path / "b" / "kabul.txt", GOOD)
    documents, errors = read([tmp_path])
    assert errors == [f"{second}: duplicate document id 'kabul' (first read from {first}); skipped"]
    assert [d.source for d in documents] == ["kabul.txt"]  # outside the working folder: the name


@pytest.mark.parametrize("value", ["yesterday", "2019-02-30", "28/05/2019", "2019-05-28garbage", ""])
def test_ingest_parse_date_refuses_non_dates(value):
    with pytest.raises(IngestError) as caught:
        parse_date(value, where="x.jsonl: line 2: 'published'")
    assert str(caught.value) == f"x.jsonl: line 2: 'published': {value!r} is not a date; expected YYYY-MM-DD"


@pytest.mark.parametrize(("value", "date"), [("2019-05-28", "2019-05-28"), (" 2019-05-28T10:00:00Z ", "2019-05-28"),
                                             ("2019-05-28 10:00", "2019-05-28")])
def test_ingest_parse_date_keeps_the_day(value, date):
    assert parse_date(value, where="x") == date


def test_ingest_bad_published_option_is_fatal(tmp_path):
    errors: list[IngestError] = []
    with pytest.raises(IngestError, match=r"^--published: 'soon' is not a date; expected YYYY-MM-DD$"):
        list(read_documents([write(tmp_path / "a.txt", GOOD)], published="soon", on_error=errors.append))
    assert errors == []


# --- non-English --------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("language", "reason"),
    [
        ("fr", "0 of 39 lower-case words are English function words; expected at least 15%"),
        ("es", "0 of 35 lower-case words are English function words; expected at least 15%"),
        ("de", "1 of 20 lower-case words are English function words; expected at least 15%"),
        ("pt", "2 of 35 lower-case words are English function words; expected at least 15%"),
        ("ru", "Cyrillic script"),
        ("zh", "CJK script"),
        ("ar", "Arabic script"),
    ],
)
def test_ingest_skips_non_english(tmp_path, language, reason):
    bad = write(tmp_path / f"{language}.txt", f"Headline\n\n{FOREIGN[language]}\n")
    documents, errors = read([bad, write(tmp_path / "good.txt", GOOD)])
    assert errors == [f"{bad}: not English ({reason}); skipped"]
    assert [d.id for d in documents] == ["good"]


def test_language_passes_the_example_articles():
    for path in kg.example_paths():
        assert not_english_reason(path.read_text(encoding="utf-8")) is None, path


@pytest.mark.parametrize(
    "text",
    [
        "Lavrov met Karzai.",  # too short to judge
        "Macron met Modi. " * 50,  # names and one verb: too repetitive to judge
        "PUTIN MET XI IN BEIJING ON MONDAY. " * 10,  # no lower-case words
        GOOD_BODY + " Лавров сказал: «Мы договорились».",  # an English article quoting Russian
        "Mr. Lavrov told Le Monde that the talks with Mr. Karzai and the envoys of l'Union "
        "européenne were useful, and that he would return to Kabul in the spring.",
    ],
)
def test_language_keeps_english_and_undecidable_text(text):
    assert not_english_reason(text) is None


def test_language_reads_a_bounded_sample():
    # a huge English document pays for SAMPLE_CHARS characters only, and passes
    text = (GOOD_BODY + " ") * (2 * kg.ingest.language.SAMPLE_CHARS // len(GOOD_BODY))
    assert not_english_reason(text) is None


# --- size ---------------------------------------------------------------------------------

def test_ingest_reads_a_20000_word_sentence(tmp_path):
    rng = random.Random(20_000)
    words = ("the minister met his counterpart and said that talks on energy security with "
             "Russia and France would continue in Vienna").split()
    sentence = " ".join(rng.choice(words) for _ in range(20_000)) + "."
    [document], errors = read([write(tmp_path / "long.txt", f"One Long Sentence\n\n{sentence}\n")])
    assert errors == []
    assert document.text == sentence
    assert len(document.text.split()) == 20_000


def test_ingest_split_headline_keeps_one_line_documents_whole():
    assert split_headline("Lavrov met Karzai.\n") == (None, "Lavrov met Karzai.")


def test_ingest_folder_skips_kgs_own_output_folder(tmp_path):
    (tmp_path / "a.txt").write_text("Title\n\nLeaders met in Rome.\n", encoding="utf-8")
    out = tmp_path / "output"
    out.mkdir()
    (out / "extraction.json").write_text("{}", encoding="utf-8")
    (out / "graph.html").write_text('<html><head><meta name="generator" content="kg (vis-network 9.1.2, inlined)">'
                                    "</head><body><p>Not an article.</p></body></html>", encoding="utf-8")
    assert [d.id for d in read_documents([tmp_path])] == ["a"]
