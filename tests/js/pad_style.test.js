// The pad's conventions and colours: each language's indentation, and every syntax
// colour at 4.5:1 or more on the backgrounds of its scheme.
import assert from "node:assert/strict";
import { test } from "node:test";

import { BACKGROUNDS, PALETTES, contrast, indentUnitFor } from "../../static/src/room/pad_style.js";

test("contrast follows WCAG 2: black on white is 21, a colour on itself 1", () => {
  assert.equal(contrast("#000000", "#ffffff"), 21);
  assert.equal(contrast("#ffffff", "#000000"), 21);
  assert.equal(contrast("#0550ae", "#0550ae"), 1);
  // The colour the issue measured: light-theme keywords on the dark active line.
  assert.ok(contrast("#0000ff", "#29274a") < 2.2);
});

test("every syntax colour reads at 4.5:1 or more on its scheme's backgrounds", () => {
  for (const scheme of ["light", "dark"]) {
    for (const [role, colour] of Object.entries(PALETTES[scheme])) {
      for (const background of BACKGROUNDS[scheme]) {
        const ratio = contrast(colour, background);
        assert.ok(ratio >= 4.5, `${scheme} ${role} ${colour} on ${background}: ${ratio}`);
      }
    }
  }
});

test("both schemes colour the same roles", () => {
  assert.deepEqual(Object.keys(PALETTES.dark), Object.keys(PALETTES.light));
});

test("each language indents as its usual style does", () => {
  assert.equal(indentUnitFor("python"), "    ");
  assert.equal(indentUnitFor("java"), "    ");
  assert.equal(indentUnitFor("cpp"), "    ");
  assert.equal(indentUnitFor("javascript"), "  ");
  assert.equal(indentUnitFor("typescript"), "  ");
  assert.equal(indentUnitFor("go"), "\t");
  assert.equal(indentUnitFor("plain"), "    ");
  assert.equal(indentUnitFor("cobol"), "    ");
});
