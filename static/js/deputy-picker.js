/* The co-signer picker. A field with data-deputy-picker="<search url>" (a co-signer names
   field) gets a search box above it: typing a name, a delegation or pinyin initials ("lm" for
   李明) lists the deputies in office, each with the delegation that tells namesakes apart;
   choosing one adds "姓名（代表团）" to the names field, which the form resolves as typed names.
   Without this script the names field works alone. No inline script (CSP).

   data-picker-label   the search box's label      data-picker-none   said when nothing matches
*/
(function () {
  "use strict";

  var counter = 0;

  function enhance(field) {
    counter += 1;
    var id = "deputy-picker-" + counter;
    var box = document.createElement("div");
    box.className = "picker";
    var label = document.createElement("label");
    label.setAttribute("for", id);
    label.textContent = field.getAttribute("data-picker-label");
    var search = document.createElement("input");
    search.type = "search";
    search.id = id;
    search.className = "picker__search";
    search.setAttribute("autocomplete", "off");
    search.setAttribute("role", "combobox");
    search.setAttribute("aria-expanded", "false");
    search.setAttribute("aria-controls", id + "-list");
    var list = document.createElement("ul");
    list.id = id + "-list";
    list.className = "picker__list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "picker__status help";
    status.setAttribute("role", "status");
    box.appendChild(label);
    box.appendChild(search);
    box.appendChild(list);
    box.appendChild(status);
    var anchor = field.closest(".inline-form__row") || field;
    anchor.parentNode.insertBefore(box, anchor);

    var timer = null;
    var asked = 0;

    function close() {
      list.hidden = true;
      list.textContent = "";
      search.setAttribute("aria-expanded", "false");
    }

    function choose(option) {
      var label = option.getAttribute("data-label");
      var names = field.value.split(/[\s,，、;；]+/).filter(Boolean);
      if (names.indexOf(label) === -1 && names.indexOf(option.getAttribute("data-name")) === -1) {
        names.push(label);
      }
      field.value = names.join("、");
      search.value = "";
      status.textContent = "";
      close();
      search.focus();
    }

    function show(results) {
      list.textContent = "";
      results.forEach(function (deputy, index) {
        var option = document.createElement("li");
        option.id = id + "-option-" + index;
        option.className = "picker__option";
        option.setAttribute("role", "option");
        option.setAttribute("data-label", deputy.label);
        option.setAttribute("data-name", deputy.name);
        var name = document.createElement("strong");
        name.textContent = deputy.name;
        var where = document.createElement("span");
        where.className = "muted";
        where.textContent = " " + deputy.delegation;
        option.appendChild(name);
        option.appendChild(where);
        list.appendChild(option);
      });
      list.hidden = results.length === 0;
      search.setAttribute("aria-expanded", results.length ? "true" : "false");
      status.textContent = results.length ? "" : field.getAttribute("data-picker-none");
    }

    function ask() {
      var q = search.value.trim();
      if (!q) {
        close();
        status.textContent = "";
        return;
      }
      asked += 1;
      var mine = asked;
      var url = field.getAttribute("data-deputy-picker") + "?q=" + encodeURIComponent(q);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (mine === asked) { show(data.results); } })
        .catch(function () { close(); });
    }

    function active() {
      return list.querySelector('[aria-selected="true"]');
    }

    function move(step) {
      var options = Array.prototype.slice.call(list.children);
      if (!options.length) { return; }
      var current = options.indexOf(active());
      var next = options[(current + step + options.length) % options.length];
      options.forEach(function (o) { o.setAttribute("aria-selected", o === next ? "true" : "false"); });
      search.setAttribute("aria-activedescendant", next.id);
    }

    search.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(ask, 200);
    });
    search.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown") { move(1); event.preventDefault(); }
      else if (event.key === "ArrowUp") { move(-1); event.preventDefault(); }
      else if (event.key === "Escape") { close(); }
      else if (event.key === "Enter") {
        // Enter chooses the highlighted deputy (or the only one); it never submits the form.
        var option = active() || (list.children.length === 1 ? list.children[0] : null);
        event.preventDefault();
        if (option) { choose(option); }
      }
    });
    list.addEventListener("click", function (event) {
      var option = event.target.closest(".picker__option");
      if (option) { choose(option); }
    });
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-deputy-picker]"), enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
