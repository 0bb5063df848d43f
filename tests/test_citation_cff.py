"""CITATION.cff validates against the Citation File Format 1.2.0 schema and agrees with the book."""
from __future__ import annotations

import json
import tomllib

import jsonschema
import pytest
import yaml
from conftest import ROOT

SCHEMA = json.loads((ROOT / "tests" / "schemas" / "cff-1.2.0.schema.json").read_text(encoding="utf-8"))


def citation() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_schema_is_cff_1_2_0():
    assert SCHEMA["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"


def test_citation_cff_is_valid():
    errors = sorted(jsonschema.Draft7Validator(SCHEMA).iter_errors(citation()), key=str)
    assert not errors, "CITATION.cff does not validate:\n" + "\n".join(e.message for e in errors)


def test_invalid_citation_is_rejected():
    broken = {k: v for k, v in citation().items() if k != "authors"}
    with pytest.raises(jsonschema.ValidationError, match="'authors' is a required property"):
        jsonschema.validate(broken, SCHEMA, cls=jsonschema.Draft7Validator)


def test_citation_agrees_with_book_config_and_package():
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    package = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    cff = citation()
    assert cff["title"] == config["title"] == cff["preferred-citation"]["title"]
    assert cff["repository-code"] == config["repository"]["url"]
    assert cff["version"] == package["version"] == cff["preferred-citation"]["version"]
