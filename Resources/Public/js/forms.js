// Issue 21 §7: how every form behaves, built once for all of them (every page still works without script).
//
// 1. Required fields carry a mark in their label.
// 2. A refused form: the summary at the top (.refusal-fields, written by the layout from the refusal)
//    links each field; the field is marked invalid and its message shown beside it.
// 3. Everything typed survives a refusal: on submit the form's visible values are kept for this tab
//    (sessionStorage); when the next page shows a refusal, the same form gets them back. Passwords,
//    files, hidden fields and the CSRF token are never kept.
(function () {
  "use strict";
  var KEY = "kefu.form.typed";

  function labelOf(field) {
    if (field.id) {
      var byFor = document.querySelector("label[for='" + field.id + "']");
      if (byFor) { return byFor; }
    }
    return field.closest("label");
  }

  function markRequired(root) {
    Array.prototype.forEach.call(root.querySelectorAll("input[required], select[required], textarea[required], [data-required]"), function (field) {
      var label = labelOf(field);
      if (!label || label.querySelector(".required-mark")) { return; }
      var mark = document.createElement("span");
      mark.className = "required-mark";
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = "*";
      // The mark joins the label's words in one inline box (labels stack their words over the field).
      var text = Array.prototype.find.call(label.childNodes, function (node) { return node.nodeType === 3 && node.textContent.trim(); });
      if (text) {
        var words = document.createElement("span");
        words.className = "label-words";
        text.replaceWith(words);
        words.appendChild(text);
        words.appendChild(mark);
      } else {
        label.insertBefore(mark, label.firstChild);
      }
    });
  }

  function keepable(field) {
    return field.name && field.name !== "csrf_token" && ["hidden", "password", "file", "submit", "button"].indexOf(field.type) < 0;
  }

  document.addEventListener("submit", function (event) {
    if (event.defaultPrevented) { return; }
    var form = event.target;
    // getAttribute, not form.method or form.id: a field named "method" (处理方式) or "id" shadows the property.
    if (!form.getAttribute || (form.getAttribute("method") || "").toLowerCase() !== "post") { return; }
    var values = {};
    Array.prototype.forEach.call(form.elements, function (field) {
      if (!keepable(field)) { return; }
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) { (values[field.name] = values[field.name] || []).push(field.value); }
        return;
      }
      if (field.multiple && field.selectedOptions) {
        values[field.name] = Array.prototype.map.call(field.selectedOptions, function (o) { return o.value; });
        return;
      }
      values[field.name] = [field.value];
    });
    try { sessionStorage.setItem(KEY, JSON.stringify({ action: form.getAttribute("action") || "", id: form.getAttribute("id") || "", values: values })); } catch (e) { /* storage off */ }
  });

  function restore() {
    var saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(KEY) || "null"); sessionStorage.removeItem(KEY); } catch (e) { return; }
    if (!saved || !document.querySelector(".flash-error")) { return; }
    var form = (saved.id && document.getElementById(saved.id)) || Array.prototype.find.call(document.forms, function (f) {
      return (f.getAttribute("action") || "") === saved.action && (f.getAttribute("method") || "").toLowerCase() === "post";
    });
    if (!form) { return; }
    Object.keys(saved.values).forEach(function (name) {
      var typed = saved.values[name];
      Array.prototype.forEach.call(form.querySelectorAll("[name='" + CSS.escape(name) + "']"), function (field) {
        if (!keepable(field)) { return; }
        if (field.type === "checkbox" || field.type === "radio") { field.checked = typed.indexOf(field.value) >= 0; return; }
        if (field.multiple) { Array.prototype.forEach.call(field.options, function (o) { o.selected = typed.indexOf(o.value) >= 0; }); return; }
        // What the server filled in again wins over what was kept; an empty field gets what was typed.
        if (!field.value || field.tagName === "SELECT") { field.value = typed[0]; }
      });
    });
  }

  function linkRefusedFields() {
    var links = document.querySelectorAll(".refusal-fields a[data-field]");
    var first = null;
    Array.prototype.forEach.call(links, function (link) {
      var name = link.getAttribute("data-field");
      var field = document.querySelector("main form [name='" + CSS.escape(name) + "']:not([type=hidden])");
      if (!field) { link.removeAttribute("href"); return; }
      if (!field.id) { field.id = "field-" + name; }
      link.setAttribute("href", "#" + field.id);
      field.setAttribute("aria-invalid", "true");
      field.classList.add("invalid");
      var label = labelOf(field) || field;
      var shown = label.parentNode && label.parentNode.querySelector(".field-error");
      if (!shown) {
        var note = document.createElement("span");
        note.className = "field-error";
        note.textContent = link.getAttribute("data-message") || "";
        label.insertAdjacentElement("afterend", note);
      }
      if (!first) { first = field; }
      link.addEventListener("click", function (event) { event.preventDefault(); field.scrollIntoView({ block: "center" }); field.focus(); });
    });
  }

  markRequired(document);
  restore();
  linkRefusedFields();
})();
