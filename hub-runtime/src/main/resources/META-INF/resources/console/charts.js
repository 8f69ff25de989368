// Small charts over what the page already shows in its tables: no second request, no build step.
(function () {
  function bar(el, names, values) {
    if (!el || !window.echarts || names.length === 0) { return; }
    el.style.height = (names.length * 22 + 40) + 'px';
    var chart = echarts.init(el, null, { renderer: 'svg' });
    chart.setOption({
      grid: { left: 10, right: 20, top: 10, bottom: 20, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: names, axisLabel: { interval: 0 } },
      series: [{ type: 'bar', data: values, itemStyle: { color: '#1f5f99' } }]
    });
  }
  var depths = document.querySelectorAll('#depths tbody tr');
  bar(document.getElementById('depth-chart'),
      Array.prototype.map.call(depths, function (r) { return r.cells[0].textContent; }),
      Array.prototype.map.call(depths, function (r) { return Number(r.cells[1].textContent); }));
  var use = document.getElementById('use-chart');
  if (use && use.dataset.series) {
    var pairs = use.dataset.series.split(',').filter(Boolean).map(function (p) { return p.split('='); });
    bar(use, pairs.map(function (p) { return p[0]; }), pairs.map(function (p) { return Number(p[1]); }));
  }
})();
