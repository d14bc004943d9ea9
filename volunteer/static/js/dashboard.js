// Draws the dashboard's monthly trend from the JSON the page embeds (ECharts, vendored);
// the status bar and the comparison are drawn by the server.
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var labels = JSON.parse(document.getElementById("chart-labels").textContent);
  var percent = function (v) { return v === null ? null : Math.round(v * 1000) / 10; };
  // Chart text follows the page's size, so the elder-friendly mode enlarges it too.
  var text = { fontSize: Math.round(parseFloat(getComputedStyle(document.documentElement).fontSize) * 0.8) };
  // Tooltips drawn on the canvas: an HTML tooltip sets inline style attributes, which the
  // Content-Security-Policy (styles from files only) refuses.
  var tooltip = { trigger: "axis", renderMode: "richText" };

  var trend = echarts.init(document.getElementById("trend"));
  trend.setOption({
    textStyle: text,
    tooltip: tooltip,
    legend: { data: [labels.orders, labels.completion, labels.on_time, labels.satisfaction] },
    xAxis: { type: "category", data: data.months },
    yAxis: [
      { type: "value", name: labels.orders, minInterval: 1 },
      { type: "value", name: "%", max: 100, splitLine: { show: false } }
    ],
    series: [
      { name: labels.orders, type: "bar", data: data.orders, itemStyle: { color: "#b3261e" } },
      { name: labels.completion, type: "line", yAxisIndex: 1, data: data.completion.map(percent) },
      { name: labels.on_time, type: "line", yAxisIndex: 1, data: data.on_time.map(percent) },
      { name: labels.satisfaction, type: "line", yAxisIndex: 1, data: data.satisfaction.map(percent) }
    ]
  });

  window.addEventListener("resize", function () { trend.resize(); });
})();
