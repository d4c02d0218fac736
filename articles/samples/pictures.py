"""Pictures for the sample stories, drawn here rather than shipped or downloaded: a
pattern of eight-pointed stars, as in the tilework of mosques from Kazan to Cairo."""

import io
import math

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 675
# The distance between the stars' centres.
STEP = 150


def star(centre, radius):
    """The points of an eight-pointed star: two squares, one turned by 45 degrees."""
    x, y = centre
    inner = radius * math.cos(math.pi / 4) / math.cos(math.pi / 8)
    points = []
    for k in range(16):
        r = radius if k % 2 == 0 else inner
        angle = k * math.pi / 8
        points.append((x + r * math.cos(angle), y + r * math.sin(angle)))
    return points


def star_pattern(ground: str, star_colour: str, accent: str) -> ContentFile:
    """Return a PNG of stars on a ground, in the colours given ("#0b5d4b"...)."""
    image = Image.new("RGB", (WIDTH, HEIGHT), ground)
    draw = ImageDraw.Draw(image)
    for row in range(-1, HEIGHT // STEP + 2):
        for column in range(-1, WIDTH // STEP + 2):
            # Every other row shifted by half a step, as tiles are laid.
            x = column * STEP + (STEP // 2 if row % 2 else 0)
            y = row * STEP
            draw.polygon(star((x, y), STEP * 0.42), fill=star_colour)
            draw.polygon(star((x, y), STEP * 0.18), fill=accent)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return ContentFile(buffer.getvalue(), name="sample.png")
