"""A figure that a reader moves: a static figure and frames chosen with a slider."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Final

from matplotlib.figure import Figure

from .._validation import as_count, as_real_sequence, as_text, as_text_sequence
from ._export import MIME_TYPE, ThemedFigure

__all__ = ["InteractiveFigure"]

#: The MIME type under which an :class:`InteractiveFigure` hands its frames,
#: settings and readouts to a renderer (``relu_explained.plotting._mystnb``).
INTERACTIVE_MIME_TYPE: Final = "application/vnd.relu-explained.interactive+json"


class InteractiveFigure:
    """A static figure and a series of frames that a reader steps through with a slider.

    Every frame is a :class:`ThemedFigure` drawn by a plotting function for one
    setting, with a readout that states its key number. On the site, the
    frames replace the static figure when scripts run, and a labelled range
    control chooses the frame; each frame's images load only when it is first
    shown. Without scripts, and in a notebook, the static figure is shown.

    Parameters
    ----------
    static : ThemedFigure
        The figure shown without scripts.
    frames : sequence of ThemedFigure
        One frame per setting, each of the static figure's size.
    settings : sequence of str
        What each frame shows, as the control announces it ("h = 0.1").
    readouts : sequence of str
        The key number of each frame, in words.
    label : str
        The control's label.
    start : int, default 0
        The frame shown first.

    Raises
    ------
    TypeError
        If `static` or a frame is not a ThemedFigure, `frames`, `settings` or
        `readouts` is not a sequence (list or tuple), a setting, readout or
        `label` is not a string, or `start` is not an integer.
    ValueError
        If there are no frames, the lengths of `frames`, `settings` and
        `readouts` differ, a frame's size differs from the static figure's,
        `label` is empty, or `start` is not the index of a frame.

    Examples
    --------
    >>> from relu_explained.plotting import InteractiveFigure, ThemedFigure, plot_secant, secant_readout
    >>> steps = [-0.1, 0.1]
    >>> shown = InteractiveFigure(
    ...     ThemedFigure(plot_secant(0.1), alt="A secant."),
    ...     [ThemedFigure(plot_secant(h), alt=secant_readout(h)) for h in steps],
    ...     [f"h = {h:g}" for h in steps],
    ...     [secant_readout(h) for h in steps],
    ...     label="step h",
    ... )
    >>> shown
    InteractiveFigure(label='step h', frames=2)
    """

    def __init__(
        self,
        static: ThemedFigure,
        frames: Sequence[ThemedFigure],
        settings: Sequence[str],
        readouts: Sequence[str],
        *,
        label: str,
        start: int = 0,
    ) -> None:
        if not isinstance(frames, list | tuple):
            msg = f"frames must be a sequence (list or tuple) of ThemedFigure, got {type(frames).__name__}"
            raise TypeError(msg)
        given: list[tuple[str, object]] = [("static", static), *((f"frames[{i}]", f) for i, f in enumerate(frames))]
        for name, figure in given:
            if not isinstance(figure, ThemedFigure):
                msg = f"{name} must be a ThemedFigure, got {type(figure).__name__}"
                raise TypeError(msg)
        self.settings = as_text_sequence(settings, "settings")
        self.readouts = as_text_sequence(readouts, "readouts")
        if not frames:
            msg = "frames must contain at least one frame"
            raise ValueError(msg)
        if not len(frames) == len(settings) == len(readouts):
            msg = (
                f"frames, settings and readouts must have one entry per frame, "
                f"got {len(frames)}, {len(settings)} and {len(readouts)}"
            )
            raise ValueError(msg)
        for i, frame in enumerate(frames):
            if frame.size != static.size:
                msg = f"frames[{i}] must have the static figure's size {static.size}, got {frame.size}"
                raise ValueError(msg)
        if not as_text(label, "label").strip():
            msg = f"label must name what the control sets, got {label!r}"
            raise ValueError(msg)
        index = as_count(start, "start", minimum=0)
        if index >= len(frames):
            msg = f"start must be the index of a frame, 0 to {len(frames) - 1}, got {start!r}"
            raise ValueError(msg)
        self.static = static
        self.frames = list(frames)
        self.label = label.strip()
        self.start = index

    @classmethod
    def sweep(
        cls,
        static: ThemedFigure,
        plot: Callable[[float], Figure],
        readout: Callable[[float], str],
        values: Sequence[float],
        *,
        label: str,
        setting: str,
        start: int = 0,
    ) -> InteractiveFigure:
        """Make the frames by calling a plotting function and its readout for each value.

        Parameters
        ----------
        static : ThemedFigure
            The figure shown without scripts.
        plot : callable
            Draws the frame for one value, at the static figure's size.
        readout : callable
            States the key number for one value; it is also the frame's alt text.
        values : sequence of float
            The settings, in the order of the control.
        label : str
            The control's label.
        setting : str
            The name of the quantity set, as the control announces it (``"h"``
            gives ``"h = 0.1"``).
        start : int, default 0
            The index of the value shown first.

        Returns
        -------
        InteractiveFigure

        Examples
        --------
        >>> from relu_explained.plotting import (
        ...     InteractiveFigure, ThemedFigure, plot_softplus, plot_softplus_sharpness, softplus_sharpness_readout)
        >>> shown = InteractiveFigure.sweep(
        ...     ThemedFigure(plot_softplus(), alt="Softplus."), plot_softplus_sharpness, softplus_sharpness_readout,
        ...     [1.0, 4.0], label="Sharpness", setting="β")
        >>> shown.settings, shown.readouts[1]
        (['β = 1', 'β = 4'], 'β = 4: largest gap log(2)/β = 0.1733, at 0; slope at 0: 0.5')
        """
        given: tuple[tuple[str, object], ...] = (("plot", plot), ("readout", readout))
        for name, function in given:
            if not callable(function):
                msg = f"{name} must be a callable, got {type(function).__name__}"
                raise TypeError(msg)
        as_real_sequence(values, "values", finite=True)
        as_text(setting, "setting")
        readouts = [readout(v) for v in values]
        frames = [ThemedFigure(plot(v), alt=r, label=f"{label}: {v!r}") for v, r in zip(values, readouts, strict=True)]
        return cls(static, frames, [f"{setting} = {v:g}" for v in values], readouts, label=label, start=start)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle = self.static._repr_mimebundle_(include, exclude)
        width, height = self.static.size
        bundle[INTERACTIVE_MIME_TYPE] = {
            "static": bundle[MIME_TYPE],
            "frames": [
                {"light": f.svg("light"), "dark": f.svg("dark"), "alt": f.alt, "width": width, "height": height}
                for f in self.frames
            ],
            "settings": self.settings,
            "readouts": self.readouts,
            "label": self.label,
            "start": self.start,
        }
        bundle["text/plain"] = repr(self)
        return bundle

    def __repr__(self) -> str:
        return f"InteractiveFigure(label={self.label!r}, frames={len(self.frames)})"
