/*
 * The fill-in form of a policy with placeholders (on its snippet page and in the how-to guides): one field
 * per placeholder, checked as you type with the catalog's rules (the same regular expressions `iamkb render`
 * runs, embedded in the page by docs/templates/fill-in-form.html.j2), the filled policy updating live, and
 * copy and download of the result. The theme loads this script only on pages that have a form.
 *
 * Why it is written this way:
 * - No server and no third-party code: the site works offline and a policy never leaves the browser.
 * - What a user types is only ever set as textContent or as a field value, never parsed as HTML,
 *   so a value like <img src=x onerror=...> stays text.
 * - Values go into the policy JSON-escaped (as render.py does), so a quote cannot end a JSON string;
 *   copy and download are offered only once every value passes its rule and none is an example: neither
 *   one that "Fill in the examples" put there and the reader has not typed over, nor one that `iamkb check`
 *   reports as an example value wherever it comes from (AWS's example account 111122223333, the catalog's
 *   example bucket names: `exampleValues`). A policy for account 111122223333 is nobody's policy; but a
 *   typed us-east-1 or GroundTruthExecutionRole can be the reader's own, so only the button makes those examples.
 * - Without JavaScript the page's <noscript> says how to do the same with `iamkb render`.
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
    ".md-typeset .iamkb-render__example{margin:.2em 0;font-size:.85em;font-style:italic}",
    ".md-typeset .iamkb-render__example:empty{display:none}",
    ".iamkb-render__buttons .md-button{margin:0 .5em .5em 0}",
    // Material's outlined button is the primary colour, too dark on the slate scheme: the link colour reads on both.
    ".md-typeset .iamkb-render .md-button:not(.md-button--primary){color:var(--md-typeset-a-color)}",
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
    input.setAttribute("aria-describedby", id + "-rule " + id + "-errors " + id + "-example");
    var ruleLine = element("p", "iamkb-render__rule", "Rule: ");
    ruleLine.id = id + "-rule";
    var link = element("a", null, rule.title);
    link.href = rule.learnMore;
    ruleLine.appendChild(link);
    var errors = element("ul", "iamkb-render__errors");
    errors.id = id + "-errors";
    errors.setAttribute("aria-live", "polite");
    var example = element("p", "iamkb-render__example");
    example.id = id + "-example";
    example.setAttribute("aria-live", "polite");
    field.appendChild(label);
    field.appendChild(input);
    field.appendChild(ruleLine);
    field.appendChild(errors);
    field.appendChild(example);
    // `fromExamples`: the value is the one "Fill in the examples" put there, not yet touched by the reader.
    return { placeholder: placeholder, rule: rule, input: input, errors: errors, example: example, node: field, fromExamples: false };
  }

  /** "Type your values: ... `iamkb render` ..." with the command names as code. */
  function intro() {
    var paragraph = element("p", "iamkb-render__intro", "Type your values: each field is checked as you type with the same rules as ");
    paragraph.appendChild(element("code", null, "iamkb render"));
    paragraph.appendChild(
      document.createTextNode(
        ", and the policy below updates. Nothing leaves your browser. Then copy or download the policy, and run "
      )
    );
    paragraph.appendChild(element("code", null, "iamkb check"));
    paragraph.appendChild(document.createTextNode(" on it."));
    return paragraph;
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
    code.tabIndex = 0; // a long policy scrolls sideways: reachable with the keyboard, like Material's code blocks
    code.setAttribute("aria-label", "The policy with your values");
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
    container.appendChild(intro());
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
      var examplesLeft = [];
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
        var isExample = value !== "" && (field.fromExamples || data.exampleValues.indexOf(value) !== -1);
        if (isExample) examplesLeft.push("<" + field.placeholder.name + ">");
        field.example.textContent = isExample ? "This is an example value, not yours: replace it." : "";
      });
      rendered = fill(data.text, values);
      code.textContent = rendered;
      var complete = missing === 0 && examplesLeft.length === 0;
      if (missing) {
        status.textContent =
          missing + " of " + fields.length + " placeholders still need a valid value; they stay as <name> below.";
      } else if (examplesLeft.length) {
        status.textContent =
          "These are example values, not yours: replace " +
          examplesLeft.join(", ") +
          " before you copy the policy. It is not ready yet.";
      } else {
        status.textContent = "Every value is valid: the policy below is ready to copy or download.";
      }
      status.setAttribute("data-state", missing ? "incomplete" : examplesLeft.length ? "examples" : "ready");
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
      field.input.addEventListener("input", function () {
        field.fromExamples = false; // typed by the reader: their value, even if it equals the example
        update();
      });
    });
    examples.addEventListener("click", function () {
      fields.forEach(function (field) {
        if (field.input.value === "") {
          field.input.value = field.placeholder.example;
          field.fromExamples = true;
        }
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
