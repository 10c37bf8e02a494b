// The virtual Finesse agent, engine-agnostic (the desktop's sequence: Finesse developer guide, "Subscription
// Management", "User—Sign In to Finesse"; RFC 7395): hosts supply the ports (src/k6 on k6,
// test/support on Node).
export { VirtualAgent } from "./agent.ts";
export { runGroup } from "./group.ts";
export type { AgentRun } from "./group.ts";
export { FanoutLedger } from "./fanout.ts";
export { XmppAgent } from "./xmpp-agent.ts";
export type { XmppAgentOptions, XmppTarget } from "./xmpp-agent.ts";
export { runXmppGroup } from "./xmpp-group.ts";
export { planXmppBlock, nodeName } from "./xmpp-plan.ts";
export type { XmppRole } from "./xmpp-plan.ts";
export { NS_TRIGGER, triggerPayload, readTrigger } from "./trigger.ts";
export { Expectation } from "./expectation.ts";
export type { Outcome } from "./expectation.ts";
export { formatRequestId, parseRequestId, REQUEST_ID_PREFIX } from "./request-id.ts";
export type { RequestIdParts } from "./request-id.ts";
export { backoffDelay } from "./backoff.ts";
export type { BackoffPolicy } from "./backoff.ts";
export { AgentError, errorTags, errorMessage } from "./errors.ts";
export type { AgentErrorKind } from "./errors.ts";
export { RestClient } from "./rest.ts";
export type { RestOp, RestClientOptions } from "./rest.ts";
export type { AgentPorts, HttpPort, HttpRequest, HttpResponse, Recorder, Tags } from "./ports.ts";
export type { AgentTarget, FlowAgent, VirtualAgentOptions, StartReport, HoldReport, StopReport } from "./options.ts";
export { sleep } from "./sleep.ts";
