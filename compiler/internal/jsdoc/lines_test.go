package jsdoc

import (
	"strings"
	"testing"
)

// TestLines: which runs of // comments above a member describe it.
func TestLines(t *testing.T) {
	for _, c := range []struct {
		comments string // the run, one comment a line, without the "//"
		want     string // the summary; "" for no description
	}{
		// Prose.
		{" Loads the orders of the selected customer.", "Loads the orders of the selected customer."},
		{" Total of the cart, taxes included\n Recomputed on every change", "Total of the cart, taxes included\nRecomputed on every change"},
		{"Fetch users", "Fetch users"},
		{" Deprecated (use loadAll instead)", "Deprecated (use loadAll instead)"},
		{" TODO(sam): paginate (later)", "TODO(sam): paginate (later)"},
		{" Note: runs on page load", "Note: runs on page load"},
		{" Default: 25 rows", "Default: 25 rows"},
		{" return the first page only", "return the first page only"},
		{" Returns users.", "Returns users."},
		{" ... and the rest", "... and the rest"},
		{" - first step\n - second step", "- first step\n- second step"},
		{" L'état du formulaire", "L'état du formulaire"},
		{" First paragraph.\n\n Second paragraph.", "First paragraph.\n\nSecond paragraph."},
		{"\n Padded.\n", "Padded."},
		// Banners.
		{" ----- helpers -----", ""},
		{" ==== State ====", ""},
		{" ------------------------------------------", ""},
		{"////////////////////", ""},
		{" *** API calls ***", ""},
		{" --- table actions", ""},
		{" ═══════ Totaux ═══════", ""},
		{" #region Helpers", ""},
		{"region Helpers", ""},
		{" ================\n Helpers\n ================", ""},
		// A banner ends the description: only what is below it counts.
		{" ===== Helpers =====\n Formats a date for the table.", "Formats a date for the table."},
		{" Formats a date.\n -----------------", ""},
		// Commented-out code.
		{" const x = foo();", ""},
		{"this.run()", ""},
		{" this.run();", ""},
		{" showAlert('Saved', 'success')", ""},
		{" await Api1.run()", ""},
		{" Api1.run().then(() => closeModal(Modal1.name))", ""},
		{" Api1.run().then(() => {", ""},
		{" console.log(getUsers.data)", ""},
		{" total = price * qty", ""},
		{" this.count += 1", ""},
		{" i++", ""},
		{" if (!Table1.selectedRow) return;", ""},
		{" if (x) {", ""},
		{" } else {", ""},
		{" });", ""},
		{" },", ""},
		{" return data.map(r => r.id)", ""},
		{" return;", ""},
		{" return rows", ""},
		{" oldFetch: async () => {\n   const res = await getUsers.run();\n   return res\n },", ""},
		{" pageSize: 25,", ""},
		{" label: \"Total\"", ""},
		{" onDone: () => this.reset()", ""},
		{" case 'open':", ""},
		{" default:", ""},
		{" let rows = []", ""},
		{" import dayjs from 'dayjs'", ""},
		{" status === 'open' ? 1 : 0", ""},
		// Tool directives.
		{" eslint-disable-next-line no-undef", ""},
		{" @ts-ignore", ""},
		{" prettier-ignore", ""},
		// Code between prose lines is dropped, the prose kept.
		{" Loads the table.\n this.reset();\n Called on page load.", "Loads the table.\nCalled on page load."},
		{" Fetch users\n const users = await Api1.run();", "Fetch users"},
	} {
		var lines []string
		if c.comments != "" {
			lines = strings.Split(c.comments, "\n")
		}
		got := ""
		if d := Lines(lines); d != nil {
			got = d.Summary
		}
		if got != c.want {
			t.Errorf("Lines(%q) = %q, want %q", c.comments, got, c.want)
		}
	}
}

// FuzzLines: no input panics.
func FuzzLines(f *testing.F) {
	f.Add(" ==== X ====\n const x = foo();\n Prose.")
	f.Add("\xff\xfe---")
	f.Fuzz(func(t *testing.T, s string) {
		Lines(strings.Split(s, "\n"))
	})
}
