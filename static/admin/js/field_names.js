// Names, for a screen reader, the inputs that scripts add to a form without a label: the
// prose editor's writing area and the autocomplete's search box (Select2). Each takes the
// label of the form field it stands in for, so it is announced as "Body", "Topics"...
// rather than as a bare text box. A MutationObserver, because both scripts build their
// inputs after the page has loaded, and Select2 again for each row a formset adds.
"use strict";
{
    const labelText = (field) => {
        const label = field && field.id && document.querySelector(`label[for="${field.id}"]`);
        return label ? label.textContent.trim().replace(/:$/, "") : "";
    };

    const standsFor = (input) => {
        if (input.classList.contains("select2-search__field")) {
            // Select2 puts its widget straight after the <select> it hides.
            const select = input.closest(".select2-container")?.previousElementSibling;
            return select?.matches("select") ? select : null;
        }
        return input.closest(".prose-editor")?.querySelector("textarea");
    };

    const nameInputs = () => {
        const unnamed = document.querySelectorAll(
            ".prose-editor [role=textbox]:not([aria-label]), " +
                ".select2-search__field:not([aria-label])",
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
