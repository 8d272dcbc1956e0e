/* A generated document's progress page: asks the status URL every two seconds until the
   document is ready or has failed, then shows the download link. Without this script the
   page says to refresh (noscript). */
(function () {
  "use strict";
  var box = document.querySelector("[data-document-status]");
  if (!box) { return; }
  var url = box.getAttribute("data-document-status");
  var bar = box.querySelector("[data-document-progress]");
  var percent = box.querySelector("[data-document-percent]");
  var label = box.querySelector("[data-document-label]");
  var link = box.querySelector("[data-document-link]");

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        bar.value = data.progress;
        bar.textContent = data.progress + "%";
        percent.textContent = data.progress;
        label.textContent = data.label;
        if (data.status === "done") {
          link.href = data.url;
          link.hidden = false;
        } else if (data.status === "failed") {
          window.location.reload();
        } else {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  if (link.hidden) { window.setTimeout(poll, 1000); }
})();
