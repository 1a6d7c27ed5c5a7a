package bundle

import "testing"

// tsTypeCases are JSDoc types and the TypeScript TSType makes of them;
// TestDeclarationsCompile also compiles every result with tsc.
var tsTypeCases = []struct{ in, want string }{
	{"", "any"},
	{"string", "string"},
	{"String", "string"},
	{"*", "any"},
	{"?", "any"},
	{"number|string", "number | string"},
	{"(number|string)", "(number | string)"},
	{"?string", "string | null"},
	{"!Object", "Record<string, any>"},
	{"string[]", "string[]"},
	{"(string|number)[]", "(string | number)[]"},
	{"Array.<string>", "string[]"},
	{"Array<number|string>", "(number | string)[]"},
	{"Array", "any[]"},
	{"Object.<string, number>", "Record<string, number>"},
	{"Promise", "Promise<any>"},
	{"Promise<number>", "Promise<number>"},
	{"Promise.<Array.<string>>", "Promise<string[]>"},
	{"Map<string, Set<number>>", "Map<string, Set<number>>"},
	{"{a: number, b}", "{ a: number; b: any }"},
	{"{a: number; 'b-c'?: string}", `{ a: number; "b-c"?: string }`},
	{"{}", "{}"},
	{"[string, number]", "[string, number]"},
	{`"GET"|'POST'`, `"GET" | "POST"`},
	{"1|2", "1 | 2"},
	{"function(string, number): boolean", "(arg0: string, arg1: number) => boolean"},
	{"function()", "() => void"},
	{"Function", "((...args: any[]) => any)"},
	{"(a: string, b?: number) => void", "(a: string, b?: number) => void"},
	{"((a: string) => void)|null", "((a: string) => void) | null"},
	{"...number", "number[]"},
	{"number=", "number"},
	{"User", "any"},
	{"Promise<User>", "Promise<any>"},
	{"Array<User>[]", "any[][]"},
	{"string & {x: number}", "string & { x: number }"},
	{"T extends U ? X : Y", "any"},
	{"Promise<", "any"},
	{"{a: }", "any"},
	{"string|string", "string"},
	{"Record<string>", "Record<string, any>"},
	{"Map<a,b,c>", "any"},
}

func TestTSType(t *testing.T) {
	for _, c := range tsTypeCases {
		if got := TSType(c.in); got != c.want {
			t.Errorf("TSType(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
