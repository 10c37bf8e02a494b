// Tags of every ws_* sample of one socket (k6 websockets establishConnection): the VU's tags at
// construction, params.tags, and the url/name system tags.
import type { Tags, VuHost } from "../../../vu-host.ts";
import { systemTagOn } from "../tags.ts";

export function baseTags(host: VuHost, url: string, user: Tags): Tags {
  const tags: Tags = { ...host.currentTags(), ...user };
  const sys = host.options.systemTags;
  const name = user.name ?? url;
  // k6: a user `name` tag also becomes the `url` tag value
  if (systemTagOn(sys, "url")) tags.url = name;
  if (systemTagOn(sys, "name")) tags.name = name;
  return tags;
}
