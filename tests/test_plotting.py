"""The figure functions: what they draw, their shared style and their SVG export."""

from __future__ import annotations

import base64
import collections
import functools
import io
import json
import math
import re
from collections.abc import Callable
from typing import Any, Literal
from xml.etree import ElementTree as ET

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Annotation

from relu_explained import difference_quotient, plotting, relu, softplus, softplus_derivative
from relu_explained.plotting import PALETTE, ThemedFigure
from relu_explained.plotting._export import MIME_TYPE
from relu_explained.plotting._interactive import INTERACTIVE_MIME_TYPE

RNG = np.random.default_rng(0)


def xs(line: Line2D) -> np.ndarray:
    """The x data of a plotted line, as floats."""
    return np.asarray(line.get_xdata(), dtype=float)


def ys(line: Line2D) -> np.ndarray:
    """The y data of a plotted line, as floats."""
    return np.asarray(line.get_ydata(), dtype=float)


T = np.linspace(0.0, 10.0, 50)

# The plotting functions that need data, with data that makes a typical figure;
# every other public ``plot_*`` function is called with its defaults.
NEEDS_DATA: dict[str, Callable[[], Figure]] = {
    "plot_feature_map": lambda: plotting.plot_feature_map(RNG.standard_normal((6, 6))),
    "plot_secant": lambda: plotting.plot_secant(-0.1),
    "plot_supporting_line": lambda: plotting.plot_supporting_line(1.25),
    "plot_softplus_sharpness": lambda: plotting.plot_softplus_sharpness(4.0),
    "plot_images": lambda: plotting.plot_images([np.eye(8), np.full((8, 8), 0.5)], titles=["a", "b"]),
    "plot_parameter_distances": lambda: plotting.plot_parameter_distances(
        {"a": {"x": [0.0, 1e-3, 2e-3], "y": [0.0, 0.0, 0.0]}, "b": {"x": [0.0, 0.0, 1e-2]}}
    ),
}
FIGURES: dict[str, Callable[[], Figure]] = {
    name: NEEDS_DATA.get(name, getattr(plotting, name)) for name in plotting.__all__ if name.startswith("plot_")
}


@functools.cache
def _figure(name: str) -> Figure:
    """The typical figure of a plotting function, laid out as saving it does; made once and only read by the tests."""
    fig = FIGURES[name]()
    fig.draw_without_rendering()
    return fig


def test_every_plotting_function_is_exercised() -> None:
    assert set(NEEDS_DATA) <= set(FIGURES)
    assert len(FIGURES) >= 13


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_tick_labels_are_distinct_and_readable(name: str) -> None:
    """No axis repeats a tick label, shows a negative zero or computer notation such as 1e-06."""
    fig = _figure(name)
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            labels = [
                tick.label1.get_text()
                for tick in axis.get_major_ticks()
                if tick.label1.get_visible() and tick.label1.get_text() and low <= tick.get_loc() <= high
            ]
            assert len(set(labels)) == len(labels), f"{name}: repeated tick labels {labels}"
            for text in labels:
                assert text.strip("$") not in {"-0", "\u22120", "-0.0", "\u22120.0"}, f"{name}: tick label {text!r}"
                assert not re.search(r"\de[-\u2212+]?\d", text), f"{name}: tick label {text!r}"


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_legends_do_not_cover_the_data(name: str) -> None:
    """No point of a plotted line lies under a legend (a fault a reader sees at once)."""
    fig = _figure(name)
    legends = [(legend, [ax]) for ax in fig.axes if (legend := ax.get_legend()) is not None]
    legends += [(legend, fig.axes) for legend in fig.legends]
    for legend, covered_axes in legends:
        box = legend.get_window_extent().padded(-2)  # the legend's frame, less anti-aliasing
        for line in (line for ax in covered_axes for line in ax.get_lines()):
            vertices = np.asarray(line.get_xydata(), dtype=float)
            if len(vertices) > 1:  # points along each segment too, not only its ends
                steps = np.linspace(0.0, 1.0, 20, endpoint=False)[:, None, None]
                vertices = np.concatenate(
                    [(vertices[:-1] + steps * np.diff(vertices, axis=0)).reshape(-1, 2), vertices]
                )
            points = line.get_transform().transform(vertices)
            covered = [tuple(p) for p in points if box.contains(*p)]
            assert not covered, f"{name}: line {line.get_label()!r} runs under the legend at {covered[:3]}"


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figures_use_only_palette_colours_for_lines_and_text(name: str) -> None:
    fig = _figure(name)
    light = {pair[0] for pair in PALETTE.values()}
    for ax in fig.axes:
        for line in ax.lines:
            assert line.get_color() in light, (name, line.get_label(), line.get_color())
        for text in [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(), *ax.get_yticklabels()]:
            assert text.get_color() == PALETTE["foreground"][0]
    assert tuple(fig.get_facecolor())[3] == 0.0, "figure background must be transparent"


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_curves_across_zero_sample_zero_exactly(name: str) -> None:
    """Every curve drawn across x = 0 evaluates the function at 0 itself (see grid_with_zero)."""
    fig = _figure(name)
    for ax in fig.axes:
        for line in ax.lines:
            x = xs(line)
            if line.get_linestyle() in {"None", ""} or len(x) <= 3 or not (x.min() < 0.0 < x.max()):
                continue  # markers, straight segments and curves on one side of 0
            assert np.any(x == 0.0), f"{name}: {line.get_label()!r} crosses 0 without a point there"


