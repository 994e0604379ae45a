"""The library's contract with a hostile caller: a correct result, or a TypeError/ValueError naming the argument.

Each public function is called with its other arguments valid and one argument
drawn from :data:`HOSTILE` (strings, bools, None, nested and empty sequences,
mappings, huge, tiny, subnormal and non-finite numbers, empty and 0-d arrays,
arrays of the wrong dtype). Whatever it does, no warning may escape, and an
error must be a TypeError or ValueError whose message names the argument.
The examples of wrong or unclear behaviour found by review are each tested
below by name.
"""

from __future__ import annotations

import functools
import json
import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.figure import Figure

import relu_explained as rx
from relu_explained import frameworks, plotting, training
from relu_explained.tables import Table

DATA_FILE = Path(__file__).parent.parent / "docs" / "data" / "framework_gradients.json"

#: Values a careless or hostile caller passes where a number, a sequence or a text is expected.
HOSTILE: st.SearchStrategy[Any] = st.one_of(
    st.text(max_size=4),
    st.booleans(),
    st.none(),
    st.binary(max_size=3),
    st.integers(min_value=-(2**80), max_value=2**80),
    st.floats(),  # every float64: huge, tiny, subnormal, infinite, NaN
    st.sampled_from([1e308, -1e308, 1e300, 5e-324, -5e-324, 2.2250738585072014e-308, 1e-200, 65504.0, 7e4]),
    st.floats(width=16).map(np.float16),
    st.floats(width=32).map(np.float32),
    st.lists(st.floats(allow_nan=False), max_size=3),
    st.lists(st.lists(st.integers(0, 3), max_size=2), max_size=2),  # nested, possibly ragged
    st.tuples(st.floats(), st.floats()),
    st.dictionaries(st.text(max_size=2), st.integers(), max_size=2),
    st.sampled_from(
        [
            np.array([]),
            np.array(0.0),
            np.array(1.5, dtype=np.float16),
            np.array([1 + 2j]),
            np.array([True]),
            np.array(["a"]),
            np.array([object()]),
            np.zeros((0, 3)),
            np.array([5e-324, -5e-324]),
            np.array([np.inf, -np.inf, np.nan]),
            np.int64(3),
            np.bool_(True),
            1 + 2j,
        ]
    ),
)

# Untyped handles on the library, for calls that break its annotations on purpose.
P: Any = plotting
RX: Any = rx
T: Any = training
TABLE: Any = Table

_X = np.array([-1.0, 0.0, 2.0])
_IMAGES, _LABELS = training.bar_images(8, seed=0)
_RUN = training.train("conv", _IMAGES, _LABELS, at_zero=0.0, steps=2, batch_size=4, n_hidden=2)


def _data() -> dict[str, Any]:
    return frameworks.load_framework_gradients(DATA_FILE)


@functools.cache
def _releases() -> dict[str, list[dict[str, Any]]]:
    return frameworks.load_releases(DATA_FILE.parent / "releases")


_FRAME = plotting.ThemedFigure(plotting.plot_softplus_sharpness(1.0), alt="Frame.")

