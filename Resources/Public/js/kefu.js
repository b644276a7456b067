// Small enhancements only; every page works without JavaScript.
document.addEventListener("submit", function (event) {
  var form = event.target;
  var button = event.submitter;
  // Ask before a rejection: it ends the approval for everyone after this step.
  if (button && button.value === "reject" && form.id === "decide-form") {
    var text = form.querySelector("textarea[name=comment]");
    if (text && !text.value.trim()) { text.focus(); }
  }
});
