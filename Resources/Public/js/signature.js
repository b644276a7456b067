// On-screen signature pads (FDM-05, FDS-04): drawing on a canvas.signature-pad writes a PNG data URL into
// the hidden input named by data-target. Without JavaScript the form still works (name and time only).
(function () {
  document.querySelectorAll("canvas.signature-pad").forEach(function (canvas) {
    var input = document.getElementById(canvas.dataset.target);
    var context = canvas.getContext("2d");
    var drawing = false, drawn = false;
    context.lineWidth = 2; context.lineCap = "round"; context.strokeStyle = "#111";
    function point(event) {
      var box = canvas.getBoundingClientRect();
      return { x: (event.clientX - box.left) * canvas.width / box.width, y: (event.clientY - box.top) * canvas.height / box.height };
    }
    canvas.addEventListener("pointerdown", function (event) {
      drawing = true; var p = point(event); context.beginPath(); context.moveTo(p.x, p.y); canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", function (event) {
      if (!drawing) { return; }
      var p = point(event); context.lineTo(p.x, p.y); context.stroke(); drawn = true;
    });
    function finish() { if (drawing && drawn && input) { input.value = canvas.toDataURL("image/png"); } drawing = false; }
    canvas.addEventListener("pointerup", finish);
    canvas.addEventListener("pointerleave", finish);
    document.querySelectorAll("button.signature-clear[data-target='" + canvas.dataset.target + "']").forEach(function (button) {
      button.addEventListener("click", function () { context.clearRect(0, 0, canvas.width, canvas.height); drawn = false; if (input) { input.value = ""; } });
    });
  });
})();
