"""Bibliography style: pybtex's unsrt without the editors' ``note`` fields.

The shared ``references.bib`` uses ``note`` for remarks to editors (what was
checked, what an identifier is not); readers should not see them.
"""

from __future__ import annotations

from typing import Any

from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from sphinx.application import Sphinx


class Style(UnsrtStyle):  # type: ignore[misc] # pybtex has no type information
    """unsrt, ignoring ``note``."""

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> Any:
        fields = {key: value for key, value in entry.fields.items() if key.lower() != "note"}
        stripped = Entry(entry.type, fields=fields, persons=entry.persons)
        stripped.key = entry.key
        return super().format_entry(label, stripped, bib_data)


def setup(_app: Sphinx) -> dict[str, Any]:
    register_plugin("pybtex.style.formatting", "checked", Style)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
