"use strict";
// The article form in the admin: keeps a copy of what is typed every few seconds (never
// a version) and offers it back on the next visit; asks before leaving unsaved changes;
// counts the body's words and lets the browser check its spelling.
(function () {
  // Kept this long after typing stops, and at least this often while it goes on.
  const QUIET_MS = 2000;
  const MAX_WAIT_MS = 15000;
  // The byline rows' bookkeeping is the server's, not something typed.
  const MANAGEMENT = /^bylines-(TOTAL|INITIAL|MIN_NUM|MAX_NUM)_FORMS$/;

  let bodyEditor = null;

  // The prose editor announces itself once made (django-prose-editor's configurable
  // preset); its module scripts run after this file, so listening now catches it.
  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail;
    if (textarea.name !== "body") return;
    bodyEditor = editor;
    editor.view.dom.setAttribute("spellcheck", "true");
    countWords(editor, textarea);
  });

  function countWords(editor, textarea) {
    const count = document.createElement("p");
    count.className = "word-count help";
    const show = () => {
      const words = (editor.getText().match(/\S+/g) || []).length;
      count.textContent = `${words} ${words === 1 ? "word" : "words"}`;
    };
    show();
    editor.on("update", show);
    textarea.closest(".prose-editor").after(count);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const config = document.getElementById("autosave");
    if (!config) return;
    const form = config.closest("form");
    const status = form.querySelector(".autosave-status") || document.createElement("span");
    const edited = form.elements.namedItem("edited_revision");
    const jQuery = window.django && window.django.jQuery;
    // A form shown again with errors holds text the server has not saved.
    let dirty = config.hasAttribute("data-unsaved");
    let submitting = false;
    let timer = null;
    let firstChange = null;
    let inflight = null;

    const headers = () => ({
      "Content-Type": "application/json",
      "X-CSRFToken": form.elements.namedItem("csrfmiddlewaretoken").value,
    });

    function typed() {
      const fields = {};
      for (const [name, value] of new FormData(form)) {
        if (typeof value !== "string" || name === "csrfmiddlewaretoken") continue;
        if (name.includes("__prefix__")) continue; // the blank row a new byline copies
        (fields[name] = fields[name] || []).push(value);
      }
      // An unticked box is not in the form's data: kept as no value, a restore unticks it.
      for (const box of form.querySelectorAll("input[type=checkbox][name]")) {
        if (!box.checked && !box.name.includes("__prefix__")) fields[box.name] ||= [];
      }
      return fields;
    }

    function keep() {
      timer = null;
      firstChange = null;
      const body = JSON.stringify({
        fields: typed(),
        started_from: Number((edited && edited.value) || 0),
      });
      inflight = fetch(config.dataset.url, {
        method: "POST",
        headers: headers(),
        body,
        credentials: "same-origin",
      })
        .then(async (response) => {
          const answer = await response.json().catch(() => ({}));
          status.textContent = response.ok
            ? `Draft kept at ${answer.saved_at}`
            : answer.error || "Your text could not be kept: save it.";
        })
        .catch(() => {
          status.textContent = "Offline: your text is not kept until you save it.";
        })
        .finally(() => {
          inflight = null;
        });
    }

    function changed() {
      if (submitting) return;
      dirty = true;
      const now = Date.now();
      if (firstChange === null) firstChange = now;
      clearTimeout(timer);
      timer = setTimeout(keep, Math.max(0, Math.min(QUIET_MS, firstChange + MAX_WAIT_MS - now)));
    }

    form.addEventListener("input", changed);
    form.addEventListener("change", changed);
    // The pickers (select2) announce their changes through jQuery alone.
    if (jQuery) jQuery(form).on("change", "select", changed);

    window.addEventListener("beforeunload", (event) => {
      if (dirty && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });

    form.addEventListener("submit", (event) => {
      clearTimeout(timer);
      timer = null;
      if (inflight) {
        // Let the copy land first: arriving after the save, it would outlive it.
        event.preventDefault();
        const submitter = event.submitter;
        inflight.then(() => form.requestSubmit(submitter));
        return;
      }
      submitting = true;
    });

    const offer = form.querySelector(".autosave-offer");
    const data = document.getElementById("autosave-data");
    if (!offer || !data) return;
    const kept = JSON.parse(data.textContent);
    offer.addEventListener("click", (event) => {
      const action = event.target.dataset && event.target.dataset.autosave;
      if (action === "restore") {
        restore(kept);
        dirty = true;
        status.textContent = `Your text from ${kept.time} is back: save to keep it.`;
      } else if (action === "discard") {
        fetch(config.dataset.url, { method: "DELETE", headers: headers(), credentials: "same-origin" });
      } else {
        return;
      }
      offer.remove();
    });

    function restore({ fields, labels, started_from }) {
      addBylineRows(Number((fields["bylines-TOTAL_FORMS"] || [0])[0]));
      for (const [name, values] of Object.entries(fields)) {
        if (MANAGEMENT.test(name) || /^bylines-\d+-(id|article)$/.test(name)) continue;
        const field = form.elements.namedItem(name);
        if (!field) continue;
        if (field instanceof HTMLSelectElement) {
          choose(field, values, labels[name] || {});
        } else if (field.type === "checkbox") {
          field.checked = values.length > 0;
        } else {
          field.value = values[0] || "";
        }
      }
      if (bodyEditor && fields.body) bodyEditor.commands.setContent(fields.body[0] || "");
      // Saving then meets the edit-conflict check if someone saved since it was typed.
      if (edited) edited.value = started_from;
    }

    function addBylineRows(wanted) {
      const total = form.elements.namedItem("bylines-TOTAL_FORMS");
      const add = form.querySelector("#bylines-group .add-row a");
      while (total && add && Number(total.value) < wanted) {
        const before = total.value;
        add.click();
        if (total.value === before) break; // as many rows as the form allows
      }
    }

    function choose(select, values, names) {
      for (const option of select.options) option.selected = values.includes(option.value);
      for (const value of values) {
        const present = Array.from(select.options).some((option) => option.value === value);
        if (!present && names[value]) select.add(new Option(names[value], value, true, true));
      }
      if (jQuery) jQuery(select).trigger("change");
    }
  });
})();
