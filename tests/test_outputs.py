"""docs/_ext/outputs.py: a cell's stream pieces joined exactly, whatever the kernel's cuts."""

from __future__ import annotations

import itertools

import nbformat
from hypothesis import given
from hypothesis import strategies as st
from outputs import join_streams


def _stream(name: str, text: str) -> nbformat.NotebookNode:
    return nbformat.NotebookNode({"output_type": "stream", "name": name, "text": text})


def test_pieces_cut_inside_a_line_are_joined_without_changing_a_character() -> None:
    pieces = [_stream("stdout", "pie"), _stream("stdout", "ce 1 "), _stream("stdout", "piece 2\n  indented\n")]
    joined = join_streams(pieces)
    assert [(o["name"], o["text"]) for o in joined] == [("stdout", "piece 1 piece 2\n  indented\n")]
    assert pieces[0]["text"] == "pie", "the kernel's outputs are not modified"


def test_each_stream_is_joined_on_its_own_and_other_outputs_keep_their_place() -> None:
    figure = nbformat.NotebookNode({"output_type": "display_data", "data": {"text/plain": "figure"}, "metadata": {}})
    outputs = [
        _stream("stdout", "a"),
        _stream("stderr", "warn"),
        figure,
        _stream("stdout", "b"),
        _stream("stderr", "!"),
    ]
    joined = join_streams(outputs)
    assert [o["output_type"] for o in joined] == ["stream", "stream", "display_data"]
    assert [(o["name"], o["text"]) for o in joined[:2]] == [("stdout", "ab"), ("stderr", "warn!")]
    assert joined[2] is figure


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200), st.lists(st.integers(0, 200), max_size=10))
def test_any_cuts_give_the_same_text(text: str, cuts: list[int]) -> None:
    bounds = sorted({0, len(text), *(c for c in cuts if c <= len(text))})
    pieces = [_stream("stdout", text[a:b]) for a, b in itertools.pairwise(bounds)] or [_stream("stdout", "")]
    assert [o["text"] for o in join_streams(pieces)] == [text]
