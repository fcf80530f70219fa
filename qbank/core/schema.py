"""The JSON Schema of a record, for editors with a YAML language server."""

from __future__ import annotations

from typing import Any

from qbank.core.model import Record
from qbank.core.template_spec import TemplateSpec

SCHEMA_PATH = "schema/record.schema.json"
MODELINE = "# yaml-language-server: $schema=../../schema/record.schema.json"


def record_schema() -> dict[str, Any]:
    schema = Record.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://qbank.dev/schema/record.schema.json"
    schema["title"] = "qbank question record"
    schema["description"] = ("One question of the bank: bank/<topic>/<id>.yaml. See "
                             "docs/records.md.")
    # `params` makes a record a template (docs/templates.md): editors complete its fields
    spec = TemplateSpec.model_json_schema(by_alias=True)
    schema.setdefault("$defs", {}).update(spec.pop("$defs", {}))
    schema["$defs"]["TemplateSpec"] = spec
    schema["properties"]["params"] = {
        "anyOf": [{"$ref": "#/$defs/TemplateSpec"}, {"type": "null"}], "default": None,
        "title": "Params",
        "description": "Template parameters: the record becomes a template (docs/templates.md)"}
    return schema
