package jsmod

// Globals are the standard JS globals module code and query bindings may
// use, available both in browsers and in the dry-run VM: ECMAScript's
// (Intl included), and the web platform's that compute (URL, TextEncoder,
// Blob, crypto…), which dry runs implement (compiler/internal/dryrun/browser.js).
// fetch, localStorage and the like are left out on purpose: modules reach
// the outside world through their queries and the runtime API.
var Globals = []string{
	"undefined", "NaN", "Infinity", "globalThis",
	"Object", "Array", "Number", "Boolean", "String", "Symbol", "BigInt",
	"Date", "RegExp", "JSON", "Math", "Reflect", "Proxy", "Promise",
	"Map", "Set", "WeakMap", "WeakSet", "WeakRef",
	"Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError", "AggregateError",
	"ArrayBuffer", "DataView", "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
	"Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
	"parseInt", "parseFloat", "isNaN", "isFinite",
	"encodeURIComponent", "decodeURIComponent", "encodeURI", "decodeURI", "escape", "unescape",
	"Intl",
	"URL", "URLSearchParams", "TextEncoder", "TextDecoder", "Blob", "crypto", "structuredClone", "queueMicrotask",
}

// BrowserGlobals are the browser page's globals that Appsmith JS objects
// use, allowed in module code (not in bindings): the bundle gets the
// browser's, dry runs a documented stand-in of each (navigator with a user
// agent and a language, window the global object with a location, document
// with a few inert properties, confirm answering true, alert recorded),
// whose other uses fail the example with a message that names them.
var BrowserGlobals = []string{"navigator", "window", "document", "confirm", "alert"}

// forbidden are globals that exist but that module code may not use, with the reason.
var forbidden = map[string]string{
	"eval":           "eval is not allowed: bundles must run under a CSP without unsafe-eval",
	"Function":       "the Function constructor is not allowed: bundles must run under a CSP without unsafe-eval",
	"XMLHttpRequest": "modules reach the network through their queries (queries/<name>.json), not XMLHttpRequest",
	"localStorage":   "use storeValue(key, value) and appsmith.store instead of localStorage",
	"sessionStorage": "use storeValue(key, value, false) and appsmith.store instead of sessionStorage",
	"require":        "modules cannot import code; put shared code in a module and use it from the app",
	"process":        "there is no process object in the browser",
}

// queryMembers are the properties of a query object.
var queryMembers = []string{"run", "clear", "data", "responseMeta", "isLoading"}
