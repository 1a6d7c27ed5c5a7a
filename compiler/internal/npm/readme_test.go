package npm

import "testing"

func TestMethodSignature(t *testing.T) {
	for _, c := range [][3]string{
		{"f", "() => any", "f(): any"},
		{"f", "(a: string, b?: number) => Promise<void>", "f(a: string, b?: number): Promise<void>"},
		{"f", "(cb: (x: number) => void) => Promise<(y: string) => number>", "f(cb: (x: number) => void): Promise<(y: string) => number>"},
		{"f", "(a: Record<string, {b: [number]}>) => string | null", "f(a: Record<string, {b: [number]}>): string | null"},
		{"f", "any", "f: any"},
		{"f", "(unbalanced", "f: (unbalanced"},
	} {
		if got := methodSignature(c[0], c[1]); got != c[2] {
			t.Errorf("methodSignature(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

func TestVarName(t *testing.T) {
	for in, want := range map[string]string{
		"manage_tokens": "manageTokens", "get_users": "getUsers", "dates": "dates",
		"a__b_": "aB", "_x": "x", "x1_y2": "x1Y2",
	} {
		if got := VarName(in); got != want {
			t.Errorf("VarName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestScopes(t *testing.T) {
	for scope, ok := range map[string]bool{
		"@acme": true, "acme": true, "@acme-corp": true, "@a.b_c~d": true, "@0x": true,
		"@Acme": false, "@acme corp": false, "@.acme": false, "@_acme": false, "@": false,
		"@acme/x": false, "@@acme": false, "@ac%6d": false,
	} {
		if got := scopeRE.MatchString(scope); got != ok {
			t.Errorf("scope %q valid = %v, want %v", scope, got, ok)
		}
	}
}
