import { test } from "node:test";
import assert from "node:assert/strict";
import { parse, xml } from "../xml/index.ts";
import {
  eventMessage, itemsRequest, publishRequest, readPublishResult, readPubsubEvent, readPubsubRequest, readSubscribeResult,
  readSubscriptions, subscribeRequest, subscriptionElement, subscriptionsElement, subscriptionsRequest, unsubscribeRequest,
} from "./pubsub.ts";
import { resultOf } from "./stanza.ts";
import { ProtocolError } from "./errors.ts";

const J = "1001001@d/vagent-1";

test("request builders produce XEP-0060 requests that the server-side reader reads back", () => {
  const sub = subscribeRequest({ id: "1", to: "pubsub.d", node: "/finesse/api/Team/5005/Users", jid: J });
  assert.equal(
    sub.toString(),
    `<iq xmlns="jabber:client" type="set" id="1" to="pubsub.d"><pubsub xmlns="http://jabber.org/protocol/pubsub"><subscribe node="/finesse/api/Team/5005/Users" jid="${J}"/></pubsub></iq>`,
  );
  assert.deepEqual(readPubsubRequest(parse(sub.toString())), { action: "subscribe", node: "/finesse/api/Team/5005/Users", jid: J });
  assert.deepEqual(readPubsubRequest(unsubscribeRequest({ id: "2", to: "p", node: "/n", jid: J, subid: "s" })), { action: "unsubscribe", node: "/n", jid: J, subid: "s" });
  assert.deepEqual(readPubsubRequest(subscriptionsRequest({ id: "3", to: "p" })), { action: "subscriptions", node: undefined });
  const pub = readPubsubRequest(publishRequest({ id: "4", to: "p", node: "/n", payload: xml("entry", { xmlns: "urn:x" }), itemId: "i" }));
  assert.equal(pub.action === "publish" && pub.payload?.getName(), "entry");
  assert.deepEqual(readPubsubRequest(itemsRequest({ id: "5", to: "p", node: "/n", maxItems: 1 })), { action: "items", node: "/n", maxItems: 1 });
});

test("the server-side reader names what is missing", () => {
  for (const [text, why] of [
    [`<iq type="set" id="1"/>`, /without <pubsub\/> operation/],
    [`<iq type="set" id="1"><pubsub xmlns="http://jabber.org/protocol/pubsub"><subscribe jid="a@b"/></pubsub></iq>`, /<subscribe\/> without node/],
    [`<iq type="set" id="1"><pubsub xmlns="http://jabber.org/protocol/pubsub"><subscribe node="/n"/></pubsub></iq>`, /without jid/],
    [`<iq type="set" id="1"><pubsub xmlns="http://jabber.org/protocol/pubsub"><create node="/n"/></pubsub></iq>`, /unsupported pubsub operation <create\/>/],
  ] as const) {
    assert.throws(() => readPubsubRequest(parse(text)), (e: unknown) => e instanceof ProtocolError && why.test(e.message), text);
  }
});

test("results: subscription, empty subscribe result, subscriptions, publish ids", () => {
  const req = subscribeRequest({ id: "1", to: "pubsub.d", node: "/n", jid: J });
  const withSub = resultOf(req, subscriptionElement({ node: "/n", jid: J, subscription: "subscribed", subid: "x" }));
  assert.deepEqual(readSubscribeResult(parse(withSub.toString()), { node: "/n", jid: J }), { node: "/n", jid: J, subscription: "subscribed", subid: "x" });
  assert.deepEqual(readSubscribeResult(resultOf(req), { node: "/n", jid: J }), { node: "/n", jid: J, subscription: "subscribed", subid: undefined });
  const subs = resultOf(req, subscriptionsElement([{ node: "/a", jid: J, subscription: "subscribed", subid: undefined }]));
  assert.deepEqual(readSubscriptions(parse(subs.toString())).map((s) => s.node), ["/a"]);
  assert.throws(() => readSubscriptions(resultOf(req)), (e: unknown) => e instanceof ProtocolError && e.condition === "bad-reply");
  assert.deepEqual(readPublishResult(parse(`<iq type="result" id="1"/>`)), []);
});

test("event extraction: node, items with ids and namespace-agnostic payloads, retractions", () => {
  const msg = eventMessage({ from: "pubsub.d", to: "1001001@d", id: "QM0FAiNp" }, "/finesse/api/User/1001001", [
    { id: "a6ca891f-8b34-443f-8c7d-dac020d41838330", payload: xml("notification", { xmlns: "urn:xmpp:push:0" }, "<Update><event>PUT</event></Update>") },
  ]);
  const wire = msg.toString();
  assert.ok(!wire.includes(' type="'), "no message type, like Finesse");
  assert.match(wire, /&lt;Update&gt;/, "the Update document travels as escaped text");
  const ev = readPubsubEvent(parse(wire))!;
  assert.equal(ev.node, "/finesse/api/User/1001001");
  assert.equal(ev.items.length, 1);
  assert.equal(ev.items[0]!.id, "a6ca891f-8b34-443f-8c7d-dac020d41838330");
  assert.equal(ev.items[0]!.payload?.getText(), "<Update><event>PUT</event></Update>");

  const multi = readPubsubEvent(
    parse(`<message><event xmlns="http://jabber.org/protocol/pubsub#event"><items node="n">text<item id="1"/><item>  <x xmlns="a"/></item><retract id="9"/></items></event></message>`),
  )!;
  assert.deepEqual(multi.items.map((i) => [i.id, i.payload?.getName()]), [["1", undefined], ["", "x"]]);
  assert.deepEqual(multi.retracted, ["9"]);
  assert.equal(readPubsubEvent(parse(`<message><body>x</body></message>`)), undefined);
  assert.equal(readPubsubEvent(parse(`<message><event xmlns="urn:other"/></message>`)), undefined);
  assert.deepEqual(readPubsubEvent(parse(`<message><event xmlns="http://jabber.org/protocol/pubsub#event"><purge node="n"/></event></message>`)), { node: "", items: [], retracted: [] });
});
