// The statistics page's charts (/Reports/Statistics), drawn with ECharts from the page's JSON (?handler=Data): the district's
// figures by month as lines, per township and per domain as bars with the entrusted matters held and used, and each township's
// certificate coverage by month as lines. Each chart has
// its table beside it on the page; the chart is the picture of that table. No inline script: the CSP allows this site's files only.
(function () {
    const charts = document.querySelectorAll("[data-statistics-chart]");
    if (charts.length === 0) {
        return;
    }

    function bars(element, rows, data) {
        const measures = data.measures.filter((m) => ["Inspections", "OrdersIssued", "CasesFiled", "RandomDone"].includes(m.key));
        return {
            grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
            tooltip: { trigger: "axis" },
            legend: { top: 0 },
            xAxis: { type: "category", data: rows.map((r) => r.name), axisLabel: { interval: 0, width: 72, overflow: "break" } },
            yAxis: { type: "value", minInterval: 1 },
            series: measures.map((m) => ({ name: m.name, type: "bar", data: rows.map((r) => r.figures[m.key]) }))
                .concat([
                    { name: data.labels.held, type: "bar", data: rows.map((r) => r.mattersHeld) },
                    { name: data.labels.used, type: "bar", data: rows.map((r) => r.mattersUsed) },
                ]),
        };
    }

    function months(data) {
        return {
            grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
            tooltip: { trigger: "axis" },
            legend: { top: 0 },
            xAxis: { type: "category", data: data.byMonth.map((m) => m.month) },
            yAxis: { type: "value", minInterval: 1 },
            series: data.measures.filter((m) => m.key !== "FinesDecided")
                .map((m) => ({ name: m.name, type: "line", data: data.byMonth.map((row) => row.figures[m.key]) })),
        };
    }

    // Certificate coverage: one line per township, the share (in %) of its acting officers who held a valid certificate.
    function coverage(data) {
        return {
            grid: { left: 8, right: 8, top: 48, bottom: 8, containLabel: true },
            tooltip: { trigger: "axis", valueFormatter: (v) => (v === null || v === undefined ? "—" : v + "%") },
            legend: { top: 0, type: "scroll" },
            xAxis: { type: "category", data: data.byMonth.map((m) => m.month) },
            yAxis: { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
            series: data.coverage.map((row) => ({
                name: row.name,
                type: "line",
                connectNulls: false,
                data: row.months.map((m) => (m.rate === null ? null : Math.round(m.rate * 1000) / 10)),
            })),
        };
    }

    function draw(data) {
        charts.forEach((element) => {
            const kind = element.dataset.statisticsChart;
            const option = kind === "month" ? months(data)
                : kind === "coverage" ? coverage(data)
                : bars(element, kind === "township" ? data.byTownship : data.byDepartment, data);
            const chart = window.echarts.init(element, null, { renderer: "svg" });
            chart.setOption(option);
            element.dataset.chartReady = "true";
            window.addEventListener("resize", () => chart.resize());
        });
    }

    window.addEventListener("load", () => {
        if (!window.echarts) {
            return;
        }
        fetch(charts[0].dataset.source, { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
            .then(draw)
            .catch(() => charts.forEach((element) => { element.dataset.chartReady = "failed"; }));
    });
})();
