// Error bodies: synchronous `<ApiErrors><ApiError>` (REST, capitalised) and asynchronous
// `<apiErrors><apiError>` (notification data, lower camel case) (Finesse REST API developer guide,
// "Client Requests"; Finesse 12.5 error events captured in pokornyIt/finesse-api XMPP/error-*.xml).
import { xml, type Element } from "../xml/index.ts";
import { FinesseParseError } from "./errors.ts";
import { childText } from "./user.ts";

export interface ApiErrorInfo {
  errorType: string;
  errorMessage: string;
  errorData: string;
  peripheralErrorCode?: string | undefined;
}

/** Synchronous REST error body. */
export function apiErrorsElement(errors: readonly ApiErrorInfo[]): Element {
  return xml("ApiErrors", {}, ...errors.map((e) =>
    xml("ApiError", {}, xml("ErrorData", {}, e.errorData), xml("ErrorMessage", {}, e.errorMessage), xml("ErrorType", {}, e.errorType))));
}

/** Asynchronous error carried as the data of a User notification. */
export function asyncApiErrorsElement(errors: readonly ApiErrorInfo[]): Element {
  return xml("apiErrors", {}, ...errors.map((e) =>
    xml("apiError", {},
      e.peripheralErrorCode !== undefined ? xml("peripheralErrorCode", {}, e.peripheralErrorCode) : null,
      xml("errorType", {}, e.errorType), xml("errorMessage", {}, e.errorMessage), xml("errorData", {}, e.errorData))));
}

/** Reads either form (element names in any case, children in any order). */
export function readApiErrors(el: Element): ApiErrorInfo[] {
  if (el.getName().toLowerCase() !== "apierrors") throw new FinesseParseError("bad-root", `expected <ApiErrors>, got <${el.name}>`);
  return el.getChildElements().filter((c) => c.getName().toLowerCase() === "apierror").map((c) => ({
    errorType: childText(c, "errorType") ?? "",
    errorMessage: childText(c, "errorMessage") ?? "",
    errorData: childText(c, "errorData") ?? "",
    peripheralErrorCode: childText(c, "peripheralErrorCode"),
  }));
}
