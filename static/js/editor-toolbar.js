// Shows a member of staff an Edit link and the story's state on a public article page.
// The page is the same for everybody, and cached: only a browser that logged in to the
// admin holds the marker cookie (set by newsroom/admin.py), so only it asks the
// never-cached toolbar endpoint; a reader's browser makes no request at all.
"use strict";

(() => {
  const MARKER = "newsroom_staff";
  const story = document.querySelector("[data-toolbar]");
  if (!story || !document.cookie.split("; ").includes(`${MARKER}=1`)) return;

  const show = (tools) => {
    const bar = document.createElement("aside");
    bar.className = "editor-toolbar";
    bar.setAttribute("aria-label", "Editor tools");
    const edit = document.createElement("a");
    edit.href = tools.edit_url;
    edit.textContent = "Edit";
    bar.append(edit, ` · State: ${tools.state}`);
    document.querySelector(".site-header").before(bar);
  };

  fetch(story.dataset.toolbar, { headers: { Accept: "application/json" } })
    .then((response) => {
      if (response.status === 403) {
        // Logged out elsewhere, or the session ran out: stop asking on every page.
        document.cookie = `${MARKER}=; Max-Age=0; Path=/; SameSite=Lax`;
      }
      return response.status === 200 ? response.json().then(show) : null;
    })
    .catch(() => {});
})();
