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

// New-case form: customers whose number ends with what was typed (4+ digits) appear as you type;
// choosing one fills the name and region and keeps the customer's id. Text is set with textContent.
(function () {
  var form = document.getElementById("case-new-form");
  if (!form) { return; }
  var phone = document.getElementById("caller-phone");
  var list = document.getElementById("customer-matches");
  var hidden = document.getElementById("customer-id");
  var timer = null;
  phone.addEventListener("input", function () {
    hidden.value = "";
    clearTimeout(timer);
    var digits = phone.value.replace(/\D/g, "");
    if (digits.length < 4) { list.textContent = ""; return; }
    timer = setTimeout(function () {
      fetch(form.dataset.lookup + "?phone=" + encodeURIComponent(digits), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) {
          list.textContent = "";
          items.forEach(function (c) {
            var li = document.createElement("li");
            var b = document.createElement("button");
            b.type = "button";
            b.className = "link";
            b.dataset.customerId = c.id;
            b.textContent = c.name + "  " + c.phone + (c.region ? "  " + c.region : "") +
              (c.open_cases ? "  (" + c.open_cases + " ▶)" : "");
            b.addEventListener("click", function () {
              hidden.value = c.id;
              document.getElementById("caller-name").value = c.name;
              if (c.region) { document.getElementById("caller-region").value = c.region; }
              list.textContent = "";
              var chosen = document.createElement("li");
              chosen.className = "chosen";
              chosen.textContent = "✔ " + c.name + "  " + c.phone;
              list.appendChild(chosen);
            });
            li.appendChild(b);
            list.appendChild(li);
          });
        });
    }, 250);
  });
})();
