// Record a voice note in the browser (MediaRecorder) and put it in the form's file input.
// Progressive enhancement: without a microphone, MediaRecorder or DataTransfer the plain
// file input stays, and the controls are never shown.
(function () {
  "use strict";
  var LIMIT_SECONDS = 120;

  function pickType() {
    var types = ["audio/webm;codecs=opus", "audio/mp4", "audio/ogg;codecs=opus", "audio/webm"];
    for (var i = 0; i < types.length; i++) {
      if (MediaRecorder.isTypeSupported(types[i])) return types[i];
    }
    return "";
  }

  function extension(type) {
    if (type.indexOf("mp4") >= 0) return ".m4a";
    if (type.indexOf("ogg") >= 0) return ".ogg";
    return ".webm";
  }

  function setUp(box) {
    var controls = box.querySelector(".voice-controls");
    var start = box.querySelector("[data-voice-start]");
    var stop = box.querySelector("[data-voice-stop]");
    var status = box.querySelector("[data-voice-status]");
    var preview = box.querySelector("[data-voice-preview]");
    var input = box.querySelector("input[type=file]");
    var recorder = null;
    var timer = null;
    var began = 0;

    function say(key, seconds) {
      status.textContent = status.dataset[key].replace("{seconds}", String(seconds));
    }

    function elapsed() {
      return Math.round((Date.now() - began) / 1000);
    }

    function finish(chunks, type) {
      var blob = new Blob(chunks, { type: type || "audio/webm" });
      var file = new File([blob], "voice" + extension(blob.type), { type: blob.type });
      var transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      preview.src = URL.createObjectURL(blob);
      preview.hidden = false;
      say("done", elapsed());
    }

    start.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        var type = pickType();
        var chunks = [];
        recorder = new MediaRecorder(stream, type ? { mimeType: type } : undefined);
        recorder.addEventListener("dataavailable", function (event) {
          if (event.data.size) chunks.push(event.data);
        });
        recorder.addEventListener("stop", function () {
          clearInterval(timer);
          stream.getTracks().forEach(function (track) { track.stop(); });
          finish(chunks, recorder.mimeType);
          start.hidden = false;
          stop.hidden = true;
          stop.blur();
          start.focus();
        });
        began = Date.now();
        recorder.start();
        start.hidden = true;
        stop.hidden = false;
        stop.focus();
        say("recording", 0);
        timer = setInterval(function () {
          say("recording", elapsed());
          if (elapsed() >= LIMIT_SECONDS - 1 && recorder.state === "recording") recorder.stop();
        }, 1000);
      }, function () {
        say("denied", 0);
      });
    });

    stop.addEventListener("click", function () {
      if (recorder && recorder.state === "recording") recorder.stop();
    });

    controls.hidden = false;
  }

  if (!window.MediaRecorder || !navigator.mediaDevices || !window.DataTransfer) return;
  try {
    new DataTransfer();
  } catch (error) {
    return;
  }
  document.querySelectorAll("[data-voice-recorder]").forEach(setUp);
})();
