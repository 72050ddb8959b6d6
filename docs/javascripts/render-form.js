/*
 * The fill-in form of snippet pages: one field per placeholder, checked as you type with the catalog's
 * rules (the same regular expressions `iamkb render` runs, embedded in the page by
 * docs/hooks/grants_pages.py), the filled policy updating live, and copy and download of the result.
 *
 * Why it is written this way:
 * - No server and no third-party code: the site works offline and a policy never leaves the browser.
 * - What a user types is only ever set as textContent or as a field value, never parsed as HTML,
 *   so a value like <img src=x onerror=...> stays text.
 * - Values go into the policy JSON-escaped (as render.py does), so a quote cannot end a JSON string;
 *   copy and download are offered only once every value passes its rule.
 * - Material's instant navigation swaps pages without reloading: the form is set up on each
 *   `document$` emission when Material provides it, else once the page has loaded.
 */
(function () {
  "use strict";

  var PLACEHOLDER = /<([a-z0-9]+(?:-[a-z0-9]+)*)>/g; // the catalog's names (schemas/catalog.schema.json); iamkb.core.placeholders reads more
  var CONTROL = /[\u0000-\u001f\u007f]/; // iamkb.snippets.CONTROL_CHARACTER
  var CONTROL_MESSAGE = "must not contain line breaks, tabs or other control characters";
  var STYLE_ID = "iamkb-render-style";
  var STYLE = [
    ".iamkb-render__field{margin:0 0 1em}",
    ".iamkb-render__field label{display:block;font-weight:700}",
    ".iamkb-render__field label span{font-weight:400}",
    ".iamkb-render__input{box-sizing:border-box;width:100%;max-width:36rem;padding:.3em .5em;font:inherit;",
    "font-family:var(--md-code-font-family,monospace);color:var(--md-default-fg-color);",
    "background:var(--md-default-bg-color);border:1px solid var(--md-default-fg-color--lighter);border-radius:.2em}",
    ".iamkb-render__input[aria-invalid=true]{border-color:#c62828;outline-color:#c62828}",
    ".iamkb-render__rule{margin:.2em 0;font-size:.85em}",
    ".iamkb-render__errors{margin:.2em 0;color:#c62828}",
    ".iamkb-render__errors:empty{display:none}",
    ".iamkb-render__buttons .md-button{margin:0 .5em .5em 0}",
    ".iamkb-render__buttons [aria-disabled=true],.iamkb-render__buttons :disabled{opacity:.5;pointer-events:none}",
  ].join("");

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  /** The messages of every check `value` breaks, in the catalog's order (like Rule.violations). */
  function violations(rule, value) {
    var broken = CONTROL.test(value) ? [CONTROL_MESSAGE] : [];
    rule.checks.forEach(function (check) {
      var matched = new RegExp(check.pattern).test(value);
      if (matched === Boolean(check.forbid)) broken.push(check.message);
    });
    return broken;
  }

  /** Replace each <name> that has a value; values are escaped for a JSON string (like render.fill). */
  function fill(text, values) {
    return text.replace(PLACEHOLDER, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? JSON.stringify(values[name]).slice(1, -1) : whole;
    });
  }

  function addStyle() {
    if (document.getElementById(STYLE_ID)) return;
    var style = element("style", null, STYLE);
    style.id = STYLE_ID;
    document.head.appendChild(style);
  }

  function buildField(data, placeholder, prefix) {
    var rule = data.rules[placeholder.rule];
    var id = prefix + placeholder.name;
    var field = element("div", "iamkb-render__field");
    var label = element("label");
    label.htmlFor = id;
    label.appendChild(element("code", null, "<" + placeholder.name + ">"));
    label.appendChild(element("span", null, " " + placeholder.description));
    var input = element("input", "iamkb-render__input");
    input.type = "text";
    input.id = id;
    input.name = placeholder.name;
    input.placeholder = placeholder.example;
    input.autocomplete = "off";
    input.spellcheck = false;
    input.setAttribute("autocapitalize", "off");
    input.setAttribute("aria-describedby", id + "-rule " + id + "-errors");
    var ruleLine = element("p", "iamkb-render__rule", "Rule: ");
    ruleLine.id = id + "-rule";
    var link = element("a", null, rule.title);
    link.href = rule.learnMore;
    ruleLine.appendChild(link);
    var errors = element("ul", "iamkb-render__errors");
    errors.id = id + "-errors";
    errors.setAttribute("aria-live", "polite");
    field.appendChild(label);
    field.appendChild(input);
    field.appendChild(ruleLine);
    field.appendChild(errors);
    return { placeholder: placeholder, rule: rule, input: input, errors: errors, node: field };
  }

  function build(container, data) {
    var prefix = "iamkb-render-" + data.id + "-";
    var form = element("form", "iamkb-render__form");
    form.noValidate = true;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    var fields = data.placeholders.map(function (placeholder) {
      var field = buildField(data, placeholder, prefix);
      form.appendChild(field.node);
      return field;
    });

    var examples = element("button", "md-button", "Fill in the examples");
    examples.type = "button";
    var status = element("p", "iamkb-render__status");
    status.setAttribute("aria-live", "polite");
    var pre = element("pre", "iamkb-render__output");
    var code = element("code");
    pre.appendChild(code);
    var buttons = element("p", "iamkb-render__buttons");
    var copy = element("button", "md-button md-button--primary iamkb-render__copy", "Copy the policy");
    copy.type = "button";
    var download = element("a", "md-button iamkb-render__download", "Download " + data.fileName);
    download.download = data.fileName;
    buttons.appendChild(copy);
    buttons.appendChild(download);
    var commandLine = element("p", "iamkb-render__command", "The same with the command line: ");
    var command = element("code");
    commandLine.appendChild(command);

    form.appendChild(examples);
    container.appendChild(form);
    container.appendChild(status);
    container.appendChild(pre);
    container.appendChild(buttons);
    container.appendChild(commandLine);

    var rendered = "";
    var objectUrl = null;

    function update() {
      var values = {};
      var missing = 0;
      fields.forEach(function (field) {
        var value = field.input.value;
        var broken = value === "" ? [] : violations(field.rule, value);
        field.errors.replaceChildren.apply(
          field.errors,
          broken.map(function (message) {
            return element("li", null, message);
          })
        );
        field.input.setAttribute("aria-invalid", broken.length ? "true" : "false");
        if (value !== "" && !broken.length) values[field.placeholder.name] = value;
        else missing += 1;
      });
      rendered = fill(data.text, values);
      code.textContent = rendered;
      var complete = missing === 0;
      status.textContent = complete
        ? "Every value is valid: the policy below is ready to copy or download."
        : missing + " of " + fields.length + " placeholders still need a valid value; they stay as <name> below.";
      copy.disabled = !complete;
      if (objectUrl) URL.revokeObjectURL(objectUrl);
      objectUrl = null;
      if (complete) {
        objectUrl = URL.createObjectURL(new Blob([rendered], { type: "application/json" }));
        download.href = objectUrl;
        download.removeAttribute("aria-disabled");
      } else {
        download.removeAttribute("href");
        download.setAttribute("aria-disabled", "true");
      }
      command.textContent =
        "iamkb render " +
        data.id +
        fields
          .map(function (field) {
            var value = values[field.placeholder.name];
            return " --set " + field.placeholder.name + "=" + (value === undefined ? "…" : value);
          })
          .join("");
    }

    fields.forEach(function (field) {
      field.input.addEventListener("input", update);
    });
    examples.addEventListener("click", function () {
      fields.forEach(function (field) {
        if (field.input.value === "") field.input.value = field.placeholder.example;
      });
      update();
    });
    copy.addEventListener("click", function () {
      var text = rendered;
      navigator.clipboard.writeText(text).then(
        function () {
          status.textContent = "Copied the policy to the clipboard.";
        },
        function () {
          status.textContent = "The browser did not allow copying: select the policy above and copy it by hand.";
        }
      );
    });
    update();
  }

  function setUp() {
    var containers = document.querySelectorAll(".iamkb-render[data-snippet]");
    Array.prototype.forEach.call(containers, function (container) {
      if (container.getAttribute("data-ready")) return;
      var source = document.getElementById("iamkb-render-data-" + container.getAttribute("data-snippet"));
      if (!source) return;
      container.setAttribute("data-ready", "true");
      addStyle();
      build(container, JSON.parse(source.textContent));
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
