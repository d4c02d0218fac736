// Names, for a screen reader, the inputs that scripts add to a form without a label: the
// prose editor's writing area, the autocomplete's search box (Select2) and its box for a
// single choice (a library picture). Each takes the label of the form field it stands in
// for, so it is announced as "Body", "Topics", "Hero image"... rather than as a bare text
// box; in a table of inline rows (a front page's slots) it takes its column's heading,
// since each row's fields have no label of their own. A MutationObserver, because both scripts build their
// inputs after the page has loaded, and Select2 again for each row a formset adds.
"use strict";
{
    // The element that names a form field: its <label>, or the heading of its column in a
    // tabular inline (Django marks the cell field-<name> and the heading column-<name>).
    const labelFor = (field) => {
        if (!field?.id) return null;
        const label = document.querySelector(`label[for="${field.id}"]`);
        if (label) return label;
        const cell = field.closest("td");
        const column = [...(cell?.classList || [])].find((name) => name.startsWith("field-"));
        return column
            ? cell.closest("table")?.querySelector(`thead th.column-${column.slice(6)}`)
            : null;
    };

    const labelText = (field) => {
        const label = labelFor(field);
        if (label) {
            return label.textContent.trim().replace(/:$/, "");
        }
        return field?.getAttribute("aria-label") || "";
    };

    const standsFor = (input) => {
        if (
            input.classList.contains("select2-search__field") ||
            input.classList.contains("select2-selection--single")
        ) {
            // Select2 puts its widget straight after the <select> it hides.
            const select = input.closest(".select2-container")?.previousElementSibling;
            return select?.matches("select") ? select : null;
        }
        return input.closest(".prose-editor")?.querySelector("textarea");
    };

    // A single choice's box is named by the choice it shows (aria-labelledby, which
    // outranks aria-label): the field's label goes first among those names. The choice
    // shown is text in the box, not a second, unnamed text box of its own.
    const nameChoices = () => {
        for (const box of document.querySelectorAll(".select2-selection--single[role=combobox]")) {
            const field = standsFor(box);
            const label = labelFor(field);
            if (!label) continue;
            label.id ||= `${field.id}-label`;
            const names = (box.getAttribute("aria-labelledby") || "").split(" ");
            if (!names.includes(label.id)) {
                box.setAttribute("aria-labelledby", [label.id, ...names].join(" ").trim());
            }
            const shown = box.querySelector(".select2-selection__rendered[role=textbox]");
            shown?.removeAttribute("role");
            shown?.removeAttribute("aria-readonly");
        }
    };

    const nameInputs = () => {
        nameChoices();
        const unnamed = document.querySelectorAll(
            ".prose-editor [role=textbox]:not([aria-label]), " +
                ".select2-search__field:not([aria-label]), " +
                ".select2-selection__rendered[role=textbox]:not([aria-label])",
        );
        for (const input of unnamed) {
            const name = labelText(standsFor(input));
            if (name) {
                input.setAttribute("aria-label", name);
            }
        }
    };

    // The prose editor greys out a toolbar button that does nothing where the cursor is
    // (undo with nothing to undo) by a class alone: say so to a screen reader too, which
    // also tells an accessibility check it is an inactive control, not faint text.
    const markInactive = (button) => {
        const disabled = String(button.classList.contains("disabled"));
        if (button.getAttribute("aria-disabled") !== disabled) {
            button.setAttribute("aria-disabled", disabled);
        }
    };

    new MutationObserver(() => {
        nameInputs();
        document.querySelectorAll(".prose-menubar__button").forEach(markInactive);
    }).observe(document.documentElement, { childList: true, subtree: true });
    new MutationObserver((changes) => {
        for (const { target } of changes) {
            if (target.classList.contains("prose-menubar__button")) markInactive(target);
        }
    }).observe(document.documentElement, {
        attributes: true,
        attributeFilter: ["class"],
        subtree: true,
    });
}
