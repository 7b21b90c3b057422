"""The JSON Schemas are valid 2020-12 schemas, and their own examples get the verdicts they claim.

tests/common/article_schema_test.cpp runs the same examples through the C++ validation, so the
two together show that the schema and the indexer agree.
"""
import json
import os
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(os.environ.get("DATELINE_ROOT", Path(__file__).resolve().parents[2]))
SCHEMAS = sorted((ROOT / "schemas").glob("*.schema.json"))


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", SCHEMAS, ids=lambda p: p.name)
def test_schema_is_valid_2020_12(path):
    schema = load(path)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def article_validator():
    return jsonschema.Draft202012Validator(load(ROOT / "schemas" / "article.schema.json"))


def test_article_valid_examples_are_valid():
    validator = article_validator()
    examples = validator.schema["examples"]
    assert len(examples) >= 3
    for example in examples:
        errors = [e.message for e in validator.iter_errors(example)]
        assert errors == [], example


def test_article_invalid_examples_are_invalid():
    validator = article_validator()
    examples = validator.schema["x-invalid-examples"]
    assert len(examples) >= 10
    for example in examples:
        assert list(validator.iter_errors(example)), json.dumps(example)[:200]


def test_shipped_sample_archive_follows_the_contract():
    validator = article_validator()
    lines = (ROOT / "sample" / "archive.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 40
    for number, line in enumerate(lines, 1):
        errors = [e.message for e in validator.iter_errors(json.loads(line))]
        assert errors == [], f"sample/archive.jsonl:{number}: {errors}"
