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
