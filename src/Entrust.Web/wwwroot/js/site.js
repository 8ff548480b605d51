// Ask before destructive actions: a button with data-confirm opens the console's one dialog (_ConfirmDialog) with its message;
// 确定 sends the button's form with the button as the submitter (its name, value and formaction), as the click would have.
// Without JavaScript, or on a page without the dialog, the button is a plain form post.
document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-confirm]");
    const dialog = document.getElementById("confirm-dialog");
    if (!button || !dialog || !button.form) {
        return;
    }
    event.preventDefault();
    dialog.querySelector("#confirm-message").textContent = button.dataset.confirm;
    dialog.returnValue = "";
    dialog.addEventListener("close", () => {
        if (dialog.returnValue === "ok") {
            button.form.requestSubmit(button);
        }
    }, { once: true });
    dialog.showModal();
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

// Lists of several choices (issue 18): a click on an option of a multiple select toggles it, no Ctrl needed; a long one gets a
// search box that narrows its options as one types. Without JavaScript the select works as browsers make it (Ctrl + click).
document.addEventListener("mousedown", (event) => {
    const option = event.target;
    if (option instanceof HTMLOptionElement && option.parentElement?.closest("select[multiple]") && !option.disabled) {
        event.preventDefault();
        const select = option.closest("select");
        const top = select.scrollTop;
        option.selected = !option.selected;
        select.focus();
        select.scrollTop = top;
        select.dispatchEvent(new Event("change", { bubbles: true }));
    }
});
// A long single choice marked data-search (the officer selects: a district has four 王伟) gets the same box.
for (const select of document.querySelectorAll("select[multiple], select[data-search]")) {
    if (select.options.length <= 8) {
        continue;
    }
    const search = document.createElement("input");
    search.type = "search";
    search.className = "list-filter picker-search";
    search.placeholder = document.documentElement.lang.startsWith("zh") ? "输入文字筛选" : "Type to narrow";
    search.setAttribute("aria-label", search.placeholder);
    search.addEventListener("input", () => {
        for (const option of select.options) {
            option.hidden = !option.textContent.includes(search.value);
        }
    });
    // One box holds both, so a form's grid keeps the select in its cell; a select inside its label keeps its label (the box
    // holds the label, not the search box inside it, which would become what the label names).
    const box = document.createElement("div");
    box.className = "multi-select";
    const held = select.parentElement instanceof HTMLLabelElement ? select.parentElement : select;
    held.replaceWith(box);
    box.append(search, held);
}

// Small forms in a dialog (issue 18): <details class="form-dialog"><summary>opener</summary><form>…</form></details>. With
// JavaScript the form moves into a modal dialog (the console's .dialog, titled by the opener) that the opener opens; one drawn
// open (a refused post, its errors beside its fields) opens at once. Without JavaScript the details opens the form in place.
function dialogForms(root) {
    for (const details of root.querySelectorAll("details.form-dialog:not([data-dialog])")) {
        details.dataset.dialog = "ready";
        const summary = details.querySelector(":scope > summary");
        const dialog = document.createElement("dialog");
        dialog.className = "dialog form-dialog-box";
        const title = document.createElement("h2");
        title.textContent = summary.textContent;
        dialog.append(title, ...[...details.children].filter((child) => child !== summary));
        details.after(dialog);
        summary.addEventListener("click", (event) => {
            event.preventDefault();
            dialog.showModal();
        });
        if (details.open) {
            details.open = false;
            dialog.showModal();
        }
    }
}
dialogForms(document);
document.addEventListener("htmx:load", (event) => dialogForms(event.detail.elt));
