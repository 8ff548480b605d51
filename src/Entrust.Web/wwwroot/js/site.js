// Ask before destructive actions: any button with data-confirm.
document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) {
        event.preventDefault();
    }
});

// A select with data-show-group shows only the groups (elements with class NAME and data-group) of the chosen value;
// no choice shows them all. The agreement form uses it to show the chosen department's matters.
function showGroups(select) {
    const groups = document.querySelectorAll("." + select.dataset.showGroup);
    groups.forEach((g) => { g.hidden = select.value !== "" && g.dataset.group !== select.value; });
}
document.addEventListener("change", (event) => {
    if (event.target.matches("select[data-show-group]")) {
        showGroups(event.target);
    }
});
document.querySelectorAll("select[data-show-group]").forEach(showGroups);

// A bar chart from data-chart-bars ({"names": [...], "values": [...]}, or several series: {"names": [...], "series":
// [{"name": ..., "values": [...]}, ...]}), drawn with ECharts once it has loaded (the workbench's open gaps by kind, and its
// weekly trend). Labels wrap on a phone; the chart follows the window's size.
window.addEventListener("load", () => {
    if (!window.echarts) {
        return;
    }
    document.querySelectorAll("[data-chart-bars]").forEach((element) => {
        const data = JSON.parse(element.dataset.chartBars);
        const chart = window.echarts.init(element);
        chart.setOption({
            grid: { left: 8, right: 8, top: data.series ? 32 : 16, bottom: 8, containLabel: true },
            tooltip: {},
            xAxis: { type: "category", data: data.names, axisLabel: { interval: 0, width: 64, overflow: "break" } },
            yAxis: { type: "value", minInterval: 1 },
            legend: data.series ? {} : undefined,
            series: data.series
                ? data.series.map((s) => ({ type: "bar", name: s.name, data: s.values }))
                : [{ type: "bar", data: data.values, itemStyle: { color: "#c23531" } }],
        });
        element.dataset.chartReady = "true";
        window.addEventListener("resize", () => chart.resize());
    });
});

// The page's behaviour lives here, never inline: the Content-Security-Policy allows scripts from this site only.
// A select with data-submit-on-change sends its form when changed (choosing a township reloads the form for it).
document.addEventListener("change", (event) => {
    if (event.target.matches("select[data-submit-on-change]")) {
        event.target.form.submit();
    }
});

// A text box with data-filter-checks hides the check boxes beside it whose label does not contain what is typed.
document.addEventListener("input", (event) => {
    if (event.target.matches("input[data-filter-checks]")) {
        const typed = event.target.value;
        for (const label of event.target.parentElement.querySelectorAll("label.check")) {
            label.hidden = !label.textContent.includes(typed);
        }
    }
});
