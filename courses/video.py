"""Video links: only YouTube and Vimeo, embedded through their privacy-enhanced players,
and only after the viewer clicks (no request to them before that)."""

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com"}
YOUTUBE_HOSTS |= {"www.youtube-nocookie.com", "youtu.be"}
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}
_ID = re.compile(r"^[A-Za-z0-9_-]{6,20}$")


@dataclass(frozen=True)
class Video:
    provider: str  # "YouTube" or "Vimeo"
    video_id: str

    @property
    def embed_url(self) -> str:
        if self.provider == "YouTube":
            return f"https://www.youtube-nocookie.com/embed/{self.video_id}?rel=0"
        return f"https://player.vimeo.com/video/{self.video_id}?dnt=1"

    @property
    def watch_url(self) -> str:
        if self.provider == "YouTube":
            return f"https://www.youtube.com/watch?v={self.video_id}"
        return f"https://vimeo.com/{self.video_id}"

    @property
    def embed_origin(self) -> str:
        return urlsplit(self.embed_url).netloc


def parse_video_url(url: str) -> Video | None:
    """The video behind a YouTube or Vimeo address, or None for anything else."""
    parts = urlsplit((url or "").strip())
    if parts.scheme not in {"http", "https"}:
        return None
    host = (parts.hostname or "").lower()
    path = [segment for segment in parts.path.split("/") if segment]
    candidate = ""
    if host == "youtu.be" and path:
        candidate, provider = path[0], "YouTube"
    elif host in YOUTUBE_HOSTS:
        provider = "YouTube"
        if path[:1] == ["watch"]:
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(path) >= 2 and path[0] in {"embed", "shorts", "live", "v"}:
            candidate = path[1]
    elif host in VIMEO_HOSTS:
        provider = "Vimeo"
        numeric = [segment for segment in path if segment.isdigit()]
        candidate = numeric[0] if numeric else ""
    else:
        return None
    if not candidate or not _ID.match(candidate):
        return None
    return Video(provider, candidate)
