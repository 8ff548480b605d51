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
