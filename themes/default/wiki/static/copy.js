// Copy buttons for the netjournal wiki: a button with data-copy puts that
// text on the clipboard, for the commands a page shows (netjournal done
// EVENT#N closes a follow-up). The buttons are hidden until this script
// shows them, so a page without scripts shows the command alone, to select.
(function () {
  "use strict";

  function copied(button, ok) {
    var label = button.querySelector(".copy-label");
    if (!label) return;
    var was = label.getAttribute("data-label") || label.textContent;
    label.setAttribute("data-label", was);
    label.textContent = ok ? "Copied" : "Select and copy";
    button.classList.toggle("done", ok);
    clearTimeout(button.copyTimer);
    button.copyTimer = setTimeout(function () {
      label.textContent = was;
      button.classList.remove("done");
    }, 1600);
  }

  // fallback copies through a selected text area, for pages opened from
  // file:// in browsers that keep the clipboard API from them.
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    document.body.removeChild(area);
    return ok;
  }

  var buttons = document.querySelectorAll("button[data-copy]");
  for (var i = 0; i < buttons.length; i++) {
    buttons[i].hidden = false;
    buttons[i].addEventListener("click", function (ev) {
      var button = ev.currentTarget;
      var text = button.getAttribute("data-copy");
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(
          function () { copied(button, true); },
          function () { copied(button, fallback(text)); });
      } else {
        copied(button, fallback(text));
      }
    });
  }
})();
