package site

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/modc-dev/modc/internal/browsertest"
	"github.com/modc-dev/modc/site/devserver"
)

// TestDevserverRemountsAppsKeepingTheStore: with an app open, an edit of a
// module it uses re-mounts the app with the new code, without reloading
// the page, and the store keeps what a click stored (not persisted, so
// only the page's memory has it).
func TestDevserverRemountsAppsKeepingTheStore(t *testing.T) {
	dir := copyExample(t)
	const main = "modules/format/dates/main.js"
	writeFile(t, dir, main, replace(t, readFile(t, dir, main), "export default {", `export default {
  /** Stores a value for this page only. */
  remember() {
    storeValue("picked", "clicked " + this.codeVersion(), false);
  },

  /** Says which code runs. */
  codeVersion() {
    return "one";
  },
`))
	app := readFile(t, dir, "apps/portal/app.json")
	writeFile(t, dir, "apps/portal/app.json", replace(t, app, `{ "name": "Title", "type": "text",`,
		`{ "name": "Remember", "type": "button", "label": "Remember", "onClick": "{{Dates.remember()}}" },
        { "name": "Stored", "type": "text", "text": "Stored: {{appsmith.store.picked}}" },
        { "name": "Code", "type": "text", "text": "Code: {{Dates.codeVersion()}}" },
        { "name": "Title", "type": "text",`))
	d := serveDev(t, dir, true)
	if rb := d.rebuild(); rb.Messages.HasErrors() {
		t.Fatalf("first build: %s", rb.Messages)
	}
	ctx := browsertest.New(t, nil)
	portal := openTab(t, ctx, d.url+"apps/portal/")
	portal.until("the app", `document.querySelector("[data-widget=Code]")?.innerText === "Code: one" &&
		document.querySelector("[data-modc-app]").dataset.modcState === "ready"`)
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("[data-widget=Remember] button"))); err != nil {
		t.Fatal(err)
	}
	portal.until("the stored value", `document.querySelector("[data-widget=Stored]")?.innerText === "Stored: clicked one"`)
	portal.mark()

	d.drain()
	writeFile(t, dir, main, replace(t, readFile(t, dir, main), `return "one";`, `return "two";`))
	for {
		rb := d.rebuild()
		if rb.Messages.HasErrors() {
			t.Fatalf("the edit broke the build: %s", rb.Messages)
		}
		if rb.Event == devserver.EventReload {
			t.Logf("changed: %q", rb.Files)
			break
		}
	}
	portal.until("the new code, the store kept", `document.querySelector("[data-widget=Code]")?.innerText === "Code: two" &&
		document.querySelector("[data-widget=Stored]")?.innerText === "Stored: clicked one" &&
		document.querySelector("[data-modc-app]").dataset.modcUpdates === "1"`)
	if !portal.marked() {
		t.Fatal("the page reloaded")
	}
	// The new code is the one that runs on a click too.
	if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS("[data-widget=Remember] button"))); err != nil {
		t.Fatal(err)
	}
	portal.until("the value the new code stores", `document.querySelector("[data-widget=Stored]")?.innerText === "Stored: clicked two"`)
	if !portal.marked() {
		t.Fatal("the page reloaded")
	}
}
