"""Bibliography style: pybtex's unsrt without the editors' ``note`` fields, labelled and sorted by author and year.

The shared ``references.bib`` uses ``note`` for remarks to editors (what was
checked, what an identifier is not); readers should not see them. The pages
cite author-year ("Bertoin et al., 2021"), so the list of references carries
the same labels, in alphabetical order, instead of numbers that the text never
uses.
"""

from __future__ import annotations

import string
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.labels import BaseLabelStyle
from sphinx.application import Sphinx


def _surname(person: Any) -> str:
    return " ".join(str(Text.from_latex(part)) for part in [*person.prelast_names, *person.last_names])


class AuthorYearLabels(BaseLabelStyle):  # type: ignore[misc] # pybtex has no type information
    """Labels such as "Kakade and Lee, 2018" or "Bertoin et al., 2021"; a, b... tell equal labels apart."""

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        entries = list(sorted_entries)
        labels = []
        for entry in entries:
            names = [_surname(p) for p in entry.persons.get("author") or entry.persons.get("editor") or []]
            who = names[0] if len(names) == 1 else " and ".join(names) if len(names) == 2 else f"{names[0]} et al."
            labels.append(f"{who}, {entry.fields.get('year', 'n.d.')}")
        repeated = {label for label, count in Counter(labels).items() if count > 1}
        seen: Counter[str] = Counter()
        for label in labels:
            seen[label] += 1
            yield label + string.ascii_lowercase[seen[label] - 1] if label in repeated else label


class Style(UnsrtStyle):  # type: ignore[misc] # pybtex has no type information
    """unsrt, ignoring ``note``, with author-year labels, sorted by author, year and title."""

    default_label_style = "author_year"
    default_sorting_style = "author_year_title"

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> Any:
        fields = {key: value for key, value in entry.fields.items() if key.lower() != "note"}
        stripped = Entry(entry.type, fields=fields, persons=entry.persons)
        stripped.key = entry.key
        return super().format_entry(label, stripped, bib_data)


def setup(_app: Sphinx) -> dict[str, Any]:
    register_plugin("pybtex.style.labels", "author_year", AuthorYearLabels)
    register_plugin("pybtex.style.formatting", "checked", Style)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
