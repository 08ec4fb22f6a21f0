// Lessons: remember the scroll position for "Continue where you left off", and
// return to it when the learner continues. Works without this script too (the
// server already knows the lesson).
const lesson = document.getElementById("lesson");

function csrfToken() {
  const field = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (field) return field.value;
  const match = document.cookie.match(/(?:^|; )csrftoken=([^;]+)/);
  return match ? decodeURIComponent(match[1]) : "";
}

if (lesson && lesson.dataset.positionUrl) {
  const resume = Number(lesson.dataset.resume || 0);
  if (resume > 0 && !window.location.hash) {
    window.scrollTo({ top: resume, behavior: "instant" });
  }
  let last = -1;
  const save = () => {
    const y = Math.round(window.scrollY);
    if (y === last) return;
    last = y;
    const body = new FormData();
    body.append("y", String(y));
    body.append("csrfmiddlewaretoken", csrfToken());
    navigator.sendBeacon(lesson.dataset.positionUrl, body);
  };
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") save();
  });
  window.addEventListener("pagehide", save);
}

// After answering, move focus to the feedback so screen readers and keyboard users get it.
const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
if (target && target.classList.contains("self-check__result")) target.focus();
const error = document.querySelector(".self-check [role=alert]");
if (error) error.focus();
