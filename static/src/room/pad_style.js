// How a pad's code is laid out and coloured: the indentation each language is
// usually written with, and the syntax colours of the light and dark schemes.
// Every colour reads at 4.5:1 or more (WCAG AA for text) on the pad's background
// and on its active line, in the scheme it belongs to (tests/js/pad_style.test.js
// checks the figures; tests/browser/test_pad_editor_basics.py the page itself).

import { HighlightStyle } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";

// The indentation each language's own style guide or formatter writes: PEP 8,
// Google Java, rustfmt and most C++ guides use 4 spaces; JavaScript and TypeScript
// 2, as Prettier and the Airbnb and Google guides do; SQL 2; Go a tab, as gofmt
// does (shown 4 columns wide). Anything else, plain text included, 4.
export const INDENT_UNITS = {
  python: "    ",
  java: "    ",
  cpp: "    ",
  rust: "    ",
  javascript: "  ",
  typescript: "  ",
  sql: "  ",
  go: "\t",
  markdown: "    ",
};
export const DEFAULT_INDENT_UNIT = "    ";

export function indentUnitFor(language) {
  return INDENT_UNITS[language] ?? DEFAULT_INDENT_UNIT;
}

// The backgrounds the colours are read on, as main.css sets them: --bg (the pad)
// and --accent-soft (its active line), then --surface, in case a pad sits on it.
export const BACKGROUNDS = {
  light: ["#f7f7fb", "#eceafd", "#ffffff"],
  dark: ["#12121a", "#29274a", "#1c1c28"],
};

// One colour per role, in each scheme. Keywords and operators share one, as
// GitHub's and One's themes do.
export const PALETTES = {
  light: {
    keyword: "#a4243b",
    string: "#0a5c36",
    number: "#0550ae",
    comment: "#5b6070",
    function: "#6f42c1",
    type: "#8a4600",
    property: "#0e5f78",
    definition: "#1b4f8a",
    meta: "#4d5461",
    invalid: "#b42318",
    heading: "#1f3a93",
  },
  dark: {
    keyword: "#ff8f87",
    string: "#9ee6a6",
    number: "#8cc8ff",
    comment: "#a0a8b8",
    function: "#d9b8ff",
    type: "#ffb870",
    property: "#7fd6e8",
    definition: "#a8d1ff",
    meta: "#b8bfcc",
    invalid: "#ff8a80",
    heading: "#9db8ff",
  },
};

// Which tags take which role. A tag left out (variables, punctuation) is drawn in
// the pad's own text colour.
function rules(c) {
  return [
    {
      tag: [t.keyword, t.controlKeyword, t.moduleKeyword, t.definitionKeyword],
      color: c.keyword,
    },
    { tag: [t.operatorKeyword, t.modifier, t.self], color: c.keyword },
    { tag: [t.operator, t.derefOperator, t.typeOperator], color: c.keyword },
    { tag: [t.string, t.special(t.string), t.character, t.docString], color: c.string },
    { tag: [t.regexp, t.escape], color: c.type },
    { tag: [t.number, t.integer, t.float, t.bool, t.null, t.atom], color: c.number },
    { tag: [t.constant(t.name), t.standard(t.name)], color: c.number },
    { tag: t.comment, color: c.comment, fontStyle: "italic" },
    {
      tag: [t.function(t.variableName), t.function(t.propertyName)],
      color: c.function,
    },
    { tag: t.function(t.definition(t.variableName)), color: c.function },
    { tag: [t.typeName, t.className, t.namespace, t.tagName], color: c.type },
    { tag: [t.propertyName, t.attributeName, t.labelName], color: c.property },
    { tag: [t.definition(t.variableName), t.definition(t.name)], color: c.definition },
    { tag: [t.meta, t.annotation, t.processingInstruction, t.macroName], color: c.meta },
    { tag: t.invalid, color: c.invalid },
    // Markdown.
    { tag: t.heading, color: c.heading, fontWeight: "bold" },
    { tag: [t.link, t.url], color: c.number, textDecoration: "underline" },
    { tag: t.quote, color: c.comment },
    { tag: t.monospace, color: c.string },
    { tag: t.emphasis, fontStyle: "italic" },
    { tag: t.strong, fontWeight: "bold" },
    { tag: t.strikethrough, textDecoration: "line-through" },
  ];
}

// Each applies only while the editor is of its scheme (EditorView.darkTheme), so a
// pad holds both and switches by that facet alone.
export const HIGHLIGHT_STYLES = [
  HighlightStyle.define(rules(PALETTES.light), { themeType: "light" }),
  HighlightStyle.define(rules(PALETTES.dark), { themeType: "dark" }),
];

/** WCAG 2 relative luminance of "#rrggbb". */
export function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = Number.parseInt(hex.slice(at, at + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two "#rrggbb" colours, from 1 to 21. */
export function contrast(a, b) {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}
