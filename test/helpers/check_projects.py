"""Reads rendered projects (JSON on stdin) and reports, per project, what Python sees.

Input: [{"id": ..., "files": {path: text}}]. Output (JSON): {id: {"errors": [...],
"manifest": <PyYAML safe_load of MANIFEST>, "cfg_sections": [...]}}. One process for all
projects, so hundreds of rendered projects cost one interpreter start.
"""

import ast
import configparser
import json
import sys

import yaml

report = {}
for project in json.load(sys.stdin):
    errors = []
    for path, text in project["files"].items():
        if path.endswith(".py"):
            try:
                ast.parse(text, filename=path, feature_version=(3, 8))
            except SyntaxError as error:
                errors.append(f"{path}: {error}")
    manifest = None
    try:
        manifest = yaml.safe_load(project["files"]["MANIFEST"])
    except yaml.YAMLError as error:
        errors.append(f"MANIFEST: {error}")
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(project["files"]["default.cfg"])
    except configparser.Error as error:
        errors.append(f"default.cfg: {error}")
    report[project["id"]] = {
        "errors": errors,
        "manifest": manifest,
        "cfg_sections": parser.sections(),
    }
json.dump(report, sys.stdout)
