// The supervision page's charts, drawn from the data its server put in each chart's data-chart (the tables carry the same figures).
(function () {
  if (!window.echarts) { return; }
  var colour = '#1f5f99';
  function data(id) {
    var el = document.getElementById(id);
    return el && el.dataset.chart ? { el: el, d: JSON.parse(el.dataset.chart) } : null;
  }
  function draw(el, option) {
    echarts.init(el, null, { renderer: 'svg' }).setOption(option);
  }
  function ranking(id) {
    var c = data(id);
    if (!c || c.d.names.length === 0) { return; }
    // Bars from the top of the chart down: the first name of the list is drawn first.
    c.el.style.height = (c.d.names.length * 22 + 40) + 'px';
    draw(c.el, {
      grid: { left: 10, right: 30, top: 10, bottom: 20, containLabel: true },
      tooltip: {},
      xAxis: { type: 'value' },
      yAxis: { type: 'category', inverse: true, data: c.d.names, axisLabel: { interval: 0 } },
      series: [{ type: 'bar', data: c.d.values, itemStyle: { color: colour }, label: { show: true, position: 'right' } }]
    });
  }
  var trend = data('trend-chart');
  if (trend && trend.d.days.length > 0) {
    draw(trend.el, {
      grid: { left: 10, right: 20, top: 30, bottom: 20, containLabel: true },
      tooltip: { trigger: 'axis' },
      legend: { data: [trend.el.dataset.accepted, trend.el.dataset.refused] },
      xAxis: { type: 'category', data: trend.d.days },
      yAxis: { type: 'value' },
      series: [
        { name: trend.el.dataset.accepted, type: 'line', data: trend.d.accepted, showSymbol: false, itemStyle: { color: colour } },
        { name: trend.el.dataset.refused, type: 'line', data: trend.d.refused, showSymbol: false, itemStyle: { color: '#a8071a' } }
      ]
    });
  } else if (trend) {
    trend.el.style.height = '0';
  }
  ranking('on-time-chart');
  ranking('quality-chart');
  ranking('score-chart');
  var history = data('history-chart');
  if (history && history.d.periods.length > 0) {
    draw(history.el, {
      grid: { left: 10, right: 20, top: 20, bottom: 20, containLabel: true },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'category', data: history.d.periods },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [{ type: 'line', data: history.d.scores, itemStyle: { color: colour }, label: { show: true } }]
    });
  }
})();
