// The desk's order page from the keyboard (progressive enhancement: every key has a link or
// a button on the page that works without it). j / k: next / previous order of the view;
// d: dispatch to the chosen target (受理并派单); r: reject (opens the reason); ?: the help.
(function () {
  "use strict";

  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }

  function follow(rel) {
    var link = document.querySelector('.desk-order-nav a[rel="' + rel + '"]');
    if (link) {
      window.location.assign(link.href);
    }
  }

  function dispatch() {
    var form = document.querySelector("#dispatch form");
    if (!form) {
      return;
    }
    var button = form.querySelector("button[type=submit]");
    if (form.requestSubmit) {
      form.requestSubmit(button);
    } else {
      button.click();
    }
  }

  function reject() {
    var box = document.getElementById("reject");
    if (!box) {
      return;
    }
    box.open = true;
    var reason = box.querySelector("textarea");
    if (reason) {
      reason.focus();
    }
  }

  function help() {
    var box = document.getElementById("keys-help");
    if (box) {
      box.open = !box.open;
    }
  }

  var keys = { j: function () { follow("next"); }, k: function () { follow("prev"); }, d: dispatch, r: reject, "?": help };

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) {
      return;
    }
    var action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
})();