#: name -> (function, valid keyword arguments); each argument in turn is made hostile.
CALLS: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {
    "relu": (rx.relu, {"x": _X}),
    "softplus": (rx.softplus, {"x": _X, "beta": 2.0}),
    "sigmoid": (rx.sigmoid, {"x": _X}),
    "silu": (rx.silu, {"x": _X}),
    "gelu": (rx.gelu, {"x": _X}),
    "relu_derivative": (rx.relu_derivative, {"x": _X, "at_zero": 0.5}),
    "relu_one_sided_derivative": (rx.relu_one_sided_derivative, {"x": _X, "side": "left"}),
    "difference_quotient": (rx.difference_quotient, {"f": rx.relu, "x": _X, "h": 1e-3, "side": "central"}),
    "softplus_derivative": (rx.softplus_derivative, {"x": _X, "beta": 2.0}),
    "relu_subdifferential": (rx.relu_subdifferential, {"x": _X}),
    "is_relu_subgradient": (rx.is_relu_subgradient, {"g": 0.5, "x": _X}),
    "subgradient_inequality_holds": (rx.subgradient_inequality_holds, {"g": 0.5, "x": 0.0, "y": _X, "rtol": 0.0}),
    "grid_with_zero": (plotting.grid_with_zero, {"lower": -1.0, "upper": 1.0, "num": 5}),
    "secant_readout": (plotting.secant_readout, {"h": 0.1}),
    "supporting_line_readout": (plotting.supporting_line_readout, {"g": 0.5}),
    "softplus_sharpness_readout": (plotting.softplus_sharpness_readout, {"beta": 2.0}),
    "plot_relu": (plotting.plot_relu, {"x_range": (-1.0, 1.0)}),
    "plot_zoom": (plotting.plot_zoom, {"widths": (1.0,), "beta": 1.0}),
    "plot_relu_derivative": (plotting.plot_relu_derivative, {"at_zero": 0.0, "x_range": (-1.0, 1.0)}),
    "plot_one_sided_derivatives": (plotting.plot_one_sided_derivatives, {"x_range": (-1.0, 1.0)}),
    "plot_subdifferential": (plotting.plot_subdifferential, {"slopes": (0.5,), "outside": 2.0}),
    "plot_difference_quotients": (plotting.plot_difference_quotients, {"steps": [0.1, 1.0], "beta": 1.0}),
    "plot_softplus": (plotting.plot_softplus, {"betas": (1.0,), "x_range": (-1.0, 1.0)}),
    "plot_activations": (plotting.plot_activations, {"x_range": (-1.0, 1.0)}),
    "plot_secant": (plotting.plot_secant, {"h": 0.5}),
    "plot_supporting_line": (plotting.plot_supporting_line, {"g": 0.5}),
    "plot_softplus_sharpness": (plotting.plot_softplus_sharpness, {"beta": 2.0}),
    "plot_softplus_gap": (plotting.plot_softplus_gap, {"betas": (1.0,), "x_range": (-1.0, 1.0)}),
    "plot_smooth_derivatives": (plotting.plot_smooth_derivatives, {"betas": (1.0,), "x_range": (-1.0, 1.0)}),
    "plot_summary": (plotting.plot_summary, {"betas": (1.0,), "x_range": (-1.0, 1.0)}),
    "plot_parameter_distances": (plotting.plot_parameter_distances, {"panels": {"p": {"a": [0.0, 1e-3]}}}),
    "color": (plotting.color, {"role": "c0"}),
    "plot_feature_map": (plotting.plot_feature_map, {"feature_map": np.eye(3) - 0.5}),
    "plot_images": (plotting.plot_images, {"images": [np.eye(3)], "titles": ["a"]}),
    "ThemedFigure": (plotting.ThemedFigure, {"figure": plotting.plot_relu(), "alt": "ReLU.", "label": "x"}),
    "InteractiveFigure": (
        plotting.InteractiveFigure,
        {"static": _FRAME, "frames": [_FRAME], "settings": ["b = 1"], "readouts": ["r"], "label": "L", "start": 0},
    ),
    "InteractiveFigure.sweep": (
        plotting.InteractiveFigure.sweep,
        {
            "static": _FRAME,
            # Any value gives a blank frame of the static figure's size: errors come from sweep alone.
            "plot": lambda _: Figure(figsize=tuple(_FRAME.figure.get_size_inches())),
            "readout": lambda value: f"value {value}",
            "values": [1.0],
            "label": "L",
            "setting": "b",
            "start": 0,
        },
    ),
    "Table": (Table, {"caption": "C", "columns": ["a", "b"], "rows": [["x", "1"]], "notes": ["n"]}),
    "count_exact_zeros": (training.count_exact_zeros, {"values": _X}),
    "bar_images": (training.bar_images, {"n": 3, "size": 4, "seed": 1}),
    "gaussian_blobs": (training.gaussian_blobs, {"n": 4, "n_features": 2, "n_classes": 2, "seed": 1}),
    "init_parameters": (
        training.init_parameters,
        {"architecture": "dense", "input_shape": (3,), "n_hidden": 2, "n_classes": 2, "dtype": "float32", "seed": 1},
    ),
    "preactivations": (
        training.preactivations,
        {"architecture": "conv", "params": training.init_parameters("conv", (8, 8), n_hidden=2), "inputs": _IMAGES},
    ),
    "parameter_distance": (
        training.parameter_distance,
        {"run": _RUN, "reference": _RUN},
    ),
    "exact_zeros_experiment": (training.exact_zeros_experiment, {"steps": 1}),
    "exact_zeros_setups": (training.exact_zeros_setups, {}),
    "train": (
        training.train,
        {
            "architecture": "conv",
            "inputs": _IMAGES,
            "labels": _LABELS,
            "at_zero": 0.0,
            "dtype": "float16",
            "steps": 2,
            "batch_size": 4,
            "learning_rate": 0.1,
            "n_hidden": 2,
            "seed": 1,
        },
    ),
    "GradientTable": (
        lambda point, mode: frameworks.GradientTable(_data(), point, mode).to_html(),
        {"point": "+0.0", "mode": "eager"},
    ),
    "GradientSummary": (lambda point: frameworks.GradientSummary(_data(), point).to_html(), {"point": "+0.0"}),
    "GradientTable.value": (
        lambda framework, op, dtype: frameworks.GradientTable(_data(), "+0.0").value(framework, op, dtype),
        {"framework": "PyTorch", "op": "relu", "dtype": "float32"},
    ),
    "GradientSummary.cell": (
        lambda framework, op: frameworks.GradientSummary(_data()).cell(framework, op),
        {"framework": "PyTorch", "op": "relu"},
    ),
    "ReleaseHistory": (
        lambda point, mode: frameworks.ReleaseHistory(_releases(), point, mode).to_html(),
        {"point": "+0.0", "mode": "eager"},
    ),
    "ReleaseHistory.cell": (
        lambda framework, op: frameworks.ReleaseHistory(_releases()).cell(framework, op),
        {"framework": "PyTorch", "op": "relu"},
    ),
    "ReleaseHistory.table": (
        lambda framework: frameworks.ReleaseHistory(_releases()).table(framework).to_html(),
        {"framework": "JAX"},
    ),
}

