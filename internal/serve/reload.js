// netjournal serve: reload this page when it, or a file it has loaded,
// changes; swap its stylesheets in place when only they changed; and show
// build problems over the page until they are fixed.
(function () {
  "use strict";
  var overlayId = "netjournal-problems";
  var changesSeen = 0;

  // The files a page has loaded are read from the browser's resource
  // timing, which keeps only 250 entries unless told otherwise.
  if (performance.setResourceTimingBufferSize) {
    performance.setResourceTimingBufferSize(100000);
  }

  // pathOf returns the path of a URL of this server as the server names
  // changed files: decoded, and a folder's page without index.html; or ""
  // for a URL of another origin.
  function pathOf(href) {
    var u;
    try {
      u = new URL(href, location.href);
    } catch (e) {
      return "";
    }
    if (u.origin !== location.origin) return "";
    var p = u.pathname;
    try {
      p = decodeURIComponent(p);
    } catch (e) {}
    return p.replace(/index\.html$/, "");
  }

  // uses returns the paths of the files this page has loaded, each true
  // if it is one of the page's stylesheets, which can be swapped in
  // place, and false for anything else (scripts, images, stylesheets
  // imported by others), which only a reload brings in.
  //
  // The wiki's search box loads search-index.js the first time it is
  // used, and keeps it. A page that has not searched yet has not loaded
  // it, so it does not reload when the index changes (nearly every edit
  // changes it): it loads the new index when the search box is used. A
  // page that has searched holds the old index, and reloads, or its
  // search would miss the edit.
  function uses() {
    var files = {};
    var entries = performance.getEntriesByType ? performance.getEntriesByType("resource") : [];
    for (var i = 0; i < entries.length; i++) {
      var p = pathOf(entries[i].name);
      if (p) files[p] = false;
    }
    var loaded = document.querySelectorAll("[src]");
    for (i = 0; i < loaded.length; i++) {
      p = pathOf(loaded[i].getAttribute("src"));
      if (p) files[p] = false;
    }
    var sheets = document.querySelectorAll('link[rel="stylesheet"]');
    for (i = 0; i < sheets.length; i++) {
      p = pathOf(sheets[i].href);
      if (p) files[p] = true;
    }
    return files;
  }

  function changed(paths) {
    var set = {};
    for (var i = 0; i < paths.length; i++) set[paths[i]] = true;
    // Only the page's own bytes, or a file it uses, make it reload: the
    // feeds, the search index and other pages change on nearly every
    // edit. A page showing problems reloads on any change, which means
    // the site builds again.
    if (set["*"] || set[pathOf(location.href)] || document.getElementById(overlayId)) {
      location.reload();
      return;
    }
    var files = uses();
    var swap = false;
    for (var p in files) {
      if (!set[p]) continue;
      if (!files[p]) {
        location.reload();
        return;
      }
      swap = true;
    }
    if (swap) swapStyles(set);
    // Counts the changes this page took in without reloading (tests wait
    // for it).
    changesSeen++;
    document.documentElement.setAttribute("data-netjournal-changes", String(changesSeen));
  }

  // swapStyles fetches again each of the page's stylesheets that changed.
  function swapStyles(set) {
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) {
      if (!set[pathOf(links[i].href)]) continue;
      var url = new URL(links[i].href, location.href);
      url.searchParams.set("netjournal", Date.now());
      links[i].href = url.toString();
    }
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

  var source = new EventSource("/_netjournal/events");
  source.onopen = function () {
    // Marks the page as listening (tests wait for it).
    document.documentElement.setAttribute("data-netjournal", "connected");
  };
  source.onmessage = function (e) {
    var m = JSON.parse(e.data);
    if (m.type === "problems") {
      showProblems(m.problems || []);
    } else if (m.type === "changed") {
      changed(m.paths || []);
    }
  };
})();
