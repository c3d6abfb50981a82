"""Bad input end to end: the library and the ``kg`` command skip what they cannot read.

Each bad document gives one message naming it; the good ones are still extracted; the
command's exit code says which happened (0 all read, 3 some skipped, 1 fatal). Tests
marked ``slow`` load the spaCy model.

The command runs in a child process, as a user runs it: its stderr and exit code are the
contract.
"""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from kg.run import extract
from kg.errors import IngestError
from kg.ingest.read import portable_source
from kg.extraction import extract_documents
from kg.export.extraction_json import extractions_to_dict
from kg.model import Document

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
GOOD = FIXTURES / "good.txt"
CYRILLIC = ("Министр иностранных дел России Сергей Лавров встретился во вторник в Москве с "
            "президентом Афганистана Хамидом Карзаем, чтобы обсудить вопросы безопасности границы.")


def run(*args: str | Path) -> subprocess.CompletedProcess:
    """Run the ``kg`` command."""
    command = [sys.executable, "-m", "kg.cli", *(str(a) for a in args)]
    return subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)


def stderr_lines(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.strip()]


def check_offsets(extraction) -> None:
    """Every offset kg reports points into the document text it came with."""
    text = extraction.document.text
    for entity in extraction.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    for event in extraction.events:
        assert text[event.evidence.start:event.evidence.end] == event.evidence.sentence
    for affiliation in extraction.affiliations:
        assert text[affiliation.evidence.start:affiliation.evidence.end] == affiliation.evidence.sentence


@pytest.fixture
def bad_files(tmp_path) -> dict[Path, str]:
    """Bad files and the reason each is skipped."""
    files = {
        "empty.txt": (b"", "empty file"),
        "nul.txt": (b"\x00" * 32, "binary file (contains NUL bytes; UTF-16 text needs a byte-order mark), "
                                  "not text"),
        "photo.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (a PNG image), not text"),
        "ru.txt": (f"Лавров в Москве\n\n{CYRILLIC}\n".encode("cp1251"), "not English (Cyrillic script)"),
    }
    bad = {}
    for name, (data, reason) in files.items():
        (tmp_path / name).write_bytes(data)
        bad[tmp_path / name] = reason
    bad[FIXTURES / "no_article.html"] = ("no article text in the HTML (only markup, scripts, menus "
                                         "or boilerplate)")
    return bad


# --- the model-free parts -----------------------------------------------------------------

def test_robustness_cli_missing_model_is_one_line(tmp_path):
    out = tmp_path / "out.json"
    result = run("extract", GOOD, "--model", "no_such_model", "-o", out)
    assert result.returncode == 1
    [line] = stderr_lines(result)
    assert line.startswith("kg: error: spaCy model 'no_such_model' could not be loaded")
    assert "install the spaCy package 'no_such_model'" in line
    assert not out.exists()


def test_robustness_over_max_length_is_refused_by_name():
    nlp = spacy.blank("en")  # the check runs before parsing: no model needed
    nlp.max_length = 100
    errors: list[IngestError] = []
    document = Document(id="big", text="Lavrov met Karzai. " * 10, source="big.txt")
    assert list(extract_documents([document], nlp, on_error=errors.append)) == []
    assert [str(e) for e in errors] == [
        "big.txt: document 'big' has 190 characters, over the model's max_length 100; "
        "split it into smaller documents"]


# --- the command line ---------------------------------------------------------------------

@pytest.mark.slow
def test_robustness_cli_extract_skips_bad_files_and_exits_3(tmp_path, bad_files):
    out = tmp_path / "out.json"
    result = run("extract", GOOD, *bad_files, "-o", out)
    assert result.returncode == 3, result.stderr
    skipped = [line for line in stderr_lines(result) if line.startswith("kg: skipped ")]
    assert len(skipped) == len(stderr_lines(result)) - 1  # and the "1 documents -> out.json" line
    # one line per bad file, "kg: skipped PATH: reason" (a trailing "; skipped" is tolerated)
    assert [line.removesuffix("; skipped") for line in skipped] == [
        f"kg: skipped {path}: {reason}" for path, reason in bad_files.items()]
    written = json.loads(out.read_text(encoding="utf-8"))
    assert [d["id"] for d in written["documents"]] == ["good"]
    assert written["documents"][0]["entities"]


@pytest.mark.slow
def test_robustness_cli_extract_strict_exits_1_and_writes_nothing(tmp_path, bad_files):
    out = tmp_path / "out.json"
    result = run("extract", GOOD, *bad_files, "-o", out, "--strict")
    assert result.returncode == 1
    assert stderr_lines(result)[0].startswith("kg: skipped ")
    assert not out.exists()
    assert list(tmp_path.glob("*.json")) == list(tmp_path.glob(".*.tmp")) == []


