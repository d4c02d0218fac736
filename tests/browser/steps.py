"""What an editor does in the admin, step by step, in Chromium."""

from playwright.sync_api import expect


def open_from_review_queue(page, headline):
    """Go from the desk's front page to the one article waiting for review."""
    page.goto("/admin/")
    page.get_by_role("link", name="Review queue (1 waiting)").click()
    # Exactly: the row's Preview, Send back and Publish links name the headline too.
    page.get_by_role("link", name=headline, exact=True).click()


# The button that takes a step on its page, where it is not named as the step.
STEP_BUTTONS = {"Publish": "Publish now"}


def take_step(page, step, comment=""):
    """On an article's change form, take a workflow step through its confirmation page."""
    page.locator(".workflow-panel").get_by_role("link", name=step, exact=True).click()
    if comment:
        page.get_by_label("Comment").fill(comment)
    page.get_by_role("button", name=STEP_BUTTONS.get(step, step), exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text(" is now ")


def write_body(page, text):
    """Replace what the article's body says, as a writer selects it all and types."""
    # The prose editor, not the textarea it hides once its script has run.
    page.locator(".field-body [contenteditable=true]").click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(text)


class Clicks:
    """Click as an editor does, and count it: how many clicks a task takes is part of it.
    Typing, and choosing by keyboard, are no click."""

    def __init__(self):
        self.count = 0

    def __call__(self, locator):
        locator.click()
        self.count += 1
