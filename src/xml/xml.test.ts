import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, xml, XmlError, escapeXMLText, unescapeXMLText } from "./index.ts";

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

test("parse keeps text, CDATA and whitespace children and skips comments and the prolog", () => {
  const el = parse(`<?xml version="1.0" encoding="UTF-8"?><x a='1' b = "&quot;q&apos;"> t &amp; u <!-- c --><![CDATA[<raw & >]]><y/></x>`);
  assert.deepEqual(el.attrs, { a: "1", b: `"q'` });
  assert.deepEqual(el.children.slice(0, 2), [" t & u ", "<raw & >"]);
  assert.equal(el.getText(), " t & u <raw & >");
  assert.equal(el.getChildElements().length, 1);
  assert.equal(parse("<a>&#65;&#x42;&lt;</a>").getText(), "AB<");
});

test("parse rejects every malformed frame, naming the reason where the parser can tell it", () => {
  for (const [input, reason] of [
    ["<a>&bogus;</a>", /Illegal XML entity &bogus;/],
    ["<a>&#0;</a>", /Illegal XML character 0x0/],
    ["<a><!-- x</a>", /unclosed element <a>/],
    ["<a><![CDATA[x</a>", /unclosed element <a>/],
    ["<a></a", /unclosed element <a>/],
    ["</a>", /mismatched end tag <\/a> \(expected <\/nothing>\)/],
    ["<a><b/></a><c/>", /more than one root element/],
    // a tag that never ends (unquoted or unterminated attribute values, a cut-off tag) yields no element
    ["<a b=1/>", /no element/],
    ["<a b='x/>", /no element/],
    ["<a", /no element/],
  ] as const) {
    assert.throws(() => parse(input), (e: unknown) => e instanceof XmlError && reason.test(e.message), input);
  }
});

test("namespaces are inherited from ancestors, by prefix or by default", () => {
  const el = parse(`<s:features xmlns:s="urn:s" xmlns="urn:d"><b><c xmlns="urn:c"/></b><s:x/></s:features>`);
  assert.equal(el.getName(), "features");
  assert.equal(el.getNS(), "urn:s");
  assert.equal(el.getChild("b")?.getNS(), "urn:d");
  assert.equal(el.getChild("b", "urn:d")?.getChild("c", "urn:c")?.getNS(), "urn:c");
  assert.equal(el.getChild("b", "urn:other"), undefined);
  assert.equal(el.getChild("x", "urn:s")?.is("x", "urn:s"), true);
  assert.equal(el.getChild("x")?.parent, el);
});

test("serialization escapes attribute values and text and round-trips through parse", () => {
  const el = xml("m", { to: `a"b'<&>`, n: 5, gone: undefined, none: null }, "x < y & z > w", [xml("c", {}, "")], true, 7);
  assert.equal(el.toString(), `<m to="a&quot;b&apos;&lt;&amp;&gt;" n="5">x &lt; y &amp; z &gt; w<c/>7</m>`);
  const back = parse(el.toString());
  assert.deepEqual(back.attrs, { to: `a"b'<&>`, n: "5" });
  assert.equal(back.getText(), "x < y & z > w7");
});

test("building: c adds a child element, append adds elements and text", () => {
  const root = xml("iq", { type: "set" });
  const pubsub = root.c("pubsub", { xmlns: "urn:p" });
  assert.equal(pubsub.parent, root);
  pubsub.cnode(xml("publish", { node: "n" }, "body"));
  root.append(xml("extra"), "tail");
  assert.equal(root.toString(), `<iq type="set"><pubsub xmlns="urn:p"><publish node="n">body</publish></pubsub><extra/>tail</iq>`);
  assert.equal(root.getChild("extra")?.parent, root);
  assert.equal(root.getChild("pubsub")?.getChild("publish", "urn:p")?.getText(), "body");
  assert.deepEqual(root.getChildren("extra").map(String), ["<extra/>"]);
});