#: Hostile values that are valid input for an argument: an array argument takes any real array, for example.
CASES = [(name, argument) for name, (_, kwargs) in CALLS.items() for argument in kwargs]


#: Arguments that count things (points, samples, steps, units): a huge count is valid and simply asks for a huge
#: computation, so the integers drawn for them stay small.
COUNTS = {"num", "n", "size", "n_features", "n_classes", "n_hidden", "steps", "batch_size", "start"}


def _call_hostile(name: str, argument: str, value: Any) -> None:
    function, kwargs = CALLS[name]
    if argument in COUNTS and isinstance(value, int | np.integer) and not isinstance(value, bool):
        value = int(value) % 64 - 8
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a leaked warning fails the test
        try:
            function(**{**kwargs, argument: value})
        except (TypeError, ValueError) as exc:
            message = str(exc)
        else:
            return
    named = re.search(rf"(?<![\w.']){re.escape(argument)}(?![\w'])", message)
    assert named, f"{name}({argument}={value!r}): the message does not name it: {message}"


def test_every_public_function_is_called_with_hostile_input() -> None:
    public = {*rx.__all__, *plotting.__all__, *training.__all__, *frameworks.__all__, "Table"}
    # File loaders: tests/test_frameworks.py gives them broken files.
    public -= {
        "__version__",
        "TrainingRun",
        "Measurement",
        "measurement_key",
        "load_framework_gradients",
        "load_releases",
    }
    public = {name for name in public if not name.isupper()}  # constants
    public -= {"plot_program_graph"}  # takes only the axes to draw on
    assert public <= set(CALLS), sorted(public - set(CALLS))


@pytest.mark.parametrize(("name", "argument"), CASES)
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(value=HOSTILE)
def test_hostile_input_gives_a_result_or_an_error_naming_the_argument(name: str, argument: str, value: Any) -> None:
    if name == "ThemedFigure" and argument == "figure" and value is None:
        value = "None"
    _call_hostile(name, argument, value)


