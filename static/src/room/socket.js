// The room's socket: JSON frames to and from the server, reconnecting with a
// growing pause, and pings that measure the offset to server time.

import { SECOND, offsetEstimate } from "./clock.js";

/** A websocket address on this site, ws: or wss: as the page is. */
export function socketUrl(path) {
  const scheme = window.location.protocol === "https:" ? "wss" : "ws";
  return `${scheme}://${window.location.host}${path}`;
}

const PINGS_ON_CONNECT = 5;

/**
 * Connects to `path` and keeps connected until the server refuses with a 44xx
 * code. `onMessage(message)` hears every frame but pongs; `onStatus(status,
 * code)` hears "connecting", "open", "reconnecting" and "refused".
 */
export class RoomSocket {
  constructor(path, { onMessage, onStatus }) {
    this.url = socketUrl(path);
    this.onMessage = onMessage;
    this.onStatus = onStatus;
    this.socket = null;
    this.retries = 0;
    this.offset = 0; // server time minus local time
    this.bestRoundTrip = Number.POSITIVE_INFINITY;
  }

  connect() {
    this.socket = new WebSocket(this.url);
    this.onStatus("connecting");
    this.socket.addEventListener("open", () => {
      this.retries = 0;
      this.bestRoundTrip = Number.POSITIVE_INFINITY;
      this.onStatus("open");
      for (let n = 0; n < PINGS_ON_CONNECT; n += 1) setTimeout(() => this.ping(), n * 300);
    });
    this.socket.addEventListener("message", (event) => this.receive(JSON.parse(event.data)));
    this.socket.addEventListener("close", (event) => {
      if (event.code >= 4400 && event.code < 4500) {
        this.onStatus("refused", event.code);
        return;
      }
      this.onStatus("reconnecting", event.code);
      this.retries += 1;
      setTimeout(() => this.connect(), Math.min(500 * 2 ** this.retries, 5 * SECOND));
    });
  }

  get open() {
    return this.socket !== null && this.socket.readyState === WebSocket.OPEN;
  }

  /** Send a command; false when not connected. */
  send(message) {
    if (!this.open) return false;
    this.socket.send(JSON.stringify(message));
    return true;
  }

  ping() {
    this.send({ type: "ping", sent_at: Date.now() });
  }

  serverNow() {
    return Date.now() + this.offset;
  }

  receive(message) {
    if (message.type !== "pong") {
      this.onMessage(message);
      return;
    }
    const estimate = offsetEstimate({
      sentAt: message.sent_at,
      serverTime: message.server_time,
      receivedAt: Date.now(),
    });
    if (estimate.roundTrip <= this.bestRoundTrip) {
      this.bestRoundTrip = estimate.roundTrip;
      this.offset = estimate.offset;
    }
  }
}
