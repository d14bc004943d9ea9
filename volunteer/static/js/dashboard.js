// Draws the dashboard's charts from the JSON the page embeds (ECharts, vendored).
(function () {
  var data = JSON.parse(document.getElementById("chart-data").textContent);
  var labels = JSON.parse(document.getElementById("chart-labels").textContent);
  var percent = function (v) { return v === null ? null : Math.round(v * 1000) / 10; };

  var trend = echarts.init(document.getElementById("trend"));
  trend.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: [labels.orders, labels.completion, labels.on_time, labels.satisfaction] },
    xAxis: { type: "category", data: data.months },
    yAxis: [{ type: "value", name: labels.orders }, { type: "value", name: "%", max: 100 }],
    series: [
      { name: labels.orders, type: "bar", data: data.orders, itemStyle: { color: "#b3261e" } },
      { name: labels.completion, type: "line", yAxisIndex: 1, data: data.completion.map(percent) },
      { name: labels.on_time, type: "line", yAxisIndex: 1, data: data.on_time.map(percent) },
      { name: labels.satisfaction, type: "line", yAxisIndex: 1, data: data.satisfaction.map(percent) }
    ]
  });

  var funnel = echarts.init(document.getElementById("funnel"));
  funnel.setOption({
    tooltip: { trigger: "item" },
    series: [{
      type: "funnel", sort: "none", left: "10%", width: "80%",
      label: { show: true, position: "inside", formatter: "{b}: {c}" },
      data: data.funnel.map(function (s) { return { name: labels.statuses[s.status], value: s.value }; })
    }]
  });
  window.addEventListener("resize", function () { trend.resize(); funnel.resize(); });
})();
