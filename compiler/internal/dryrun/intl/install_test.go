package intl

import (
	"testing"

	"github.com/dop251/goja"
)

// TestInstallIsLazy checks what Install adds for each kind of code.
func TestInstallIsLazy(t *testing.T) {
	for _, c := range []struct {
		code, src, want string
	}{
		// Code that names nothing gets nothing (goja's own methods).
		{"return 1", "typeof Intl", "undefined"},
		{"return 1", "(1234.5).toLocaleString()", "1234.5"},
		// Intl is an accessor until first used, then a plain property.
		{"Intl", "typeof Object.getOwnPropertyDescriptor(globalThis, 'Intl').get", "function"},
		{"Intl", "Intl.NumberFormat.name + ' ' + typeof Object.getOwnPropertyDescriptor(globalThis, 'Intl').value", "NumberFormat object"},
		{"Intl", "Intl = 5; Intl", "5"},
		{"Intl", "Object.keys(globalThis).includes('Intl')", "false"},
		// The methods are replaced when named.
		{"toLocaleString", "(1234.5).toLocaleString()", "1,234.5"},
		{"toLocaleString", "typeof Intl", "undefined"},
		{"s.toLocaleLowerCase()", "(1234.5).toLocaleString()", "1234.5"},
		{"toLocaleTimeString", "(1234.5).toLocaleString()", "1,234.5"},
		{"localeCompare", `["b", "a", "B"].sort((x, y) => x.localeCompare(y)).join()`, "a,b,B"},
		{"toLocaleDateString", "new Date(0).toLocaleDateString('de-DE', {timeZone: 'UTC'})", "1.1.1970"},
		// A replaced RangeError is what Intl throws.
		{"Intl", "RangeError = function Mine(m) { this.m = m }; try { new Intl.NumberFormat('en', {style: 'x'}) } catch (e) { e.constructor.name }", "Mine"},
		{"Intl", "RangeError = 5; try { new Intl.NumberFormat('en', {style: 'x'}) } catch (e) { e.name }", "TypeError"},
	} {
		vm := goja.New()
		Install(vm, c.code)
		v, err := vm.RunString(c.src)
		if err != nil {
			t.Errorf("%s (code %q): %v", c.src, c.code, err)
			continue
		}
		if got := v.String(); got != c.want {
			t.Errorf("%s (code %q) = %q, want %q", c.src, c.code, got, c.want)
		}
	}
}
