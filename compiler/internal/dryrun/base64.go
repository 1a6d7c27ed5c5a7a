package dryrun

import (
	"encoding/base64"
	"strings"
	"unicode/utf16"

	"github.com/dop251/goja"
)

// atob and btoa behave as in browsers (the HTML "forgiving base64"):
// strings are Latin-1, bad input throws an InvalidCharacterError.

func invalidCharacter(vm *goja.Runtime, msg string) *goja.Object {
	e := vm.NewTypeError(msg)
	_ = e.Set("name", "InvalidCharacterError")
	return e
}

func atob(vm *goja.Runtime) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) == 0 {
			panic(vm.NewTypeError("atob: 1 argument required, but only 0 present."))
		}
		s := call.Argument(0).String()
		s = strings.Map(func(r rune) rune {
			switch r {
			case ' ', '\t', '\n', '\f', '\r':
				return -1
			}
			return r
		}, s)
		if len(s)%4 == 0 {
			s = strings.TrimSuffix(s, "=")
			s = strings.TrimSuffix(s, "=")
		}
		if len(s)%4 == 1 || strings.ContainsRune(s, '=') {
			panic(invalidCharacter(vm, "atob: the string to be decoded is not correctly encoded."))
		}
		b, err := base64.RawStdEncoding.DecodeString(s)
		if err != nil {
			panic(invalidCharacter(vm, "atob: the string to be decoded is not correctly encoded."))
		}
		u := make([]uint16, len(b))
		for i, c := range b {
			u[i] = uint16(c)
		}
		return vm.ToValue(string(utf16.Decode(u)))
	}
}

func btoa(vm *goja.Runtime) func(goja.FunctionCall) goja.Value {
	return func(call goja.FunctionCall) goja.Value {
		if len(call.Arguments) == 0 {
			panic(vm.NewTypeError("btoa: 1 argument required, but only 0 present."))
		}
		s := call.Argument(0).String()
		b := make([]byte, 0, len(s))
		for _, r := range s {
			if r > 0xFF {
				panic(invalidCharacter(vm, "btoa: the string to be encoded contains characters outside of the Latin1 range."))
			}
			b = append(b, byte(r))
		}
		return vm.ToValue(base64.StdEncoding.EncodeToString(b))
	}
}
