// Names, for a screen reader, the inputs that scripts add to a form without a label: the
// prose editor's writing area, and the autocomplete's search box and the box showing a
// single choice (Select2, whose combobox is named by that box). Each takes the label of
// the form field it stands in for (or the name the field was given, in a table's row), so
// it is announced as "Body", "Topics"... rather than as a bare text box. A
// MutationObserver, because both scripts build their inputs after the page has loaded,
// and Select2 again for each row a formset adds.
"use strict";
{
    const labelText = (field) => {
        const label = field && field.id && document.querySelector(`label[for="${field.id}"]`);
        if (label) {
            return label.textContent.trim().replace(/:$/, "");
        }
        return field?.getAttribute("aria-label") || "";
    };

    const standsFor = (input) => {
        if (input.matches(".select2-search__field, .select2-selection__rendered")) {
            // Select2 puts its widget straight after the <select> it hides.
            const select = input.closest(".select2-container")?.previousElementSibling;
            return select?.matches("select") ? select : null;
        }
        return input.closest(".prose-editor")?.querySelector("textarea");
    };

    const nameInputs = () => {
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

    new MutationObserver(nameInputs).observe(document.documentElement, {
        childList: true,
        subtree: true,
    });
}
