// Search for the netjournal wiki: a live search over search-index.js, with
// no dependencies and no requests beyond that file. The index is a script
// that sets a global rather than JSON, because a page opened from file://
// may load a script but may not fetch() a file.
//
// Keys: / focuses the box, ↑ and ↓ move through the results, Enter opens
// one, Esc closes the list. Names and aliases that match exactly or by
// prefix rank first, then companies and tags, then other details (role,
// location, kind, people), then notes. Every word typed must match.
// Accents and case are ignored: "joao" finds "João".
(function () {
  "use strict";

  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector(".search-input");
  var root = form.getAttribute("data-root") || "";
  var LIMIT = 12;
  var KIND_ORDER = { contact: 0, event: 1, post: 2 };

  var docs = null;
  var loading = false;
  var results = [];
  var active = -1;

  var list = document.createElement("ul");
  list.id = "search-results";
  list.className = "search-results";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Search results");
  list.hidden = true;
  form.appendChild(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-expanded", "false");

  // fold lower-cases s and strips accents one character at a time, so
  // that positions in the folded text are positions in s.
  function fold(s) {
    s = s || "";
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      if (c.charCodeAt(0) < 128) {
        out += c.toLowerCase();
        continue;
      }
      var f = c.normalize("NFD").charAt(0).toLowerCase();
      out += f.length === 1 ? f : c;
    }
    return out;
  }

  // load loads search-index.js, and the parts of the index it names
  // (window.netjournalSearchParts) if it has any: a large index comes in
  // parts, so that an edit rewrites one part, not the whole index.
  function load() {
    if (docs || loading) return;
    loading = true;
    if (window.netjournalSearch) loadParts();
    else script("search-index.js", loadParts);
  }

  function loadParts() {
    var parts = window.netjournalSearchParts || [];
    var left = parts.length;
    if (!left) return loaded();
    parts.forEach(function (p) {
      script(p, function () {
        if (--left === 0) loaded();
      });
    });
  }

  // loaded puts the index together, in its order: search-index.js's own
  // entries, then each part's.
  function loaded() {
    if (!loading) return;
    loading = false;
    var all = (window.netjournalSearch || []).slice();
    var got = window.netjournalSearchPart || {};
    (window.netjournalSearchParts || []).forEach(function (p) {
      all = all.concat(got[p] || []);
    });
    prepare(all);
    run();
  }

  function script(path, onload) {
    var s = document.createElement("script");
    s.src = root + path;
    s.onload = onload;
    s.onerror = function () {
      if (!loading) return;
      loading = false;
      docs = [];
      message("The search index did not load: rebuild the wiki.");
    };
    document.head.appendChild(s);
  }

  function prepare(raw) {
    docs = raw.map(function (d) {
      return {
        d: d,
        names: [fold(d.t)].concat((d.a || []).map(fold)),
        company: fold(d.c),
        tags: (d.g || []).map(fold),
        other: fold(d.o),
        notes: fold(d.n)
      };
    });
  }

  // find returns where t starts a word of s ("chen" in "mei chen"), or -1.
  function find(s, t) {
    var i = s.indexOf(t);
    while (i >= 0) {
      if (i === 0 || !/[0-9a-z\u00c0-\uffff]/.test(s.charAt(i - 1))) return i;
      i = s.indexOf(t, i + 1);
    }
    return -1;
  }

  function startsWord(s, t) { return find(s, t) >= 0; }

  // at is where to show t in s: at the start of a word if it starts one.
  function at(s, t) {
    var i = find(s, t);
    return i >= 0 ? i : s.indexOf(t);
  }

  // score rates how one term matches a document; 0 means it does not.
  // where says which field matched, for the result's second line.
  function score(x, t) {
    var best = 0, alias = "";
    x.names.forEach(function (n, i) {
      var s = 0;
      if (n === t) s = 100;
      else if (n.indexOf(t) === 0) s = 90;
      else if (startsWord(n, t)) s = 80;
      else if (n.indexOf(t) >= 0) s = 60;
      if (s > best) {
        best = s;
        alias = i > 0 ? x.d.a[i - 1] : "";
      }
    });
    // A tag or company given exactly ranks above a word that merely starts
    // with the term: "mentor" finds those tagged #mentor before "mentoring".
    var exact = x.company === t || x.tags.indexOf(t) >= 0;
    if (exact && best < 90) return { s: 85, where: "company" };
    if (best) return { s: best, where: alias ? "alias" : "name", alias: alias };
    // Beyond names only the start of a word counts: "ana" should not find
    // every "manager".
    if (startsWord(x.company, t) || x.tags.some(function (g) { return startsWord(g, t); })) return { s: 45, where: "company" };
    if (startsWord(x.other, t)) return { s: 30, where: "other" };
    if (startsWord(x.notes, t)) return { s: 10, where: "notes" };
    return null;
  }

  function search(q) {
    var phrase = fold(q).trim().replace(/\s+/g, " ");
    var terms = phrase.split(" ").filter(Boolean);
    if (!terms.length || !docs) return [];
    var out = [];
    docs.forEach(function (x) {
      var total = 0, hits = [];
      for (var i = 0; i < terms.length; i++) {
        var h = score(x, terms[i]);
        if (!h) return;
        total += h.s;
        hits.push(h);
      }
      // The whole query as a name beats its words one by one.
      if (terms.length > 1) {
        x.names.forEach(function (n) {
          if (n === phrase) total += 1000;
          else if (n.indexOf(phrase) === 0) total += 500;
        });
      }
      out.push({ x: x, score: total, hits: hits, terms: terms });
    });
    out.sort(function (a, b) {
      return b.score - a.score ||
        KIND_ORDER[a.x.d.k] - KIND_ORDER[b.x.d.k] ||
        (a.x.d.t < b.x.d.t ? -1 : a.x.d.t > b.x.d.t ? 1 : 0);
    });
    return out;
  }

  // marked appends text to el with the first match of each term marked.
  function marked(el, text, terms) {
    var f = fold(text), spans = [];
    terms.forEach(function (t) {
      var i = at(f, t);
      if (i >= 0) spans.push([i, i + t.length]);
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var done = 0;
    spans.forEach(function (s) {
      if (s[0] < done) return; // overlaps the one before
      el.appendChild(document.createTextNode(text.slice(done, s[0])));
      var m = document.createElement("mark");
      m.textContent = text.slice(s[0], s[1]);
      el.appendChild(m);
      done = s[1];
    });
    el.appendChild(document.createTextNode(text.slice(done)));
  }

  // snippet is a stretch of notes around the first term found in them.
  function snippet(notes, terms) {
    var f = fold(notes), first = -1;
    terms.forEach(function (t) {
      var i = at(f, t);
      if (i >= 0 && (first < 0 || i < first)) first = i;
    });
    if (first < 0) return notes.slice(0, 90);
    var from = Math.max(0, first - 36);
    var sp = notes.lastIndexOf(" ", from);
    if (from > 0 && sp > first - 60) from = sp + 1;
    var s = notes.slice(from, from + 110);
    return (from > 0 ? "…" : "") + s + (from + 110 < notes.length ? "…" : "");
  }

  function initials(name) {
    var words = name.split(/[^\p{L}']+/u).filter(Boolean);
    if (!words.length) return "?";
    var first = words[0].charAt(0), last = words.length > 1 ? words[words.length - 1].charAt(0) : "";
    return (first + last).toUpperCase();
  }

  function row(r, i) {
    var d = r.x.d;
    var li = document.createElement("li");
    li.setAttribute("role", "presentation");
    var a = document.createElement("a");
    a.className = "result";
    a.id = "search-result-" + i;
    a.href = root + d.u;
    a.setAttribute("role", "option");
    a.setAttribute("aria-selected", "false");
    a.tabIndex = -1;
    var icon = document.createElement("span");
    icon.setAttribute("aria-hidden", "true");
    if (d.k === "contact") {
      icon.className = "avatar" + (d.h ? " " + d.h : "");
      icon.textContent = initials(d.t);
    } else {
      icon.className = "kind-icon k-" + d.k;
      icon.textContent = d.k === "event" ? "E" : "P";
    }
    var title = document.createElement("span");
    title.className = "result-title";
    marked(title, d.t, r.terms);
    var sub = document.createElement("span");
    sub.className = "result-sub";
    var where = r.hits.map(function (h) { return h.where; });
    // An alias is worth showing when the name itself does not match.
    var alias = r.hits.filter(function (h) { return h.alias && fold(d.t).indexOf(fold(h.alias)) < 0; })[0];
    if (alias) {
      sub.appendChild(document.createTextNode("also "));
      marked(sub, alias.alias, r.terms);
      if (d.s) sub.appendChild(document.createTextNode(" · " + d.s));
    } else if (where.indexOf("notes") >= 0) {
      marked(sub, snippet(d.n, r.terms), r.terms);
    } else if (where.indexOf("company") >= 0 && d.g && d.g.length) {
      // The tags that match first, where they are seen.
      var tags = d.g.filter(function (g) {
        return r.terms.some(function (t) { return startsWord(fold(g), t); });
      }).map(function (g) { return "#" + g; });
      marked(sub, tags.concat([d.s]).filter(Boolean).join(" · "), r.terms);
    } else if (where.indexOf("other") >= 0 && d.o) {
      marked(sub, d.o.length > 70 ? snippet(d.o, r.terms) : d.o, r.terms);
    } else {
      marked(sub, d.s || d.k, r.terms);
    }
    a.appendChild(icon);
    a.appendChild(title);
    a.appendChild(sub);
    li.appendChild(a);
    return li;
  }

  function message(text) {
    list.textContent = "";
    var li = document.createElement("li");
    li.className = "result-empty";
    li.textContent = text;
    list.appendChild(li);
    open(true);
  }

  function open(on) {
    list.hidden = !on;
    input.setAttribute("aria-expanded", on ? "true" : "false");
    if (!on) {
      active = -1;
      input.removeAttribute("aria-activedescendant");
    }
  }

  function run() {
    var q = input.value.trim();
    if (!q) {
      results = [];
      open(false);
      return;
    }
    if (!docs) {
      load();
      if (!docs) return; // run again once loaded
    }
    var all = search(q);
    results = all.slice(0, LIMIT);
    list.textContent = "";
    if (!results.length) {
      message("Nothing matches “" + q + "”.");
      return;
    }
    results.forEach(function (r, i) { list.appendChild(row(r, i)); });
    if (all.length > LIMIT) {
      var more = document.createElement("li");
      more.className = "result-more";
      more.textContent = (all.length - LIMIT) + " more: type more to narrow the search";
      list.appendChild(more);
    }
    open(true);
    select(0);
  }

  function select(i) {
    var items = list.querySelectorAll(".result");
    if (!items.length) return;
    active = (i + items.length) % items.length;
    items.forEach(function (el, k) {
      el.classList.toggle("active", k === active);
      el.setAttribute("aria-selected", k === active ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  function go() {
    var r = results[active >= 0 ? active : 0];
    if (r) window.location.href = root + r.x.d.u;
  }

  input.addEventListener("focus", function () {
    load();
    if (input.value.trim()) run();
  });
  input.addEventListener("input", run);
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (list.hidden) run();
      else select(active + (e.key === "ArrowDown" ? 1 : -1));
    } else if (e.key === "Escape") {
      if (!list.hidden) {
        e.preventDefault();
        open(false);
      } else {
        input.value = "";
        input.blur();
      }
    }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    if (!docs) return;
    if (!results.length) run();
    go();
  });
  // Keep the focus in the box while a result is clicked.
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });
  document.addEventListener("click", function (e) {
    if (!form.contains(e.target)) open(false);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(input|textarea|select)$/i.test(t.tagName))) return;
    e.preventDefault();
    input.focus();
    input.select();
  });
})();
