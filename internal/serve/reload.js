// netjournal serve: reload this page when it changes, swap stylesheets in
// place, and show build problems over the page until they are fixed.
(function () {
  "use strict";
  var overlayId = "netjournal-problems";

  function here() {
    var p = location.pathname;
    return p.replace(/index\.html$/, "");
  }

  function showProblems(problems) {
    var box = document.getElementById(overlayId);
    if (!box) {
      box = document.createElement("div");
      box.id = overlayId;
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
        "background:rgba(20,20,24,.92);color:#fff;padding:32px;" +
        "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace";
      document.body.appendChild(box);
    }
    box.textContent = "";
    var h = document.createElement("div");
    h.textContent = document.documentElement.hasAttribute("data-netjournal-unbuilt") ?
      "netjournal: the site does not build yet." :
      "netjournal: the last change did not build. The page shows the last good build.";
    h.style.cssText = "font:600 16px/1.4 system-ui,sans-serif;margin-bottom:16px;color:#ff8a8a";
    box.appendChild(h);
    var list = document.createElement("pre");
    list.style.cssText = "white-space:pre-wrap;margin:0";
    list.textContent = problems.join("\n");
    box.appendChild(list);
  }

  function swapStyles() {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].href, location.href);
      url.searchParams.set("netjournal", Date.now());
      links[i].href = url.toString();
    }
  }

  var source = new EventSource("/_netjournal/events");
  source.onopen = function () {
    // Marks the page as listening (tests wait for it).
    document.documentElement.setAttribute("data-netjournal", "connected");
  };
  source.onmessage = function (e) {
    var m = JSON.parse(e.data);
    if (m.type === "problems") {
      showProblems(m.problems || []);
    } else if (m.type === "css") {
      swapStyles();
    } else if (m.type === "reload") {
      var paths = m.paths || [];
      if (paths.indexOf("*") >= 0 || paths.indexOf(here()) >= 0 || document.getElementById(overlayId)) {
        location.reload();
      }
    }
  };
})();
