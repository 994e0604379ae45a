"""Small ReLU networks in numpy, to count exact zeros and to train with a chosen relu'(0).

The networks have one hidden ReLU layer and a softmax output. The hidden layer
is either dense or a 3 x 3 convolution (one input channel, no padding). The
backward pass is written out by hand and calls :func:`relu_derivative` with an
explicit ``at_zero``, so two runs that differ only in that value compute
bit-for-bit the same numbers until some hidden pre-activation is exactly 0.

Every array, forward and backward, is stored and rounded in the dtype the
caller chooses (float16, float32 or float64), with no loss scaling. numpy
accumulates a float16 matrix product in float32 and rounds it once, but sums
along the first axis, such as the bias gradients, in float16, one row at a
time: ``np.ones((4096, 2), np.float16).sum(axis=0)`` is 2048 in each column.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import numpy.typing as npt

from ._validation import as_count, as_real_array, as_real_scalar, check_at_zero, check_choice
from .activations import relu
from .derivatives import relu_derivative

__all__ = [
    "ARCHITECTURES",
    "AT_ZERO_VALUES",
    "DTYPES",
    "TrainingRun",
    "bar_images",
    "count_exact_zeros",
    "exact_zeros_experiment",
    "exact_zeros_setups",
    "gaussian_blobs",
    "init_parameters",
    "parameter_distance",
    "preactivations",
    "train",
]

Architecture = Literal["dense", "conv"]
Parameters = dict[str, npt.NDArray[Any]]

#: The hidden layers :func:`train` knows.
ARCHITECTURES: tuple[str, ...] = ("dense", "conv")
#: The floating-point formats the experiments run in.
DTYPES: tuple[str, ...] = ("float16", "float32", "float64")
_KERNEL = 3


def count_exact_zeros(values: npt.ArrayLike) -> int:
    """Count the entries that are exactly zero, of either sign.

    Parameters
    ----------
    values : array_like
        Real values, for example the pre-activations of a layer.

    Returns
    -------
    int
        The number of entries equal to ``+0.0`` or ``-0.0``. NaN is not zero.

    Raises
    ------
    TypeError
        If `values` is not real.

    Examples
    --------
    >>> from relu_explained.training import count_exact_zeros
    >>> count_exact_zeros([0.0, -0.0, 1e-300, float("nan")])
    2
    """
    arr = as_real_array(values, "values")
    return int(np.count_nonzero(arr == 0))


def _check_dtype(dtype: Any) -> np.dtype[Any]:
    msg = f"dtype must be one of {', '.join(DTYPES)}, got {dtype!r}"
    if dtype is None:  # numpy reads None as float64
        raise TypeError(msg)
    try:
        resolved: np.dtype[Any] = np.dtype(dtype)
    except (TypeError, ValueError, SyntaxError) as exc:  # numpy parses strings as dtype specs: b"," is a SyntaxError
        raise TypeError(msg) from exc
    if resolved.name not in DTYPES:
        msg = f"dtype must be one of {', '.join(DTYPES)}, got {resolved.name}"
        raise ValueError(msg)
    return resolved


def _check_architecture(architecture: Any) -> Architecture:
    return check_choice(architecture, "architecture", ARCHITECTURES)  # type: ignore[return-value]


def bar_images(n: int, *, size: int = 8, seed: int = 0) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Generate images of a single bar on a blank background, with their class.

    Each image is blank except for a one-pixel-wide bar that is horizontal
    (class 0), vertical (class 1) or diagonal (class 2), at a random place and
    of random length (at least 3 pixels). The bar's intensity is a multiple of
    1/16 between 1/2 and 1, exact in every floating-point format, like the
    4-bit grey levels of small scanned digits. Most 3 x 3 patches of such an
    image are entirely blank.

    Parameters
    ----------
    n : int
        Number of images, at least 1.
    size : int, default 8
        Height and width in pixels, at least 3.
    seed : int, default 0
        Seed of :func:`numpy.random.default_rng`; the same seed gives the same
        images.

    Returns
    -------
    images : numpy.ndarray
        Float64 array of shape ``(n, size, size)`` with values in
        ``{0} U [0.5, 1]``.
    labels : numpy.ndarray
        Int64 array of shape ``(n,)`` with values 0, 1 and 2.

    Raises
    ------
    TypeError
        If `n`, `size` or `seed` is not an integer.
    ValueError
        If `n` < 1, `size` < 3 or `seed` < 0.

    Examples
    --------
    >>> from relu_explained.training import bar_images
    >>> images, labels = bar_images(2, size=5, seed=1)
    >>> images.shape, labels.tolist()
    ((2, 5, 5), [1, 1])
    >>> print((images[0] > 0).astype(int))
    [[0 0 0 0 1]
     [0 0 0 0 1]
     [0 0 0 0 1]
     [0 0 0 0 1]
     [0 0 0 0 1]]
    """
    n = as_count(n, "n")
    size = as_count(size, "size", minimum=_KERNEL)
    rng = np.random.default_rng(as_count(seed, "seed", minimum=0))
    images = np.zeros((n, size, size))
    labels = rng.integers(0, 3, size=n)
    for image, label in zip(images, labels, strict=True):
        length = int(rng.integers(_KERNEL, size + 1))
        start = int(rng.integers(0, size - length + 1))
        offset = int(rng.integers(0, size))
        intensity = int(rng.integers(8, 17)) / 16
        along = np.arange(start, start + length)
        if label == 0:
            image[offset, along] = intensity
        elif label == 1:
            image[along, offset] = intensity
        else:
            image[along, along] = intensity
    return images, labels.astype(np.int64)


