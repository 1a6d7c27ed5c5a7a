// Package runtime embeds modc's browser runtime, runtime.js: the ES module
// every package bundle imports. Its definePackage turns the package
// description a generated bundle passes it into module instances (SPEC 6).
// It uses no eval and no new Function, and stays within 4 KB min+gzip.
package runtime

import _ "embed"

//go:embed runtime.js
var source string

// Path is the runtime's file name, as it appears in source maps.
const Path = "runtime.js"

// Source returns the runtime's JavaScript source (an ES module exporting
// definePackage and memoryStorage).
func Source() string { return source }