def test_plot_relu_draws_relu_and_the_origin() -> None:
    ax = plotting.plot_relu((-3.0, 1.0)).axes[0]
    curve, point = ax.lines
    x = np.asarray(xs(curve))
    assert (x.min(), x.max()) == (-3.0, 1.0)
    np.testing.assert_array_equal(ys(curve), relu(x))
    assert (list(xs(point)), list(ys(point))) == ([0.0], [0.0])


def test_plot_draws_on_given_axes() -> None:
    fig = Figure()
    ax = fig.add_subplot()
    assert plotting.plot_relu(ax=ax) is fig
    assert len(ax.lines) == 2
    with pytest.raises(TypeError, match="^ax must be a matplotlib Axes"):
        plotting.plot_relu(ax="not an axes")  # type: ignore[arg-type]


def test_plot_multi_panel_on_given_axes() -> None:
    fig = Figure()
    axes = fig.subplots(1, 2)
    assert plotting.plot_subdifferential(axes=axes) is fig
    with pytest.raises(TypeError, match="^axes must be a sequence of 2"):
        plotting.plot_subdifferential(axes=[axes[0]])


@pytest.mark.parametrize("at_zero", [0.0, 0.5, 1.0])
def test_relu_derivative_marks_the_chosen_value(at_zero: float) -> None:
    ax = plotting.plot_relu_derivative(at_zero).axes[0]
    filled = ax.lines[-1]
    assert list(ys(filled)) == [at_zero]
    hollow = [line for line in ax.lines if line.get_markerfacecolor() == PALETTE["background"][0]]
    assert sorted(float(ys(line)[0]) for line in hollow) == sorted({0.0, 1.0} - {at_zero})


def test_difference_quotients_show_the_one_sided_limits() -> None:
    ax = plotting.plot_difference_quotients(steps=np.logspace(-8, -1, 8)).axes[0]
    relu_q, soft_q = ax.lines[:2]
    h = np.asarray(xs(relu_q))
    q = np.asarray(ys(relu_q))
    assert np.all(q[h < 0] == 0.0)
    assert np.all(q[h > 0] == 1.0)
    small = np.abs(h) <= 1e-6
    np.testing.assert_allclose(np.asarray(ys(soft_q))[small], 0.5, atol=1e-6)


