"""Reading configuration files: finding the closest, following ``extend``,
checking each against ``schemas/config.schema.json``, and merging them.

A file that extends another is read over it, as in ruff: a value it sets
replaces the base's; tables (``clusters``, ``links``, ``rules``,
``severity``, ``per-file-ignores``) merge entry by entry; ``[[suppress]]``
tables add up; rule selectors stay a layer of their own per file.
"""

from __future__ import annotations

import datetime
import json
import logging
import os
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from linter.config import (
    CONFIG_FILES,
    Config,
    PerFileIgnore,
    RuleSelection,
    display,
    table_root,
)
from linter.config_merge import merged_config
from linter.config_messages import Place, schema_errors
from linter.errors import ConfigurationError
from linter.toml_places import TomlPlaces, locate

logger = logging.getLogger(__name__)

SCHEMA_FILE = Path(__file__).resolve().parent.parent / "schemas" / "config.schema.json"
_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """One file read: its rclint table, as data and as written."""

    path: str
    table: dict[str, Any]
    places: TomlPlaces

    @property
    def place(self) -> Place:
        return Place(self.path, self.places)


def find_and_read(start_path: str) -> Config:
    """The closest configuration from ``start_path`` upwards, or the defaults."""
    start = os.path.abspath(start_path)
    if not os.path.isdir(start):
        start = os.path.dirname(start)
    for folder in _upwards(start):
        for name in CONFIG_FILES:
            path = os.path.join(folder, name)
            found = _read(path) if os.path.isfile(path) else None
            if found is not None:
                logger.debug("using the configuration in %s", path)
                return _config(found)
    logger.debug("no configuration file found from %s upwards", start)
    return Config()


def read_named(path: str) -> Config:
    """The configuration in the file ``path``, named on the command line."""
    if not os.path.isfile(path):
        raise ConfigurationError(f"configuration file `{path}` does not exist")
    found = _read(os.path.abspath(path))
    if found is None:
        raise ConfigurationError(f"{display(path)}: no [tool.rclint] table")
    return _config(found)


def _config(nearest: ConfigFile) -> Config:
    chain = _chain(nearest)
    errors = [line for file in chain for line in _file_errors(file)]
    if errors:
        raise ConfigurationError("\n".join(errors))
    for base in chain[:-1]:
        logger.debug("%s extends %s", nearest.path, base.path)
    return merged_config(
        nearest.path,
        [(file.path, _plain(file.table)) for file in chain],
        {file.path: file.places for file in chain},
        selections=[_selection(file) for file in chain],
        per_file_ignores=[p for file in chain for p in _per_file_ignores(file)],
    )


def _chain(nearest: ConfigFile) -> list[ConfigFile]:
    """The files ``nearest`` extends, base first, ``nearest`` last."""
    chain = [nearest]
    while "extend" in chain[0].table:
        file = chain[0]
        target = file.table["extend"]
        if not isinstance(target, str):
            break  # the schema check reports it
        path = os.path.normpath(os.path.join(os.path.dirname(file.path), target))
        where = file.place.at(["extend"])
        if os.path.realpath(path) in {os.path.realpath(seen.path) for seen in chain}:
            raise ConfigurationError(f"{where}: `extend` makes a cycle: `{target}`")
        if not os.path.isfile(path):
            raise ConfigurationError(f"{where}: `extend` names no file: `{target}`")
        base = _read(path)
        if base is None:
            raise ConfigurationError(f"{where}: `{target}` has no [tool.rclint] table")
        chain.insert(0, base)
    return chain


def _file_errors(file: ConfigFile) -> list[str]:
    errors = schema_errors(file.place, _load_schema(), _plain(file.table))
    return errors or list(_date_errors(file))


def _date_errors(file: ConfigFile) -> Iterator[str]:
    """Expiry dates of the right shape that name no day (``2027-02-30``)."""
    for index, entry in enumerate(file.table.get("suppress", ())):
        expires = entry.get("expires")
        if not isinstance(expires, str):
            continue
        try:
            datetime.date.fromisoformat(expires)
        except ValueError as error:
            where = file.place.at(["suppress", index, "expires"])
            yield f"{where}: `expires` in [[suppress]] is not a date: {error}"


def _selection(file: ConfigFile) -> RuleSelection:
    table = file.table
    select = table.get("select")
    return RuleSelection(
        select=None if select is None else tuple(select),
        extend_select=tuple(table.get("extend-select", ())),
        ignore=tuple(table.get("ignore", ())),
        source=file.path,
    )


def _per_file_ignores(file: ConfigFile) -> Iterator[PerFileIgnore]:
    directory = os.path.dirname(file.path)
    for pattern, selectors in file.table.get("per-file-ignores", {}).items():
        yield PerFileIgnore(pattern, directory, tuple(selectors), file.path)


def _upwards(directory: str) -> Iterator[str]:
    while True:
        yield directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return
        directory = parent


def _read(path: str) -> ConfigFile | None:
    """The rclint table of a configuration file; None for a pyproject.toml
    without one."""
    try:
        with open(path, "rb") as stream:
            text = stream.read().decode("utf-8")
        data = tomllib.loads(text)
    except OSError as error:
        message = f"cannot read {display(path)}: {error.strerror}"
        raise ConfigurationError(message) from None
    except UnicodeDecodeError as error:
        message = f"{display(path)}: not UTF-8 text ({error.reason})"
        raise ConfigurationError(message) from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigurationError(_syntax_error(path, text, str(error))) from None
    table: Any = data
    for key in table_root(path):
        table = table.get(key) if isinstance(table, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigurationError(f"{display(path)}: [tool.rclint] must be a table")
    return ConfigFile(path, table, locate(path, text))


def _syntax_error(path: str, text: str, message: str) -> str:
    """tomllib's message, with its position moved to the front, ruff style."""
    match = _TOML_POSITION.search(message)
    if match:
        reason = message[: match.start()]
        row, column = match.groups()
    else:
        # The error is at the end of the document: point after its last character.
        lines = text.split("\n")
        reason = message.replace(" (at end of document)", "")
        row, column = str(len(lines)), str(len(lines[-1]) + 1)
    return f"{display(path)}:{row}:{column}: invalid TOML: {reason}"


def _load_schema() -> dict[str, Any]:
    with open(SCHEMA_FILE, encoding="utf-8") as stream:
        schema: dict[str, Any] = json.load(stream)
    return schema


def _plain(value: Any) -> Any:
    """TOML data as JSON data: dates and times become strings."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return value
