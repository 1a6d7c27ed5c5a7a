// Package runtime embeds modc's browser runtime, runtime.js: the ES module
// every package bundle imports. Its definePackage turns the package
// description a generated bundle passes it into module instances (SPEC 6).
// It uses no eval and no new Function, and stays within 4 KB min+gzip.
package runtime

import (
	"crypto/sha256"
	"encoding/hex"

	_ "embed"
)

//go:embed runtime.js
var source string

// Path is the runtime's file name, as it appears in source maps.
const Path = "runtime.js"

// Source returns the runtime's JavaScript source (an ES module exporting
// definePackage and memoryStorage).
func Source() string { return source }

// Version returns the version of the runtime's npm package: 1.0.0 with a
// pre-release made of a hash of the source ("1.0.0-r3fa9c0d2e1b4"), so
// that every change of the runtime is a new version and the same runtime
// always has the same one.
func Version() string {
	sum := sha256.Sum256([]byte(source))
	return "1.0.0-r" + hex.EncodeToString(sum[:6])
}