def test_subdifferential_draws_supporting_lines_and_the_segment() -> None:
    fig = plotting.plot_subdifferential(slopes=(0.0, 0.5, 1.0), outside=-0.5)
    graph, setmap = fig.axes
    slopes = []
    for line in graph.lines[1:]:
        x, y = np.asarray(xs(line)), np.asarray(ys(line))
        slopes.append(float((y[-1] - y[0]) / (x[-1] - x[0])))
    assert slopes == pytest.approx([0.0, 0.5, 1.0, -0.5])
    segment = setmap.lines[-1]
    assert list(xs(segment)) == [0.0, 0.0]
    assert list(ys(segment)) == [0.0, 1.0]
    with pytest.raises(ValueError, match=r"^slopes must lie in \[0, 1\]"):
        plotting.plot_subdifferential(slopes=(1.5,))
    with pytest.raises(ValueError, match=r"^outside must be a slope outside"):
        plotting.plot_subdifferential(outside=0.5)


def test_softplus_figures_draw_the_functions_and_bounds() -> None:
    ax = plotting.plot_softplus(betas=(2.0,)).axes[0]
    curve = ax.lines[1]
    np.testing.assert_allclose(ys(curve), softplus(np.asarray(xs(curve)), 2.0))
    gap_ax = plotting.plot_softplus_gap(betas=(1.0, 4.0)).axes[0]
    bounds = [float(ys(line)[0]) for line in gap_ax.lines[1::2]]
    assert bounds == pytest.approx([math.log(2), math.log(2) / 4])
    slope_ax = plotting.plot_smooth_derivatives(betas=(5.0,)).axes[0]
    sig = slope_ax.lines[2]
    np.testing.assert_allclose(ys(sig), softplus_derivative(np.asarray(xs(sig)), 5.0))


def test_zoom_relu_keeps_its_corner_at_every_scale() -> None:
    fig = plotting.plot_zoom(widths=(1.0, 1e-6))
    for ax in fig.axes:
        relu_line = ax.lines[0]
        x = np.asarray(xs(relu_line))
        w = x.max()
        np.testing.assert_array_equal(ys(relu_line), relu(x))
        assert ax.get_title().endswith(f"{w:g}$")
    tiny = fig.axes[1].lines[1]
    x, y = np.asarray(xs(tiny)), np.asarray(ys(tiny))
    np.testing.assert_allclose(y, x / 2, atol=1e-12)  # softplus is locally linear, slope 1/2


def test_feature_map_after_relu() -> None:
    data = np.array([[-1.0, 2.0], [0.0, -3.0]])
    fig = plotting.plot_feature_map(data)
    before, after = (ax.collections[0].get_array() for ax in fig.axes[:2])
    np.testing.assert_array_equal(np.asarray(before).reshape(2, 2), data)
    np.testing.assert_array_equal(np.asarray(after).reshape(2, 2), relu(data))
    with pytest.raises(ValueError, match="^feature_map must be a finite, non-empty 2-D array"):
        plotting.plot_feature_map(np.ones(3))


def test_program_graph_sums_what_both_paths_deliver() -> None:
    ax = plotting.plot_program_graph().axes[0]
    nodes = [t for t in ax.texts if t.get_bbox_patch() is not None]
    assert sorted(t.get_text() for t in nodes) == ["neg", "relu", "relu", "subtract", "x", "y"]
    accent = PALETTE["c1"][0]
    backward = [t.get_text() for t in ax.texts if t.get_color() == accent and t.get_bbox_patch() is None]
    # one derivative per edge (6) plus the total at x and the key
    assert sorted(backward[:6]) == sorted(["s", "s", "\u2212s", "1", "\u22121", "1"])
    assert "s + s = 2s" in backward
    arrows = [child for child in ax.get_children() if isinstance(child, Annotation) and not child.get_text()]
    assert len(arrows) == 6
    fig = ax.get_figure(root=True)
    assert isinstance(fig, Figure)
    fig.draw_without_rendering()
    boxes = [t.get_window_extent() for t in nodes]
    for i, a in enumerate(boxes):  # no two nodes overlap
        assert not any(a.overlaps(b) for b in boxes[i + 1 :])


