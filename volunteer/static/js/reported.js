// 这件事邻居已经反映过了 while the resident types: once the title (and the category) are
// given, ask the page for neighbours' open requests that look the same and list them, each
// with a button to follow it instead. Without this script the server asks once after submit.
(function () {
  var box = document.getElementById("reported");
  var form = document.getElementById("order-form");
  if (!box || !form) { return; }
  var list = box.querySelector("ul");
  var token = form.querySelector("input[name=csrf_token]").value;
  var timer = null;
  var last = "";

  function field(name) {
    var input = form.elements[name];
    return input ? input.value.trim() : "";
  }

  function item(entry) {
    var li = document.createElement("li");
    var title = document.createElement("strong");
    title.textContent = entry.title;
    li.appendChild(title);
    li.appendChild(document.createTextNode(" "));
    if (entry.following) {
      var note = document.createElement("small");
      note.className = "muted";
      note.textContent = box.dataset.followingLabel;
      li.appendChild(note);
      return li;
    }
    var follow = document.createElement("form");
    follow.method = "post";
    follow.className = "inline-action";
    follow.action = box.dataset.followUrl.replace(/\/0\/follow$/, "/" + entry.order_id + "/follow");
    var csrf = document.createElement("input");
    csrf.type = "hidden";
    csrf.name = "csrf_token";
    csrf.value = token;
    var button = document.createElement("button");
    button.type = "submit";
    button.textContent = box.dataset.followLabel;
    follow.appendChild(csrf);
    follow.appendChild(button);
    li.appendChild(follow);
    return li;
  }

  function show(entries) {
    list.replaceChildren.apply(list, entries.map(item));
    box.hidden = entries.length === 0;
    // The resident has seen the hint: posting now needs no second step.
    var confirmed = form.elements.confirmed;
    if (entries.length && !confirmed) {
      confirmed = document.createElement("input");
      confirmed.type = "hidden";
      confirmed.name = "confirmed";
      confirmed.value = "1";
      form.appendChild(confirmed);
    }
  }

  function ask() {
    var params = new URLSearchParams({ title: field("title"), description: field("description") });
    if (field("category")) { params.set("category", field("category")); }
    if (field("community_id")) { params.set("community_id", field("community_id")); }
    var query = params.toString();
    if (!field("title") || query === last) { return; }
    last = query;
    fetch(box.dataset.url + "?" + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : []; })
      .then(show)
      .catch(function () { /* the server asks again after submit */ });
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(ask, 400);
  }

  ["title", "description", "category", "community_id"].forEach(function (name) {
    var input = form.elements[name];
    if (input && input.addEventListener) {
      input.addEventListener("input", later);
      input.addEventListener("change", later);
    }
  });
})();
