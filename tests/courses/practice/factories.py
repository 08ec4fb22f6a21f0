"""Generated audio for practice tests and the demo: a short WAV made with `wave`."""

import io
import math
import struct
import wave

from django.core.files.uploadedfile import SimpleUploadedFile


def wav_bytes(seconds: float = 0.5, frequency: float = 440.0, rate: int = 8000) -> bytes:
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        frames = int(seconds * rate)
        out.writeframes(
            b"".join(
                struct.pack("<h", int(8000 * math.sin(2 * math.pi * frequency * i / rate)))
                for i in range(frames)
            )
        )
    return buffer.getvalue()


def wav_upload(name="take.wav", seconds=0.5):
    return SimpleUploadedFile(name, wav_bytes(seconds), content_type="audio/wav")