# The review's examples, one test each.

EXAMPLES: list[tuple[str, Callable[[], Any], type[Exception], str]] = [
    (
        "a dtype numpy cannot parse",  # numpy raises SyntaxError for b","
        lambda: training.init_parameters("dense", (3,), n_hidden=2, dtype=b","),  # type: ignore[arg-type]
        TypeError,
        "^dtype must be one of",
    ),
    ("grid of a range too wide", lambda: P.grid_with_zero(-1e308, 1e308, 5), ValueError, "upper - lower"),
    ("f returns another shape", lambda: rx.difference_quotient(lambda v: v[:, None], _X, 0.1), ValueError, "f must"),
    ("f returns None", lambda: rx.difference_quotient(lambda _: None, _X, 0.1), TypeError, "f must return"),
    (
        "alt with a form feed",
        lambda: P.ThemedFigure(plotting.plot_relu(), alt="ReLU\x0cgraph"),
        ValueError,
        "alt",
    ),
    ("a step as a string", lambda: P.secant_readout("0.1"), TypeError, "^h must be a real number"),
    ("a slope as a bool", lambda: P.supporting_line_readout(True), TypeError, "^g must be a real number"),
    ("widths as a string", lambda: P.plot_zoom(widths="12"), TypeError, "^widths must be a sequence"),
    ("widths as a number", lambda: P.plot_zoom(widths=5), TypeError, "^widths must be a sequence"),
    ("betas as a number", lambda: P.plot_softplus(betas=1.0), TypeError, "^betas must be a sequence"),
    ("x_range of three", lambda: P.plot_relu(x_range=(-2, 2, 3)), ValueError, "^x_range must be a pair"),
    ("x_range without 0", lambda: P.plot_relu_derivative(x_range=(1, 2)), ValueError, "^x_range must contain 0"),
    (
        "one-sided x_range without 0",
        lambda: P.plot_one_sided_derivatives(x_range=(0, 2)),
        ValueError,
        "^x_range must contain 0",
    ),
    (
        "smooth x_range without 0",
        lambda: P.plot_smooth_derivatives(x_range=(-2, -1)),
        ValueError,
        "^x_range must contain 0",
    ),
    ("activations x_range", lambda: P.plot_activations(x_range=(3, -3)), ValueError, "^x_range must"),
    (
        "input_shape as a number",
        lambda: T.init_parameters("dense", 8),
        TypeError,
        "^input_shape must be a tuple",
    ),
    (
        "relu'(0) that rounds to 0",
        lambda: rx.relu_derivative(np.float32(0.0), at_zero=1e-50),
        ValueError,
        "^at_zero=1e-50 rounds to 0 in float32",
    ),
    ("a boolean in a list", lambda: rx.relu([True, 0.5]), TypeError, "^x must contain real numbers, not booleans"),
    (
        "a longdouble beyond float64",
        lambda: rx.softplus(1.0, beta=np.longdouble("1e-400")),
        ValueError,
        "^beta must be within the float64 range",
    ),
    ("a seed that is not an integer", lambda: T.bar_images(2, seed=1.5), TypeError, "^seed must be an integer"),
    ("an empty series", lambda: P.plot_parameter_distances({"p": {"a": []}}), ValueError, r"^panels\['p'\]\['a'\]"),
    ("a slope too large to plot", lambda: P.plot_supporting_line(1e308), ValueError, "^g must lie within"),
    ("steps too small to plot", lambda: P.plot_difference_quotients(steps=[5e-324]), ValueError, "^steps must"),
    (
        "a learning rate that is 0 in float16",
        lambda: T.train(
            "conv", _IMAGES, _LABELS, at_zero=0.0, dtype="float16", learning_rate=1e-9, steps=1, batch_size=4
        ),
        ValueError,
        "^learning_rate must be positive and finite in float16",
    ),
    (
        "a learning rate that is inf in float16",
        lambda: T.train(
            "conv", _IMAGES, _LABELS, at_zero=0.0, dtype="float16", learning_rate=1e6, steps=1, batch_size=4
        ),
        ValueError,
        "^learning_rate must be positive and finite in float16",
    ),
    (
        "a learning rate that diverges",
        lambda: T.train(
            "conv", _IMAGES, _LABELS, at_zero=0.0, dtype="float16", learning_rate=6e4, steps=5, batch_size=4
        ),
        ValueError,
        "^learning_rate=60000.0 makes training diverge in float16",
    ),
    (
        "inputs that overflow float16",
        lambda: T.train("conv", _IMAGES * 1e6, _LABELS, at_zero=0.0, dtype="float16", steps=1, batch_size=4),
        ValueError,
        "^inputs must be finite in float16",
    ),
    ("a string row", lambda: TABLE("C", ["a", "b"], ["xy"]), TypeError, r"^rows\[0\] must be a sequence"),
    ("an int cell", lambda: TABLE("C", ["a", "b"], [["x", 1]]), TypeError, r"^rows\[0\]\[1\] must be a string"),
    ("a None cell", lambda: TABLE("C", ["a", "b"], [["x", None]]), TypeError, r"^rows\[0\]\[1\] must be a string"),
    (
        "a None setting",
        lambda: P.InteractiveFigure(_FRAME, [_FRAME], [None], ["r"], label="L"),
        TypeError,
        r"^settings\[0\] must be a string",
    ),
    (
        "shapes that do not broadcast",
        lambda: rx.is_relu_subgradient(np.zeros(3), np.zeros(4)),
        ValueError,
        r"^g and x must broadcast together, got shapes g \(3,\), x \(4,\)",
    ),
    (
        "three shapes that do not broadcast",
        lambda: rx.subgradient_inequality_holds(np.zeros(3), 0.0, np.zeros(4)),
        ValueError,
        r"^g, x and y must broadcast together",
    ),
    (
        "an unknown framework",
        lambda: frameworks.GradientTable(_data(), "+0.0").value("Theano", "relu", "float32"),
        ValueError,
        "^framework must be one of",
    ),
    (
        "an unknown operation",
        lambda: frameworks.GradientSummary(_data()).cell("PyTorch", "tanh"),
        ValueError,
        "^op must be one of",
    ),
    (
        "an unknown dtype",
        lambda: frameworks.GradientTable(_data(), "+0.0").value("PyTorch", "relu", "int8"),
        ValueError,
        "^dtype must be one of",
    ),
]