def test_summary_draws_the_segment_and_the_slopes_at_half() -> None:
    fig = plotting.plot_summary(betas=(1.0, 4.0))
    functions, slopes = fig.axes
    segment = [line for line in slopes.lines if list(xs(line)) == [0.0, 0.0]]
    assert [list(ys(line)) for line in segment] == [[0.0, 1.0]]
    curves = [line for line in slopes.lines if len(xs(line)) > 3]
    assert len(curves) == 2
    for line in curves:
        assert ys(line)[xs(line) == 0.0].tolist() == [0.5]
    assert [line.get_label() for line in functions.lines] == [
        "ReLU",
        "softplus, $\\beta = 1$",
        "softplus, $\\beta = 4$",
    ]


def test_images_draw_lit_pixels_only_with_their_value() -> None:
    image = np.zeros((4, 5))
    image[1, 2], image[3, 0] = 1.0, 0.25
    ax = plotting.plot_images([image]).axes[0]
    drawn = sorted((p.get_xy(), p.get_alpha()) for p in ax.patches if isinstance(p, Rectangle))
    assert len(drawn) == len(ax.patches)
    assert drawn == [((0, 3), 0.25), ((2, 1), 1.0)]  # (column, row): blank pixels get no patch
    assert {p.get_facecolor()[:3] for p in ax.patches} == {mpl.colors.to_rgb(PALETTE["c0"][0])}
    assert ax.get_xlim() == (0.0, 5.0)
    assert ax.get_ylim() == (4.0, 0.0)


