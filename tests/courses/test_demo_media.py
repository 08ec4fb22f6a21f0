"""Demo covers: the title is drawn with real Norwegian and Danish letters, not boxes."""

import io

from PIL import Image

from courses.demo_media import _font, cover_png


def test_cover_font_draws_norwegian_and_danish_letters():
    """Pillow's built-in font draws the same 'missing glyph' box for æ, ø and å; the
    cover font must draw each letter as itself."""
    font = _font(40)
    missing = font.getmask("\uffff").getbbox()
    shapes = {ch: font.getmask(ch).getbbox() for ch in "æøåÆØÅ"}
    assert all(shape != missing for shape in shapes.values()), shapes
    assert len(set(shapes.values())) >= 5, shapes


def test_cover_is_a_png_of_the_asked_size_with_a_title_band():
    image = Image.open(io.BytesIO(cover_png("Blåbærsyltetøy – Ærlig øving", 2, (320, 180))))
    assert image.size == (320, 180)
    # The band behind the title is one solid token colour; white text is drawn on it.
    band = [image.getpixel((x, 20)) for x in range(10, 300)]
    assert (255, 255, 255) in band or max(sum(p) for p in band) > 600
