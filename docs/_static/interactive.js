// Interactive figures (relu_explained.plotting.InteractiveFigure): a range
// control chooses which of the figure's frames is shown, and its readout.
// Each figure starts when it comes near the screen, so that loading the page
// does no work for figures further down; each frame's images load when first
// shown. Without this script the control stays hidden and the static figure
// is shown.
"use strict";
const startFigure = (figure) => {
  const control = figure.querySelector(".relu-control");
  const input = control.querySelector("input[type=range]");
  const output = control.querySelector("output");
  const data = JSON.parse(control.querySelector(".relu-frames-data").textContent);
  const frames = figure.querySelectorAll(".relu-frame");
  const show = () => {
    const index = Number(input.value);
    frames.forEach((frame, i) => frame.classList.toggle("relu-frame-shown", i === index));
    output.textContent = data.readouts[index];
    input.setAttribute("aria-valuetext", data.settings[index]);
  };
  input.addEventListener("input", show);
  control.hidden = false;
  figure.classList.add("relu-interactive-live");
  show();
};
document.addEventListener("DOMContentLoaded", () => {
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries.filter((e) => e.isIntersecting)) {
        observer.unobserve(entry.target);
        startFigure(entry.target);
      }
    },
    { rootMargin: "100% 0px" },
  );
  document.querySelectorAll(".relu-interactive").forEach((figure) => observer.observe(figure));
});