@pytest.mark.parametrize(
    ("images", "titles", "match"),
    [
        ([], None, "^images must contain at least one image"),
        ([np.zeros(3)], None, r"^images\[0\] must be a non-empty 2-D array"),
        ([np.zeros((0, 3))], None, r"^images\[0\] must be a non-empty 2-D array"),
        (
            [np.zeros((2, 2)), np.full((2, 2), 2.0)],
            None,
            r"^images\[1\] must be a non-empty 2-D array with values in \[0, 1\]",
        ),
        ([np.zeros((2, 2))], ["a", "b"], "^titles must have one entry per image"),
    ],
)
def test_images_reject_bad_input(images: Any, titles: Any, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        plotting.plot_images(images, titles=titles)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: plotting.plot_zoom(widths=(0.0,)), "^widths must be positive"),
        (lambda: plotting.plot_softplus(betas=()), "^betas must contain"),
        (lambda: plotting.plot_softplus(betas=(-1.0,)), r"^betas\[0\] must be a positive"),
        (lambda: plotting.plot_relu_derivative(at_zero=2.0), r"^at_zero must lie in \[0, 1\]"),
        (
            lambda: plotting.plot_difference_quotients(steps=[0.0]),
            "^steps must be a non-empty 1-D array of numbers from",
        ),
        (lambda: plotting.grid_with_zero(1.0, -1.0), "^lower and upper must satisfy lower < upper"),
        (lambda: plotting.grid_with_zero(-1.0, 1.0, 1), "^num must be at least 2"),
        (lambda: plotting.color("red"), "^role must be one of"),
    ],
)
def test_bad_arguments(call: Callable[[], Any], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        call()


#: The accessible name given to every exported figure: decimals in it must survive the export's rounding.
ALT = "h = 0.001 and 0.43812 (a name with decimals)"


@functools.cache
def _exported(name: str) -> tuple[ThemedFigure, str]:
    """A figure exported with ThemedFigure, and matplotlib's own SVG of it with text as text (made once)."""
    fig = _figure(name)
    shown = ThemedFigure(fig, alt=ALT, label=name)
    buffer = io.StringIO()
    with mpl.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg")
    return shown, buffer.getvalue()


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_both_variants_use_their_own_palette(name: str) -> None:
    shown, _ = _exported(name)
    for index, scheme in enumerate(("light", "dark")):
        svg = shown.svg(scheme)
        assert svg.startswith("<svg")
        assert 'role="img"' in svg
        assert "<metadata>" not in svg
        assert re.search(r"\d{4}-\d\d-\d\dT", svg) is None, "no timestamp"
        colours = set(re.findall(r"#[0-9a-f]{6}\b", svg))
        other = {pair[1 - index] for pair in PALETTE.values()}
        assert not colours & other, f"{scheme}: colours of the other scheme {colours & other}"
        assert PALETTE["foreground"][index] in colours


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_figures_use_only_the_page_font(name: str) -> None:
    """No text needs one of matplotlib's math fonts, which readers lack: their glyphs would show wrong (a prime as 0)."""
    _, drawn = _exported(name)
    families = set(re.findall(r"font-family:\s*'?([^;'\"]+)", drawn))
    assert families <= {"DejaVu Sans"}, families


def test_notebook_bundle_offers_an_opaque_light_svg_and_both_variants() -> None:
    shown = ThemedFigure(plotting.plot_relu(), alt="ReLU.")
    bundle = shown._repr_mimebundle_()
    assert bundle["text/plain"] == "ThemedFigure(alt='ReLU.')"
    # Any Jupyter front end shows image/svg+xml; its light background keeps it readable in a dark theme.
    assert bundle["image/svg+xml"].startswith(f'<svg style="background-color:{PALETTE["background"][0]}"')
    png = base64.b64decode(bundle["image/png"])
    assert png.startswith(b"\x89PNG")
    assert shown._repr_mimebundle_()["image/png"] == bundle["image/png"], "the same bytes every time"
    figure = bundle[MIME_TYPE]
    assert figure["light"] == shown.svg("light")
    assert figure["dark"] == shown.svg("dark")
    assert figure["alt"] == "ReLU."
    assert (figure["width"], figure["height"]) == (461, 245)
    json.dumps(bundle)  # a notebook stores it as JSON


def test_themed_svg_is_deterministic_and_ids_depend_on_label() -> None:
    first = ThemedFigure(plotting.plot_relu(), alt="ReLU.", label="a").svg()
    again = ThemedFigure(plotting.plot_relu(), alt="ReLU.", label="a").svg()
    other = ThemedFigure(plotting.plot_relu(), alt="ReLU.", label="b").svg()
    assert first == again
    ids_first = set(re.findall(r'id="([^"]+)"', first))
    ids_other = set(re.findall(r'id="([^"]+)"', other))
    assert ids_first
    assert not ids_first & ids_other
    for ident in ids_first:
        assert f"#{ident}" in first, f"id {ident} is kept but never used"


def test_themed_svg_escapes_alt_and_rejects_unknown_schemes() -> None:
    shown = ThemedFigure(plotting.plot_relu(), alt='x < 0 and "y"')
    assert 'aria-label="x &lt; 0 and &quot;y&quot;"' in shown.svg("dark")
    with pytest.raises(ValueError, match="^scheme must be one of 'light', 'dark'"):
        shown.svg("sepia")


@pytest.mark.parametrize(
    ("figure", "alt", "error"),
    [
        ("not a figure", "text", TypeError),
        (None, "text", TypeError),
        ("fig", 3, TypeError),
        ("fig", "  ", ValueError),
        ("fig", "<Figure size 640x480 with 1 Axes>", ValueError),
        ("fig", "ReLU\x0cgraph", ValueError),
        ("fig", "ReLU\x00", ValueError),
        ("fig", "lone \ud800 surrogate", ValueError),
    ],
)
def test_themed_figure_rejects_bad_input(figure: Any, alt: Any, error: type[Exception]) -> None:
    fig = plotting.plot_relu() if figure == "fig" else figure
    with pytest.raises(error, match="^(figure|alt) must"):
        ThemedFigure(fig, alt=alt)


def _svg_texts(svg: str) -> collections.Counter[str]:
    """The characters of every ``<text>`` element of an SVG document, unescaped.

    White space is left out: the export drops the line breaks matplotlib puts
    between the separately placed glyphs of a formula, which change nothing shown.
    """
    root = ET.fromstring(svg)  # also checks that the document is well-formed XML
    texts = ("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text"))
    return collections.Counter("".join(text.split()) for text in texts)


