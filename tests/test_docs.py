"""The generated procedure index (elle.docs) is current, and the hand-written
guides exist and link to each other."""

import os

from elle import docs

DOCS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs")


def test_procedure_index_is_current():
    # the repository's file (CI installs the package, not in editable mode)
    with open(os.path.join(DOCS, "procedures.md"), encoding="utf-8") as f:
        current = f.read()
    assert current == docs.render(), (
        "docs/procedures.md is stale: run `python -m elle.docs` and commit the result")


def test_index_lists_new_procedures_with_arity_and_origin():
    text = docs.render()
    assert "| `format` | 1+ | SRFI 28 |" in text
    assert "| `pretty-print` | 1-2 | Elle |" in text
    assert "| `random-integer` | 1 | SRFI 27 |" in text
    assert "| `map` | 2+ | (scheme base) |" in text
    assert "| `trace` | Elle |" in text and "| `time` | Elle |" in text
    assert "| `lambda` | (scheme base) |" in text


def test_every_listed_name_has_a_description():
    blank = [line for line in docs.render().splitlines()
             if line.startswith("| `") and line.rstrip().endswith("|  |")]
    assert blank == []


def test_check_mode_reports_a_stale_file(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(docs, "INDEX_PATH", str(tmp_path / "procedures.md"))
    assert docs.main(["--check"]) == 1
    assert "stale" in capsys.readouterr().err
    assert docs.main([]) == 0
    assert docs.main(["--check"]) == 0


def test_prelude_arity_comes_from_the_definition_forms():
    defs = docs.prelude_definitions()
    assert defs["map"][1] == (2, None)
    assert defs["make-parameter"][1] == (1, 2)
    assert defs["reduce"][1] == (3, 3)
    assert defs["trace"][3] is True


def test_guides_exist():
    for name in ("reference.md", "procedures.md", "tiers.md", "embedding.md"):
        assert os.path.exists(os.path.join(DOCS, name)), name