def gaussian_blobs(
    n: int, n_features: int, *, n_classes: int = 3, seed: int = 0
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64]]:
    """Generate dense standard normal inputs, labelled by a random linear rule.

    No entry is zero in exact arithmetic, and none is zero in practice: the
    control case in which the value of relu'(0) should never matter.

    Parameters
    ----------
    n, n_features : int
        Number of samples and of features, each at least 1.
    n_classes : int, default 3
        Number of classes, at least 2. The label of a sample is the index of
        the largest entry of ``x @ T`` for a fixed random matrix ``T``.
    seed : int, default 0
        Seed of :func:`numpy.random.default_rng`.

    Returns
    -------
    inputs : numpy.ndarray
        Float64 array of shape ``(n, n_features)``.
    labels : numpy.ndarray
        Int64 array of shape ``(n,)``.

    Raises
    ------
    TypeError
        If a count or `seed` is not an integer.
    ValueError
        If a count is too small or `seed` is negative.

    Examples
    --------
    >>> from relu_explained.training import gaussian_blobs
    >>> inputs, labels = gaussian_blobs(4, 2, seed=0)
    >>> inputs.shape, labels.shape
    ((4, 2), (4,))
    """
    n = as_count(n, "n")
    n_features = as_count(n_features, "n_features")
    n_classes = as_count(n_classes, "n_classes", minimum=2)
    rng = np.random.default_rng(as_count(seed, "seed", minimum=0))
    inputs = rng.standard_normal((n, n_features))
    teacher = rng.standard_normal((n_features, n_classes))
    return inputs, np.argmax(inputs @ teacher, axis=1).astype(np.int64)


def _check_inputs(architecture: Architecture, inputs: npt.ArrayLike) -> npt.NDArray[Any]:
    arr = as_real_array(inputs, "inputs")
    if architecture == "dense" and arr.ndim != 2:
        msg = f"inputs for the dense network must have shape (n_samples, n_features), got shape {arr.shape}"
        raise ValueError(msg)
    if architecture == "conv" and (arr.ndim != 3 or min(arr.shape[1:]) < _KERNEL):
        msg = f"inputs for the conv network must have shape (n_samples, height, width), height, width >= 3, got shape {arr.shape}"
        raise ValueError(msg)
    if arr.shape[0] == 0 or not np.all(np.isfinite(arr)):
        msg = "inputs must hold at least one sample and only finite values"
        raise ValueError(msg)
    return arr


