// "Is my bucket covered?" on the managed-policies how-to: evaluates the S3 actions a labeling job needs
// against AmazonSageMakerGroundTruthExecution, as the page embeds it, for the bucket and object the reader
// types. It follows the simulator's rules (src/iamkb/core/patterns.py, src/iamkb/simulate/): actions match
// case-insensitively, resources case-sensitively, a wildcard in an ARN's first five fields stays inside its
// field, only Allow statements exist in this policy, and a condition holds only when the request carries a
// matching value. tests/site/test_bucket_coverage.py compares every answer with `iamkb simulate`.
(function () {
  "use strict";

  const ACTIONS = [
    ["s3:ListBucket", "bucket"],
    ["s3:GetBucketLocation", "bucket"],
    ["s3:GetObject", "object"],
    ["s3:PutObject", "object"],
    ["s3:AbortMultipartUpload", "object"],
  ];
  const HEAD_FIELDS = 5;

  // A `*`/`?` glob without regular expressions (linear, no backtracking blow-up): `stop` is a character
  // the wildcards may not match (":" inside an ARN field) or null.
  function glob(pattern, text, stop) {
    let p = 0, t = 0, star = -1, mark = 0;
    while (t < text.length) {
      if (p < pattern.length && (pattern[p] === "?" ? text[t] !== stop : pattern[p] === text[t])) {
        p++; t++;
      } else if (p < pattern.length && pattern[p] === "*") {
        star = p++; mark = t;
      } else if (star >= 0 && text[mark] !== stop) {
        p = star + 1; t = ++mark;
      } else {
        return false;
      }
    }
    while (p < pattern.length && pattern[p] === "*") p++;
    return p === pattern.length;
  }

  function fields(arn) {
    const parts = arn.split(":");
    return parts.slice(0, HEAD_FIELDS).concat([parts.slice(HEAD_FIELDS).join(":")]);
  }

  function resourceMatches(pattern, arn) {
    if (!pattern.startsWith("arn:")) return glob(pattern, arn, null);
    const want = fields(pattern), have = fields(arn);
    if (want.length !== have.length || arn.split(":").length <= HEAD_FIELDS) return false;
    return want.every((field, i) => glob(field, have[i], i < HEAD_FIELDS ? ":" : null));
  }

  const list = (value) => (Array.isArray(value) ? value : [value]);

  // The request's condition values: the object's SageMaker tag, when the reader says it has one.
  function conditionHolds(condition, context) {
    return Object.entries(condition).every(([operator, entries]) =>
      Object.entries(entries).every(([key, values]) => {
        const have = context[key.toLowerCase()];
        if (have === undefined) return false;
        if (operator === "StringEquals") return list(values).includes(have);
        if (operator === "StringEqualsIgnoreCase") {
          return list(values).some((v) => String(v).toLowerCase() === have.toLowerCase());
        }
        return false; // not used by this policy; never claim an allow the simulator would not give
      })
    );
  }

  function decide(policy, action, arn, context) {
    const statements = list(policy.Statement);
    for (let i = 0; i < statements.length; i++) {
      const s = statements[i];
      if (s.Effect !== "Allow" || !s.Action || !s.Resource) continue;
      if (!list(s.Action).some((a) => glob(a.toLowerCase(), action.toLowerCase(), null))) continue;
      if (!list(s.Resource).some((r) => resourceMatches(r, arn))) continue;
      if (s.Condition && !conditionHolds(s.Condition, context)) continue;
      return { allowed: true, pointer: "/Statement/" + i };
    }
    return { allowed: false, pointer: "" };
  }

  function setUp(form) {
    const policy = JSON.parse(document.getElementById(form.dataset.policy).textContent);
    const body = form.querySelector("tbody");
    const update = () => {
      const bucket = form.elements.bucket.value.trim();
      const key = form.elements.key.value.replace(/^\/+/, "") || "images/0001.jpg";
      const context = form.elements.tagged.checked ? { "s3:existingobjecttag/sagemaker": "true" } : {};
      body.replaceChildren();
      if (!bucket) return;
      for (const [action, on] of ACTIONS) {
        const arn = on === "bucket" ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`;
        const result = decide(policy, action, arn, context);
        const row = document.createElement("tr");
        row.dataset.action = action;
        row.dataset.decision = result.allowed ? "Allowed" : "ImplicitlyDenied";
        for (const text of [
          action,
          arn,
          result.allowed ? `Allowed by ${result.pointer}` : "Not allowed: no statement matches",
        ]) {
          const cell = document.createElement("td");
          cell.textContent = text;
          row.append(cell);
        }
        body.append(row);
      }
    };
    form.addEventListener("input", update);
    form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
    form.hidden = false;
    update();
  }

  document.querySelectorAll("form.bucket-coverage").forEach(setUp);
})();
