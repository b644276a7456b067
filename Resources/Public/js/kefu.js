// Small enhancements only; every page works without JavaScript.

// Issue 20: the server refuses text holding a C0 control character (other than tab and line breaks) with an
// error page. Pasted text can carry one unseen, so the form stops here first: it stays as typed, and the
// field says what to remove. Runs before every other submit handler (capture phase).
var CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
document.addEventListener("submit", function (event) {
  var form = event.target;
  var first = null;
  Array.prototype.forEach.call(form.elements, function (field) {
    if (field.type === "hidden" || field.type === "file" || typeof field.value !== "string") { return; }
    var note = field.nextElementSibling && field.nextElementSibling.hasAttribute("data-control-character-note")
      ? field.nextElementSibling : null;
    if (!CONTROL_CHARACTER.test(field.value)) {
      if (note) { note.remove(); field.removeAttribute("aria-invalid"); }
      return;
    }
    if (!note) {
      note = document.createElement("span");
      note.className = "field-error";
      note.setAttribute("data-control-character-note", "");
      note.setAttribute("role", "alert");
      note.textContent = document.body.getAttribute("data-msg-control-character");
      field.insertAdjacentElement("afterend", note);
    }
    field.setAttribute("aria-invalid", "true");
    if (!first) { first = field; }
  });
  if (first) {
    event.preventDefault();
    event.stopImmediatePropagation();
    first.focus();
  }
}, true);
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

// Service voucher: the customer signs on the canvas with a finger, pen or mouse; the drawing is sent
// as a PNG in signature_png. Without JavaScript the "signed on paper by" field remains.
(function () {
  var canvas = document.getElementById("signature-pad");
  if (!canvas) { return; }
  var field = document.getElementById("signature-png");
  var ctx = canvas.getContext("2d");
  var drawing = false, drawn = false;
  ctx.lineWidth = 2.5; ctx.lineCap = "round"; ctx.strokeStyle = "#111";
  function point(e) {
    var r = canvas.getBoundingClientRect();
    return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height };
  }
  canvas.addEventListener("pointerdown", function (e) { drawing = true; var p = point(e); ctx.beginPath(); ctx.moveTo(p.x, p.y); canvas.setPointerCapture(e.pointerId); });
  canvas.addEventListener("pointermove", function (e) { if (!drawing) { return; } var p = point(e); ctx.lineTo(p.x, p.y); ctx.stroke(); drawn = true; });
  canvas.addEventListener("pointerup", function () { drawing = false; if (drawn) { field.value = canvas.toDataURL("image/png"); } });
  document.getElementById("signature-clear").addEventListener("click", function () {
    ctx.clearRect(0, 0, canvas.width, canvas.height); field.value = ""; drawn = false;
  });
})();

// New case: the complaint form (客户投诉处理表) shows when the type is complaint, the service order
// (服务登记表) when it is a service request.
(function () {
  var type = document.querySelector("#case-new-form select[name=type]");
  var sets = document.querySelectorAll("#case-new-form [data-for-type]");
  if (!type || !sets.length) return;
  // A field a form requires (客户要求, 产品型号) is required only while its form shows.
  function sync() {
    Array.prototype.forEach.call(sets, function (fields) {
      fields.hidden = type.value !== fields.getAttribute("data-for-type");
      Array.prototype.forEach.call(fields.querySelectorAll("[data-required]"), function (f) { f.required = !fields.hidden; });
    });
  }
  type.addEventListener("change", sync);
  sync();
})();

// Issue 20: the Content-Security-Policy forbids inline handlers, so print buttons carry data-print and
// filters that apply on change carry data-autosubmit (without script the form's own button remains).
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("[data-print]");
  if (button) { event.preventDefault(); window.print(); }
});
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field.matches && field.matches("[data-autosubmit]") && field.form) { field.form.submit(); }
});

// Leave form (LV-07 / LV-16): as the type and dates change, say who will decide before submitting. The
// server answers with the chain the request would get (the same function filing uses); without both
// dates the page's own text (who decides each length) comes back. Text is set with textContent.
(function () {
  var form = document.getElementById("leave-new-form");
  if (!form) { return; }
  var type = document.getElementById("leave-type");
  var starts = document.getElementById("leave-starts");
  var ends = document.getElementById("leave-ends");
  var text = document.getElementById("leave-chain-text");
  var because = document.getElementById("leave-chain-because");
  var initial = { text: text.textContent, because: because.textContent };
  var asked = 0;
  function update() {
    if (!starts.value || !ends.value) { text.textContent = initial.text; because.textContent = initial.because; return; }
    var mine = ++asked;
    var query = "?type=" + encodeURIComponent(type.value) + "&starts_at=" + encodeURIComponent(starts.value) +
      "&ends_at=" + encodeURIComponent(ends.value);
    fetch(form.dataset.chain + query, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (chain) {
        if (mine !== asked) { return; }
        if (!chain) { text.textContent = initial.text; because.textContent = initial.because; return; }
        text.textContent = chain.text;
        because.textContent = chain.because;
      })
      .catch(function () {});
  }
  [type, starts, ends].forEach(function (field) { field.addEventListener("change", update); });
  if (starts.value && ends.value) { update(); }
})();

// Issue 21: the groups of the main bar open as menus. Without script they open on hover and while focus is
// inside them (CSS). With it, a click or Enter on the toggle opens or closes the menu (aria-expanded says
// which), keyboard focus on the toggle opens it, Escape closes it and returns to the toggle, and a click or
// focus elsewhere closes it. `dismissed` keeps a menu shut that was just closed while hover or focus would
// show it.
(function () {
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-navgroup]"));
  if (!groups.length) { return; }
  function toggleOf(group) { return group.querySelector(".navgroup-toggle"); }
  function setOpen(group, open) {
    group.classList.toggle("open", open);
    if (open) { group.classList.remove("dismissed"); }
    toggleOf(group).setAttribute("aria-expanded", open ? "true" : "false");
  }
  var returningFocus = false;
  function closeOthers(keep) { groups.forEach(function (g) { if (g !== keep) { setOpen(g, false); } }); }
  groups.forEach(function (group) {
    var toggle = toggleOf(group);
    toggle.addEventListener("click", function () {
      if (group.classList.contains("open")) {
        setOpen(group, false);
        group.classList.add("dismissed");
      } else {
        closeOthers(group);
        setOpen(group, true);
      }
    });
    toggle.addEventListener("focus", function () {
      // Keyboard focus only: a mouse click focuses the button too, and its click event decides.
      if (!returningFocus && toggle.matches(":focus-visible")) { closeOthers(group); setOpen(group, true); }
    });
    group.addEventListener("focusout", function (event) {
      if (!group.contains(event.relatedTarget)) { setOpen(group, false); group.classList.remove("dismissed"); }
    });
    group.addEventListener("mouseleave", function () { group.classList.remove("dismissed"); });
    group.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && (group.classList.contains("open") || group.contains(document.activeElement))) {
        setOpen(group, false);
        group.classList.add("dismissed");
        returningFocus = true;
        toggle.focus();
        returningFocus = false;
      }
    });
  });
  document.addEventListener("click", function (event) {
    if (!event.target.closest || !event.target.closest("[data-navgroup]")) { closeOthers(null); }
  });
})();