@pytest.mark.slow
def test_robustness_cli_extract_all_good_exits_0(tmp_path):
    out = tmp_path / "out.json"
    result = run("extract", GOOD, "-o", out)
    assert result.returncode == 0, result.stderr
    assert not any(line.startswith("kg: skipped") for line in stderr_lines(result))
    assert out.exists()


@pytest.mark.slow
def test_robustness_cli_unwritable_output_is_one_line(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output folder should be")
    out = blocker / "out.json"
    result = run("extract", GOOD, "-o", out)
    assert result.returncode == 1
    [line] = [line for line in stderr_lines(result) if line.startswith("kg: ")]
    assert line.startswith(f"kg: error: {out}: cannot write (")


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root writes into read-only folders")
def test_robustness_cli_read_only_output_folder_is_one_line(tmp_path):
    folder = tmp_path / "read-only"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = run("extract", GOOD, "-o", folder / "out.json")
    finally:
        folder.chmod(0o700)
    assert result.returncode == 1
    [line] = [line for line in stderr_lines(result) if line.startswith("kg: ")]
    assert line.startswith(f"kg: error: {folder / 'out.json'}: cannot write (")


# --- the library with the real model ------------------------------------------------------

@pytest.mark.slow
def test_robustness_extract_refuses_document_over_max_length(tmp_path):
    sentence = "Lavrov met Karzai in Kabul on Tuesday to discuss the security of the border. "
    big = tmp_path / "big.txt"
    big.write_text("A Very Long Article\n\n" + sentence * (1_000_000 // len(sentence) + 1), encoding="utf-8")
    errors: list[IngestError] = []
    records = extract([GOOD, big], on_error=errors.append)
    length = len(sentence * (1_000_000 // len(sentence) + 1)) - 1  # the body is stripped
    assert [str(e) for e in errors] == [
        f"{portable_source(big)}: document 'big' has {length:,} characters, over the model's max_length 1,000,000; "
        f"split it into smaller documents"]
    assert [r.document.id for r in records] == ["good"]


@pytest.mark.slow
def test_robustness_extract_survives_a_20000_word_sentence(tmp_path):
    rng = random.Random(20_000)
    words = ("the minister met his counterpart and said that talks on energy security with "
             "Russia and France would continue in Vienna").split()
    path = tmp_path / "long.txt"
    path.write_text("One Long Sentence\n\n" + " ".join(rng.choice(words) for _ in range(20_000)) + ".\n",
                    encoding="utf-8")
    errors: list[IngestError] = []
    [record] = extract([path], on_error=errors.append)
    assert errors == []
    assert record.document.id == "long"
    check_offsets(record)


@pytest.mark.slow
def test_robustness_extract_offsets_follow_normalised_line_endings(tmp_path):
    path = tmp_path / "crlf.txt"
    path.write_bytes(b"Ministers Meet In Kabul\r\n\r\n"
                     b"Russian Foreign Minister Sergei Lavrov met Afghan President Hamid Karzai in Kabul "
                     b"on Tuesday.\r\rKarzai said on Wednesday that the talks were useful.\r\n"
                     b"Lavrov will visit Islamabad in May.\n")
    [record] = extract([path], on_error=None)
    assert "\r" not in record.document.text
    assert record.events
    check_offsets(record)


HOSTILE_NAMES = [
    'Jean "the Hammer" O\'Brien',
    "Ali <b>Hassan</b> & Sons",
    "Karim</script><script>alert('x')</script>",
    "Omar\nKhalil",
    "\u202eHamid Karzai\u202c",  # right-to-left override around a name
    "\u200fAhmad \u200eShah",  # right-to-left and left-to-right marks
    "Z" + "a" * 10_000 + "ov",  # a 10,000-character name
    "Sergei ]]> Lavrov",
    "Mr. {{name}} ${jndi:ldap://x}",
    "http://example.org/ns#Iri> Person",
]


@pytest.mark.slow
def test_robustness_extract_survives_names_hostile_to_iris_and_html(tmp_path):
    sentences = []
    for name in HOSTILE_NAMES:
        sentences.append(f"Foreign Minister {name} met President Emmanuel Macron in Paris on Tuesday.")
        sentences.append(f'"We agreed on a plan," {name} said after the talks with the French leader.')
    path = tmp_path / "hostile.txt"
    path.write_text("Names That Break Things\n\n" + " ".join(sentences) + "\n", encoding="utf-8")
    errors: list[IngestError] = []
    [record] = extract([path], on_error=errors.append)
    assert errors == []
    assert record.entities and record.events
    check_offsets(record)
    # and the records serialise as they are
    text = json.dumps(extractions_to_dict([record]), ensure_ascii=False)
    assert json.loads(text)["documents"][0]["id"] == "hostile"
