// The image form's focal point: a click on the picture sets "focal point across" and
// "focal point down" (fractions of its width and height) and shows the spot; typing in
// those fields moves the spot too. Without this script the two fields are typed in.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const picker = document.querySelector(".focal-picker");
  const across = document.getElementById("id_focal_x");
  const down = document.getElementById("id_focal_y");
  if (!picker || !across || !down) return;
  const picture = picker.querySelector("img");
  const marker = picker.querySelector(".focal-marker");

  function show() {
    const x = parseFloat(across.value);
    const y = parseFloat(down.value);
    if (Number.isNaN(x) || Number.isNaN(y)) return;
    marker.style.left = `${Math.min(Math.max(x, 0), 1) * 100}%`;
    marker.style.top = `${Math.min(Math.max(y, 0), 1) * 100}%`;
    marker.hidden = false;
  }

  picture.addEventListener("click", (event) => {
    const box = picture.getBoundingClientRect();
    across.value = ((event.clientX - box.left) / box.width).toFixed(3);
    down.value = ((event.clientY - box.top) / box.height).toFixed(3);
    show();
  });
  across.addEventListener("input", show);
  down.addEventListener("input", show);
  show();
});
