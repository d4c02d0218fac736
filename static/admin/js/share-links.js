// The Copy button beside each share link on an article's page puts its address on the
// clipboard and says so beside it.
"use strict";

document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const address = document.getElementById(button.dataset.copy);
  const status = button.parentElement.querySelector(".copy-status");
  address.select();
  // The clipboard API exists only on HTTPS (and localhost); elsewhere the address is
  // selected for the editor to copy.
  if (!navigator.clipboard) {
    status.textContent = "Selected: press Ctrl+C (⌘C) to copy";
    return;
  }
  navigator.clipboard.writeText(address.value).then(
    () => { status.textContent = "Copied"; },
    () => { status.textContent = "Not copied: press Ctrl+C (⌘C) to copy"; },
  );
});
