"""Demo files made on the spot: cover images, a sheet-music PDF and a play-along WAV.
Nothing is downloaded."""

import io
import math
import struct
import wave

from PIL import Image, ImageDraw, ImageFont

# Pairs of colours from the design tokens (site.css): brand navy, forest (success),
# plum and teal avatars, bronze; each with white text at 7:1 or more.
PALETTES = [
    ((35, 64, 107), (163, 56, 15)),
    ((30, 91, 50), (255, 191, 71)),
    ((92, 40, 110), (240, 160, 190)),
    ((20, 80, 100), (200, 230, 240)),
    ((110, 60, 20), (250, 220, 170)),
]

# Pillow's built-in font has no æ, ø or å (it draws a box for each), so covers are
# drawn with a Debian font when one is installed (fonts-dejavu-core is a dependency
# of many packages, including Chromium's); the built-in font is the last resort.
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/usr/share/fonts/truetype/freefont/FreeSansBold.ttf",
)


def _font(size: int):
    for path in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow without FreeType
        return ImageFont.load_default()


def _wrap(draw, text: str, font, width: int, max_lines: int = 3) -> list[str]:
    """Break the title into lines that fit; the last line ends in an ellipsis if cut."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if draw.textlength(candidate, font=font) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(".,;: ") + "…"
    return lines


def cover_png(title: str, seed: int, size=(1200, 675)) -> bytes:
    """A designed, local cover: a gradient in two token colours, a stave with notes,
    and the title in white on a band of the darker colour (æøå drawn properly)."""
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
    scale = width / 1200
    stave_top = int(height * 0.62)
    gap = max(4, int(18 * scale))
    margin = int(60 * scale)
    for i in range(5):  # a stave
        y = stave_top + i * gap
        draw.line(
            [(margin, y), (width - margin, y)], fill=(255, 255, 255), width=max(1, int(3 * scale))
        )
    for n in range(8):
        x = int(120 * scale) + n * (width - int(240 * scale)) // 8
        y = stave_top + ((n * 7 + seed) % 9) * gap // 2
        head = int(13 * scale) or 1
        draw.ellipse(
            [x, y - head * 10 // 13, x + 2 * head, y + head * 10 // 13], fill=(255, 255, 255)
        )
        draw.line(
            [(x + 2 * head - 2, y), (x + 2 * head - 2, y - int(70 * scale))],
            fill=(255, 255, 255),
            width=max(1, int(4 * scale)),
        )
    # The title band: the palette's darker colour, so white text keeps its contrast.
    font = _font(max(12, int(60 * scale)))
    lines = _wrap(draw, title, font, width - 2 * margin - int(40 * scale))
    line_height = int(font.size * 1.2) if hasattr(font, "size") else 14
    pad = int(24 * scale)
    band_bottom = margin + 2 * pad + line_height * len(lines)
    draw.rectangle([0, margin // 2, width - margin, band_bottom], fill=top)
    draw.rectangle([0, margin // 2, int(12 * scale), band_bottom], fill=bottom)
    for i, line in enumerate(lines):
        draw.text(
            (margin, margin // 2 + pad + i * line_height), line, fill=(255, 255, 255), font=font
        )
    label_font = _font(max(10, int(26 * scale)))
    label_colour = top if sum(bottom) > 450 else (255, 255, 255)  # dark on a light end
    draw.text(
        (margin, height - margin), "Samspill", fill=label_colour, font=label_font, anchor="ls"
    )
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
