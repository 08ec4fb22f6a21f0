"""Demo files made on the spot: cover images, a sheet-music PDF and a play-along WAV.
Nothing is downloaded."""

import io
import math
import struct
import wave

from PIL import Image, ImageDraw, ImageFont

PALETTES = [
    ((35, 64, 107), (163, 56, 15)),
    ((30, 91, 50), (255, 191, 71)),
    ((92, 40, 110), (240, 160, 190)),
    ((20, 80, 100), (200, 230, 240)),
    ((110, 60, 20), (250, 220, 170)),
]


def _font(size: int):
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType
        return ImageFont.load_default()


def cover_png(title: str, seed: int, size=(1200, 675)) -> bytes:
    """A gradient with a few notes and the title: a recognisable, local cover image."""
    top, bottom = PALETTES[seed % len(PALETTES)]
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    width, height = size
    for y in range(height):
        t = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(top[i] * (1 - t) + bottom[i] * t) for i in range(3)),
        )
    for i in range(5):  # a stave
        y = int(height * 0.55) + i * 18
        draw.line([(60, y), (width - 60, y)], fill=(255, 255, 255), width=3)
    for n in range(8):
        x = 120 + n * (width - 240) // 8
        y = int(height * 0.55) + ((n * 7 + seed) % 9) * 9
        draw.ellipse([x, y - 10, x + 26, y + 10], fill=(255, 255, 255))
        draw.line([(x + 24, y), (x + 24, y - 70)], fill=(255, 255, 255), width=4)
    draw.text((60, 60), title[:48], fill=(255, 255, 255), font=_font(56))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def score_pdf(title: str, bars: int = 8) -> bytes:
    """One A4 page of sheet music (staves, clef-like marks and notes) as a PDF."""
    page = Image.new("L", (1240, 1754), 255)  # A4 at 150 dpi
    draw = ImageDraw.Draw(page)
    draw.text((100, 80), title[:60], fill=0, font=_font(44))
    for system in range(6):
        top = 260 + system * 230
        for line in range(5):
            y = top + line * 20
            draw.line([(100, y), (1140, y)], fill=0, width=2)
        draw.text((110, top - 10), "G", fill=0, font=_font(80))
        bar_width = (1140 - 200) // (bars // 2)
        for bar in range(bars // 2 + 1):
            x = 200 + bar * bar_width
            draw.line([(x, top), (x, top + 80)], fill=0, width=2)
        for note in range((bars // 2) * 4):
            x = 220 + note * bar_width // 4
            y = top + ((note * 5 + system * 3) % 9) * 10 - 5
            draw.ellipse([x, y - 8, x + 22, y + 8], fill=0)
            draw.line([(x + 21, y), (x + 21, y - 60)], fill=0, width=3)
    out = io.BytesIO()
    page.save(out, "PDF", resolution=150.0)
    return out.getvalue()


def melody_wav(notes=(60, 62, 64, 65, 67, 67, 69, 67), beat=0.4, rate=22050) -> bytes:
    """A short melody as 16-bit mono PCM: soft sine tones with a fade in and out."""
    frames = bytearray()
    for midi in notes:
        frequency = 440.0 * 2 ** ((midi - 69) / 12)
        length = int(rate * beat)
        for i in range(length):
            envelope = min(1.0, i / 400, (length - i) / 800)
            sample = 0.35 * envelope * math.sin(2 * math.pi * frequency * i / rate)
            frames += struct.pack("<h", int(sample * 32767))
    out = io.BytesIO()
    with wave.open(out, "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(bytes(frames))
    return out.getvalue()
