"""The library's focal-point picker: a click on the picture sets the focal point, under
the admin's CSP, and the crops follow once saved."""

import pytest
from playwright.sync_api import expect

from articles.models import Image
from tests.factories import make_image, picture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_click_on_the_picture_sets_the_focal_point_and_saving_recrops(
    log_in, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    image = make_image(picture(size=(1600, 900)), title="Hall")
    page = log_in("editor", "Editors")
    errors = []
    page.on("console", lambda message: errors.append(message.text))
    page.goto(f"/admin/articles/image/{image.pk}/change/")

    picked = page.locator(".focal-picker img")
    box = picked.bounding_box()
    picked.click(position={"x": box["width"] * 0.25, "y": box["height"] * 0.75})

    expect(page.locator(".focal-marker")).to_be_visible()
    across = float(page.get_by_label("Focal point across").input_value())
    down = float(page.get_by_label("Focal point down").input_value())
    assert abs(across - 0.25) < 0.02 and abs(down - 0.75) < 0.02
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_text("was changed successfully")).to_be_visible()

    image = Image.objects.get(pk=image.pk)
    assert abs(image.focal_x - 0.25) < 0.02 and abs(image.focal_y - 0.75) < 0.02
    assert image.renditions["focal"] == [image.focal_x, image.focal_y]
    assert not [e for e in errors if "Content Security Policy" in e], errors
