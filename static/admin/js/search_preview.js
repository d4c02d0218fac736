"use strict";
// The article form's search-result and shared-card previews (articles/admin/previews.py
// draws them first): redrawn as the editor types, cut by the same rule, and a count of
// characters beside the search title and description.
(function () {
  // As articles.admin.previews.truncated: the last whole word that fits with "…".
  function truncated(text, limit) {
    text = text.split(/\s+/).filter(Boolean).join(" ");
    if (text.length <= limit) return text;
    let cut = text.slice(0, limit - 1);
    if (cut.includes(" ")) cut = cut.slice(0, cut.lastIndexOf(" "));
    return cut.replace(/[ ,.;:—-]+$/, "") + "…";
  }

  // The dateline as the admin's date field holds it: 2024-10-10, or 10.10.2024.
  function dateParts(value) {
    let found = value.match(/^(\d{4})-(\d{1,2})-(\d{1,2})$/);
    if (found) return [found[1], found[2], found[3]];
    found = value.match(/^(\d{1,2})[./](\d{1,2})[./](\d{4})$/);
    if (found) return [found[3], found[2], found[1]];
    return null;
  }

  function counter(input, advised) {
    const count = document.createElement("p");
    count.className = "char-count help";
    const show = () => {
      const length = input.value.length;
      count.textContent = `${length} / ${advised}`;
      count.classList.toggle("char-count-over", length > advised);
    };
    show();
    input.addEventListener("input", show);
    input.after(count);
  }

  document.addEventListener("DOMContentLoaded", () => {
    const previews = document.querySelector("[data-search-preview]");
    if (!previews) return;
    const config = JSON.parse(previews.dataset.searchPreview);
    const form = previews.closest("form");
    const field = (name) => form.elements.namedItem(name);
    const value = (name) => (field(name) ? field(name).value.trim() : "");
    const shown = (name) => previews.querySelector(`[data-preview="${name}"]`);

    function address() {
      // A published story's edition is fixed: no field, the server's.
      const news = config.news[value("language") || config.language];
      const date = dateParts(value("dateline"));
      const slug = value("slug");
      let path = news;
      if (date && slug) {
        const [year, month, day] = date;
        path = `${news}${year}/${month.padStart(2, "0")}/${day.padStart(2, "0")}/${slug}/`;
      }
      return [previews.dataset.domain, ...path.split("/").filter(Boolean)].join(" › ");
    }

    function redraw() {
      const headline = value("headline");
      const description = value("meta_description") || value("standfirst");
      shown("breadcrumb").textContent = address();
      const title = value("meta_title");
      shown("title").textContent = truncated(title || headline + config.suffix, config.limits.title);
      shown("description").textContent = truncated(description || headline, config.limits.description);
      shown("card-title").textContent = truncated(title || headline, config.limits.cardTitle);
      shown("card-description").textContent = truncated(description, config.limits.cardDescription);
    }

    // Once per frame, after the admin's own scripts: the slug follows the headline on keyup.
    let pending = false;
    function schedule() {
      if (pending) return;
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        redraw();
      });
    }
    for (const type of ["input", "keyup", "change"]) form.addEventListener(type, schedule);
    if (field("meta_title")) counter(field("meta_title"), config.limits.title);
    if (field("meta_description")) counter(field("meta_description"), config.limits.description);
  });
})();
