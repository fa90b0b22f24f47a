#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""validate.py SCHEMA: checks the JSON document on standard input against
t/open311/schemas/SCHEMA.json; exit 0 when valid, 1 with the reasons.

validate.py --xml ROOT: parses the XML document on standard input (a
malformed one fails), checks its declaration and root element, and prints
it as JSON in GeoReport's shape (lists for the list elements, every
value as text) so the caller can compare it with the JSON answer."""
import json
import os
import sys
import xml.etree.ElementTree as ET

LISTS = {"services", "service_requests", "attributes", "values", "errors",
         "endpoints", "formats", "extensions", "service_request_updates"}


def to_json(el):
    if el.tag in LISTS:
        return [to_json(c) for c in el]
    if len(el):
        return {c.tag: to_json(c) for c in el}
    return el.text or ""


def xml_mode(root):
    data = sys.stdin.buffer.read()
    if not data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
        print("no XML declaration with encoding UTF-8")
        sys.exit(1)
    try:
        el = ET.fromstring(data)
    except ET.ParseError as e:
        print(f"not XML: {e}")
        sys.exit(1)
    if el.tag != root:
        print(f"root element {el.tag}, not {root}")
        sys.exit(1)
    json.dump(to_json(el), sys.stdout, ensure_ascii=False)
    sys.exit(0)


def schema_mode(name):
    import jsonschema
    here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schemas")
    with open(os.path.join(here, name + ".json"), encoding="utf-8") as f:
        schema = json.load(f)
    try:
        doc = json.load(sys.stdin)
    except ValueError as e:
        print(f"not JSON: {e}")
        sys.exit(1)
    errors = sorted(jsonschema.Draft7Validator(schema).iter_errors(doc), key=str)
    for e in errors:
        print(f"{list(e.absolute_path)}: {e.message}")
    sys.exit(1 if errors else 0)


if len(sys.argv) == 3 and sys.argv[1] == "--xml":
    xml_mode(sys.argv[2])
elif len(sys.argv) == 2:
    schema_mode(sys.argv[1])
else:
    sys.exit("usage: validate.py SCHEMA | validate.py --xml ROOT")
