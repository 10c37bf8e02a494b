// SystemInfo (Finesse developer guide, "SystemInfo" and "SystemInfo API Parameters").
import { xml, type Element } from "../xml/index.ts";
import { FinesseParseError } from "./errors.ts";
import { childElement, childText } from "./user.ts";
import { SYSTEM_INFO_NODE } from "./nodes.ts";

export type SystemStatus = "IN_SERVICE" | "OUT_OF_SERVICE" | string;

export interface SystemInfo {
  status: SystemStatus;
  xmppDomain: string;
  xmppPubSubDomain: string;
  deploymentType: string;
  currentTimestamp: string;
  primaryNode: string | undefined;
  secondaryNode: string | undefined;
  systemAuthMode: string;
}

const t = (name: string, text: string | undefined) => (text === undefined ? null : xml(name, {}, text));

export function systemInfoElement(s: SystemInfo): Element {
  return xml("SystemInfo", {},
    t("currentTimestamp", s.currentTimestamp),
    t("deploymentType", s.deploymentType),
    t("lastCTIHeartbeatStatus", s.status === "IN_SERVICE" ? "SUCCESS" : "FAILURE"),
    s.primaryNode !== undefined ? xml("primaryNode", {}, xml("host", {}, s.primaryNode)) : null,
    s.secondaryNode !== undefined ? xml("secondaryNode", {}, xml("host", {}, s.secondaryNode)) : null,
    t("status", s.status),
    t("systemAuthMode", s.systemAuthMode),
    t("uri", SYSTEM_INFO_NODE),
    t("xmppDomain", s.xmppDomain),
    t("xmppPubSubDomain", s.xmppPubSubDomain),
  );
}

/** Reads `<SystemInfo>` (any case); requires status and xmppDomain. */
export function readSystemInfo(el: Element): SystemInfo {
  if (el.getName().toLowerCase() !== "systeminfo") throw new FinesseParseError("bad-root", `expected <SystemInfo>, got <${el.name}>`);
  const status = childText(el, "status");
  const xmppDomain = childText(el, "xmppDomain");
  if (!status) throw new FinesseParseError("missing-field", "<SystemInfo> without <status>");
  if (!xmppDomain) throw new FinesseParseError("missing-field", "<SystemInfo> without <xmppDomain>");
  const host = (name: string) => {
    const node = childElement(el, name);
    return node ? childText(node, "host") : undefined;
  };
  return {
    status,
    xmppDomain,
    xmppPubSubDomain: childText(el, "xmppPubSubDomain") || `pubsub.${xmppDomain}`,
    deploymentType: childText(el, "deploymentType") ?? "",
    currentTimestamp: childText(el, "currentTimestamp") ?? "",
    primaryNode: host("primaryNode"),
    secondaryNode: host("secondaryNode"),
    systemAuthMode: childText(el, "systemAuthMode") ?? "",
  };
}
