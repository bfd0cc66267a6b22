// The whiteboard's library: system-design shapes written for Mockloop, as
// Excalidraw element skeletons (convertToExcalidrawElements makes them whole when
// the board opens). Each is labelled, so a diagram reads without a legend; either
// person drags one in from the library (the book icon).

const W = 160;

function box(label, { type = "rectangle", height = 64, fill = "#e7f5ff", ...more } = {}) {
  return {
    type,
    x: 0,
    y: 0,
    width: W,
    height,
    backgroundColor: fill,
    fillStyle: "solid",
    strokeColor: "#1e1e1e",
    label: { text: label },
    ...more,
  };
}

function line(x, y, points) {
  return { type: "line", x, y, points, strokeColor: "#1e1e1e" };
}

/** [{ name, skeleton: [element skeletons] }], in the order the library shows them. */
export const LIBRARY = [
  { name: "Client", skeleton: [box("Client", { fill: "#e7f5ff" })] },
  {
    name: "Load balancer",
    skeleton: [box("Load balancer", { type: "diamond", height: 96, fill: "#fff4e6" })],
  },
  {
    name: "Service",
    skeleton: [box("Service", { fill: "#ebfbee", roundness: { type: 3 } })],
  },
  {
    name: "Cache",
    skeleton: [box("Cache", { fill: "#fff9db", strokeStyle: "dashed" })],
  },
  {
    name: "Queue",
    skeleton: [
      box("Queue", { height: 48, fill: "#f3f0ff" }),
      line(W - 40, 0, [
        [0, 0],
        [0, 48],
      ]),
      line(W - 24, 0, [
        [0, 0],
        [0, 48],
      ]),
    ],
  },
  {
    name: "Database",
    skeleton: [
      box("Database", { height: 80, fill: "#e6fcf5", y: 14 }),
      box("", { type: "ellipse", height: 28, fill: "#e6fcf5", label: undefined }),
    ],
  },
  {
    name: "Object store",
    skeleton: [box("Object store", { fill: "#f8f9fa", strokeStyle: "dotted" })],
  },
  {
    name: "CDN",
    skeleton: [box("CDN", { type: "ellipse", height: 72, fill: "#edf2ff" })],
  },
];

/** The library as Excalidraw takes it, made with its `convertToExcalidrawElements`. */
export function libraryItems(convertToExcalidrawElements) {
  return LIBRARY.map(({ name, skeleton }) => {
    const group = `mockloop-${name.toLowerCase().replace(/\W+/g, "-")}`;
    const elements = convertToExcalidrawElements(
      skeleton.map((each) => ({ ...each, groupIds: [group] })),
      { regenerateIds: true },
    );
    return { id: group, status: "published", created: 0, name, elements };
  });
}
