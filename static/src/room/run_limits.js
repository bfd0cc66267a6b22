// What a run may do, shared by the page and the workers: the server refuses more
// (rooms/commands.py RUN_OUTPUT, MAX_RUN_FRAME).
export const RUN_SECONDS = 10;
export const OUTPUT_LIMIT = 64 * 1024;
export const MAX_RUN_FRAME = 144 * 1024;

// Python's side of 'Run examples': calls the pad's function with each example's
// arguments and compares the result with the expected value as JSON (a tuple
// equals a list). Prints one line per example; returns "P" or "F" for each.
export const examplesHarness = `
import json as _json

def _run_examples():
    examples = _json.loads(_examples_json)
    name, cases = examples["function"], examples["cases"]
    function = globals().get(name)
    if not callable(function):
        print(f"Define a function named {name} to run the examples.")
        return "F" * len(cases)
    verdicts = ""
    for number, case in enumerate(cases, 1):
        try:
            got = function(*case["args"])
            same = _json.loads(_json.dumps(got, default=repr)) == case["expected"]
            shown = _json.dumps(got, default=repr)
        except Exception as error:
            same, shown = False, f"{type(error).__name__}: {error}"
        expected = _json.dumps(case["expected"])
        if same:
            print(f"Example {number}: passed ({shown})")
        else:
            print(f"Example {number}: failed: expected {expected}, got {shown}")
        verdicts += "P" if same else "F"
    return verdicts

_run_examples()
`;

/** Equal as JSON data: what 'Run examples' asks of a JavaScript result. */
export function sameAsJson(got, expected) {
  let normal;
  try {
    normal = JSON.parse(JSON.stringify(got) ?? "null");
  } catch {
    return false;
  }
  return deepEqual(normal, expected);
}

function deepEqual(a, b) {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) {
    return false;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]));
}

/** The report of a run as the room command carries it, cut to fit one frame. */
export function runMessage(fields) {
  const message = { type: "run", ...fields };
  message.output = message.output.slice(0, OUTPUT_LIMIT);
  while (JSON.stringify(message).length > MAX_RUN_FRAME) {
    // Escapes (control characters) made it longer than the frame may be.
    message.output = message.output.slice(0, Math.floor(message.output.length * 0.8));
    message.truncated = true;
  }
  return message;
}
