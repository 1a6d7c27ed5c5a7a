// Browser globals for dry runs: what Appsmith JS objects use of the web
// platform (issue 14), for one sandboxed goja VM. modc compiles this file
// once and runs it in a VM the first time the module's code reads one of
// these globals (browser.go installs them lazily, and only those the code
// names); it evaluates to a function that takes the host (Go helpers from
// browser.go) and returns get(name), which builds the group of the global
// name (URL and URLSearchParams, say) the first time one is read.
//
// Pure computation is real: URL and URLSearchParams (the WHATWG parser is
// Go's, url.go), TextEncoder and TextDecoder (UTF-8), Blob, crypto's
// randomUUID and getRandomValues, structuredClone and queueMicrotask.
// What needs a browser is a documented stand-in: navigator (userAgent
// "modc-dryrun", language "en-US", online, no clipboard), window (the global
// object, with location a stand-in of http://localhost/, the page of
// appsmith.URL in dry runs), document (a few inert properties; anything
// else throws an Error that names it), confirm (recorded, answers true) and
// alert (recorded). Sizes are bounded by the dry-run memory limit
// (host.maxBytes): a Blob, an encoded string and a parsed URL that would
// be bigger throw a RangeError.
(function (host) {
  "use strict";
  const G = globalThis;
  const freeze = Object.freeze;
  const keys = Object.keys;
  const defineProperty = Object.defineProperty;
  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const apply = Reflect.apply;
  const toTag = Object.prototype.toString;
  const tag = (v) => apply(toTag, v, []);
  const str = String;
  const isArray = Array.isArray;
  const isView = ArrayBuffer.isView;
  const U8 = Uint8Array;
  const iterator = Symbol.iterator;
  // usv converts to a string of Unicode scalar values (WebIDL USVString):
  // lone surrogates become U+FFFD.
  const usv = (v) => host.usv(str(v));
  const isObject = (v) => v !== null && (typeof v === "object" || typeof v === "function");
  // namedError makes an Error whose name is a DOMException's.
  const namedError = (name, message) => {
    const e = new Error(message);
    e.name = name;
    return e;
  };
  const needArgs = (what, n, got) => {
    if (got < n) throw new TypeError(`${what}: ${n} argument${n > 1 ? "s" : ""} required, but only ${got} present.`);
  };
  const cut = (s) => (s.length > 200 ? s.slice(0, 200) + "…" : s);
  // viewOf returns a Uint8Array over the bytes of a BufferSource, or null.
  const viewOf = (v) => {
    if (!isObject(v)) return null;
    if (isView(v)) return new U8(v.buffer, v.byteOffset, v.byteLength);
    if (tag(v) === "[object ArrayBuffer]") return new U8(v);
    return null;
  };
  // isBlob(v) reports whether v is a Blob; none exists before Blob is read.
  let isBlob = () => false;

  // The globals come in groups, each built the first time code reads one
  // of its globals: a module that reads navigator builds no URL class.
  const groups = {
    // URLSearchParams and URL
    url() {
      // The components host.urlParse and host.urlSet return, by index.
      const HREF = 0, ORIGIN = 1, PROTOCOL = 2, USERNAME = 3, PASSWORD = 4, HOST = 5, HOSTNAME = 6, PORT = 7, PATHNAME = 8, SEARCH = 9, HASH = 10;

      let setList; // (params, list): replaces the list of a URL's params
      let linkURL; // (params, url): ties params to its URL
      let setQuery; // (url, serialized): the params of url changed

      class URLSearchParams {
        #list = []; // name, value, name, value…
        #url = null;
        constructor(init = "") {
          if (isObject(init)) {
            if (typeof init[iterator] === "function") {
              for (const pair of init) {
                if (!isObject(pair) || typeof pair[iterator] !== "function") {
                  throw new TypeError("URLSearchParams: each item of the sequence must be a [name, value] pair");
                }
                const p = Array.from(pair);
                if (p.length !== 2) throw new TypeError("URLSearchParams: each item of the sequence must be a [name, value] pair");
                this.#list.push(usv(p[0]), usv(p[1]));
              }
            } else {
              const ks = keys(init);
              for (let i = 0; i < ks.length; i++) this.#list.push(usv(ks[i]), usv(init[ks[i]]));
            }
          } else {
            let s = usv(init);
            if (s.startsWith("?")) s = s.slice(1);
            this.#list = host.formParse(s);
          }
        }
        #update() {
          if (this.#url !== null) setQuery(this.#url, host.formSerialize(this.#list));
        }
        get size() {
          return this.#list.length / 2;
        }
        append(name, value) {
          needArgs("URLSearchParams.append", 2, arguments.length);
          this.#list.push(usv(name), usv(value));
          this.#update();
        }
        delete(name, value) {
          needArgs("URLSearchParams.delete", 1, arguments.length);
          name = usv(name);
          if (value !== undefined) value = usv(value);
          const l = this.#list;
          const out = [];
          for (let i = 0; i < l.length; i += 2) {
            if (l[i] !== name || (value !== undefined && l[i + 1] !== value)) out.push(l[i], l[i + 1]);
          }
          this.#list = out;
          this.#update();
        }
        get(name) {
          needArgs("URLSearchParams.get", 1, arguments.length);
          name = usv(name);
          const l = this.#list;
          for (let i = 0; i < l.length; i += 2) if (l[i] === name) return l[i + 1];
          return null;
        }
        getAll(name) {
          needArgs("URLSearchParams.getAll", 1, arguments.length);
          name = usv(name);
          const l = this.#list;
          const out = [];
          for (let i = 0; i < l.length; i += 2) if (l[i] === name) out.push(l[i + 1]);
          return out;
        }
        has(name, value) {
          needArgs("URLSearchParams.has", 1, arguments.length);
          name = usv(name);
          if (value !== undefined) value = usv(value);
          const l = this.#list;
          for (let i = 0; i < l.length; i += 2) if (l[i] === name && (value === undefined || l[i + 1] === value)) return true;
          return false;
        }
        set(name, value) {
          needArgs("URLSearchParams.set", 2, arguments.length);
          name = usv(name);
          value = usv(value);
          const l = this.#list;
          const out = [];
          let found = false;
          for (let i = 0; i < l.length; i += 2) {
            if (l[i] !== name) out.push(l[i], l[i + 1]);
            else if (!found) {
              out.push(name, value);
              found = true;
            }
          }
          if (!found) out.push(name, value);
          this.#list = out;
          this.#update();
        }
        sort() {
          const l = this.#list;
          const idx = [];
          for (let i = 0; i < l.length; i += 2) idx.push(i);
          // By code units of the name; equal names keep their order.
          idx.sort((a, b) => (l[a] < l[b] ? -1 : l[a] > l[b] ? 1 : a - b));
          const out = [];
          for (let i = 0; i < idx.length; i++) out.push(l[idx[i]], l[idx[i] + 1]);
          this.#list = out;
          this.#update();
        }
        forEach(callback, thisArg) {
          if (typeof callback !== "function") throw new TypeError("URLSearchParams.forEach: the callback is not a function");
          for (let i = 0; i < this.#list.length; i += 2) apply(callback, thisArg, [this.#list[i + 1], this.#list[i], this]);
        }
        *entries() {
          for (let i = 0; i < this.#list.length; i += 2) yield [this.#list[i], this.#list[i + 1]];
        }
        *keys() {
          for (let i = 0; i < this.#list.length; i += 2) yield this.#list[i];
        }
        *values() {
          for (let i = 0; i < this.#list.length; i += 2) yield this.#list[i + 1];
        }
        [iterator]() {
          return this.entries();
        }
        toString() {
          return host.formSerialize(this.#list);
        }
        get [Symbol.toStringTag]() {
          return "URLSearchParams";
        }
        static {
          setList = (p, list) => {
            p.#list = list;
          };
          linkURL = (p, url) => {
            p.#url = url;
          };
        }
      }

      const invalidURL = (url, base) =>
        new TypeError(`Invalid URL: ${JSON.stringify(cut(str(url)))}${base === undefined ? "" : ` against the base ${JSON.stringify(cut(str(base)))}`}`);
      const queryList = (search) => host.formParse(search.slice(1));

      class URL {
        #c;
        #params = null;
        constructor(url, base) {
          needArgs("URL", 1, arguments.length);
          const c = host.urlParse(usv(url), base === undefined ? undefined : usv(base));
          if (c === null) throw invalidURL(url, base);
          this.#c = c;
        }
        static canParse(url, base) {
          needArgs("URL.canParse", 1, arguments.length);
          return host.urlParse(usv(url), base === undefined ? undefined : usv(base)) !== null;
        }
        static parse(url, base) {
          needArgs("URL.parse", 1, arguments.length);
          try {
            return new URL(url, base);
          } catch (e) {
            return null;
          }
        }
        // createObjectURL gives a blob: URL of the dry run's page; nothing can
        // load it (there is no DOM), so revokeObjectURL has nothing to do.
        static createObjectURL(blob) {
          if (!isBlob(blob)) throw new TypeError("URL.createObjectURL: the argument is not a Blob");
          return `blob:http://localhost/${host.uuid()}`;
        }
        static revokeObjectURL(url) {}
        #set(name, value) {
          const old = this.#c[SEARCH];
          const c = host.urlSet(this.#c[HREF], name, usv(value));
          if (c === null) throw invalidURL(value);
          this.#c = c;
          if (this.#params !== null && c[SEARCH] !== old) setList(this.#params, queryList(c[SEARCH]));
        }
        get href() {
          return this.#c[HREF];
        }
        set href(v) {
          this.#set("href", v);
        }
        get origin() {
          return this.#c[ORIGIN];
        }
        get protocol() {
          return this.#c[PROTOCOL];
        }
        set protocol(v) {
          this.#set("protocol", v);
        }
        get username() {
          return this.#c[USERNAME];
        }
        set username(v) {
          this.#set("username", v);
        }
        get password() {
          return this.#c[PASSWORD];
        }
        set password(v) {
          this.#set("password", v);
        }
        get host() {
          return this.#c[HOST];
        }
        set host(v) {
          this.#set("host", v);
        }
        get hostname() {
          return this.#c[HOSTNAME];
        }
        set hostname(v) {
          this.#set("hostname", v);
        }
        get port() {
          return this.#c[PORT];
        }
        set port(v) {
          this.#set("port", v);
        }
        get pathname() {
          return this.#c[PATHNAME];
        }
        set pathname(v) {
          this.#set("pathname", v);
        }
        get search() {
          return this.#c[SEARCH];
        }
        set search(v) {
          this.#set("search", v);
        }
        get hash() {
          return this.#c[HASH];
        }
        set hash(v) {
          this.#set("hash", v);
        }
        get searchParams() {
          if (this.#params === null) {
            this.#params = new URLSearchParams();
            setList(this.#params, queryList(this.#c[SEARCH]));
            linkURL(this.#params, this);
          }
          return this.#params;
        }
        toString() {
          return this.#c[HREF];
        }
        toJSON() {
          return this.#c[HREF];
        }
        get [Symbol.toStringTag]() {
          return "URL";
        }
        static {
          setQuery = (url, serialized) => {
            url.#c = host.urlSet(url.#c[HREF], "search", serialized);
          };
        }
      }
      return { URL, URLSearchParams };
    },
    // TextEncoder and TextDecoder
    text() {
      class TextEncoder {
        get encoding() {
          return "utf-8";
        }
        encode(input = "") {
          return new U8(host.encode(str(input)));
        }
        encodeInto(source, destination) {
          needArgs("TextEncoder.encodeInto", 2, arguments.length);
          if (!isObject(destination) || tag(destination) !== "[object Uint8Array]") {
            throw new TypeError("TextEncoder.encodeInto: the destination is not a Uint8Array");
          }
          const r = host.encodeInto(str(source), destination);
          return { read: r[0], written: r[1] };
        }
        get [Symbol.toStringTag]() {
          return "TextEncoder";
        }
      }

      const utf8Labels = ["unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8"];
      class TextDecoder {
        #fatal;
        #ignoreBOM;
        #pending = null; // the bytes of an incomplete sequence, when streaming
        #started = false; // whether a streamed decode has begun (the BOM is past)
        constructor(label = "utf-8", options) {
          const l = str(label).replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, "").toLowerCase();
          if (utf8Labels.indexOf(l) < 0) {
            throw new RangeError(`TextDecoder: the dry run decodes UTF-8 only, not ${JSON.stringify(cut(l))}`);
          }
          this.#fatal = isObject(options) && !!options.fatal;
          this.#ignoreBOM = isObject(options) && !!options.ignoreBOM;
        }
        get encoding() {
          return "utf-8";
        }
        get fatal() {
          return this.#fatal;
        }
        get ignoreBOM() {
          return this.#ignoreBOM;
        }
        decode(input, options) {
          let bytes = new U8(0);
          if (input !== undefined) {
            bytes = viewOf(input);
            if (bytes === null) throw new TypeError("TextDecoder.decode: the argument is not an ArrayBuffer or a view of one");
          }
          const stream = isObject(options) && !!options.stream;
          if (this.#pending !== null) {
            const all = new U8(this.#pending.length + bytes.length);
            all.set(this.#pending, 0);
            all.set(bytes, this.#pending.length);
            bytes = all;
            this.#pending = null;
          }
          const r = host.decode(bytes, this.#fatal, !this.#ignoreBOM && !this.#started, stream);
          if (stream) {
            this.#started = this.#started || bytes.length - r[1] > 0;
            if (r[1] > 0) this.#pending = bytes.slice(bytes.length - r[1]);
          } else {
            this.#started = false;
          }
          return r[0];
        }
        get [Symbol.toStringTag]() {
          return "TextDecoder";
        }
      }
      return { TextEncoder, TextDecoder };
    },
    // Blob
    blob() {
      const blobType = (t) => {
        t = str(t);
        return /[^\x20-\x7e]/.test(t) ? "" : t.toLowerCase();
      };
      const tooBig = (n) => new RangeError(`Blob would make ${n} bytes or more, over the dry-run memory limit (${host.maxBytes} bytes)`);

      class Blob {
        #bytes;
        #type;
        constructor(parts, options) {
          const chunks = [];
          let size = 0;
          if (parts !== undefined) {
            if (!isObject(parts) || typeof parts[iterator] !== "function") {
              throw new TypeError("Blob: the parts must be an array (or another iterable) of strings, ArrayBuffers, views or Blobs");
            }
            const native = isObject(options) && options.endings === "native";
            for (const p of parts) {
              let b = isObject(p) ? (isBlob(p) ? p.#bytes : viewOf(p)) : null;
              if (b === null) {
                let s = str(p);
                if (native) s = s.replace(/\r\n?/g, "\n");
                b = new U8(host.encode(s, size, "Blob"));
              }
              size += b.length;
              if (size > host.maxBytes) throw tooBig(size);
              chunks.push(b);
            }
          }
          const bytes = new U8(size);
          for (let i = 0, off = 0; i < chunks.length; off += chunks[i].length, i++) bytes.set(chunks[i], off);
          this.#bytes = bytes;
          this.#type = isObject(options) && options.type !== undefined ? blobType(options.type) : "";
        }
        get size() {
          return this.#bytes.length;
        }
        get type() {
          return this.#type;
        }
        slice(start, end, contentType) {
          const n = this.#bytes.length;
          const rel = (v, d) => {
            if (v === undefined) return d;
            v = Math.trunc(Number(v)) || 0;
            return v < 0 ? Math.max(n + v, 0) : Math.min(v, n);
          };
          const from = rel(start, 0);
          const to = rel(end, n);
          const b = new Blob([], { type: contentType === undefined ? "" : contentType });
          b.#bytes = this.#bytes.slice(from, Math.max(from, to));
          return b;
        }
        text() {
          return Promise.resolve(host.decode(this.#bytes, false, true, false)[0]);
        }
        arrayBuffer() {
          return Promise.resolve(this.#bytes.slice().buffer);
        }
        bytes() {
          return Promise.resolve(this.#bytes.slice());
        }
        stream() {
          throw new Error("Blob.stream is not available in dry runs: read the Blob with text() or arrayBuffer()");
        }
        get [Symbol.toStringTag]() {
          return "Blob";
        }
        static {
          isBlob = (v) => isObject(v) && #bytes in v;
        }
      }
      return { Blob };
    },
    // crypto
    crypto() {
      const integerArrays = [
        "[object Int8Array]", "[object Uint8Array]", "[object Uint8ClampedArray]", "[object Int16Array]", "[object Uint16Array]",
        "[object Int32Array]", "[object Uint32Array]", "[object BigInt64Array]", "[object BigUint64Array]",
      ];
      const crypto = {
        randomUUID() {
          return host.uuid();
        },
        getRandomValues(array) {
          needArgs("crypto.getRandomValues", 1, arguments.length);
          const t = isObject(array) ? tag(array) : "";
          if (!isView(array) || t === "[object DataView]") {
            throw new TypeError("crypto.getRandomValues: the argument is not an integer typed array");
          }
          if (integerArrays.indexOf(t) < 0) {
            throw namedError("TypeMismatchError", `crypto.getRandomValues: ${t.slice(8, -1)} is not an integer typed array`);
          }
          if (array.byteLength > 65536) {
            throw namedError("QuotaExceededError", `crypto.getRandomValues: the array's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (65536)`);
          }
          host.random(new U8(array.buffer, array.byteOffset, array.byteLength));
          return array;
        },
      };
      defineProperty(crypto, "subtle", {
        get() {
          throw new Error("crypto.subtle is not available in dry runs: hash and sign with forge (built in: forge.md.sha256.create()…)");
        },
      });
      defineProperty(crypto, Symbol.toStringTag, { value: "Crypto" });
      freeze(crypto);
      return { crypto };
    },
    // navigator
    navigator() {
      // navigator stands in for the browser's: no clipboard (use copyToClipboard,
      // which examples can assert), as in a page that is not a secure context.
      const navigator = freeze({
        userAgent: "modc-dryrun",
        language: "en-US",
        languages: freeze(["en-US"]),
        onLine: true,
        cookieEnabled: false,
        [Symbol.toStringTag]: "Navigator",
      });
      return { navigator };
    },
    // location, document and window
    page() {
      // location is the dry run's page, the one appsmith.URL describes
      // (runtime.js: http://localhost/); a module navigates with navigateTo.
      const pageHref = "http://localhost/";
      const cannotNavigate = (what) =>
        function () {
          throw new Error(`window.location.${what} is not available in dry runs: navigate with navigateTo(url), which examples can assert`);
        };
      const location = freeze({
        href: pageHref,
        origin: "http://localhost",
        protocol: "http:",
        host: "localhost",
        hostname: "localhost",
        port: "",
        pathname: "/",
        search: "",
        hash: "",
        assign: cannotNavigate("assign"),
        replace: cannotNavigate("replace"),
        reload: cannotNavigate("reload"),
        toString() {
          return pageHref;
        },
        [Symbol.toStringTag]: "Location",
      });

      const noDOM = (what) =>
        new Error(`${what} is not available in dry runs: module code has no DOM; pass what it needs as a parameter or an input, and let the app's widgets show the result`);
      // document has a few inert properties; reading anything else (a method,
      // body, …) throws an Error naming it. Writes to title stick; writes to
      // cookie are dropped (no cookies in dry runs).
      const inert = {
        title: "",
        cookie: "",
        referrer: "",
        URL: pageHref,
        documentURI: pageHref,
        domain: "localhost",
        location,
        readyState: "complete",
        visibilityState: "visible",
        hidden: false,
        characterSet: "UTF-8",
        contentType: "text/html",
        [Symbol.toStringTag]: "Document",
      };
      const document = new Proxy(inert, {
        get(t, k) {
          if (typeof k === "symbol" || k in t || k === "then" || k === "toJSON") return t[k];
          throw noDOM(`document.${k}`);
        },
        set(t, k, v) {
          if (k === "title") t.title = str(v);
          else if (k !== "cookie") throw noDOM(`document.${str(k)}`);
          return true;
        },
        defineProperty(t, k) {
          throw noDOM(`document.${str(k)}`);
        },
        deleteProperty(t, k) {
          throw noDOM(`document.${str(k)}`);
        },
      });

      // window is the global object, through a Proxy that gives location and
      // names what a dry run does not have instead of reading undefined from it.
      const notInWindow = {
        open: 'open a page with navigateTo(url, {}, "NEW_WINDOW")',
        close: "module code cannot close the page",
        print: "module code cannot print the page",
        postMessage: "post with postWindowMessage(message, source, targetOrigin)",
        addEventListener: "module code has no DOM events",
        removeEventListener: "module code has no DOM events",
        dispatchEvent: "module code has no DOM events",
        requestAnimationFrame: "module code has no frames to draw",
        cancelAnimationFrame: "module code has no frames to draw",
        getComputedStyle: "module code has no DOM",
        matchMedia: "module code has no DOM",
        getSelection: "module code has no DOM",
        scroll: "module code has no DOM",
        scrollTo: "module code has no DOM",
        scrollBy: "module code has no DOM",
        localStorage: "use storeValue(key, value) and appsmith.store",
        sessionStorage: "use storeValue(key, value, false) and appsmith.store",
        history: "navigate with navigateTo(url)",
        XMLHttpRequest: "reach the network through the module's queries or fetch",
        fetch: "call fetch(url) itself; examples answer it from their \"fetch\" mocks",
      };
      const window = new Proxy(G, {
        get(t, k) {
          if (k === "location") return location;
          if (k in t) return t[k];
          if (typeof k === "string" && hasOwn(notInWindow, k)) {
            throw new Error(`window.${k} is not available in dry runs: ${notInWindow[k]}`);
          }
          return undefined;
        },
      });
      return { document, window };
    },
    // confirm and alert
    dialogs() {
      // confirm and alert are recorded as platform calls (expectCalls:
      // ["confirm", message]); confirm answers true, as if the user agreed.
      function confirm(message) {
        host.record("confirm", arguments);
        return true;
      }
      function alert(message) {
        host.record("alert", arguments);
        host.alert(message === undefined ? "" : message);
      }
      return { confirm, alert };
    },
    // structuredClone
    clone() {
      const errorTypes = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
      const views = {
        "[object Int8Array]": Int8Array, "[object Uint8Array]": Uint8Array, "[object Uint8ClampedArray]": Uint8ClampedArray,
        "[object Int16Array]": Int16Array, "[object Uint16Array]": Uint16Array, "[object Int32Array]": Int32Array,
        "[object Uint32Array]": Uint32Array, "[object Float32Array]": Float32Array, "[object Float64Array]": Float64Array,
        "[object BigInt64Array]": BigInt64Array, "[object BigUint64Array]": BigUint64Array,
      };
      const notCloneable = (what) => namedError("DataCloneError", `structuredClone: ${what} could not be cloned`);
      const getPrototypeOf = Object.getPrototypeOf;
      const objectProto = Object.prototype;
      const arrayProto = Array.prototype;
      const OBJECT = 0, MAP = 1, SET = 2;

      // structuredClone copies without recursion (a deeply nested value is
      // copied in a loop, within the dry run's time and memory limits). Plain
      // objects and arrays, nearly all there is to copy, take a short path.
      function structuredClone(value) {
        needArgs("structuredClone", 1, arguments.length);
        const seen = new Map();
        const todo = []; // kind, source, copy…
        const copy = (v) => {
          if (typeof v === "symbol") throw notCloneable(str(v));
          if (typeof v === "function") throw notCloneable(`function ${v.name || "anonymous"}`);
          if (v === null || typeof v !== "object") return v;
          const known = seen.get(v);
          if (known !== undefined) return known;
          let out;
          const proto = getPrototypeOf(v);
          if (proto === objectProto) {
            out = {};
            todo.push(OBJECT, v, out);
          } else if (proto === arrayProto && isArray(v)) {
            out = [];
            out.length = v.length;
            todo.push(OBJECT, v, out);
          } else {
            out = special(v);
          }
          seen.set(v, out);
          return out;
        };
        // special copies what is not a plain object or array.
        const special = (v) => {
          const t = tag(v);
          if (isArray(v)) {
            const out = [];
            out.length = v.length;
            todo.push(OBJECT, v, out);
            return out;
          }
          if (isBlob(v)) return new (get("Blob"))([v], { type: v.type });
          if (hasOwn(views, t) || t === "[object DataView]") {
            const buf = copy(v.buffer);
            return t === "[object DataView]" ? new DataView(buf, v.byteOffset, v.byteLength) : new views[t](buf, v.byteOffset, v.length);
          }
          switch (t) {
            case "[object Date]":
              return new Date(v.getTime());
            case "[object RegExp]":
              return new RegExp(v.source, v.flags);
            case "[object Boolean]":
            case "[object Number]":
            case "[object String]":
            case "[object BigInt]":
              return Object(v.valueOf());
            case "[object ArrayBuffer]":
              return v.slice(0);
            case "[object Map]": {
              const out = new Map();
              todo.push(MAP, v, out);
              return out;
            }
            case "[object Set]": {
              const out = new Set();
              todo.push(SET, v, out);
              return out;
            }
            case "[object Error]": {
              const E = hasOwn(errorTypes, v.name) ? errorTypes[v.name] : Error;
              const out = new E(v.message === undefined ? undefined : str(v.message));
              if (typeof v.stack === "string") out.stack = v.stack;
              return out;
            }
            case "[object Promise]":
            case "[object WeakMap]":
            case "[object WeakSet]":
            case "[object WeakRef]":
            case "[object Symbol]":
            case "[object Generator]":
              throw notCloneable(t.slice(8, -1));
          }
          const out = {}; // an instance of a class: its own properties, as browsers copy it
          todo.push(OBJECT, v, out);
          return out;
        };
        const root = copy(value);
        while (todo.length > 0) {
          const out = todo.pop();
          const src = todo.pop();
          const kind = todo.pop();
          if (kind === OBJECT) {
            const ks = keys(src);
            for (let i = 0; i < ks.length; i++) {
              const k = ks[i];
              let v = src[k];
              if (typeof v === "object" || typeof v === "function" || typeof v === "symbol") v = copy(v);
              if (k === "__proto__") defineProperty(out, k, { value: v, writable: true, enumerable: true, configurable: true });
              else out[k] = v;
            }
          } else if (kind === MAP) {
            src.forEach((v, k) => out.set(copy(k), copy(v)));
          } else {
            src.forEach((v) => out.add(copy(v)));
          }
        }
        return root;
      }
      return { structuredClone };
    },
    // queueMicrotask
    microtask() {
      // queueMicrotask runs callback after the current job, as browsers do; an
      // exception it throws is logged (as a browser reports it), not thrown.
      function queueMicrotask(callback) {
        if (typeof callback !== "function") throw new TypeError("queueMicrotask: the argument is not a function");
        Promise.resolve().then(() => {
          try {
            callback();
          } catch (e) {
            if (G.console && typeof G.console.error === "function") G.console.error("Uncaught", e);
          }
        });
      }
      return { queueMicrotask };
    },
  };
  const groupOf = {
    URL: "url", URLSearchParams: "url", TextEncoder: "text", TextDecoder: "text", Blob: "blob", crypto: "crypto",
    navigator: "navigator", document: "page", window: "page", confirm: "dialogs", alert: "dialogs",
    structuredClone: "clone", queueMicrotask: "microtask",
  };
  const built = {};
  // get returns the global name, building its group the first time.
  function get(name) {
    const g = groupOf[name];
    if (g === undefined) return undefined;
    if (!hasOwn(built, g)) built[g] = groups[g]();
    return built[g][name];
  }
  return get;
});
