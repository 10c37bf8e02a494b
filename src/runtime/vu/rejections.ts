// Unhandled promise rejections from VU code fail that VU's current run with
// "Uncaught (in promise) <value>" (k6 event loop). V8 reports rejections per isolate, so the owner
// is found from the promise's realm (its prototype is that realm's Promise.prototype). A VU's
// rejection is consumed here and never reaches other 'unhandledRejection' listeners; rejections of
// other promises keep Node's behaviour.
type Owner = (reason: unknown) => void;

const owners = new WeakMap<object, Owner>();
let installed = false;

function install(): void {
  installed = true;
  const emit = process.emit;
  const patched = function (this: NodeJS.Process, event: string | symbol, ...args: unknown[]): boolean {
    if (event === "unhandledRejection") {
      const promise = args[1];
      const owner = ownerOf(promise);
      if (owner) {
        owner(args[0]);
        return true;
      }
    }
    return (emit as (this: NodeJS.Process, event: string | symbol, ...a: unknown[]) => boolean).call(this, event, ...args);
  };
  process.emit = patched as typeof process.emit;
}

/** The VU owning a promise: its prototype chain reaches that realm's Promise.prototype. */
function ownerOf(promise: unknown): Owner | undefined {
  let proto: unknown = promise;
  for (let depth = 0; depth < 8 && proto !== null && typeof proto === "object"; depth++) {
    proto = Object.getPrototypeOf(proto);
    const owner = proto !== null && typeof proto === "object" ? owners.get(proto) : undefined;
    if (owner) return owner;
  }
  return undefined;
}

/** Routes unhandled rejections of promises created in `realm` to `owner`. */
export function trackRejections(realm: typeof globalThis, owner: Owner): void {
  if (!installed) install();
  owners.set(realm.Promise.prototype, owner);
}
