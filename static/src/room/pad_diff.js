// The pad at one moment against another, line by line, pure. jsdiff's Myers diff
// finds the lines; here they are laid out as a reader takes them in: each line
// added or removed, a few unchanged lines around them, and the rest folded.
import { diffLines } from "diff";

// Unchanged lines kept on each side of a change, as `diff -u` keeps them.
export const CONTEXT = 3;

function linesOf(value) {
  return value.replace(/\n$/, "").split("\n");
}

/** The rows of a line diff from `before` to `after`: `{ kind, text }` with kind
 * "added", "removed" or "same", and `{ kind: "gap", count }` for unchanged lines
 * folded away; with how many lines were added and removed. */
export function lineDiff(before, after, context = CONTEXT) {
  // A last line with or without its newline is the same line.
  const changes = diffLines(before, after, { ignoreNewlineAtEof: true });
  const rows = [];
  let added = 0;
  let removed = 0;
  changes.forEach((change, index) => {
    const lines = linesOf(change.value);
    if (change.added || change.removed) {
      const kind = change.added ? "added" : "removed";
      for (const text of lines) rows.push({ kind, text });
      if (change.added) added += lines.length;
      else removed += lines.length;
      return;
    }
    // Unchanged: the lines next to a change stay, the middle folds.
    const keepBefore = index > 0 ? context : 0;
    const keepAfter = index < changes.length - 1 ? context : 0;
    if (lines.length <= keepBefore + keepAfter) {
      for (const text of lines) rows.push({ kind: "same", text });
      return;
    }
    for (const text of lines.slice(0, keepBefore)) rows.push({ kind: "same", text });
    rows.push({ kind: "gap", count: lines.length - keepBefore - keepAfter });
    for (const text of lines.slice(lines.length - keepAfter)) {
      rows.push({ kind: "same", text });
    }
  });
  return { rows, added, removed };
}
