/* The portal's few behaviours, unobtrusive: keyed on data attributes, no inline handlers, so
   the pages can be sent with a Content-Security-Policy that allows no inline script. Each page
   works without it (a submit button in <noscript>, the browser's own print).

   data-autosubmit            on a <select>: choosing submits its form.
   data-print                 on a <button>: prints the page (hidden until this script shows it).
   data-check-all="name"      on a checkbox: ticks or clears every checkbox named "name" in its
                              form (or the page); it shows whether all, none or some are ticked.
   data-enabled-when="f=v"    on a field: enabled only while its form's field named f has the
                              value v (a regulation action only for a legislative motion).
   data-shown-when="f=v"      on a block: shown only while its form's field named f has the value
                              v (a category B reply's plan and date); without script it stays shown.
   data-nav-menu              on a navigation <details>: opening it closes the others; Escape or a
                              click elsewhere closes it (without script each closes on its own).
   data-error-summary         on a form's error summary: focused when the page loads, so the
                              reader hears what went wrong first.
*/
(function () {
  "use strict";

  function boxesNamed(source, name) {
    var scope = source.form || document;
    return Array.prototype.filter.call(
      scope.querySelectorAll('input[type="checkbox"]'),
      function (box) { return box.name === name && box !== source; }
    );
  }

  function showState(source) {
    var boxes = boxesNamed(source, source.getAttribute("data-check-all"));
    var ticked = boxes.filter(function (box) { return box.checked; }).length;
    source.checked = boxes.length > 0 && ticked === boxes.length;
    source.indeterminate = ticked > 0 && ticked < boxes.length;
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (target.matches("select[data-autosubmit]") && target.form) {
      if (typeof target.form.requestSubmit === "function") {
        target.form.requestSubmit();
      } else {
        target.form.submit();
      }
    } else if (target.matches('input[type="checkbox"][data-check-all]')) {
      boxesNamed(target, target.getAttribute("data-check-all")).forEach(function (box) {
        box.checked = target.checked;
      });
      target.indeterminate = false;
    } else if (target.matches('input[type="checkbox"]') && target.name) {
      document.querySelectorAll('input[type="checkbox"][data-check-all]').forEach(function (all) {
        if (all.getAttribute("data-check-all") === target.name) { showState(all); }
      });
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-print]");
    if (button) {
      event.preventDefault();
      window.print();
    }
  });

  function syncEnabled(field) {
    var rule = field.getAttribute("data-enabled-when").split("=");
    var other = field.form && field.form.elements.namedItem(rule[0]);
    if (other) { field.disabled = other.value !== rule[1]; }
  }

  function syncShown(block) {
    var rule = block.getAttribute("data-shown-when").split("=");
    var form = block.closest("form");
    var other = form && form.elements.namedItem(rule[0]);
    if (!other) { return; }
    block.hidden = other.value !== rule[1];
  }

  document.addEventListener("change", function (event) {
    var form = event.target.form;
    if (form) {
      form.querySelectorAll("[data-enabled-when]").forEach(syncEnabled);
      form.querySelectorAll("[data-shown-when]").forEach(syncShown);
    }
  });

  function navMenus() { return document.querySelectorAll("details[data-nav-menu]"); }

  document.addEventListener("toggle", function (event) {
    var menu = event.target;
    if (menu.matches && menu.matches("details[data-nav-menu]") && menu.open) {
      navMenus().forEach(function (other) { if (other !== menu) { other.open = false; } });
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    var menu = document.activeElement && document.activeElement.closest("details[data-nav-menu][open]");
    if (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    }
  });

  document.addEventListener("click", function (event) {
    navMenus().forEach(function (menu) {
      if (menu.open && !menu.contains(event.target)) { menu.open = false; }
    });
  });

  function ready() {
    document.querySelectorAll("[data-print][hidden]").forEach(function (button) {
      button.hidden = false;
    });
    document.querySelectorAll("[data-enabled-when]").forEach(syncEnabled);
    document.querySelectorAll("[data-shown-when]").forEach(syncShown);
    var summary = document.querySelector("[data-error-summary]");
    if (summary) { summary.focus(); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
