"""The training experiment: exact zeros, the hand-written backward pass, and the page's statements."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from relu_explained.tables import Table
from relu_explained.training import (
    DTYPES,
    bar_images,
    count_exact_zeros,
    exact_zeros_experiment,
    gaussian_blobs,
    init_parameters,
    parameter_distance,
    preactivations,
    train,
)


@given(hnp.arrays(np.float32, st.integers(0, 50), elements=st.sampled_from([0.0, -0.0, 1.0, -2.5, 1e-40, np.nan])))
def test_count_exact_zeros_matches_a_direct_count(values: np.ndarray) -> None:
    direct = sum(1 for v in values.tolist() if v == 0.0)
    assert count_exact_zeros(values) == direct


def test_count_exact_zeros_rejects_non_real_input() -> None:
    with pytest.raises(TypeError, match="values"):
        count_exact_zeros(np.array([1j]))


def _direct_conv(params: dict[str, np.ndarray], images: np.ndarray) -> np.ndarray:
    """The convolution written as loops, for comparison."""
    w, b = params["hidden_weights"].astype(np.float64), params["hidden_bias"].astype(np.float64)
    n, h, width = images.shape
    out = np.empty((n, (h - 2) * (width - 2), w.shape[1]))
    for i in range(n):
        for r in range(h - 2):
            for c in range(width - 2):
                for k in range(w.shape[1]):
                    out[i, r * (width - 2) + c, k] = (
                        sum(images[i, r + dr, c + dc] * w[3 * dr + dc, k] for dr in range(3) for dc in range(3)) + b[k]
                    )
    return out


def test_conv_preactivations_and_their_zeros_match_a_direct_computation() -> None:
    images, _ = bar_images(6, seed=3)
    params = init_parameters("conv", (8, 8), n_hidden=3, seed=1)
    z = preactivations("conv", params, images)
    direct = _direct_conv(params, images)
    np.testing.assert_allclose(z, direct, rtol=1e-12, atol=1e-15)
    assert count_exact_zeros(z) == int(np.sum(direct == 0)) > 0


def test_zero_counts_recorded_in_training_match_a_direct_count() -> None:
    images, labels = bar_images(32, seed=0)
    run = train("conv", images, labels, at_zero=0.0, steps=1, batch_size=32)
    params = init_parameters("conv", (8, 8), seed=0)
    assert run.zero_counts[0] == int(np.sum(_direct_conv(params, images) == 0))
    assert run.preactivations_per_step == 32 * 36 * 8


@pytest.mark.parametrize("dtype", DTYPES)
def test_parameters_keep_the_dtype(dtype: str) -> None:
    x, y = gaussian_blobs(40, 5, seed=2)
    run = train("dense", x, y, at_zero=0.5, dtype=dtype, steps=3)
    assert run.parameters.dtype == run.losses.dtype == np.dtype(dtype)
    assert run.parameters.shape == (4, 5 * 8 + 8 + 8 * 3 + 3)


def test_float64_runs_agree_bit_for_bit_without_zeros() -> None:
    x, y = gaussian_blobs(128, 16, seed=5)
    runs = [train("dense", x, y, at_zero=s, steps=60) for s in (0.0, 0.5, 1.0)]
    assert all(run.zero_counts.sum() == 0 for run in runs)
    for run in runs[1:]:
        assert np.array_equal(run.parameters, runs[0].parameters)
        assert np.array_equal(run.losses, runs[0].losses)


@settings(max_examples=15, deadline=None)
@given(st.sampled_from(DTYPES), st.sampled_from(["dense", "conv"]), st.integers(0, 10**6), st.sampled_from([0.5, 1.0]))
def test_runs_are_identical_until_the_first_exact_zero(
    dtype: str, architecture: Literal["dense", "conv"], seed: int, s: float
) -> None:
    images, labels = bar_images(48, seed=seed)
    inputs = images if architecture == "conv" else images.reshape(48, -1)
    a = train(architecture, inputs, labels, at_zero=0.0, dtype=dtype, steps=8, batch_size=16, seed=seed)
    b = train(architecture, inputs, labels, at_zero=s, dtype=dtype, steps=8, batch_size=16, seed=seed)
    distance = parameter_distance(b, a)
    met = np.flatnonzero(a.zero_counts)
    quiet_until = met[0] + 1 if met.size else distance.size
    assert np.all(distance[:quiet_until] == 0)
    if architecture == "conv":  # blank patches and zero biases: zeros in the first step, in every format
        assert a.zero_counts[0] > 0


def test_conv_runs_differ_from_the_first_step() -> None:
    images, labels = bar_images(64, seed=0)
    a, b = (train("conv", images, labels, at_zero=s, steps=3) for s in (0.0, 1.0))
    distance = parameter_distance(b, a)
    assert distance[0] == 0
    assert distance[1] > 0


def _loss(params: dict[str, np.ndarray], x: np.ndarray, y: np.ndarray) -> float:
    hidden = np.maximum(preactivations("dense", params, x), 0.0)
    logits = hidden @ params["output_weights"] + params["output_bias"]
    logits -= logits.max(axis=1, keepdims=True)
    log_probs = logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))
    return float(-log_probs[np.arange(len(y)), y].mean())


def test_backward_pass_matches_finite_differences() -> None:
    x, y = gaussian_blobs(24, 4, seed=7)
    rate = 1e-3
    run = train("dense", x, y, at_zero=0.0, steps=1, batch_size=24, learning_rate=rate, seed=3)
    params = init_parameters("dense", (4,), seed=3)
    gradient = (run.parameters[0] - run.parameters[1]) / rate
    numeric = []
    for name, value in params.items():
        for index in np.ndindex(value.shape):
            shifted = [{k: v.copy() for k, v in params.items()} for _ in range(2)]
            shifted[0][name][index] += 1e-6
            shifted[1][name][index] -= 1e-6
            numeric.append((_loss(shifted[0], x, y) - _loss(shifted[1], x, y)) / 2e-6)
    np.testing.assert_allclose(gradient, numeric, rtol=1e-5, atol=1e-8)
    assert run.losses[0] == pytest.approx(_loss(params, x, y), rel=1e-12)


def test_training_reduces_the_loss() -> None:
    images, labels = bar_images(256, seed=1)
    run = train("conv", images, labels, at_zero=0.0, steps=200)
    assert run.losses[-20:].mean() < 0.5 * run.losses[:20].mean()


def test_bar_images() -> None:
    images, labels = bar_images(300, seed=4)
    again, _ = bar_images(300, seed=4)
    assert np.array_equal(images, again)
    assert set(labels.tolist()) == {0, 1, 2}
    lit = images > 0
    assert np.all(lit.sum(axis=(1, 2)) >= 3)
    assert np.all(np.isin(images[lit] * 16, np.arange(8, 17)))
    for image, label, mask in zip(images, labels, lit, strict=True):
        rows, cols = np.nonzero(mask)
        assert len(set(image[mask].tolist())) == 1
        if label == 0:
            assert len(set(rows.tolist())) == 1
        elif label == 1:
            assert len(set(cols.tolist())) == 1
        else:
            assert np.array_equal(rows, cols)


BAD_CALLS: list[tuple[dict[str, Any], type[Exception], str]] = [
    ({"architecture": "rnn"}, ValueError, "architecture"),
    ({"dtype": "int32"}, ValueError, "dtype"),
    ({"dtype": "bfloat"}, TypeError, "dtype"),
    ({"at_zero": 2.0}, ValueError, "at_zero"),
    ({"steps": 0}, ValueError, "steps"),
    ({"batch_size": 1000}, ValueError, "batch_size"),
    ({"learning_rate": -1.0}, ValueError, "learning_rate"),
    ({"learning_rate": "0.1"}, TypeError, "learning_rate"),
    ({"labels": np.zeros(16, dtype=int)}, ValueError, "two classes"),
    ({"labels": np.zeros(16)}, TypeError, "labels"),
    ({"labels": np.zeros(3, dtype=int)}, ValueError, "labels"),
    ({"inputs": np.zeros((16, 4, 4, 1))}, ValueError, "inputs"),
    ({"inputs": np.full((16, 4), np.nan)}, ValueError, "finite"),
    ({"inputs": np.zeros((16, 4), dtype=complex)}, TypeError, "inputs"),
]


@pytest.mark.parametrize(("change", "error", "match"), BAD_CALLS)
def test_train_rejects_bad_input(change: dict[str, Any], error: type[Exception], match: str) -> None:
    x, y = gaussian_blobs(16, 4, seed=0)
    kwargs: dict[str, Any] = {
        "architecture": "dense",
        "inputs": x,
        "labels": y,
        "at_zero": 0.0,
        "steps": 2,
        "batch_size": 8,
    }
    kwargs.update(change)
    with pytest.raises(error, match=match):
        train(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"n": 0}, ValueError, "^n must be at least 1"),
        ({"n": 2, "size": 2}, ValueError, "^size must be at least 3"),
        ({"n": True}, TypeError, "^n must be an integer"),
        ({"n": 2.0}, TypeError, "^n must be an integer"),
    ],
)
def test_bar_images_reject_bad_counts(kwargs: dict[str, Any], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        bar_images(**kwargs)


def test_init_parameters_rejects_bad_shapes() -> None:
    with pytest.raises(ValueError, match="input_shape"):
        init_parameters("conv", (8,))
    with pytest.raises(ValueError, match="at least 3 x 3"):
        init_parameters("conv", (2, 8))


def test_parameter_distance_rejects_mismatched_runs() -> None:
    x, y = gaussian_blobs(16, 4, seed=0)
    with pytest.raises(ValueError, match="same parameter history shape"):
        parameter_distance(
            train("dense", x, y, at_zero=0, steps=2, batch_size=8),
            train("dense", x, y, at_zero=0, steps=3, batch_size=8),
        )


def test_table_checks_rows_and_escapes() -> None:
    with pytest.raises(ValueError, match=r"rows\[0\] must have 2 cells"):
        Table("c", ["a", "b"], [["x"]])
    html = Table("<c>", ["a", "`b`"], [["<x>", "`y < z`"]]).to_html()
    assert "&lt;c&gt;" in html
    assert "<code>b</code>" in html
    assert "<code>y &lt; z</code>" in html


@pytest.fixture(scope="module")
def page_runs() -> dict[tuple[str, str, float], Any]:
    """The experiment as docs/exact-zeros.md runs it."""
    return exact_zeros_experiment(steps=300)


def test_statements_on_the_exact_zeros_page(page_runs: dict[tuple[str, str, float], Any]) -> None:
    page = (Path(__file__).parent.parent / "docs" / "exact-zeros.md").read_text(encoding="utf-8")
    assert "runs = exact_zeros_experiment(steps=300)" in page, "the page runs the experiment tested here"

    def distance(name: str, dtype: str, s: float = 1.0) -> np.ndarray:
        return parameter_distance(page_runs[name, dtype, s], page_runs[name, dtype, 0.0])

    for name in ("dense, Gaussian", "dense, bars flattened"):
        for dtype in ("float32", "float64"):
            assert page_runs[name, dtype, 0.0].zero_counts.sum() == 0
            assert not distance(name, dtype).any()
            assert not distance(name, dtype, 0.5).any()
        # float16: "a few zeros created by rounding", then "hundreds of parameters differ, by a few
        # thousandths at most" (the page prints the exact counts and sizes)
        run = page_runs[name, "float16", 0.0]
        assert 0 < run.zero_counts.sum() <= 20
        first = np.flatnonzero(distance(name, "float16"))[0]
        assert first > 10  # "only after tens to hundreds of steps" (the figure's alt text)
        assert 1e-3 <= distance(name, "float16")[-1] < 1e-2
        other = page_runs[name, "float16", 1.0].parameters[-1]
        assert 200 <= np.count_nonzero(other != run.parameters[-1]) < run.parameters.shape[1]  # "hundreds"
    for dtype in DTYPES:
        run = page_runs["conv, bars", dtype, 0.0]
        assert run.zero_counts[0] > 1000
        assert np.flatnonzero(distance("conv, bars", dtype))[0] == 1
        assert 1e-3 < distance("conv, bars", dtype)[-1] < 1e-1
        after_first = run.zero_counts[1:].sum()
        # "the zeros stop after the first step in float32 and float64, and the float16 runs meet far fewer"
        assert after_first == 0 if dtype != "float16" else 0 < after_first < run.zero_counts[0] / 10
    for key in {(name, dtype) for name, dtype, _ in page_runs}:
        losses = [float(page_runs[(*key, s)].losses[-50:].mean()) for s in (0.0, 0.5, 1.0)]
        assert max(losses) - min(losses) < 5e-3 * min(losses)  # "within 0.5 % of each other"