@pytest.mark.parametrize("name", sorted(FIGURES))
def test_the_exported_svg_shows_every_text_as_matplotlib_drew_it(name: str) -> None:
    """Tick labels, titles, legends and the accessible name survive the export unchanged: only coordinates are rounded.

    matplotlib's own SVG of the same figure, with text as text, is the reference.
    """
    shown, reference = _exported(name)
    drawn = _svg_texts(reference)
    assert drawn, f"{name}: matplotlib drew no text"
    for scheme in ("light", "dark"):
        svg = shown.svg(scheme)
        assert ET.fromstring(svg).get("aria-label") == ALT
        assert _svg_texts(svg) == drawn, f"{name} ({scheme}): the texts differ from matplotlib's"


def test_texts_that_look_like_markup_survive_the_export() -> None:
    """A title or alt text with quotes, decimals, colours and CSS is text: the export rewrites none of it."""
    fig = plotting.plot_relu()
    title = 'set x="0.123456" and font-family: serif; ok #1f5fa8 id="a"'
    fig.axes[0].set_title(title)
    alt = "Uses #1f5fa8 and font-family: mono; x=0.123456"
    shown = ThemedFigure(fig, alt=alt)
    for scheme in ("light", "dark"):
        root = ET.fromstring(shown.svg(scheme))
        assert root.get("aria-label") == alt
        assert "".join(title.split()) in _svg_texts(shown.svg(scheme))
        style = re.search(r"<style>(.*?)</style>", shown.svg(scheme))
        assert style is not None
        assert "mono" not in style.group(1), "text never becomes style"


def test_a_figure_text_with_a_control_character_is_refused() -> None:
    fig = plotting.plot_relu()
    fig.axes[0].set_title("a\x0cb")
    with pytest.raises(ValueError, match="^a text of figure must not contain"):
        ThemedFigure(fig, alt="ReLU.")


def test_the_zoom_figure_keeps_its_smallest_tick_labels() -> None:
    """The narrowest panel of the article's zoom figure is labelled as matplotlib labels it, not rounded to 0."""
    texts = _svg_texts(ThemedFigure(plotting.plot_zoom(), alt="Zoom.").svg())
    assert {"\u22120.0001", "0.0000", "0.0001"} <= set(texts)


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("scheme", [0, 1])
def test_palette_contrast_against_its_background(scheme: int) -> None:
    background = PALETTE["background"][scheme]
    # WCAG AA: 4.5:1 for text, 3:1 for graphical objects.
    assert _contrast(PALETTE["foreground"][scheme], background) >= 4.5
    assert _contrast(PALETTE["muted"][scheme], background) >= 4.5
    for role in plotting.SERIES:
        assert _contrast(PALETTE[role][scheme], background) >= 3.0, role


def test_parameter_distances_leave_exact_equality_undrawn() -> None:
    fig = plotting.plot_parameter_distances({"a": {"x": [0.0, 1e-3, 0.0, 2e-3], "y": [0.0] * 4}})
    ax = fig.axes[0]
    drawn = ys(ax.lines[0])
    assert np.isnan(drawn[0])
    assert np.isnan(drawn[2])
    assert list(drawn[[1, 3]]) == [1e-3, 2e-3]
    assert np.all(np.isnan(ys(ax.lines[1])))
    assert [t.get_text() for t in ax.texts] == ["equal throughout: y"]
    assert ax.get_yscale() == "log"


