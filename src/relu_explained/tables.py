"""A minimal HTML table for results computed on the site's pages."""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from ._validation import as_text, as_text_sequence

__all__ = ["Table"]


@dataclass(frozen=True)
class Table:
    """A captioned table that notebooks and the site render as HTML.

    The first cell of each row is its header. Cells are text and are escaped;
    a cell wrapped in backticks is shown as code.

    Parameters
    ----------
    caption : str
        What the table shows.
    columns : sequence of str
        Column headings.
    rows : sequence of sequence of str
        One entry per column in each row.
    notes : sequence of str, optional
        Notes shown under the rows, one paragraph each.

    Raises
    ------
    TypeError
        If the caption or a cell, heading or note is not a string, or
        `columns`, `rows`, a row or `notes` is not a sequence (list or tuple).
    ValueError
        If a row does not have one cell per column, or a text holds a
        character that HTML cannot carry (a control character).

    Examples
    --------
    >>> from relu_explained.tables import Table
    >>> print(Table("Counts", ["format", "zeros"], [["float16", "3"]]).to_html())
    <table class="relu-table"><caption>Counts</caption><thead><tr><th scope="col">format</th><th scope="col">zeros</th></tr></thead><tbody><tr><th scope="row">float16</th><td>3</td></tr></tbody></table>
    """

    caption: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    notes: Sequence[str] = ()

    def __post_init__(self) -> None:
        as_text(self.caption, "caption")
        if not as_text_sequence(self.columns, "columns"):
            msg = "columns must contain at least one heading"
            raise ValueError(msg)
        as_text_sequence(self.notes, "notes")
        if not isinstance(self.rows, list | tuple):
            msg = (
                f"rows must be a sequence (list or tuple) of rows, got {self.rows!r} of type {type(self.rows).__name__}"
            )
            raise TypeError(msg)
        for i, row in enumerate(self.rows):
            as_text_sequence(row, f"rows[{i}]")
            if len(row) != len(self.columns):
                msg = f"rows[{i}] must have {len(self.columns)} cells, one per column, got {len(row)}"
                raise ValueError(msg)

    @staticmethod
    def _cell(text: str) -> str:
        if len(text) > 1 and text.startswith("`") and text.endswith("`"):
            return f"<code>{html.escape(text[1:-1])}</code>"
        return html.escape(text)

    def to_html(self) -> str:
        """The table as an HTML fragment."""
        head = "".join(f'<th scope="col">{self._cell(c)}</th>' for c in self.columns)
        body = "".join(
            f'<tr><th scope="row">{self._cell(row[0])}</th>{"".join(f"<td>{self._cell(c)}</td>" for c in row[1:])}</tr>'
            for row in self.rows
        )
        foot = ""
        if self.notes:
            notes = "".join(f"<p>{self._cell(note)}</p>" for note in self.notes)
            foot = f'<tfoot><tr><td colspan="{len(self.columns)}">{notes}</td></tr></tfoot>'
        return (
            f'<table class="relu-table"><caption>{html.escape(self.caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody>{foot}</table>"
        )

    def _repr_html_(self) -> str:
        return self.to_html()