def _hidden_inputs(architecture: Architecture, inputs: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """Dense: the inputs; conv: every 3 x 3 patch, shape (n, positions, 9)."""
    if architecture == "dense":
        return inputs
    patches = np.lib.stride_tricks.sliding_window_view(inputs, (_KERNEL, _KERNEL), axis=(1, 2))
    return patches.reshape(inputs.shape[0], -1, _KERNEL * _KERNEL)


def init_parameters(
    architecture: Architecture,
    input_shape: tuple[int, ...],
    *,
    n_hidden: int = 8,
    n_classes: int = 3,
    seed: int = 0,
    dtype: npt.DTypeLike = np.float64,
) -> Parameters:
    """Draw initial parameters: He-normal hidden weights, LeCun-normal output weights, zero biases.

    The weights are drawn in float64 and rounded to `dtype`, so that networks
    in different formats start from the nearest representable copies of the
    same weights. The biases start at 0, as in Keras and many papers; with
    blank input patches this makes the first pre-activations exactly 0.

    Parameters
    ----------
    architecture : {"dense", "conv"}
        A dense hidden layer with `n_hidden` units, or a 3 x 3 convolution with
        `n_hidden` output channels.
    input_shape : tuple of int
        The shape of one sample: ``(n_features,)`` or ``(height, width)``.
    n_hidden : int, default 8
        Hidden units or channels.
    n_classes : int, default 3
        Outputs of the softmax layer.
    seed : int, default 0
        Seed of :func:`numpy.random.default_rng`.
    dtype : {"float16", "float32", "float64"}, default float64
        Format of the returned arrays.

    Returns
    -------
    dict of str to numpy.ndarray
        ``hidden_weights``, ``hidden_bias``, ``output_weights``,
        ``output_bias``.

    Raises
    ------
    TypeError
        If `input_shape` is not a tuple of integers, a count or `seed` is not
        an integer, or `dtype` is not a dtype.
    ValueError
        If the architecture, a shape, a count, `seed` or the dtype is out of
        range or not one listed.

    Examples
    --------
    >>> from relu_explained.training import init_parameters
    >>> params = init_parameters("conv", (8, 8), n_hidden=4, dtype="float16")
    >>> for name, value in params.items():
    ...     print(name, value.shape, value.dtype)
    hidden_weights (9, 4) float16
    hidden_bias (4,) float16
    output_weights (144, 3) float16
    output_bias (3,) float16
    """
    architecture = _check_architecture(architecture)
    resolved = _check_dtype(dtype)
    n_hidden = as_count(n_hidden, "n_hidden")
    n_classes = as_count(n_classes, "n_classes", minimum=2)
    expected = 1 if architecture == "dense" else 2
    shape: object = input_shape
    if not isinstance(shape, tuple | list):
        msg = f"input_shape must be a tuple of {expected} integers, got {input_shape!r} of type {type(input_shape).__name__}"
        raise TypeError(msg)
    if len(input_shape) != expected or any(as_count(d, f"input_shape[{i}]") < 1 for i, d in enumerate(input_shape)):
        msg = f"input_shape for the {architecture} network must have {expected} entries, got {input_shape!r}"
        raise ValueError(msg)
    if architecture == "dense":
        fan_in, n_features = input_shape[0], n_hidden
    else:
        height, width = input_shape
        if min(height, width) < _KERNEL:
            msg = f"input_shape must be at least 3 x 3 for the conv network, got {input_shape!r}"
            raise ValueError(msg)
        fan_in, n_features = _KERNEL * _KERNEL, (height - _KERNEL + 1) * (width - _KERNEL + 1) * n_hidden
    rng = np.random.default_rng(as_count(seed, "seed", minimum=0))
    params = {
        "hidden_weights": rng.standard_normal((fan_in, n_hidden)) * math.sqrt(2 / fan_in),
        "hidden_bias": np.zeros(n_hidden),
        "output_weights": rng.standard_normal((n_features, n_classes)) * math.sqrt(1 / n_features),
        "output_bias": np.zeros(n_classes),
    }
    return {name: value.astype(resolved) for name, value in params.items()}


def preactivations(architecture: Architecture, params: Parameters, inputs: npt.ArrayLike) -> npt.NDArray[Any]:
    """Compute the hidden layer's pre-activations, the values ReLU is applied to.

    Parameters
    ----------
    architecture : {"dense", "conv"}
        The hidden layer of `params`.
    params : dict
        Parameters as returned by :func:`init_parameters`.
    inputs : array_like
        Shape ``(n_samples, n_features)`` or ``(n_samples, height, width)``;
        converted to the parameters' dtype.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_samples, n_hidden)`` (dense) or
        ``(n_samples, positions, n_hidden)`` (conv), in the parameters' dtype.

    Raises
    ------
    TypeError
        If `params` is not such a dict or `inputs` is not real.
    ValueError
        If `architecture` is unknown, `inputs` has the wrong shape or
        overflows the parameters' dtype, or the weights do not fit the inputs.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained.training import init_parameters, preactivations, count_exact_zeros
    >>> params = init_parameters("conv", (5, 5), n_hidden=2)
    >>> count_exact_zeros(preactivations("conv", params, np.zeros((1, 5, 5))))  # blank patch, zero bias
    18
    """
    architecture = _check_architecture(architecture)
    given: object = params
    if not isinstance(given, dict) or not {"hidden_weights", "hidden_bias"} <= set(given):
        msg = "params must be a dict with hidden_weights and hidden_bias, as init_parameters returns"
        raise TypeError(msg)
    weights, bias = as_real_array(params["hidden_weights"], "params['hidden_weights']"), params["hidden_bias"]
    with np.errstate(over="ignore"):
        x = _check_inputs(architecture, inputs).astype(weights.dtype)
    if not np.all(np.isfinite(x)):
        msg = f"inputs must be finite in the parameters' {weights.dtype}; some overflow it"
        raise ValueError(msg)
    patches = _hidden_inputs(architecture, x)
    if weights.ndim != 2 or patches.shape[-1] != weights.shape[0]:
        msg = (
            f"params['hidden_weights'] must have shape ({patches.shape[-1]}, n_hidden) for these inputs, "
            f"got {weights.shape}"
        )
        raise ValueError(msg)
    out: npt.NDArray[Any] = patches @ weights + bias
    return out


@dataclass(frozen=True)
class TrainingRun:
    """The record of one run of :func:`train`.

    Attributes
    ----------
    losses : numpy.ndarray
        Mean cross-entropy of each step's minibatch, before the update, in
        the run's dtype; shape ``(steps,)``.
    parameters : numpy.ndarray
        All parameters flattened into one vector, before training and after
        each step; shape ``(steps + 1, n_parameters)``, in the run's dtype.
    zero_counts : numpy.ndarray
        Number of hidden pre-activations exactly equal to 0 in each step's
        forward pass; shape ``(steps,)``.
    preactivations_per_step : int
        Number of hidden pre-activations in one step.
    """

    losses: npt.NDArray[Any]
    parameters: npt.NDArray[Any]
    zero_counts: npt.NDArray[np.int64]
    preactivations_per_step: int


def _softmax_cross_entropy(logits: npt.NDArray[Any], onehot: npt.NDArray[Any]) -> tuple[Any, npt.NDArray[Any]]:
    """Mean cross-entropy and its gradient with respect to the logits, stable in every format."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_norm = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    log_probs = shifted - log_norm
    n = logits.dtype.type(logits.shape[0])
    loss = -(onehot * log_probs).sum() / n
    return loss, (np.exp(log_probs) - onehot) / n


def train(
    architecture: Architecture,
    inputs: npt.ArrayLike,
    labels: npt.ArrayLike,
    *,
    at_zero: float,
    dtype: npt.DTypeLike = np.float64,
    steps: int = 100,
    batch_size: int = 32,
    learning_rate: float = 0.1,
    n_hidden: int = 8,
    seed: int = 0,
) -> TrainingRun:
    """Train a one-hidden-layer ReLU classifier by minibatch gradient descent.

    The backward pass multiplies by ``relu_derivative(z, at_zero)``, so
    `at_zero` is the value used for relu'(0). Runs with the same arguments
    except `at_zero` start from the same parameters and see the same
    minibatches in the same order.

    Parameters
    ----------
    architecture : {"dense", "conv"}
        The hidden layer, see :func:`init_parameters`.
    inputs : array_like
        Training inputs, ``(n_samples, n_features)`` for "dense" and
        ``(n_samples, height, width)`` for "conv"; converted to `dtype`.
    labels : array_like of int
        Class of each sample, from 0; the number of classes is
        ``max(labels) + 1`` and at least 2.
    at_zero : float
        The value of relu'(0), in [0, 1].
    dtype : {"float16", "float32", "float64"}, default float64
        The format of every computation.
    steps : int, default 100
        Number of updates; the data are shuffled once per pass.
    batch_size : int, default 32
        Samples per step, at most the number of samples.
    learning_rate : float, default 0.1
        Step size, positive; rounded to `dtype`.
    n_hidden : int, default 8
        Hidden units or channels.
    seed : int, default 0
        Seed for the initial parameters and the order of the minibatches.

    Returns
    -------
    TrainingRun
        Losses, parameters after every step and the exact zeros seen.

    Raises
    ------
    TypeError
        If `inputs` or a scalar argument is not real, `labels` not integer,
        a count or `seed` not an integer.
    ValueError
        If a shape, a count, `at_zero`, `learning_rate` or `dtype` is out of
        range; if `inputs` overflow `dtype` or `learning_rate` rounds to 0 or
        inf in it; or if training diverges (the loss or a parameter stops
        being finite), which names `learning_rate`.

    Examples
    --------
    >>> import numpy as np
    >>> from relu_explained.training import gaussian_blobs, train
    >>> x, y = gaussian_blobs(64, 4, seed=0)
    >>> runs = [train("dense", x, y, at_zero=s, steps=20) for s in (0.0, 1.0)]
    >>> int(runs[0].zero_counts.sum()), bool(np.array_equal(runs[0].parameters, runs[1].parameters))
    (0, True)
    >>> bool(runs[0].losses[-1] < runs[0].losses[0])
    True
    """
    architecture = _check_architecture(architecture)
    resolved = _check_dtype(dtype)
    with np.errstate(over="ignore"):
        x = _check_inputs(architecture, inputs).astype(resolved)
    if not np.all(np.isfinite(x)):
        msg = f"inputs must be finite in {resolved.name}; some overflow it (largest {np.finfo(resolved).max:g})"
        raise ValueError(msg)
    try:
        y = np.asarray(labels)
    except ValueError as exc:  # a ragged nested sequence
        msg = f"labels must be an array of integers, one per sample, could not convert it: {exc}"
        raise TypeError(msg) from exc
    if y.dtype.kind not in "iu" or y.shape != (x.shape[0],) or (y.size and y.min() < 0):
        msg = f"labels must be non-negative integers, one per sample (shape ({x.shape[0]},)), got dtype {y.dtype} and shape {y.shape}"
        raise TypeError(msg) if y.dtype.kind not in "iu" else ValueError(msg)
    n_classes = int(y.max()) + 1
    if n_classes < 2:
        msg = "labels must contain at least two classes"
        raise ValueError(msg)
    steps = as_count(steps, "steps")
    batch_size = as_count(batch_size, "batch_size")
    if batch_size > x.shape[0]:
        msg = f"batch_size must be at most the number of samples ({x.shape[0]}), got {batch_size}"
        raise ValueError(msg)
    rate = as_real_scalar(learning_rate, "learning_rate")
    if not (math.isfinite(rate) and rate > 0):
        msg = f"learning_rate must be positive and finite, got {learning_rate!r}"
        raise ValueError(msg)
    check_at_zero(at_zero)  # before any work

    params = init_parameters(
        architecture, x.shape[1:], n_hidden=n_hidden, n_classes=n_classes, seed=seed, dtype=resolved
    )
    with np.errstate(over="ignore", under="ignore"):
        step_size = resolved.type(rate)
    if not (np.isfinite(step_size) and step_size > 0):
        msg = f"learning_rate must be positive and finite in {resolved.name}, got {learning_rate!r}, which rounds to {step_size}"
        raise ValueError(msg)
    onehot = np.eye(n_classes, dtype=resolved)[y]
    hidden_in = _hidden_inputs(architecture, x)
    rng = np.random.default_rng(as_count(seed, "seed", minimum=0))
    order = np.empty(0, dtype=np.int64)
    losses, zero_counts = [], []
    history = [_flatten(params)]
    # A step that overflows makes the loss or a parameter inf or NaN: that is
    # reported below as an error naming learning_rate, not as numpy warnings.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        for _ in range(steps):
            if order.size < batch_size:
                order = np.concatenate([order, rng.permutation(x.shape[0])])
            batch, order = order[:batch_size], order[batch_size:]
            patches = hidden_in[batch]
            z = patches @ params["hidden_weights"] + params["hidden_bias"]
            hidden = relu(z).reshape(batch_size, -1)
            loss, grad_logits = _softmax_cross_entropy(
                hidden @ params["output_weights"] + params["output_bias"], onehot[batch]
            )
            grad_z = (grad_logits @ params["output_weights"].T).reshape(z.shape) * relu_derivative(z, at_zero)
            flat_patches = patches.reshape(-1, patches.shape[-1])
            grads = {
                "hidden_weights": flat_patches.T @ grad_z.reshape(-1, z.shape[-1]),
                "hidden_bias": grad_z.reshape(-1, z.shape[-1]).sum(axis=0),
                "output_weights": hidden.T @ grad_logits,
                "output_bias": grad_logits.sum(axis=0),
            }
            for name, grad in grads.items():
                params[name] = params[name] - step_size * grad
            losses.append(loss)
            zero_counts.append(np.count_nonzero(z == 0))
            history.append(_flatten(params))
            if not (np.isfinite(loss) and np.all(np.isfinite(history[-1]))):
                msg = (
                    f"learning_rate={learning_rate!r} makes training diverge in {resolved.name}: "
                    f"after step {len(losses)} the loss or a parameter is no longer finite"
                )
                raise ValueError(msg)
    return TrainingRun(
        losses=np.asarray(losses, dtype=resolved),
        parameters=np.stack(history),
        zero_counts=np.asarray(zero_counts, dtype=np.int64),
        preactivations_per_step=int(z.size),
    )


def _flatten(params: Parameters) -> npt.NDArray[Any]:
    return np.concatenate([value.ravel() for value in params.values()])


def parameter_distance(run: TrainingRun, reference: TrainingRun) -> npt.NDArray[np.float64]:
    """Compute the largest absolute difference between the parameters of two runs, after each step.

    Parameters
    ----------
    run, reference : TrainingRun
        Runs of the same network for the same number of steps.

    Returns
    -------
    numpy.ndarray
        Float64 array of shape ``(steps + 1,)``; entry ``k`` is
        ``max |theta_k - theta_ref_k|`` after ``k`` steps (0 for the start).
        Exactly 0 means the two runs hold equal parameters at that step
        (bit for bit, except that +0.0 and -0.0 count as equal).

    Raises
    ------
    TypeError
        If `run` or `reference` is not a TrainingRun.
    ValueError
        If the runs have different shapes.

    Examples
    --------
    >>> from relu_explained.training import bar_images, parameter_distance, train
    >>> x, y = bar_images(64, seed=0)
    >>> a, b = (train("conv", x, y, at_zero=s, steps=5) for s in (0.0, 1.0))
    >>> distance = parameter_distance(b, a)
    >>> bool(distance[0] == 0), bool(distance[1] > 0)  # same start; the first step differs
    (True, True)
    """
    given: tuple[tuple[str, object], ...] = (("run", run), ("reference", reference))
    for name, value in given:
        if not isinstance(value, TrainingRun):
            msg = f"{name} must be a TrainingRun, as train returns, got {type(value).__name__}"
            raise TypeError(msg)
    if run.parameters.shape != reference.parameters.shape:
        msg = f"the runs must have the same parameter history shape, got {run.parameters.shape} and {reference.parameters.shape}"
        raise ValueError(msg)
    diff = run.parameters.astype(np.float64) - reference.parameters.astype(np.float64)
    return np.asarray(np.abs(diff).max(axis=1), dtype=np.float64)


#: The values of relu'(0) the exact-zeros experiment compares.
AT_ZERO_VALUES: tuple[float, ...] = (0.0, 0.5, 1.0)


def exact_zeros_setups() -> dict[str, tuple[Architecture, npt.NDArray[Any], npt.NDArray[np.int64]]]:
    """The three networks and data sets of the site's exact-zeros experiment.

    Returns
    -------
    dict
        Name to ``(architecture, inputs, labels)``: a dense network on 512
        Gaussian samples of 64 features (no input is 0), the same network on
        512 bar images flattened, and the convolutional network on the bar
        images (:func:`bar_images`, seed 0), whose blank patches make
        pre-activations exactly 0.

    Examples
    --------
    >>> from relu_explained.training import exact_zeros_setups
    >>> {name: inputs.shape for name, (_, inputs, _) in exact_zeros_setups().items()}
    {'dense, Gaussian': (512, 64), 'dense, bars flattened': (512, 64), 'conv, bars': (512, 8, 8)}
    """
    images, image_labels = bar_images(512, seed=0)
    gaussian, gaussian_labels = gaussian_blobs(512, 64, seed=0)
    return {
        "dense, Gaussian": ("dense", gaussian, gaussian_labels),
        "dense, bars flattened": ("dense", images.reshape(len(images), -1), image_labels),
        "conv, bars": ("conv", images, image_labels),
    }


def exact_zeros_experiment(steps: int = 300) -> dict[tuple[str, str, float], TrainingRun]:
    """Train each network of :func:`exact_zeros_setups` in each dtype with relu'(0) = 0, 1/2 and 1.

    Runs of one network and dtype start from the same parameters and see the
    same minibatches (seed 0), so they differ only where a pre-activation is
    exactly 0.

    Parameters
    ----------
    steps : int, default 300
        Updates per run.

    Returns
    -------
    dict
        ``(setup name, dtype name, relu'(0))`` to the :class:`TrainingRun`.

    Raises
    ------
    TypeError
        If `steps` is not an integer.
    ValueError
        If `steps` is less than 1.

    Examples
    --------
    >>> from relu_explained.training import exact_zeros_experiment
    >>> runs = exact_zeros_experiment(steps=2)
    >>> len(runs), int(runs["conv, bars", "float64", 0.0].zero_counts[0]) > 0
    (27, True)
    """
    steps = as_count(steps, "steps")
    return {
        (name, dtype, s): train(architecture, inputs, labels, at_zero=s, dtype=dtype, steps=steps)
        for name, (architecture, inputs, labels) in exact_zeros_setups().items()
        for dtype in DTYPES
        for s in AT_ZERO_VALUES
    }
