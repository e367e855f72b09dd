// Draws the dashboard's line charts with Chart.js 4 (core/static/vendor/chart.umd.min.js, loaded before this file).
//
// Each <canvas data-chart="ID"> is drawn from the JSON in <script type="application/json" id="ID"> (Django's
// json_script filter), so pages need no inline script: the content security policy forbids it. The JSON is
// {title, unit, labels: [...], datasets: [{label, kind: "value" | "target" | "england", data: [number | null]}]}.
// Every chart has a table of the same numbers beside it, so the canvas is an image with a text alternative.
(() => {
  "use strict";

  if (typeof window.Chart === "undefined") {
    return;
  }
  const Chart = window.Chart;

  // GOV.UK colours with at least 3:1 contrast on white; lines also differ by dash, not only by colour.
  const STYLES = {
    value: { borderColor: "#1d70b8", backgroundColor: "#1d70b8", borderWidth: 3, pointRadius: 2.5, borderDash: [] },
    target: { borderColor: "#d4351c", backgroundColor: "#d4351c", borderWidth: 2, pointRadius: 0, borderDash: [8, 5] },
    england: { borderColor: "#505a5f", backgroundColor: "#505a5f", borderWidth: 2, pointRadius: 0, borderDash: [2, 4] },
  };

  Chart.defaults.font.family = '"GDS Transport", arial, sans-serif';
  Chart.defaults.font.size = 14;
  Chart.defaults.color = "#0b0c0c";

  const format = (value, unit) => (value === null || value === undefined ? "no figure" : `${value}${unit}`);

  const draw = (canvas) => {
    const source = document.getElementById(canvas.getAttribute("data-chart"));
    if (!source || window.Chart.getChart(canvas)) {
      return;
    }
    const spec = JSON.parse(source.textContent);
    const unit = spec.unit || "";
    const datasets = spec.datasets.map((series) => ({
      label: series.label,
      data: series.data,
      fill: false,
      tension: 0,
      spanGaps: false,
      pointHitRadius: 8,
      ...(STYLES[series.kind] || STYLES.value),
    }));
    new Chart(canvas, {
      type: "line",
      data: { labels: spec.labels, datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          x: { ticks: { maxRotation: 0, autoSkip: true, maxTicksLimit: 7 }, grid: { display: false } },
          y: { beginAtZero: true, ticks: { callback: (value) => `${value}${unit}` } },
        },
        plugins: {
          legend: { position: "bottom", labels: { usePointStyle: true, pointStyle: "line", boxWidth: 30 } },
          tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${format(item.parsed.y, unit)}` } },
        },
      },
    });
  };

  document.querySelectorAll("canvas[data-chart]").forEach(draw);
})();
