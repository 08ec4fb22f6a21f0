// Video embeds load only after a click: until then no request goes to YouTube or Vimeo.
for (const button of document.querySelectorAll("[data-load-video]")) {
  button.addEventListener("click", () => {
    const holder = button.closest(".video-placeholder");
    const frame = document.createElement("iframe");
    frame.src = holder.dataset.embedUrl + (holder.dataset.embedUrl.includes("?") ? "&" : "?") + "autoplay=1";
    frame.title = holder.dataset.title;
    frame.className = "video-frame";
    frame.allow = "autoplay; fullscreen; picture-in-picture";
    frame.referrerPolicy = "strict-origin-when-cross-origin";
    frame.setAttribute("allowfullscreen", "");
    holder.replaceWith(frame);
    frame.focus();
  });
}

// Filter panels fold away on a phone so the results come first; a panel with a filter
// in use stays open, and widening the window opens it again. Without scripts it is open.
const phone = window.matchMedia("(max-width: 43.74rem)");
for (const panel of document.querySelectorAll("[data-filter-panel]")) {
  if (phone.matches && !("filtered" in panel.dataset)) panel.open = false;
  phone.addEventListener("change", (event) => {
    if (!event.matches) panel.open = true;
  });
}
