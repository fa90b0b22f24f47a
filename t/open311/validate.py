#!/usr/bin/env python3
# SPDX-License-Identifier: AGPL-3.0-or-later
"""validate.py SCHEMA: checks the JSON document on standard input against
t/open311/schemas/SCHEMA.json and, for the answers the specification's own
schemas cover (requests, services, service-definition), also against
those, vendored unchanged in t/open311/schemas/georeport-v2/ (their
"$ref"s resolved within that folder, date-time formats checked); exit 0
when valid, 1 with the reasons.

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


# Our answers the open311/schema-validation schemas cover: our schema's
# name -> theirs (t/open311/schemas/georeport-v2/README.md).
OFFICIAL = {"requests": "requests.json", "services": "services.json",
            "service-definition": "service-definition.json"}


def official_errors(name, doc, here):
    """The errors of doc against the specification's schema for name."""
    import jsonschema
    folder = os.path.join(here, "georeport-v2")
    store = {}
    for file in sorted(os.listdir(folder)):
        if file.endswith(".json"):
            with open(os.path.join(folder, file), encoding="utf-8") as f:
                store[file] = json.load(f)
    # A "$ref": "request.json" names its neighbour in the folder. RefResolver
    # is what Debian 12's python3-jsonschema (4.10) offers; later versions
    # still accept it (with a deprecation warning, silenced here).
    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        resolver = jsonschema.RefResolver(base_uri="", referrer=store[OFFICIAL[name]], store=store)
        validator = jsonschema.Draft7Validator(store[OFFICIAL[name]], resolver=resolver,
                                               format_checker=jsonschema.FormatChecker())
        return sorted(validator.iter_errors(doc), key=str)


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
    official = official_errors(name, doc, here) if name in OFFICIAL else []
    for e in official:
        print(f"georeport-v2/{OFFICIAL[name]}: {list(e.absolute_path)}: {e.message}")
    sys.exit(1 if errors or official else 0)


if len(sys.argv) == 3 and sys.argv[1] == "--xml":
    xml_mode(sys.argv[2])
elif len(sys.argv) == 2:
    schema_mode(sys.argv[1])
else:
    sys.exit("usage: validate.py SCHEMA | validate.py --xml ROOT")
