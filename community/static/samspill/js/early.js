// Loaded before the page paints: tells the stylesheet that scripts run, so
// parts that scripts enhance (the phone menu, tabs) can fold without a flash.
document.documentElement.classList.add("js");
