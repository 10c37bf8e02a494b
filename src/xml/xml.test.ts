import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, xml, XmlError, escapeXMLText, unescapeXMLText } from "./index.ts";
import { EventEmitter } from "./events.ts";

test("parse returns the root element with attributes, children and text", () => {
  const el = parse(`<iq xmlns="jabber:client" type="result" id="a1"><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"><jid>u@d/r</jid></bind></iq>`);
  assert.equal(el.name, "iq");
  assert.equal(el.attrs.id, "a1");
  assert.equal(el.getChild("bind", "urn:ietf:params:xml:ns:xmpp-bind")?.getChildText("jid"), "u@d/r");
});

test("parse rejects malformed input with the reason and a preview", () => {
  for (const [input, reason] of [
    ["<a><b></a>", /mismatched end tag <\/a>/],
    ["<a/><b/>", /more than one root element/],
    ["<a><b>", /unclosed element <b>/],
    ["", /no element/],
    ["just text", /no element/],
  ] as const) {
    assert.throws(() => parse(input), (e: unknown) => e instanceof XmlError && reason.test(e.message), input);
  }
});

test("xml() builds elements and drops absent children", () => {
  const el = xml("presence", { xmlns: "jabber:client" }, null, xml("priority", {}, "0"), false);
  assert.equal(el.toString(), `<presence xmlns="jabber:client"><priority>0</priority></presence>`);
});

test("escaping round-trips markup carried as text", () => {
  const inner = `<Update><data a="1">x &amp; y</data></Update>`;
  assert.equal(unescapeXMLText(escapeXMLText(inner)), inner);
  const el = parse(`<notification>${escapeXMLText(inner)}</notification>`);
  assert.equal(el.getText(), inner);
});

test("the events shim delivers in registration order and removes listeners", () => {
  const e = new EventEmitter();
  const seen: unknown[] = [];
  e.on("x", (v) => seen.push(["a", v]));
  e.on("x", (v) => seen.push(["b", v]));
  assert.equal(e.emit("x", 1), true);
  e.removeAllListeners("x");
  assert.equal(e.emit("x", 2), false);
  assert.deepEqual(seen, [["a", 1], ["b", 1]]);
});
