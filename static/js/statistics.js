/* The statistics page's charts (ECharts, static/vendor/echarts-<version>/), drawn from the
   figures in the page's JSON data island (#statistics-data, written by json_script): no
   inline script, so the page keeps its Content-Security-Policy. Each chart stands above a
   table of the same figures; a click on a bar opens the list behind it, as the table's links do.

   data-statistics-chart="<id>"   on an empty <div>: the chart of the table with that id.
*/
(function () {
  "use strict";

  var island = document.getElementById("statistics-data");
  if (!island || typeof window.echarts === "undefined") {
    return;
  }
  var data = JSON.parse(island.textContent);
  var tables = {};
  data.totals.concat(data.breakdowns).forEach(function (t) { tables[t.id] = t; });

  // What a breakdown compares, per level: enough to read, few enough for a phone.
  var KEY_FIGURES = {
    suggestions: ["filed", "accepted", "replied", "category_a", "category_c"],
    handling: ["assigned", "replied_on_time", "replied_late", "overdue", "category_c"],
    commitments: ["made", "kept", "unkept", "open"]
  };
  // A figure's colour says what it is: solved and kept green, late and planned amber, unsolved,
  // unkept and overdue red, the counts of what was filed and handled blue.
  var GOOD = "#2e7d4f", SO_SO = "#d39b1d", BAD = "#b3261e", PLAIN = "#0b4f9c", MUTED = "#6b7280";
  var COLOUR_OF = {
    category_a: GOOD, satisfied: GOOD, replied_on_time: GOOD, kept: GOOD, kept_on_time: GOOD,
    category_b: SO_SO, basically_satisfied: SO_SO, replied_late: SO_SO, kept_late: SO_SO, extended: SO_SO,
    category_c: BAD, unsatisfied: BAD, unkept: BAD, overdue: "#e36a5f", objected: "#e36a5f",
    accepted: "#4a90a4", replied: "#6b5ca5", owing_reply: "#4a90a4",
    open: MUTED, not_accepted: MUTED, merged: MUTED, withdrawn: MUTED
  };
  function colourOf(name) { return COLOUR_OF[name] || PLAIN; }
  var MAX_ROWS = 15;

  function open(url) {
    if (url) { window.location.href = url; }
  }

  function totalsChart(table) {
    var figures = table.rows[0];
    var labels = table.columns.map(function (c) { return c.label; });
    return {
      grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: "item" },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", data: labels.slice().reverse(), axisLabel: { width: 150, overflow: "break" } },
      series: [{
        type: "bar",
        data: figures.values.map(function (v, i) {
          return { value: v, url: figures.urls[i], itemStyle: { color: colourOf(table.columns[i].name) } };
        }).reverse(),
        barMaxWidth: 18,
        label: { show: true, position: "right" }
      }]
    };
  }

  function breakdownChart(table) {
    var wanted = KEY_FIGURES[table.level] || [];
    var columns = table.columns
      .map(function (c, i) { return { name: c.name, label: c.label, index: i }; })
      .filter(function (c) { return wanted.indexOf(c.name) >= 0; });
    var trend = table.by === "year";
    var rows = trend ? table.rows : table.rows.slice(0, MAX_ROWS);
    var labels = rows.map(function (r) { return r.label; });
    var series = columns.map(function (c) {
      return {
        name: c.label,
        type: trend ? "line" : "bar",
        color: colourOf(c.name),
        barMaxWidth: 14,
        data: rows.map(function (r) { return { value: r.values[c.index], url: r.urls[c.index] }; })
      };
    });
    var category = { type: "category", data: labels, axisLabel: { width: 110, overflow: "truncate" } };
    var value = { type: "value", minInterval: 1 };
    if (!trend) {
      category.inverse = true;
    }
    return {
      legend: { type: "scroll", top: 0 },
      tooltip: { trigger: "axis" },
      grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
      xAxis: trend ? category : value,
      yAxis: trend ? value : category,
      series: series
    };
  }

  var reducedMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var charts = [];
  Array.prototype.forEach.call(document.querySelectorAll("[data-statistics-chart]"), function (el) {
    var table = tables[el.getAttribute("data-statistics-chart")];
    if (!table || !table.rows.length) {
      el.hidden = true;
      return;
    }
    var option = table.by ? breakdownChart(table) : totalsChart(table);
    if (table.by && table.by !== "year") {
      // Horizontal bars: each row of the table gets the height it needs.
      var shown = Math.min(table.rows.length, MAX_ROWS);
      el.style.height = Math.max(240, 60 + shown * 26 * Math.max(1, option.series.length / 2)) + "px";
    } else if (!table.by) {
      el.style.height = Math.max(220, 24 + table.columns.length * 26) + "px";
    }
    // No growing bars for whoever asked their system for less motion (WCAG 2.3.3); a bar that is
    // still growing does not yet take the click that opens its list.
    option.animation = !reducedMotion;
    var chart = window.echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option);
    chart.on("click", function (params) { open(params.data && params.data.url); });
    charts.push(chart);
  });
  window.addEventListener("resize", function () {
    charts.forEach(function (chart) { chart.resize(); });
  });
})();
