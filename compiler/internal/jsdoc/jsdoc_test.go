package jsdoc

import "testing"

func TestParse(t *testing.T) {
	d := Parse(`/**
   * Returns a valid access token.
   * Refreshes it when needed.
   * @param {string} token the JWT
   * @param {{a: number}} [opts={}] - options
   * @param {number=} retries
   * @returns {Promise<string>} the token
   * @example
   *   await tokens.getAccessToken()
   * @deprecated use getToken
   */`)
	if d.Summary != "Returns a valid access token.\nRefreshes it when needed." {
		t.Errorf("summary %q", d.Summary)
	}
	if len(d.Params) != 3 {
		t.Fatalf("params %+v", d.Params)
	}
	if p := d.Params[0]; p.Name != "token" || p.Type != "string" || p.Description != "the JWT" || p.Optional {
		t.Errorf("param 0 %+v", p)
	}
	if p := d.Param("opts"); p == nil || p.Type != "{a: number}" || !p.Optional || p.Default != "{}" || p.Description != "options" {
		t.Errorf("param opts %+v", p)
	}
	if p := d.Param("retries"); p == nil || p.Type != "number" || !p.Optional {
		t.Errorf("param retries %+v", p)
	}
	if d.Returns == nil || d.Returns.Type != "Promise<string>" || d.Returns.Description != "the token" {
		t.Errorf("returns %+v", d.Returns)
	}
	if len(d.Examples) != 1 || d.Examples[0] != "  await tokens.getAccessToken()" {
		t.Errorf("examples %q", d.Examples)
	}
	if d.Deprecated == nil || *d.Deprecated != "use getToken" {
		t.Errorf("deprecated %v", d.Deprecated)
	}
}
