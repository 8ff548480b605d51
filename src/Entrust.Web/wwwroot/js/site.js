// Ask before destructive actions: any button with data-confirm.
document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) {
        event.preventDefault();
    }
});