@pytest.mark.parametrize(
    ("panels", "match"),
    [
        ({}, "panels must map"),
        ({"a": {}}, "panels must map"),
        ({"a": {str(i): [1.0] for i in range(5)}}, "panels must map"),
        ({"a": {"x": [1.0, -1.0]}}, "non-negative"),
        ({"a": {"x": [[1.0]]}}, "1-D"),
        ({"a": {"x": [np.inf]}}, "finite"),
    ],
)
def test_parameter_distances_reject_bad_input(panels: Any, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        plotting.plot_parameter_distances(panels)


def test_frames_state_the_library_values() -> None:
    for h in (-0.3, 0.001, 1.0):
        side: Literal["left", "right"] = "right" if h > 0 else "left"
        q_relu = difference_quotient(relu, 0.0, abs(h), side=side)
        q_softplus = difference_quotient(softplus, 0.0, abs(h), side=side)
        assert (
            plotting.secant_readout(h) == f"h = {h:g}: ReLU quotient {q_relu:.4g}, softplus quotient {q_softplus:.4g}"
        )
        titles = [ax.get_title() for ax in plotting.plot_secant(h).axes]
        assert titles == [f"ReLU: quotient {q_relu:.4g}", f"softplus: quotient {q_softplus:.4g}"]
        secant = plotting.plot_secant(h).axes[1].lines[1]
        assert np.allclose(np.diff(ys(secant)) / np.diff(xs(secant)), q_softplus)
    for g, inside in ((-0.25, False), (0.0, True), (1.0, True), (1.5, False)):
        assert ("is a subgradient" in plotting.supporting_line_readout(g)) is inside
        assert ("rises above" in plotting.plot_supporting_line(g).axes[0].get_title()) is not inside
    for beta in (0.5, 4.0, 32.0):
        readout = plotting.softplus_sharpness_readout(beta)
        assert f"{math.log(2) / beta:.4f}" in readout
        assert readout.endswith(f"slope at 0: {float(softplus_derivative(0.0, beta)):g}")


def test_interactive_figure_bundle_and_checks() -> None:
    static = ThemedFigure(plotting.plot_softplus(), alt="Softplus.")
    shown = plotting.InteractiveFigure.sweep(
        static,
        plotting.plot_softplus_sharpness,
        plotting.softplus_sharpness_readout,
        [1.0, 2.0, 4.0],
        label="Sharpness",
        setting="b",
        start=1,
    )
    bundle = shown._repr_mimebundle_()
    data = bundle[INTERACTIVE_MIME_TYPE]
    assert data["settings"] == ["b = 1", "b = 2", "b = 4"]
    assert data["readouts"] == [plotting.softplus_sharpness_readout(b) for b in (1.0, 2.0, 4.0)]
    assert data["start"] == 1
    assert len(data["frames"]) == 3
    assert all(f["width"] == static.size[0] and "<svg" in f["dark"] for f in data["frames"])
    assert bundle["image/svg+xml"] == static._repr_mimebundle_()["image/svg+xml"]  # notebooks show the static figure
    frame = ThemedFigure(plotting.plot_softplus_sharpness(1.0), alt="Frame.")
    with pytest.raises(ValueError, match="must have one entry per frame"):
        plotting.InteractiveFigure(static, [frame], ["a", "b"], ["x"], label="L")
    with pytest.raises(ValueError, match="static figure's size"):
        plotting.InteractiveFigure(
            static, [ThemedFigure(plotting.plot_subdifferential(), alt="x")], ["a"], ["x"], label="L"
        )
    with pytest.raises(ValueError, match="start must be the index of a frame"):
        plotting.InteractiveFigure(static, [frame], ["a"], ["x"], label="L", start=1)
    with pytest.raises(ValueError, match="label must name"):
        plotting.InteractiveFigure(static, [frame], ["a"], ["x"], label=" ")
    with pytest.raises(TypeError, match=r"frames\[0\] must be a ThemedFigure"):
        plotting.InteractiveFigure(static, [plotting.plot_softplus()], ["a"], ["x"], label="L")  # type: ignore[list-item]
    with pytest.raises(ValueError, match="frames must contain at least one frame"):
        plotting.InteractiveFigure(static, [], [], [], label="L")
    with pytest.raises(ValueError, match="h must be a finite nonzero step"):
        plotting.plot_secant(0.0)
    with pytest.raises(ValueError, match="g must be a finite number"):
        plotting.supporting_line_readout(float("nan"))
