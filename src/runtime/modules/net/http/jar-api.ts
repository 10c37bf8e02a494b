// The CookieJar object scripts see (k6 docs, javascript-api/k6-http/cookiejar): cookiesForURL,
// set, clear, delete. One script object per store; the store is found again from the object.
import { isPlainObject, realmError, type Realm } from "../realm.ts";
import { CookieStore } from "./cookies.ts";

export interface JarApi {
  objectFor(store: CookieStore): object;
  storeOf(obj: unknown): CookieStore | undefined;
}

export function cookieJarApi(realm: Realm): JarApi {
  const objects = new WeakMap<CookieStore, object>();
  const stores = new WeakMap<object, CookieStore>();
  const parse = (url: unknown): URL => {
    try {
      return new URL(String(url));
    } catch {
      throw realmError(realm, "Error", `CookieJar: invalid URL "${String(url)}"`);
    }
  };
  const storeOf = (obj: unknown): CookieStore | undefined => (typeof obj === "object" && obj !== null ? stores.get(obj) : undefined);
  const self = (obj: unknown): CookieStore => {
    const s = storeOf(obj);
    if (s === undefined) throw realmError(realm, "TypeError", "CookieJar method called on an object that is not a cookie jar");
    return s;
  };
  const proto = realm.Object.create(realm.Object.prototype) as object;
  Object.defineProperties(proto, {
    cookiesForURL: { value(this: unknown, url: unknown) {
      const out = realm.Object.create(realm.Object.prototype) as Record<string, string[]>;
      for (const c of self(this).matching(parse(url))) (out[c.name] ??= new realm.Array<string>()).push(c.value);
      return out;
    } },
    set: { value(this: unknown, url: unknown, name: unknown, value: unknown, opts?: unknown) {
      self(this).set(parse(url), String(name), String(value), isPlainObject(opts) ? (opts as Parameters<CookieStore["set"]>[3]) : {});
    } },
    clear: { value(this: unknown, url: unknown) {
      self(this).clear(parse(url));
    } },
    delete: { value(this: unknown, url: unknown, name: unknown) {
      self(this).delete(parse(url), String(name));
    } },
  });
  return {
    storeOf,
    objectFor(store) {
      let obj = objects.get(store);
      if (obj === undefined) {
        obj = realm.Object.create(proto) as object;
        objects.set(store, obj);
        stores.set(obj, store);
      }
      return obj;
    },
  };
}