@pytest.mark.parametrize(("call", "error", "match"), [e[1:] for e in EXAMPLES], ids=[e[0] for e in EXAMPLES])
def test_the_reviewed_examples_raise_a_clear_error(call: Callable[[], Any], error: type[Exception], match: str) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(error, match=match):
            call()


def test_interactive_figure_takes_a_numpy_integer_start() -> None:
    shown = P.InteractiveFigure(_FRAME, [_FRAME, _FRAME], ["a", "b"], ["r", "s"], label="L", start=np.int64(1))
    assert shown.start == 1
    assert type(shown.start) is int


def test_no_warning_for_accepted_input_near_the_limits() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert not rx.subgradient_inequality_holds(0.5, 0.0, np.inf, rtol=0.0)
        assert np.isinf(rx.difference_quotient(lambda v: v * 1e308, np.array([1.0]), 1.0)).all()


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "data.json"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_loader_rejects_a_repeated_key(tmp_path: Path) -> None:
    text = DATA_FILE.read_text(encoding="utf-8").replace('"date":', '"date": "1999-01-01", "date":', 1)
    with pytest.raises(ValueError, match="repeats the key 'date'"):
        frameworks.load_framework_gradients(_write(tmp_path, text))


def test_the_loader_requires_every_record_to_state_its_output_dtype(tmp_path: Path) -> None:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    del data["results"][3]["output_dtype"]
    with pytest.raises(ValueError, match=r"results\[3\] has output_dtype='missing'"):
        frameworks.load_framework_gradients(_write(tmp_path, json.dumps(data)))
