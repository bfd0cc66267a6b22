// The whiteboard's library: the eight system-design shapes, each a labelled group
// of its own, as Excalidraw's converter receives them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { LIBRARY, libraryItems } from "../../static/src/room/board_library.js";

test("the library holds the eight shapes of a system design, in order", () => {
  assert.deepEqual(
    LIBRARY.map((item) => item.name),
    ["Client", "Load balancer", "Service", "Cache", "Queue", "Database", "Object store", "CDN"],
  );
});

test("each shape is labelled with its name and grouped on its own", () => {
  const seen = [];
  const convert = (skeletons, options) => {
    seen.push(options);
    return skeletons;
  };
  const items = libraryItems(convert);
  for (const [index, item] of items.entries()) {
    const labels = item.elements.map((each) => each.label?.text).filter(Boolean);
    assert.deepEqual(labels, [LIBRARY[index].name]);
    assert.ok(item.elements.every((each) => each.groupIds[0] === item.id));
    assert.equal(item.status, "published");
  }
  assert.equal(new Set(items.map((item) => item.id)).size, items.length);
  assert.ok(seen.every((options) => options.regenerateIds));
});
